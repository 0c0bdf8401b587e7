import CMSRuntime
import CMSSchema
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
    }

    struct Route: Sendable {
        enum Segment: Sendable, Hashable {
            case literal(String)
            case parameter(String)
        }

        var interface: Interface
        var method: String
        var segments: [Segment]
        /// The documented response example, ready to send.
        var answer: Data

        /// More literal segments first, so that `/a/b` wins over `/a/{x}`.
        var literalCount: Int { segments.count { if case .literal = $0 { true } else { false } } }
    }

    static let defaultAnswer = Data(#"{"resultCode":"0100000","resultDesc":{}}"#.utf8)

    let routes: [Route]
    let verifier: CMSSignatureVerifier
    /// The port a Host header without one stands for (80 or 443), as the client signs it.
    let defaultPort: Int
    /// The `ip:port` clients sign, when it is not the Host header's.
    let signedHost: String?

    init(schema: SchemaDocument, verifier: CMSSignatureVerifier, defaultPort: Int, signedHost: String? = nil) {
        self.signedHost = signedHost
        self.routes = schema.interfaces.map { interface in
            let answer = interface.examples.first { $0.role == .response && $0.json != nil }.map { Data($0.text.utf8) } ?? Self.defaultAnswer
            return Route(interface: interface, method: interface.method.uppercased(), segments: Self.segments(of: interface.path), answer: answer)
        }
        .sorted { $0.literalCount > $1.literalCount }
        self.verifier = verifier
        self.defaultPort = defaultPort
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
        let segments = Self.split(path)
        let method = method.uppercased()
        for route in routes where route.method == method && route.segments.count == segments.count {
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
            if matched { return (route, parameters) }
        }
        return nil
    }

    /// Answers one request.
    /// - Parameters:
    ///   - target: the request target as received (path and query, not decoded).
    ///   - host: the Host header (`127.0.0.1:PORT`).
    func respond(method: String, target: String, host: String?, headers: [String: String], body: Data) -> Reply {
        let (path, query) = Self.splitTarget(target)
        guard let (route, parameters) = match(method: method, path: path) else {
            return Reply(status: 404, body: Self.envelope(code: "0100001", description: "no such interface: \(method) \(path)"), outcome: .notFound,
                         reason: "no such interface")
        }
        let request = CMSHTTPRequest(method: method, path: path, query: query, headers: headers, body: body)
        if case .rejected(let reason) = verifier.verify(request, host: signedHost ?? normalizedHost(host)) {
            return Reply(status: 401, body: Self.json(["error": "Unauthorized", "reason": reason]), outcome: .unauthorized, reason: reason)
        }
        var violations = CMSMockRequestValidator.violations(ofPathParameters: parameters, for: route.interface)
        violations += CMSMockRequestValidator.violations(ofQuery: query, for: route.interface)
        violations += CMSMockRequestValidator.violations(of: body, for: route.interface)
        if !violations.isEmpty {
            let description = "Invalid parameter: " + violations.map(\.description).joined(separator: "; ")
            return Reply(status: 200, body: Self.envelope(code: "0100002", description: description), outcome: .invalid, reason: description)
        }
        return Reply(status: 200, body: route.answer, outcome: .served)
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

    /// `{"resultCode":"…","resultDesc":"…"}`.
    static func envelope(code: String, description: String) -> Data {
        json(["resultCode": code, "resultDesc": description])
    }

    static func json(_ object: [String: String]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(object)) ?? Data("{}".utf8)
    }
}
