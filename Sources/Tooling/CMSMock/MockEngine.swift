import CMSRuntime
import CMSSchema
import CMSSupport
import Foundation

/// What the mock does with one request, apart from HTTP: routing, signature, validation, the answer.
/// Immutable and Sendable, so requests are handled concurrently without locks.
struct CMSMockEngine: Sendable {
    enum Outcome: Sendable, Hashable {
        case notFound, unauthorized, invalid, served
    }

    struct Reply: Sendable {
        var status: Int
        var body: Data
        var outcome: Outcome
        /// Why the request was refused, for the log.
        var reason: String?
        /// Headers beside Content-Type (`Allow` on a 405).
        var headers: [String: String] = [:]
    }

    struct Route: Sendable {
        enum Segment: Sendable, Hashable {
            case literal(String)
            case parameter(String)
        }

        var interface: Interface
        var method: String
        var segments: [Segment]
        /// How requests to it are authenticated: C2, AK/SK, a token in a header (any one the page accepts), or not at all.
        var authentication: Authentication
        /// The documented success status, and its example (empty when the answer has no body), ready to send.
        var status: Int
        var answer: Data

        /// More literal segments first, so that `/a/b` wins over `/a/{x}`.
        var literalCount: Int { segments.count { if case .literal = $0 { true } else { false } } }
    }

    let routes: [Route]
    let verifier: CMSSignatureVerifier
    /// Checks AK/SK signatures with the same credentials.
    let akSkVerifier: CMSAKSKVerifier
    /// The port a Host header without one stands for (80 or 443), as the client signs it.
    let defaultPort: Int
    /// The `ip:port` clients sign, when it is not the Host header's.
    let signedHost: String?
    /// Accepted tokens for token-authenticated interfaces; empty accepts any non-empty token.
    let tokens: Set<String>
    /// The error codes of the reference, for failure bodies.
    let codes: [ResultCode]
    /// The result code that says a request parameter is invalid, from the Error Code Reference (`invalid-parameter` when
    /// the schema has none).
    let invalidParameterCode: String

    init(
        schema: SchemaDocument, verifier: CMSSignatureVerifier, defaultPort: Int, signedHost: String? = nil, tokens: Set<String> = [],
        answers: [String: Data] = [:]
    ) {
        self.signedHost = signedHost
        self.tokens = tokens
        // Interfaces whose pages say nothing are authenticated like most of the rest (C2 when no page says anything).
        let documented = schema.interfaces.map(\.authentication).filter { ![.unspecified, .none].contains($0.scheme) }
        let counts = Dictionary(grouping: documented, by: { $0 }).mapValues(\.count)
        let fallback = documented.first { counts[$0] == counts.values.max() } ?? Authentication(scheme: .c2, header: "Authorization")
        self.routes = schema.interfaces.map { interface in
            let status = interface.success?.status ?? 200
            return Route(
                interface: interface, method: interface.method.uppercased(), segments: Self.segments(of: interface.path),
                authentication: interface.authentication.scheme == .unspecified ? fallback : interface.authentication,
                status: status, answer: answers[interface.method.uppercased() + " " + interface.path] ?? Self.answer(of: interface, status: status)
            )
        }
        .sorted { $0.literalCount > $1.literalCount }
        self.verifier = verifier
        self.akSkVerifier = CMSAKSKVerifier(credentials: verifier.credentials, window: verifier.window, now: verifier.now)
        self.defaultPort = defaultPort
        self.codes = schema.resultCodes
        self.invalidParameterCode = schema.resultCodes.first { code in
            let text = code.description.lowercased()
            return text.includes("parameter") && (text.includes("invalid") || text.includes("incorrect") || text.includes("error"))
        }?.code ?? "invalid-parameter"
    }

    /// The documented example of the success answer; without one, the smallest success: the envelope's success codes
    /// with empty payloads, or `{}`. Nothing when the page says the answer has no body.
    static func answer(of interface: Interface, status: Int) -> Data {
        if interface.success?.isEmpty == true { return Data() }
        let examples = interface.examples.filter { $0.role == .response && $0.json != nil }
        if let example = examples.first(where: { $0.status == status }) ?? examples.first(where: { $0.status == nil }) {
            return Data(example.text.utf8)
        }
        var members: [String: JSONValue] = [:]
        for code in interface.envelope?.codes ?? [] { members[code.name] = code.successValues.first.map(JSONValue.string) }
        for field in interface.envelope?.payloadFields ?? [] { members[field] = .object([:]) }
        return json(JSONValue.object(members))
    }

