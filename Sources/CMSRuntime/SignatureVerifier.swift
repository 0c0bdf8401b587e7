import Foundation

/// Checks C2 (auth-v2) signatures: the server side of `CMSC2Signer`, for local CC-CMS doubles and tests.
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

    /// Verifies `request` as received on `host` (`ip:port` from the Host header).
    public func verify(_ request: CMSHTTPRequest, host: String) -> Verdict {
        guard let authorization = request.headers.first(where: { $0.key.lowercased() == "authorization" })?.value else {
            return .rejected("missing Authorization header")
        }
        let parts = authorization.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "auth-v2" else { return .rejected("Authorization is not auth-v2/AK/timestamp/signedHeaders/signature") }
        let (accessKey, timestamp, signedHeaders, signature) = (parts[1], parts[2], parts[3], parts[4])
        guard accessKey == credentials.accessKey else { return .rejected("unknown access key") }
        guard let date = CMSC2Signer.date(fromTimestamp: timestamp) else { return .rejected("unreadable timestamp") }
        guard abs(date.timeIntervalSince(now())) <= window else { return .rejected("timestamp outside the allowed window of \(Int(window)) s") }
        let signer = CMSC2Signer(credentials: credentials)
        let expected = signer.signature(for: request, host: host, timestamp: timestamp, signedHeaderNames: signedHeaders.split(separator: ";").map(String.init))
        guard constantTimeEqual(expected.signature, signature) else { return .rejected("signature does not match") }
        return .valid
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
