import CMSReading
import CMSSchema
import CMSSupport
import Foundation

/// The request line of an interface: method, URL path, path and query parameters, and the BMS interfaces behind it.
enum RequestLine {
    struct URL {
        /// The path, `{name}` for parameters; characters that cannot stand in a URL path are percent-encoded.
        var path: String
        /// The names of the `{name}` segments, in order, each once.
        var pathParameterNames: [String]
        /// The items of the query part (`?a={a}&limit=10`, `{?limit,marker}`): the name, and the value when it is a
        /// literal.
        var query: [(name: String, value: String?)]
        /// The method, when the line names it (`POST /v3/{project_id}/widgets`).
        var method: String?
        var paragraph: TextBlock
        /// What was repaired in the URL as written, for warnings.
        var repairs: [String]
        /// The line stands alone: a `METHOD /path` paragraph, or a URL with at most a short label ("Request URL:"), as
        /// an interface page gives it. A URL inside a sentence ("For example, the URI is https://…") may be an example
        /// in a page about calling APIs.
        var standsAlone = false
    }

    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]

    /// Every request line a page gives, wherever it gives it: `METHOD /path` paragraphs in the URI section (one
    /// operation each), the URL of a "Request URL" section (its method from the "Interface Method" section), the same
    /// forms in other prose, and as a last resort the first line of a request example.
    static func findRequestLines(in sections: PageSections) -> [URL] {
        // The URI section's paragraphs, and its code blocks line by line (`<pre>GET /v2/…</pre>`).
        let urlSection = sections.paragraphs(in: .url) + sections.entries.flatMap { entry -> [TextBlock] in
            guard entry.section == .url, case .code(let code) = entry.block else { return [] }
            return code.text.split(separator: "\n").enumerated().map { TextBlock(text: String($1).trimmingSpaces(), line: code.line + $0, column: code.column) }
        }
        let lines = urlSection.compactMap(methodLine)
        if !lines.isEmpty { return lines }
        if var url = urlSection.lazy.compactMap({ url(in: $0, anyRoot: true) }).first {
            let tokens = url.paragraph.text.split(whereSeparator: { $0 == " " })
            // "URI format: GET /v3/…": the method stands just before the URL.
            if let index = tokens.firstIndex(where: { unwrapped($0).hasPrefix("/") || $0.contains("://") }), index > 0, methods.contains(tokens[index - 1].uppercased()) {
                url.method = tokens[index - 1].uppercased()
            }
            // A section that also gives the form of every URI (`{URI-scheme}://{Endpoint}/{resource-path}`) explains how
            // to call APIs: its URLs are examples, which count only on a page that documents a response too.
            let explainsURIs = urlSection.contains { paragraph in
                paragraph.text.split(separator: " ").contains { token in
                    guard let scheme = token.range(of: "://") else { return false }
                    return token[..<scheme.lowerBound].contains { $0 == "{" || $0 == "<" }
                }
            }
            url.standsAlone = tokens.count <= 4 && !explainsURIs
            return [url]
        }
        let prose = sections.paragraphs(in: .other) + sections.paragraphs(in: .scenario) + sections.paragraphs(in: .request)
        // Outside a URI section a `METHOD /path` line may be a step of a walkthrough ("Getting Started"): it counts only
        // on a page that documents a response too.
        let proseLines = prose.compactMap(methodLine).map { line -> URL in
            var line = line
            line.standsAlone = false
            return line
        }
        if !proseLines.isEmpty { return proseLines }
        // An openapi URL of CC-CMS in any paragraph.
        if let url = prose.lazy.compactMap({ url(in: $0, anyRoot: false) }).first { return [url] }
        for entry in sections.entries where entry.section == .examples {
            guard case .code(let code) = entry.block else { continue }
            // An example's first line is a request line of the page only if the page documents the rest of the
            // interface too (the classifier asks for a response); alone it may be an example of signing or calling.
            if var line = ExampleExtractor.requestMessage(code)?.line {
                line.standsAlone = false
                return [line]
            }
        }
        return []
    }

    /// Whether requests of this method carry a body (GET, DELETE, HEAD and OPTIONS send theirs in the query).
    static func carriesBody(_ method: String) -> Bool { ["POST", "PUT", "PATCH"].contains(method) }

    /// Whether a concrete path (`/v3/0b1e…/widgets`) is an instance of a template (`/v3/{project_id}/widgets`), or
    /// the same template.
    static func samePath(_ concrete: String, _ template: String) -> Bool {
        let left = concrete.split(separator: "/", omittingEmptySubsequences: false)
        let right = template.split(separator: "/", omittingEmptySubsequences: false)
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { a, b in a == b || b.hasPrefix("{") && b.hasSuffix("}") || a.hasPrefix("{") && a.hasSuffix("}") }
    }

    /// `POST /v3/{project_id}/widgets` or `GET https://{endpoint}/v1/…`: a method, then the target, first in the text.
    static func methodLine(_ paragraph: TextBlock) -> URL? {
        let tokens = paragraph.text.split(whereSeparator: { $0 == " " })
        guard tokens.count >= 2, methods.contains(tokens[0].uppercased()) else { return nil }
        guard var url = url(from: unwrapped(tokens[1]), paragraph: paragraph, anyRoot: true, allowsRoot: true) else { return nil }
        url.method = tokens[0].uppercased()
        url.standsAlone = tokens.dropFirst(2).allSatisfy { $0.hasPrefix("HTTP/") }
        return url
    }

    /// A URL in a paragraph (`https://ip:port/…`, or a bare `/…` path), possibly in quotes or brackets, with its query
    /// part. With `anyRoot` false only the openapi paths of CC-CMS (`/rest/…`) count, for prose that mentions paths.
    static func url(in paragraph: TextBlock, anyRoot: Bool) -> URL? {
        for token in paragraph.text.split(whereSeparator: { $0 == " " }) {
            if let url = url(from: unwrapped(token), paragraph: paragraph, anyRoot: anyRoot) { return url }
        }
        return nil
    }

    /// - Parameter allowsRoot: `/` alone is a path (a `METHOD /` line: version discovery), not a stray slash.
    private static func url(from token: Substring, paragraph: TextBlock, anyRoot: Bool, allowsRoot: Bool = false) -> URL? {
        var candidate = token
        if let scheme = candidate.range(of: "://") {
            // `{URI-scheme}://{Endpoint}/{resource-path}` describes the form of every URL; it is not one.
            guard candidate[..<scheme.lowerBound].allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            let afterScheme = candidate[scheme.upperBound...]
            guard let slash = afterScheme.firstIndex(of: "/") else {
                // `GET https://{endpoint}` is the root of the server.
                guard allowsRoot, !afterScheme.isEmpty else { return nil }
                return url(from: "/", paragraph: paragraph, anyRoot: anyRoot, allowsRoot: true)
            }
            candidate = afterScheme[slash...]
        }
        let isRoot = allowsRoot && (candidate == "/" || candidate.hasPrefix("/?") || candidate.hasPrefix("/{?"))
        guard anyRoot ? candidate.hasPrefix("/") && (candidate.count > 1 || isRoot) && candidate.dropFirst().first != "/" : candidate.hasPrefix("/rest/") else { return nil }
        if let fragment = candidate.firstIndex(of: "#") { candidate = candidate[..<fragment] }
        var query: [(name: String, value: String?)] = []
        // RFC 6570 `{?limit,marker}` (and `{&…}`) glued to the path.
        if let template = candidate.range(of: "{?") ?? candidate.range(of: "{&"), let close = candidate[template.upperBound...].firstIndex(of: "}") {
            for name in candidate[template.upperBound..<close].split(separator: ",") where !name.isEmpty {
                query.append((String(name).trimmingSpaces(), nil))
            }
            candidate = candidate[..<template.lowerBound] + candidate[candidate.index(after: close)...]
        }
        if let mark = candidate.firstIndex(of: "?") {
            query = queryItems(candidate[candidate.index(after: mark)...]) + query
            candidate = candidate[..<mark]
        }
        var repairs: [String] = []
        let (path, names) = normalizedPath(String(candidate), repairs: &repairs)
        return URL(path: path, pathParameterNames: names, query: query, method: nil, paragraph: paragraph, repairs: repairs)
    }

    /// A token without the quotes, brackets and sentence punctuation a page writes around a URL; brackets and
    /// quotes that the URL itself balances stay.
    static func unwrapped(_ token: Substring) -> Substring {
        let pairs: [Character: Character] = ["\"": "\"", "'": "'", "“": "”", "‘": "’", "(": ")", "[": "]", "<": ">", "「": "」", "【": "】", "（": "）", "`": "`"]
        var text = token
        var changed = true
        while changed, let first = text.first {
            changed = false
            if let close = pairs[first] {
                text = text.dropFirst()
                if text.last == close { text = text.dropLast() }
                changed = true
            }
            while let last = text.last, ".,;:。，；：".contains(last) {
                text = text.dropLast()
                changed = true
            }
            for (open, close) in pairs where text.last == close {
                let opens = text.filter { $0 == open }.count
                let closes = text.filter { $0 == close }.count
                if open == close ? closes % 2 == 1 : closes > opens {
                    text = text.dropLast()
                    changed = true
                }
            }
        }
        return text
    }

    /// The path with `{name}` parameters (`{{name}}`, `${name}`, `:name` and `<name>` are read the same way), and
    /// every other character that a URL path cannot hold percent-encoded.
    static func normalizedPath(_ path: String, repairs: inout [String]) -> (String, [String]) {
        var names: [String] = []
        var encoded: [String] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            if let name = parameterName(segment) {
                if names.contains(String(name)) {
                    repairs.append("the path names the parameter '\(name)' twice; both segments take its one value")
                } else {
                    names.append(String(name))
                }
                return "{\(name)}"
            }
            return percentEncoded(segment, encoded: &encoded)
        }
        if !encoded.isEmpty {
            let shown = encoded.map { "'\($0)'" }.joined(separator: ", ")
            repairs.append("the request URL holds characters that a URL path cannot (\(shown)); they are percent-encoded")
        }
        return (segments.joined(separator: "/"), names)
    }

    /// RFC 3986 `pchar`s stay, and so do `%XX` escapes; every other byte becomes `%XX`.
    static func percentEncoded(_ segment: Substring, encoded: inout [String]) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@".utf8)
        let bytes = Array(segment.utf8)
        var output = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if allowed.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                output += "%"
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                let character = String(decoding: [byte], as: UTF8.self)
                let shown = byte < 0x80 ? character : "non-ASCII"
                if !encoded.contains(shown) { encoded.append(shown) }
            }
            index += 1
        }
        return output
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// `a={a}&b=x&c` → `(a, nil)`, `(b, "x")`, `(c, nil)`.
    static func queryItems(_ text: Substring) -> [(name: String, value: String?)] {
        var items: [(name: String, value: String?)] = []
        for item in text.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncodingIfValid
            guard !name.isEmpty, !items.contains(where: { $0.name == name }) else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            let isTemplate = value.isEmpty || parameterName(Substring(value)) != nil
            items.append((name, isTemplate ? nil : value.removingPercentEncodingIfValid))
        }
        return items
    }

    private static func parameterName(_ segment: Substring) -> Substring? {
        let wrappers: [(String, String)] = [("${", "}"), ("{{", "}}"), ("{", "}"), ("<", ">"), (":", "")]
        for (open, close) in wrappers where segment.hasPrefix(open) && segment.hasSuffix(close) && segment.count > open.count + close.count {
            let name = segment.dropFirst(open.count).dropLast(close.count)
            if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) { return name }
        }
        return nil
    }

    /// Path parameters with their descriptions from a URL-parameter table or the sentence of the URL paragraph that
    /// names them.
    static func pathParameters(url: URL, table: [Field], paragraphs: [TextBlock], file: String) -> [Field] {
        let names = url.pathParameterNames
        return names.map { name in
            if var field = table.first(where: { $0.name == name }) {
                field.requirement = .required
                field.type = parameterType(field.type)
                return field
            }
            return described(name, url: url, paragraphs: paragraphs, others: names + url.query.map(\.name), requirement: .required, file: file)
        }
    }

    /// A URL parameter that a table without a Type column documents is text, as everything in a URL is.
    static func parameterType(_ type: FieldType) -> FieldType {
        type.kind == .unknown && type.raw.isEmpty ? FieldType(kind: .string, raw: "") : type
    }

    /// A parameter that only the URL names, with what the sentences about it in the URL section say: its description,
    /// and its range (an integer when the prose gives one).
    static func described(_ name: String, url: URL, paragraphs: [TextBlock], others: [String], requirement: Requirement, file: String) -> Field {
        let paragraph = paragraphs.first { $0.text.contains(name) && $0 != url.paragraph } ?? url.paragraph
        let sentence = sentence(mentioning: name, in: paragraph.text, others: others)
        let kind: FieldType.Kind = sentence.map { ConstraintMiner.mine($0, kind: .integer).constraints.minimum != nil } == true ? .integer : .string
        let constraints = sentence.map { ConstraintMiner.mine($0, kind: kind).constraints } ?? Constraints()
        return Field(
            name: name, type: FieldType(kind: kind, raw: ""), requirement: requirement, description: sentence ?? "",
            constraints: constraints, location: SourceLocation(file: file, line: paragraph.line, column: paragraph.column)
        )
    }

    /// The query parameters: the rows of the query tables, the rows of URL-parameter tables that the path does not
    /// name, and the items of the URL's query part that no table documents.
    static func queryParameters(url: URL, tables: [Field], urlTableRows: [Field], paragraphs: [TextBlock], file: String, diagnostics: inout DiagnosticBag) -> [Field] {
        var parameters: [Field] = []
        for var field in tables where !parameters.contains(where: { $0.name == field.name }) {
            field.type = parameterType(field.type)
            parameters.append(field)
        }
        for field in urlTableRows where !url.pathParameterNames.contains(field.name) && !parameters.contains(where: { $0.name == field.name }) {
            // A row that the line's query part names (`{?name}`, `?name={name}`) is a query parameter as documented.
            if !url.query.contains(where: { $0.name == field.name }) {
                diagnostics.warning(.parameterNotInPath, "'\(field.name)' is not a {\(field.name)} segment of the path; it is taken as a query parameter", at: field.location)
            }
            var field = field
            field.type = parameterType(field.type)
            parameters.append(field)
        }
        // A literal value in the URL's query (`?version=2`) is part of every request: a fixed, mandatory parameter.
        for item in url.query {
            if let index = parameters.firstIndex(where: { $0.name == item.name }) {
                if let value = item.value, parameters[index].constraints.fixedValue == nil {
                    parameters[index].constraints.fixedValue = value
                    parameters[index].requirement = .required
                }
                continue
            }
            let others = url.pathParameterNames + url.query.map(\.name)
            var parameter = described(item.name, url: url, paragraphs: paragraphs, others: others, requirement: item.value == nil ? .unspecified : .required, file: file)
            if let value = item.value {
                parameter.type = FieldType(kind: .string, raw: "")
                parameter.constraints = Constraints()
                parameter.constraints.fixedValue = value
            }
            parameters.append(parameter)
        }
        return parameters
    }

    /// The sentences about `name`: from the one that names it as a word up to the next that names another path parameter.
    private static func sentence(mentioning name: String, in text: String, others: [String]) -> String? {
        let sentences = text.split(whereSeparator: { $0 == "。" }).flatMap { $0.components(separatedBy: ". ") }.map { $0.trimmingSpaces() }
        func names(_ sentence: String, _ word: String) -> Bool {
            sentence.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).contains { $0 == word }
        }
        guard let start = sentences.firstIndex(where: { names($0, name) }) else { return nil }
        var end = start + 1
        while end < sentences.count, !others.contains(where: { $0 != name && names(sentences[end], $0) }) { end += 1 }
        return sentences[start..<end].joined(separator: ". ")
    }

    /// The first HTTP method named in upper case in the "Interface Method" section.
    static func findMethod(in sections: PageSections) -> String? {
        for paragraph in sections.paragraphs(in: .method) {
            for word in paragraph.text.split(whereSeparator: { !($0.isASCII && $0.isLetter) }) where methods.contains(String(word)) {
                return String(word)
            }
        }
        return nil
    }

    /// Every `/…` path in the "Internal Encapsulation Interfaces" section, split where the vendor ran two together.
    static func bmsInterfaces(in sections: PageSections) -> [String] {
        var result: [String] = []
        for paragraph in sections.paragraphs(in: .bmsInterfaces) {
            for token in paragraph.text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "，" || $0 == "、" || $0 == ";" }) {
                guard let slash = token.firstIndex(of: "/") else { continue }
                var path = String(token[slash...])
                while let last = path.last, last == "." || last == "。" { path.removeLast() }
                let segments = path.split(separator: "/")
                guard let root = segments.first, segments.count > 1 else { continue }
                // "/ccbms/ws/a/ccbms/ws/b" is two interfaces.
                var current: [Substring] = []
                for segment in segments {
                    if segment == root, !current.isEmpty {
                        result.append("/" + current.joined(separator: "/"))
                        current = []
                    }
                    current.append(segment)
                }
                if !current.isEmpty { result.append("/" + current.joined(separator: "/")) }
            }
        }
        var seen: Set<String> = []
        return result.filter { seen.insert($0).inserted }
    }
}

extension String {
    /// The text with `%XX` escapes decoded, or as it is when they do not decode.
    var removingPercentEncodingIfValid: String { removingPercentEncoding ?? self }
}