    static func segments(of template: String) -> [Route.Segment] {
        split(template).map { segment in
            if segment.hasPrefix("{"), segment.hasSuffix("}"), segment.count >= 2 {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .literal(segment)
        }
    }

    /// Path segments after the leading slash; empty segments are kept (`/a//b` is not `/a/b`).
    static func split(_ path: String) -> [String] {
        var path = Substring(path)
        if path.hasPrefix("/") { path = path.dropFirst() }
        return path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    /// The interface for `method` and the raw `path`, with the percent-decoded path parameters.
    func match(method: String, path: String) -> (route: Route, parameters: [String: String])? {
        match(path: path) { $0 == method.uppercased() }.first
    }

    /// The interfaces at the raw `path` whose method passes `accepts`, with the percent-decoded path parameters.
    func match(path: String, method accepts: (String) -> Bool) -> [(route: Route, parameters: [String: String])] {
        let segments = Self.split(path)
        var found: [(route: Route, parameters: [String: String])] = []
        for route in routes where accepts(route.method) && route.segments.count == segments.count {
            var parameters: [String: String] = [:]
            var matched = true
            for (expected, actual) in zip(route.segments, segments) {
                switch expected {
                case .literal(let text):
                    if text != actual && text != (actual.removingPercentEncoding ?? actual) { matched = false }
                case .parameter(let name):
                    if actual.isEmpty { matched = false }
                    parameters[name] = actual.removingPercentEncoding ?? actual
                }
                if !matched { break }
            }
            if matched { found.append((route, parameters)) }
        }
        return found
    }

    /// Answers one request.
    /// - Parameters:
    ///   - target: the request target as received (path and query, not decoded).
    ///   - host: the Host header (`127.0.0.1:PORT`).
    func respond(method: String, target: String, host: String?, headers: [String: String], body: Data) -> Reply {
        let (path, query) = Self.splitTarget(target)
        guard let (route, parameters) = match(method: method, path: path) else {
            // The path is documented for other methods: 405, saying which.
            let allowed = Set(match(path: path) { _ in true }.map(\.route.method)).sorted()
            if !allowed.isEmpty {
                let reason = "\(method) is not documented for \(path); use \(allowed.joined(separator: " or "))"
                return Reply(status: 405, body: Self.json(["error": "Method Not Allowed", "reason": reason]), outcome: .invalid, reason: reason,
                             headers: ["Allow": allowed.joined(separator: ", ")])
            }
            return Reply(status: 404, body: Self.json(["error": "Not Found", "reason": "no such interface: \(method) \(path)"]), outcome: .notFound,
                         reason: "no such interface")
        }
        // A body the interface reads must say it is JSON, as the pages' header tables require.
        if route.interface.hasRequestBody || !body.isEmpty {
            let contentType = headers.first { $0.key.lowercased() == "content-type" }?.value
            let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if mediaType != "application/json" {
                let reason = contentType.map { "the body is '\($0)', not application/json" } ?? "the request has no Content-Type; the body must be application/json"
                return Reply(status: 415, body: Self.json(["error": "Unsupported Media Type", "reason": reason]), outcome: .invalid, reason: reason)
            }
        }
        let request = CMSHTTPRequest(method: method, path: path, query: query, headers: headers, body: body)
        if let reason = rejection(of: request, route: route, host: host) {
            let body = route.interface.errorBody.map { failure($0, status: 401, message: reason) } ?? Self.json(["error": "Unauthorized", "reason": reason])
            return Reply(status: 401, body: body, outcome: .unauthorized, reason: reason)
        }
        var violations = CMSMockRequestValidator.violations(ofPathParameters: parameters, for: route.interface)
        violations += CMSMockRequestValidator.violations(ofQuery: query, for: route.interface)
        violations += CMSMockRequestValidator.violations(of: body, for: route.interface)
        violations += CMSMockRequestValidator.violations(ofHeaders: headers, for: route.interface)
        if !violations.isEmpty {
            let description = Self.report(violations)
            // An interface with an envelope says so in its result code; one without answers 400.
            guard let envelope = route.interface.envelope else {
                let body = failure(route.interface.errorBody ?? ErrorBody(codeField: "error_code", messageField: "error_msg"), status: 400, message: description)
                return Reply(status: 400, body: body, outcome: .invalid, reason: description)
            }
            var members = [envelope.codes[0].name: invalidParameterCode]
            members[envelope.messageFields.first ?? "message"] = description
            return Reply(status: 200, body: Self.json(members), outcome: .invalid, reason: description)
        }
        return Reply(status: route.status, body: route.answer, outcome: .served)
    }

    /// The most problems a refusal names, in its body and in the log line; the rest are only counted.
    static let reportedViolations = 20

    /// `Invalid parameter: ` and the first `reportedViolations` problems, then how many more there are
    /// (`; and 99980 more`): a body with 100,000 duplicate keys gets one short answer and one short log line.
    static func report(_ violations: [CMSValidationViolation]) -> String {
        let shown = violations.prefix(reportedViolations).map(\.description).joined(separator: "; ")
        let more = violations.count - reportedViolations
        return "Invalid parameter: " + shown + (more > 0 ? "; and \(more) more" : "")
    }

    /// Why the request's credentials are refused, nil when they are accepted: a C2 or AK/SK signature, or a token in
    /// the route's header; any scheme the page accepts will do, and an interface that needs none accepts anything.
    func rejection(of request: CMSHTTPRequest, route: Route, host: String?) -> String? {
        var reasons: [String] = []
        for accepted in route.authentication.accepted {
            guard let reason = rejection(of: request, scheme: accepted, host: host) else { return nil }
            reasons.append(reason)
        }
        return reasons.joined(separator: "; and ")
    }

    private func rejection(of request: CMSHTTPRequest, scheme: Authentication.Alternative, host: String?) -> String? {
        switch scheme.scheme {
        case .none:
            return nil
        case .token:
            let header = scheme.header ?? "X-Auth-Token"
            let values = request.headers.filter { $0.key.lowercased() == header.lowercased() }.map(\.value)
            guard let token = values.first, !token.isEmpty else { return "no \(header) header" }
            guard values.count == 1 else { return "\(header) is given twice" }
            return tokens.isEmpty || tokens.contains(token) ? nil : "the \(header) token is not accepted"
        case .akSk:
            if case .rejected(let reason) = akSkVerifier.verify(request, host: signedHost ?? host ?? "") { return "AK/SK: \(reason)" }
            return nil
        case .c2, .unspecified:
            if case .rejected(let reason) = verifier.verify(request, host: signedHost ?? normalizedHost(host)) { return reason }
            return nil
        }
    }

    /// A failure's body as the interface documents it (`{"error_code": …, "error_msg": …}`, or nested): the error code
    /// the reference documents for `status` (the one about parameters for a 400), else `CMSMOCK.<status>`.
    func failure(_ errorBody: ErrorBody, status: Int, message: String) -> Data {
        let candidates = codes.filter { $0.status == status }
        let code = candidates.first { $0.description.lowercased().includes("parameter") }?.code ?? candidates.first?.code ?? "CMSMOCK.\(status)"
        var members: [String: JSONValue] = [:]
        func set(_ path: String, _ value: JSONValue) {
            let keys = path.split(separator: ".").map(String.init)
            guard let first = keys.first else { return }
            if keys.count == 1 { members[first] = value; return }
            var nested: [String: JSONValue] = if case .object(let existing)? = members[first] { existing } else { [:] }
            nested[keys.dropFirst().joined(separator: ".")] = value
            members[first] = .object(nested)
        }
        set(errorBody.codeField, .string(code))
        if let field = errorBody.messageField { set(field, .string(message)) }
        return Self.json(JSONValue.object(members))
    }

    /// `host:port`, with the scheme's default port added when the Host header has none (as the client signs it).
    func normalizedHost(_ host: String?) -> String {
        guard let host, !host.isEmpty else { return "" }
        if host.hasPrefix("[") {
            return host.contains("]:") ? host : "\(host):\(defaultPort)"
        }
        return host.contains(":") ? host : "\(host):\(defaultPort)"
    }

    /// Path as received, and the query items percent-decoded, in order.
    static func splitTarget(_ target: String) -> (path: String, query: [(name: String, value: String)]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, []) }
        let path = String(target[..<mark])
        let queryText = target[target.index(after: mark)...]
        var query: [(name: String, value: String)] = []
        for item in queryText.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            query.append((name.removingPercentEncoding ?? name, value.removingPercentEncoding ?? value))
        }
        return (path, query)
    }

    static func json(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
