import Foundation

/// AK/SK signing as the vendor's API gateway checks it and its SDKs do it (`SDK-HMAC-SHA256`).
///
/// `Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={names}, Signature={hex}`, with the signing time in
/// `X-Sdk-Date` (`yyyyMMdd'T'HHmmss'Z'`, UTC). The signature is HMAC-SHA256, keyed with the secret key, over
/// `SDK-HMAC-SHA256 \n time \n hex(SHA-256(canonical request))`; the canonical request is the method, the path (each
/// segment percent-encoded, a final `/` added), the sorted query, one `name:value` line per signed header, the signed
/// header names, and the hex SHA-256 of the body, joined by newlines. Every header of the request is signed, with
/// `host` and `x-sdk-date`. Checked byte for byte against the vendor's Python SDK core (`huaweicloudsdkcore.signer`).
public struct CMSAKSKSigner: CMSRequestSigner, CustomStringConvertible {
    public static let algorithm = "SDK-HMAC-SHA256"
    /// The SHA-256 of an empty body.
    static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public var credentials: CMSCredentials
    /// The `Host` the request is sent to, as signed: the host, with the port when it is not the scheme's default.
    public var host: String
    /// The path of the base URL the transport puts before each request's path (`/gateway` of
    /// `https://host/gateway`), signed with it; empty for a base URL without one.
    public var pathPrefix: String
    /// The clock; injectable for tests and replays.
    public var now: @Sendable () -> Date

    public init(credentials: CMSCredentials, host: String, pathPrefix: String = "", now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.host = host
        self.pathPrefix = pathPrefix
        self.now = now
    }

    /// Signs for the host of `baseURL`, and the path it puts before each request's.
    public init(credentials: CMSCredentials, baseURL: URL, now: @escaping @Sendable () -> Date = { Date() }) {
        var prefix = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        while prefix.hasSuffix("/") { prefix.removeLast() }
        self.init(credentials: credentials, host: CMSAKSKSigner.host(of: baseURL), pathPrefix: prefix, now: now)
    }

    /// `host` or `host:port` as a client sends it in `Host`: the port only when it is not the scheme's default.
    public static func host(of url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let host = components?.host ?? ""
        guard let port = components?.port else { return host }
        let defaultPort = components?.scheme?.lowercased() == "http" ? 80 : 443
        return port == defaultPort ? host : "\(host):\(port)"
    }

    /// What a signature was computed from, for tests and for the server side.
    public struct Signature: Sendable, Hashable {
        public var date: String
        public var signedHeaders: String
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var authorization: String
    }

    /// The request with `X-Sdk-Date` and `Authorization` set (and `X-Sdk-Content-Sha256` for a body that is not JSON).
    public func sign(_ request: CMSHTTPRequest) -> CMSHTTPRequest {
        var request = request
        request.headers = request.headers.filter { $0.key.lowercased() != "authorization" && $0.key.lowercased() != "x-sdk-date" }
        request.headers["X-Sdk-Date"] = CMSAKSKSigner.date(now())
        // A body that is neither JSON nor BSON is not hashed (the SDK reads the header by this exact name).
        if let contentType = request.headers["Content-Type"], !contentType.hasPrefix("application/json"), !contentType.hasPrefix("application/bson"),
           CMSAKSKSigner.header("x-sdk-content-sha256", in: request) == nil {
            request.headers["X-Sdk-Content-Sha256"] = "UNSIGNED-PAYLOAD"
        }
        request.headers["Authorization"] = signature(for: request).authorization
        return request
    }

    /// The signature of a request that carries its `X-Sdk-Date`, signing every header it has (and `host`). A name that
    /// is not an HTTP token cannot be sent as a header, and one with `_` is dropped by the gateway: neither is signed,
    /// as the SDKs do it.
    public func signature(for request: CMSHTTPRequest) -> Signature {
        var names = Set(request.headers.keys.filter { CMSAKSKSigner.isToken($0) && !$0.contains("_") }.map { $0.lowercased() })
        names.remove("authorization")
        names.insert("host")
        return signature(for: request, signedHeaderNames: names.sorted())
    }

    /// The signature of a request over the given header names (the server side reads them from `Authorization`).
    public func signature(for request: CMSHTTPRequest, signedHeaderNames names: [String]) -> Signature {
        let date = CMSAKSKSigner.header("x-sdk-date", in: request) ?? ""
        var sent = request
        sent.path = pathPrefix + request.path
        let canonical = CMSAKSKSigner.canonicalRequest(sent, host: host, signedHeaderNames: names)
        let stringToSign = "\(CMSAKSKSigner.algorithm)\n\(date)\n\(CMSAKSKSigner.sha256Hex(Data(canonical.utf8)))"
        let code = HMACSHA256.authenticationCode(key: Array(credentials.secretKey.utf8), message: stringToSign.utf8)
        let signature = HMACSHA256.hex(code)
        let signedHeaders = names.joined(separator: ";")
        return Signature(
            date: date, signedHeaders: signedHeaders, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
            authorization: "\(CMSAKSKSigner.algorithm) Access=\(credentials.accessKey), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        )
    }

    /// `METHOD \n /path/ \n query \n name:value \n … \n (blank) \n names \n hex(SHA-256(body))`.
    public static func canonicalRequest(_ request: CMSHTTPRequest, host: String, signedHeaderNames names: [String]) -> String {
        let headers = names.map { name -> String in
            let value = name == "host" ? header("host", in: request) ?? host : header(name, in: request) ?? ""
            return name + ":" + value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let bodyHash: String
        if request.body.isEmpty {
            bodyHash = emptyBodyHash
        } else if let declared = header("x-sdk-content-sha256", in: request) {
            bodyHash = declared
        } else {
            bodyHash = sha256Hex(request.body)
        }
        return [
            request.method.uppercased(), canonicalPath(request.path), canonicalQuery(request.query),
            headers.map { $0 + "\n" }.joined(), names.joined(separator: ";"), bodyHash,
        ].joined(separator: "\n")
    }

    /// RFC 9110 `token`: what a header name may be.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (0x21...0x7E).contains(byte) && !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
        }
    }

