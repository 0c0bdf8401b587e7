import CMSSchema
import CMSSupport

/// What the appendices of a reference say for every interface, applied once where the pages are assembled:
/// the common request headers (and the authentication they document) for interfaces whose own page does not say
/// otherwise, the meaning of each status, and where a failure's body carries its error code.
struct ReferenceMaterial {
    /// The request headers of the appendices, the first page's row for each name.
    let commonHeaders: [Field]
    /// The statuses of the status-code appendices, sorted, the first page's row for each.
    let statusCodes: [StatusCode]

    init(_ extractions: [PageExtraction]) {
        var headers: [Field] = []
        var statuses: [Int: StatusCode] = [:]
        for extraction in extractions {
            for header in extraction.commonHeaders where !headers.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
                headers.append(header)
            }
            for status in extraction.statusCodes where statuses[status.status] == nil { statuses[status.status] = status }
        }
        commonHeaders = headers
        commonAuthentication = HeaderReader.authentication(of: headers)
        statusCodes = statuses.values.sorted { $0.status < $1.status }
    }

    /// How the common headers say requests are authenticated.
    let commonAuthentication: Authentication

    /// Whether a header carries credentials of some scheme (`Authorization`, `X-Sdk-Date`, `X-Auth-Token`).
    static func isCredential(_ header: Field) -> Bool {
        HeaderReader.authentication(of: [header]).scheme != .unspecified
    }

    /// Adds the common headers the interface's page does not document, takes its authentication from them when the page
    /// documents none of its own (and does not say it needs none), and describes its statuses.
    func apply(to interface: inout Interface) {
        // A page's `Authorization` row that does not say what signs it is the reference's scheme (AK/SK) where the
        // common headers say so, not C2, the scheme of CC-CMS pages.
        if interface.authentication.scheme == .c2, commonAuthentication.accepts(.akSk),
           let authorization = interface.headers.first(where: { $0.name.lowercased() == "authorization" }),
           !authorization.description.lowercased().includes("auth-v2") {
            interface.authentication = commonAuthentication
            interface.headerParameters = HeaderReader.parameters(of: interface.headers, authentication: interface.authentication)
        }
        if !commonHeaders.isEmpty {
            let own = Set(interface.headers.map { $0.name.lowercased() })
            let ownScheme = interface.authentication.scheme != .unspecified
            let added = commonHeaders.filter { header in !own.contains(header.name.lowercased()) && !(ownScheme && Self.isCredential(header)) }
            if !added.isEmpty {
                interface.headers += added
                if !ownScheme {
                    let prose = interface.scenario.map { [$0] } ?? []
                    interface.authentication = HeaderReader.authentication(of: interface.headers, prose: prose)
                }
                interface.headerParameters = HeaderReader.parameters(of: interface.headers, authentication: interface.authentication)
            }
        }
        guard !statusCodes.isEmpty else { return }
        for index in interface.responses.indices where interface.responses[index].description == nil {
            if let documented = statusCodes.first(where: { $0.status == interface.responses[index].status }) {
                interface.responses[index].description = documented.description
            }
        }
    }

    /// Field names that carry a failure's error code and message, in the order they are looked for.
    static let codeFields = ["error_code", "errorCode", "error.code", "code"]
    static let messageFields = ["error_msg", "errorMsg", "error_message", "errorMessage", "error.message", "message"]

    /// Where a failed call's body carries its error code: the fields a documented failure body names (`error_code`,
    /// `error.code`), else, when the reference documents error codes that come with HTTP statuses, the vendor's
    /// `error_code` and `error_msg`. Nil for interfaces that report failures in an envelope, or whose pages say nothing.
    func errorBody(of interface: Interface, resultCodes: [ResultCode]) -> ErrorBody? {
        guard interface.envelope == nil else { return nil }
        for response in interface.responses where !response.isSuccess {
            guard let body = response.body else { continue }
            let paths = Self.fieldPaths(body.fields, in: interface)
            if let code = Self.codeFields.first(where: paths.contains) {
                return ErrorBody(codeField: code, messageField: Self.messageFields.first(where: paths.contains))
            }
        }
        return resultCodes.contains(where: { $0.status != nil }) ? ErrorBody(codeField: "error_code", messageField: "error_msg") : nil
    }

    /// The dotted paths of the fields of a body, one object deep (`error.code`).
    private static func fieldPaths(_ fields: [Field], in interface: Interface) -> Set<String> {
        var paths: Set<String> = []
        for field in fields {
            paths.insert(field.name)
            for child in interface.fields(of: field) { paths.insert(field.name + "." + child.name) }
        }
        return paths
    }
}
