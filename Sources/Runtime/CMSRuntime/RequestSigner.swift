import Foundation

/// Adds the credentials of one authentication scheme to a request, just before it is sent.
///
/// C2 (auth-v2), the scheme of CC-CMS, is `CMSC2RequestSigner`; a family that authenticates with a token header uses
/// `CMSTokenSigner`; any other scheme (another HMAC, OAuth) conforms its own type. Generated clients take any signer,
/// so a new scheme needs no generator change.
public protocol CMSRequestSigner: Sendable {
    func sign(_ request: CMSHTTPRequest) async throws -> CMSHTTPRequest
}

/// C2 (auth-v2) signatures in `Authorization`, for the server at `host` (`ip:port`, as signed).
public struct CMSC2RequestSigner: CMSRequestSigner {
    public var signer: CMSC2Signer
    public var host: String

    public init(signer: CMSC2Signer, host: String) {
        self.signer = signer
        self.host = host
    }

    /// Signs with the credentials, options and clock of `configuration`, for its host.
    public init(configuration: CMSConfiguration) {
        self.init(signer: CMSC2Signer(credentials: configuration.credentials, options: configuration.signing, now: configuration.now), host: configuration.host)
    }

    public func sign(_ request: CMSHTTPRequest) -> CMSHTTPRequest {
        signer.sign(request, host: host)
    }
}

/// A token in a header of its own (`X-Auth-Token: …`). The token is asked for on every request, so that a provider
/// can refresh it; it never appears in descriptions of the signer or of requests.
public struct CMSTokenSigner: CMSRequestSigner, CustomStringConvertible {
    public var header: String
    private let token: @Sendable () async throws -> String

    /// A signer that asks `token` for the current token before every request.
    public init(header: String = "X-Auth-Token", token: @escaping @Sendable () async throws -> String) {
        self.header = header
        self.token = token
    }

    /// A signer that sends one fixed token.
    public init(header: String = "X-Auth-Token", token: String) {
        self.init(header: header, token: { token })
    }

    public func sign(_ request: CMSHTTPRequest) async throws -> CMSHTTPRequest {
        var signed = request
        signed.headers[header] = try await token()
        return signed
    }

    public var description: String { "CMSTokenSigner(header: \(header), token: <redacted>)" }
}
