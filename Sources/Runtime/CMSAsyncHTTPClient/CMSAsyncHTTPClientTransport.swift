import AsyncHTTPClient
import CMSRuntime
import Foundation
import NIOCore
import NIOSSL

/// Which certificates the transport accepts from the server (the NSLB in front of the CC-CMS).
public enum CMSCertificateTrust: Sendable {
    /// The system's certificate bundle only, as a browser would. The default.
    case systemRoots
    /// The system bundle plus the CA certificate(s) in a PEM file, for an NSLB whose certificate comes from a private CA.
    case certificateAuthority(pemFile: String)
    /// The system bundle plus the CA certificate(s) given as PEM text (`-----BEGIN CERTIFICATE-----…`).
    case certificateAuthorityPEM(String)
    /// **Accepts any certificate from anyone: no server authentication at all.** Anyone on the path can read and alter
    /// every request, including the signed ones. Only for throwaway tests against a local server; never in production.
    case insecureNoVerificationForTestingOnly
}

/// Sends requests with AsyncHTTPClient, which, unlike URLSession on Linux, can trust a private CA.
///
/// ```swift
/// let transport = CMSAsyncHTTPClientTransport(baseURL: url, trust: .certificateAuthority(pemFile: "/etc/cms/ca.pem"))
/// let client = CMSClient(configuration: CMSConfiguration(baseURL: url, credentials: credentials), transport: transport)
/// // … use the client …
/// try await transport.shutdown()   // required, exactly once, when done
/// ```
///
/// Each transport owns one `HTTPClient` (connection pool) on the shared NIO event loop group; share one transport
/// between clients rather than making one per call. **Call `shutdown()` once you are done**: an `HTTPClient` that is
/// released without being shut down trips an assertion in debug builds and leaks its connections.
///
/// Behaviour: redirects are not followed (a 3xx comes back as a status, so signed requests never go elsewhere);
/// a failed connection (refused, TLS, certificate) fails the request at once instead of being retried until the timeout;
/// response bodies larger than ``maximumResponseBytes`` are refused. Every failure is thrown as `CMSError.transport`.
public final class CMSAsyncHTTPClientTransport: CMSTransport, Sendable {
    /// `https://ip:port` of the NSLB; request paths are appended to it.
    public let baseURL: URL
    /// Seconds a request may take, connection and body included.
    public let timeout: TimeInterval
    /// What this transport trusts.
    public let trust: CMSCertificateTrust
    /// The largest response body accepted by default (16 MiB).
    public static let defaultMaximumResponseBytes = 16 * 1024 * 1024
    /// The largest response body accepted; a larger one is not read further.
    public let maximumResponseBytes: Int

    private let client: HTTPClient
    /// Why the trust setting could not be used (an unreadable CA file, PEM without a certificate); every send fails with it.
    private let configurationError: String?

