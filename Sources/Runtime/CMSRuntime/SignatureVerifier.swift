import Foundation

/// Checks C2 (auth-v2) signatures: the server side of `CMSC2Signer`, for local CC-CMS doubles and tests.
///
/// Every malformed `Authorization` header is refused with a reason; nothing in a header can make it trap.
public struct CMSSignatureVerifier: Sendable {
    public var credentials: CMSCredentials
    /// How far a signature's timestamp may be from the server's clock, in seconds, either way.
    public var window: TimeInterval
    public var now: @Sendable () -> Date

    public init(credentials: CMSCredentials, window: TimeInterval = 900, now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.window = window
        self.now = now
    }

    public enum Verdict: Sendable, Hashable {
        case valid
        /// Why the signature is refused, in words fit for a 401 body (no secrets).
        case rejected(String)
    }

    /// The longest `Authorization` value looked at; a real one is about 150 characters.
    public static let maximumHeaderLength = 4096

    /// Verifies `request` as received on `host` (`ip:port` from the Host header).
    public func verify(_ request: CMSHTTPRequest, host: String) -> Verdict {
        let authorization: String
        switch Self.authorization(of: request) {
        case .success(let value): authorization = value
        case .failure(let refusal): return .rejected(refusal.reason)
        }
        let parts = authorization.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "auth-v2" else { return .rejected("Authorization is not auth-v2/AK/timestamp/signedHeaders/signature") }
        let (accessKey, timestamp, signedHeaders, signature) = (parts[1], parts[2], parts[3], parts[4])
        guard accessKey == credentials.accessKey else { return .rejected("unknown access key") }
        guard let date = CMSC2Signer.date(fromTimestamp: timestamp) else { return .rejected("unreadable timestamp") }
        guard Self.isWithin(window, of: now(), date) else { return .rejected("timestamp outside the allowed window of \(windowDescription) s") }
        let names = signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else { return .rejected("the signed header list is empty or malformed") }
        guard Self.isLowerHex64(signature) else { return .rejected("the signature is not 64 lower-case hexadecimal digits") }
        let signer = CMSC2Signer(credentials: credentials)
        let expected = signer.signature(for: request, host: host, timestamp: timestamp, signedHeaderNames: names)
        guard Self.constantTimeEqual(expected.signature, signature) else { return .rejected("signature does not match") }
        return .valid
    }

    private var windowDescription: String {
        window.isFinite && abs(window) < 1e15 ? String(Int64(window)) : "\(window)"
    }

    // MARK: What every signature check does first

    /// Why an `Authorization` header is refused before its scheme is read.
    struct Refusal: Error { var reason: String }

    /// The request's one `Authorization` value: refused when missing, sent twice, longer than
    /// `maximumHeaderLength` or not printable ASCII.
    static func authorization(of request: CMSHTTPRequest) -> Result<String, Refusal> {
        let values = request.headers.filter { $0.key.lowercased() == "authorization" }.map(\.value)
        guard let authorization = values.first else { return .failure(Refusal(reason: "missing Authorization header")) }
        guard values.count == 1 else { return .failure(Refusal(reason: "the Authorization header is sent more than once")) }
        guard authorization.utf8.count <= maximumHeaderLength else { return .failure(Refusal(reason: "the Authorization header is too long")) }
        guard authorization.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }) else {
            return .failure(Refusal(reason: "the Authorization header holds characters other than printable ASCII"))
        }
        return .success(authorization)
    }

    /// Whether `date` is within `window` seconds of `now`; a window that is not a finite, non-negative number accepts
    /// nothing.
    static func isWithin(_ window: TimeInterval, of now: Date, _ date: Date) -> Bool {
        guard window.isFinite, window >= 0 else { return false }
        let distance = date.timeIntervalSince(now)
        return distance.isFinite && abs(distance) <= window
    }

    /// 64 lower-case hexadecimal digits, as both schemes write a signature.
    static func isLowerHex64(_ text: String) -> Bool {
        text.utf8.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// Compares two signatures in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
