import Foundation
import Logging

/// Where a CC-CMS is, who is calling, and how requests are signed.
public struct CMSConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `https://ip:port` of the NSLB in front of the CC-CMS.
    public var baseURL: URL
    /// The AK/SK pair; the SK never appears in descriptions, dumps, logs or errors.
    public var credentials: CMSCredentials
    /// Seconds a request may take, connection included.
    public var timeout: TimeInterval
    public var signing: CMSSigningOptions
    /// The clock used for signatures.
    public var now: @Sendable () -> Date
    /// Where the client logs (method, path, status, duration; never credentials or signatures). Off by default.
    public var logger: Logger

    /// A logger that drops everything: the default.
    public static let silentLogger = Logger(label: "CMSKit", factory: { _ in SwiftLogNoOpLogHandler() })

    public init(
        baseURL: URL, credentials: CMSCredentials, timeout: TimeInterval = 30, signing: CMSSigningOptions = .vendorDemo,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = CMSConfiguration.silentLogger
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.timeout = timeout
        self.signing = signing
        self.now = now
        self.logger = logger
    }

    /// `ip:port` as signed in the `host` header: the port is always written, 443 or 80 when the URL has none.
    public var host: String {
        let components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)
        let host = components?.host ?? ""
        let port = components?.port ?? (components?.scheme == "http" ? 80 : 443)
        return "\(host):\(port)"
    }

    public var description: String {
        "CMSConfiguration(baseURL: \(baseURL.absoluteString), credentials: \(credentials), timeout: \(timeout), signing: \(signing.signedHeaders.joined(separator: ";")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "credentials": credentials, "timeout": timeout, "signing": signing])
    }
}

/// Signs every request (C2 by default) before handing it to the transport below, and logs the exchange.
public struct CMSSignedTransport: CMSTransport {
    public var upstream: any CMSTransport
    public var signer: any CMSRequestSigner
    public var logger: Logger

    public init(upstream: any CMSTransport, signer: any CMSRequestSigner, logger: Logger = CMSConfiguration.silentLogger) {
        self.upstream = upstream
        self.signer = signer
        self.logger = logger
    }

    /// C2 signatures with `signer` for the server at `host` (`ip:port`, as signed).
    public init(upstream: any CMSTransport, signer: CMSC2Signer, host: String, logger: Logger = CMSConfiguration.silentLogger) {
        self.init(upstream: upstream, signer: CMSC2RequestSigner(signer: signer, host: host), logger: logger)
    }

    /// C2 signatures as `configuration` says.
    public init(upstream: any CMSTransport, configuration: CMSConfiguration) {
        self.init(upstream: upstream, signer: CMSC2RequestSigner(configuration: configuration), logger: configuration.logger)
    }

    public func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        let signed: CMSHTTPRequest
        do {
            signed = try await signer.sign(request)
        } catch {
            logger.warning("request signing failed", metadata: ["path": "\(request.path)", "error": "\(error)"])
            throw error
        }
        let start = DispatchTime.now().uptimeNanoseconds
        logger.debug("request", metadata: ["method": "\(request.method)", "path": "\(request.path)", "bytes": "\(request.body.count)"])
        do {
            let response = try await upstream.send(signed)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            logger.debug("response", metadata: [
                "path": "\(request.path)", "status": "\(response.status)", "ms": "\(String(format: "%.1f", milliseconds))",
            ])
            return response
        } catch {
            logger.warning("transport failure", metadata: ["path": "\(request.path)", "error": "\(error)"])
            throw error
        }
    }
}

extension CMSClientCore {
    /// A core that signs with C2 as `configuration` says and sends through `transport`
    /// (by default URLSession; use `CMSAsyncHTTPClientTransport` for a private CA).
    public init(configuration: CMSConfiguration, transport: (any CMSTransport)? = nil, decodingMode: CMSDecodingMode = .lenient, resultCodeMeanings: [String: String] = [:]) {
        let upstream = transport ?? CMSURLSessionTransport(baseURL: configuration.baseURL, timeout: configuration.timeout)
        self.init(transport: CMSSignedTransport(upstream: upstream, configuration: configuration), decodingMode: decodingMode, resultCodeMeanings: resultCodeMeanings)
    }

    /// A core that signs every request with `signer` (a token header, another scheme) and sends through `transport`
    /// (by default URLSession to `baseURL`).
    public init(
        baseURL: URL, signer: any CMSRequestSigner, transport: (any CMSTransport)? = nil, timeout: TimeInterval = 30,
        logger: Logger = CMSConfiguration.silentLogger, decodingMode: CMSDecodingMode = .lenient, resultCodeMeanings: [String: String] = [:]
    ) {
        let upstream = transport ?? CMSURLSessionTransport(baseURL: baseURL, timeout: timeout)
        self.init(transport: CMSSignedTransport(upstream: upstream, signer: signer, logger: logger), decodingMode: decodingMode, resultCodeMeanings: resultCodeMeanings)
    }
}

extension CMSHTTPRequest: CustomStringConvertible {
    /// The request with its Authorization value redacted.
    public var description: String {
        let headers = self.headers.sorted { $0.key < $1.key }.map { key, value in
            "\(key): \(CMSHTTPRequest.isCredential(key) ? "<redacted>" : value)"
        }
        return "\(method) \(path)\(query.isEmpty ? "" : "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")) [\(headers.joined(separator: ", "))] \(body.count) bytes"
    }
}

extension CMSHTTPRequest {
    /// Header fields that carry credentials: `Authorization` and token headers (`X-Auth-Token`).
    static func isCredential(_ header: String) -> Bool {
        let name = header.lowercased()
        return name == "authorization" || name.hasSuffix("-token") || name.hasSuffix("_token") || name == "token" || name == "cookie"
    }
}

extension CMSHTTPRequest: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["request": description]) }
}