    /// A transport for `baseURL` that verifies the server against `trust` (the system roots by default).
    ///
    /// A CA that cannot be read does not fail here: every `send` then throws `CMSError.transport` saying why, and
    /// nothing is sent. You must still call `shutdown()`.
    public init(baseURL: URL, trust: CMSCertificateTrust = .systemRoots, timeout: TimeInterval = 30, maximumResponseBytes: Int = CMSAsyncHTTPClientTransport.defaultMaximumResponseBytes) {
        self.baseURL = baseURL
        self.maximumResponseBytes = maximumResponseBytes
        self.timeout = timeout
        self.trust = trust

        var tls = TLSConfiguration.makeClientConfiguration()
        var configurationError: String?
        switch trust {
        case .systemRoots:
            break
        case .certificateAuthority(let path):
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                if certificates.isEmpty {
                    configurationError = "the CA file \(path) contains no PEM certificate"
                } else {
                    tls.additionalTrustRoots = [.certificates(certificates)]
                }
            } catch {
                let reason = FileManager.default.isReadableFile(atPath: path) ? "not a PEM certificate (\(error))" : "no such readable file"
                configurationError = "cannot load the CA certificate file \(path): \(reason)"
            }
        case .certificateAuthorityPEM(let pem):
            do {
                let certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
                if certificates.isEmpty {
                    configurationError = "the CA PEM text contains no certificate"
                } else {
                    tls.additionalTrustRoots = [.certificates(certificates)]
                }
            } catch {
                configurationError = "cannot read the CA certificate PEM text: \(error)"
            }
        case .insecureNoVerificationForTestingOnly:
            tls.certificateVerification = .none
        }
        self.configurationError = configurationError

        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.timeAmount(timeout))
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: configuration)
    }

    /// Closes the connections and releases the client. Call it exactly once, when no request is running any more;
    /// later `send` calls fail.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `request` to `baseURL` + its path and query, and returns the whole answer (any status).
    /// Throws `CMSError.transport` when no answer came: connection refused, TLS or certificate failure, time-out.
    public func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        if let configurationError { throw CMSError.transport(CMSTransportFailure(configurationError)) }
        let url = try request.url(relativeTo: baseURL)
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = .init(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(request.body) }

        let deadline = NIODeadline.now() + Self.timeAmount(timeout)
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await response.body.collect(upTo: maximumResponseBytes)
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
            }
            return CMSHTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch {
            throw Self.transportError(error, url: url, timeout: timeout, limit: maximumResponseBytes)
        }
    }

    private static func timeAmount(_ seconds: TimeInterval) -> TimeAmount {
        .nanoseconds(Int64((max(seconds, 0.001) * 1e9).rounded()))
    }

    /// Turns AsyncHTTPClient, NIO and NIOSSL errors into a `CMSError.transport` whose text says what went wrong and
    /// which keeps the error underneath; a cancelled request is `CMSError.cancelled`.
    static func transportError(_ error: any Error, url: URL, timeout: TimeInterval, limit: Int) -> CMSError {
        if let error = error as? CMSError { return error }
        if error is CancellationError { return .cancelled }
        if let error = error as? HTTPClientError, error == .cancelled { return .cancelled }
        if error is NIOTooManyBytesError {
            return .transport(CMSTransportFailure(
                "the response from \(url.host ?? url.absoluteString) is larger than the limit of \(limit) bytes; it was not read further",
                underlying: CMSResponseTooLarge(limit: limit)
            ))
        }
        guard case .transport(let failure) = describe(error, url: url, timeout: timeout) else { return describe(error, url: url, timeout: timeout) }
        return .transport(CMSTransportFailure(failure.reason, underlying: error))
    }

    /// What went wrong, in words.
    private static func describe(_ error: any Error, url: URL, timeout: TimeInterval) -> CMSError {
        let server = url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } ?? url.absoluteString
        let seconds = timeout.rounded() == timeout ? "\(Int(timeout))" : "\(timeout)"
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return .transport("timed out after \(seconds) s waiting for \(server) (\(error))")
            case .remoteConnectionClosed:
                return .transport("\(server) closed the connection before answering")
            case .alreadyShutdown:
                return .transport("the transport was shut down; no request can be sent")
            case .cancelled:
                return .transport("the request to \(server) was cancelled")
            default:
                return .transport("request to \(server) failed: \(error)")
            }
        }
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed(let reason):
                // BoringSSL's text ends each entry with the source file it came from; drop that.
                let detail = "\(reason)".replacing(#/ at \S+\.cc?:\d+/#, with: "")
                if detail.contains("CERTIFICATE_VERIFY_FAILED") || detail.lowercased().contains("certificate") {
                    return .transport(CMSTransportFailure(
                        "TLS handshake with \(server) failed: the server certificate could not be verified against the trusted CAs "
                            + "(for an NSLB with a private CA, pass trust: .certificateAuthority(pemFile:)); \(detail)"
                    ))
                }
                return .transport("TLS handshake with \(server) failed: \(detail)")
            case .uncleanShutdown:
                return .transport("\(server) closed the TLS connection uncleanly")
            default:
                return .transport("TLS failure with \(server): \(error)")
            }
        }
        if let error = error as? NIOSSLExtraError {
            if error == .failedToValidateHostname {
                return .transport("the server certificate of \(server) is not valid for that host name or IP address: \(error)")
            }
            return .transport("TLS failure with \(server): \(error)")
        }
        // NIOPosix's NIOConnectionError (connection refused, no route…); matched by name so as not to depend on NIOPosix.
        if String(describing: type(of: error)) == "NIOConnectionError" || error is IOError {
            return .transport("cannot connect to \(server): \(error)")
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .transport("timed out after \(seconds) s connecting to \(server)")
        }
        return .transport("request to \(server) failed: \(error)")
    }
}
