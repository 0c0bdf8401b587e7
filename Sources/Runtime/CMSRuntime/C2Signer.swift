import Foundation

/// Which headers the C2 signature covers and how precise its timestamp is.
public struct CMSSigningOptions: Sendable, Hashable {
    public enum TimestampPrecision: Sendable, Hashable {
        /// `2024-10-31T14:06:52Z`, as the vendor's demo does. The default.
        case seconds
        /// `2024-10-31T14:06:52.123Z`, as some independent ports do.
        case milliseconds
    }

    /// Lower-case names of the signed headers. `host` is the `host:port` the client connects to; `content-length` and
    /// `content-type` are taken from the request.
    public var signedHeaders: [String]
    public var timestampPrecision: TimestampPrecision

    public init(signedHeaders: [String] = ["host"], timestampPrecision: TimestampPrecision = .seconds) {
        self.signedHeaders = signedHeaders.map { $0.lowercased() }.sorted()
        self.timestampPrecision = timestampPrecision
    }

    /// The vendor demo's behaviour: sign `host`, timestamp to the second.
    public static let vendorDemo = CMSSigningOptions()
    /// What independent ports do: sign `content-length;content-type;host`, timestamp to the millisecond.
    public static let contentAndHost = CMSSigningOptions(signedHeaders: ["content-length", "content-type", "host"], timestampPrecision: .milliseconds)
}

/// An access key and its secret. The secret never appears in descriptions, dumps, logs or errors.
public struct CMSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var accessKey: String
    public var secretKey: String

    public init(accessKey: String, secretKey: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
    }

    public var description: String { "CMSCredentials(accessKey: \(accessKey), secretKey: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["accessKey": accessKey, "secretKey": "<redacted>"]) }
}

/// C2 (auth-v2) request signing, as the CC-CMS documentation's demo does it.
///
/// `Authorization: auth-v2/{AK}/{timestamp}/{signedHeaders}/{signature}`, where the signature is
/// HMAC-SHA256(hex(HMAC-SHA256(SK, prefix)), canonicalRequest) and the canonical request is the method, the path,
/// the canonical query (when there is one), the signed header names, the canonical headers and the encoded body
/// (when there is one), joined by newlines.
public struct CMSC2Signer: Sendable {
    public var credentials: CMSCredentials
    public var options: CMSSigningOptions
    /// The clock; injectable for tests and replays.
    public var now: @Sendable () -> Date

    public init(credentials: CMSCredentials, options: CMSSigningOptions = .vendorDemo, now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.options = options
        self.now = now
    }

    /// What a signature was computed from, for tests and for the server side.
    public struct Signature: Sendable, Hashable {
        public var timestamp: String
        public var signedHeaders: String
        public var canonicalRequest: String
        public var signingKey: String
        public var signature: String
        public var authorization: String
    }

    /// Signs a request for `host` (`ip:port`): returns it with the Authorization header set.
    public func sign(_ request: CMSHTTPRequest, host: String) -> CMSHTTPRequest {
        var request = request
        request.headers["Authorization"] = signature(for: request, host: host, date: now()).authorization
        return request
    }

    /// The signature of `request` at `date`.
    public func signature(for request: CMSHTTPRequest, host: String, date: Date) -> Signature {
        let timestamp = CMSC2Signer.timestamp(date, precision: options.timestampPrecision)
        return signature(for: request, host: host, timestamp: timestamp, signedHeaderNames: options.signedHeaders)
    }

    /// The signature of `request` with an explicit timestamp and header set (the server side reads both from the header).
    public func signature(for request: CMSHTTPRequest, host: String, timestamp: String, signedHeaderNames: [String]) -> Signature {
        let names = signedHeaderNames.map { $0.lowercased() }.sorted()
        let signedHeaders = names.joined(separator: ";")
        let prefix = "auth-v2/\(credentials.accessKey)/\(timestamp)/\(signedHeaders)"
        let signingKey = CMSC2Signer.hmacHex(key: Data(credentials.secretKey.utf8), message: prefix)
        let canonical = CMSC2Signer.canonicalRequest(request, host: host, signedHeaderNames: names)
        let signature = CMSC2Signer.hmacHex(key: Data(signingKey.utf8), message: canonical)
        return Signature(
            timestamp: timestamp, signedHeaders: signedHeaders, canonicalRequest: canonical, signingKey: signingKey,
            signature: signature, authorization: "\(prefix)/\(signature)"
        )
    }

    /// `method \n path \n [query \n] signedHeaders \n canonicalHeaders [\n enc(body)]`.
    public static func canonicalRequest(_ request: CMSHTTPRequest, host: String, signedHeaderNames: [String]) -> String {
        var lines = [request.method.uppercased(), request.path]
        if !request.query.isEmpty {
            lines.append(request.query.map { "\(encode($0.name))=\(encode($0.value))" }.sorted().joined(separator: "&"))
        }
        let names = signedHeaderNames.map { $0.lowercased() }.sorted()
        lines.append(names.joined(separator: ";"))
        let headers = names.map { name in "\(encode(name)):\(encode(headerValue(name, in: request, host: host)))" }
        lines.append(headers.sorted().joined(separator: "\n"))
        // The line after the headers always ends; the encoded body follows only when there is one.
        return lines.joined(separator: "\n") + "\n" + (request.body.isEmpty ? "" : encode(String(decoding: request.body, as: UTF8.self)))
    }

    /// The value of a signed header: `host` is the connection's `host:port`, `content-length` the body's length.
    static func headerValue(_ name: String, in request: CMSHTTPRequest, host: String) -> String {
        switch name {
        case "host": return host
        case "content-length": return String(request.body.count)
        default: return request.headers.first { $0.key.lowercased() == name }?.value ?? ""
        }
    }

    /// Percent-encodes the UTF-8 bytes, keeping only `A-Z a-z 0-9 - . _ ~`; upper-case hex, space as `%20`.
    public static func encode(_ text: String) -> String { CMSPathEncoding.unreserved(text) }

    /// HMAC-SHA256 as 64 lower-case hex characters.
    public static func hmacHex(key: Data, message: String) -> String {
        HMACSHA256.hex(HMACSHA256.authenticationCode(key: key, message: message.utf8))
    }

    /// `yyyy-MM-dd'T'HH:mm:ss'Z'` (or with `.SSS`) in UTC.
    public static func timestamp(_ date: Date, precision: CMSSigningOptions.TimestampPrecision) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
        if precision == .milliseconds { text += String(format: ".%03d", (parts.nanosecond ?? 0) / 1_000_000) }
        return text + "Z"
    }

    /// Parses a timestamp of either precision with Foundation's ISO 8601 parsing; nil for anything else.
    public static func date(fromTimestamp text: String) -> Date? {
        guard text.utf8.count <= 64 else { return nil }
        return (try? Date.ISO8601FormatStyle().parse(text)) ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
    }
}
