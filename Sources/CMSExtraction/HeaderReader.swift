import CMSSchema

/// Reads a request-header table: how requests are authenticated, and which headers a caller gives.
enum HeaderReader {
    /// The headers the runtime sets itself, whatever a page says about them.
    static let runtimeHeaders: Set<String> = ["content-type", "content-length", "host", "accept", "user-agent", "date", "x-sdk-date"]

    /// `Authorization` is C2 (auth-v2), the scheme of CC-CMS, unless its description speaks of a bearer token; a header
    /// named like a token (`X-Auth-Token`) carries a token.
    static func authentication(of headers: [Field]) -> Authentication {
        for header in headers {
            let name = header.name.lowercased()
            if name == "authorization" {
                let text = header.description.lowercased()
                if text.includes("bearer") || text.includes("token") && !text.includes("auth-v2") && !text.includes("signature") {
                    return Authentication(scheme: .token, header: header.name)
                }
                return Authentication(scheme: .c2, header: header.name)
            }
            if name.hasSuffix("-token") || name.hasSuffix("_token") || name == "token" {
                return Authentication(scheme: .token, header: header.name)
            }
        }
        return Authentication()
    }

    /// The documented headers a caller gives: all but those the runtime sets, the authentication header, and those the
    /// page fixes to one value.
    static func parameters(of headers: [Field], authentication: Authentication) -> [Field] {
        headers.filter { header in
            let name = header.name.lowercased()
            return !runtimeHeaders.contains(name) && name != authentication.header?.lowercased() && header.constraints.fixedValue == nil
        }
    }
}