    /// The path decoded, split at its slashes (an encoded `%2F` splits too, as the gateway and the SDKs do it), each
    /// segment encoded again, and a final `/`.
    static func canonicalPath(_ path: String) -> String {
        var encoded = percentDecoded(path).split(separator: "/", omittingEmptySubsequences: false)
            .map { encode(String($0)) }
            .joined(separator: "/")
        if !encoded.hasSuffix("/") { encoded += "/" }
        return encoded
    }

    /// The query pairs sorted by name, then value (by Unicode scalars), each `enc(name)=enc(value)`, joined by `&`.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.sorted { a, b in
            a.name != b.name ? precedes(a.name, b.name) : precedes(a.value, b.value)
        }
        .map { "\(encode($0.name))=\(encode($0.value))" }
        .joined(separator: "&")
    }

    /// Code-point order, as the SDK's sort compares strings.
    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
    }

    /// The UTF-8 bytes percent-encoded, keeping only `A-Z a-z 0-9 _ . - ~`; upper-case hex.
    public static func encode(_ text: String) -> String { CMSPathEncoding.unreserved(text) }

    /// `%XX` escapes decoded as UTF-8 (an invalid sequence becomes U+FFFD); anything else as it is.
    static func percentDecoded(_ text: String) -> String {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The value of a header, its name in any case.
    static func header(_ name: String, in request: CMSHTTPRequest) -> String? {
        request.headers.first { $0.key.lowercased() == name }?.value
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// The date of an `X-Sdk-Date` value; nil for anything but `yyyyMMdd'T'HHmmss'Z'`.
    public static func date(fromHeader text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
              bytes[0..<8].allSatisfy({ (48...57).contains($0) }), bytes[9..<15].allSatisfy({ (48...57).contains($0) }) else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) } }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (number(0..<4), number(4..<6), number(6..<8))
        (components.hour, components.minute, components.second) = (number(9..<11), number(11..<13), number(13..<15))
        guard components.isValidDate, let date = components.date else { return nil }
        return date
    }

    static func sha256Hex(_ data: Data) -> String { HMACSHA256.hex(SHA256Hasher.hash(data)) }

    public var description: String { "CMSAKSKSigner(accessKey: \(credentials.accessKey), secretKey: <redacted>, host: \(host))" }
}

/// Checks AK/SK (`SDK-HMAC-SHA256`) signatures: the server side of `CMSAKSKSigner`, for local doubles and tests.
///
/// Every malformed `Authorization` or `X-Sdk-Date` header is refused with a reason; nothing in a header can make it
/// trap.
public struct CMSAKSKVerifier: Sendable {
    public var credentials: CMSCredentials
    /// How far the signing time may be from the server's clock, in seconds, either way.
    public var window: TimeInterval
    public var now: @Sendable () -> Date

    public init(credentials: CMSCredentials, window: TimeInterval = 900, now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.window = window
        self.now = now
    }

    /// Verifies `request` as received (its whole path) for `host`, the `Host` the client signed: the request's Host
    /// header, or the address it was sent to when something in between (an NSLB, a proxy) changed it.
    public func verify(_ request: CMSHTTPRequest, host: String) -> CMSSignatureVerifier.Verdict {
        let authorization: String
        switch CMSSignatureVerifier.authorization(of: request) {
        case .success(let value): authorization = value
        case .failure(let refusal): return .rejected(refusal.reason)
        }
        let prefix = CMSAKSKSigner.algorithm + " "
        guard authorization.hasPrefix(prefix) else { return .rejected("Authorization is not \(CMSAKSKSigner.algorithm) Access=…, SignedHeaders=…, Signature=…") }
        var parts: [String: String] = [:]
        for item in authorization.dropFirst(prefix.count).split(separator: ",") {
            let pair = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return .rejected("Authorization has a part that is not name=value") }
            parts[String(pair[0])] = String(pair[1])
        }
        guard let access = parts["Access"], let signedHeaders = parts["SignedHeaders"], let signature = parts["Signature"] else {
            return .rejected("Authorization lacks Access, SignedHeaders or Signature")
        }
        guard access == credentials.accessKey else { return .rejected("unknown access key") }
        guard let dateText = CMSAKSKSigner.header("x-sdk-date", in: request) else { return .rejected("missing X-Sdk-Date header") }
        guard let date = CMSAKSKSigner.date(fromHeader: dateText) else { return .rejected("X-Sdk-Date is not yyyyMMdd'T'HHmmss'Z'") }
        guard CMSSignatureVerifier.isWithin(window, of: now(), date) else { return .rejected("X-Sdk-Date is outside the allowed window") }
        let names = signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && $0 == $0.lowercased() }), names.contains("x-sdk-date"), names.contains("host") else {
            return .rejected("the signed header list is malformed, or does not hold host and x-sdk-date")
        }
        guard CMSSignatureVerifier.isLowerHex64(signature) else { return .rejected("the signature is not 64 lower-case hexadecimal digits") }
        var received = request
        received.headers = request.headers.filter { $0.key.lowercased() != "host" }
        let expected = CMSAKSKSigner(credentials: credentials, host: host).signature(for: received, signedHeaderNames: names).signature
        return CMSSignatureVerifier.constantTimeEqual(expected, signature) ? .valid : .rejected("signature does not match")
    }
}
