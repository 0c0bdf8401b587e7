import CMSSchema
import CMSSupport

/// Reads a request-header table: how requests are authenticated, and which headers a caller gives.
enum HeaderReader {
    /// The headers the runtime sets itself, whatever a page says about them.
    static let runtimeHeaders: Set<String> = ["content-type", "content-length", "host", "accept", "user-agent", "date", "x-sdk-date"]

    /// The schemes the headers document, in the order of their rows:
    /// - `Authorization` is an AK/SK signature when its description names the gateway's algorithm (`SDK-HMAC-SHA256`) or
    ///   AK/SK, or when the table also documents `X-Sdk-Date`; a bearer token when its description speaks of a token and
    ///   not of a signature; otherwise C2 (auth-v2), the scheme of CC-CMS.
    /// - A header named like a token (`X-Auth-Token`) carries a token.
    /// - `X-Sdk-Date` alone says AK/SK.
    ///
    /// Several schemes documented together ("mandatory for token-based authentication", "… for AK/SK-based
    /// authentication") are accepted alike, the first documented first. Where no header says anything, a page that says
    /// the interface needs no authentication is `none`.
    static func authentication(of headers: [Field], prose: [String] = []) -> Authentication {
        let names = Set(headers.map { $0.name.lowercased() })
        var found: [Authentication.Alternative] = []
        func add(_ scheme: Authentication.Scheme, _ header: String) {
            if !found.contains(where: { $0.scheme == scheme }) { found.append(Authentication.Alternative(scheme: scheme, header: header)) }
        }
        for header in headers {
            let name = header.name.lowercased()
            let text = (header.description + " " + header.notes.joined(separator: " ")).lowercased()
            if name == "authorization" {
                if text.includes("sdk-hmac") || text.includes("ak/sk") || text.includes("access=") || names.contains("x-sdk-date") {
                    add(.akSk, header.name)
                } else if text.includes("bearer") || text.includes("token") && !text.includes("auth-v2") && !text.includes("signature") {
                    add(.token, header.name)
                } else {
                    add(.c2, header.name)
                }
            } else if name == "x-sdk-date" {
                add(.akSk, "Authorization")
            } else if name.hasSuffix("-token") || name.hasSuffix("_token") || name == "token" {
                add(.token, header.name)
            }
        }
        guard let first = found.first else {
            return saysNoAuthentication(prose) ? Authentication(scheme: .none) : Authentication()
        }
        return Authentication(scheme: first.scheme, header: first.header, alternatives: Array(found.dropFirst()))
    }

    /// "This API does not require authentication.", "No authentication is required.", "无需鉴权".
    static func saysNoAuthentication(_ paragraphs: [String]) -> Bool {
        paragraphs.contains { paragraph in
            let prose = Prose(paragraph)
            return prose.containsAny([
                "does not require authentication", "do not require authentication", "requires no authentication", "require no authentication",
                "no authentication is required", "no authentication required", "without authentication", "is not authenticated",
                "does not need to be authenticated", "无需鉴权", "无需认证", "不需要鉴权", "不需要认证",
            ])
        }
    }

    /// The documented headers a caller gives: all but those the runtime sets, the headers of every accepted scheme, and
    /// those the page fixes to one value.
    static func parameters(of headers: [Field], authentication: Authentication) -> [Field] {
        let credentials = Set(authentication.accepted.compactMap { $0.header?.lowercased() })
        return headers.filter { header in
            let name = header.name.lowercased()
            return !runtimeHeaders.contains(name) && !credentials.contains(name) && header.constraints.fixedValue == nil
        }
    }
}
