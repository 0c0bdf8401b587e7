import CMSReading
import CMSSchema

/// The request line of an interface: URL path, path parameters, method, and the BMS interfaces behind it.
enum RequestLine {
    struct URL {
        var path: String
        var paragraph: TextBlock
    }

    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]

    /// The request URL from the "Request URL" section, or from any paragraph that holds an openapi URL.
    static func findURL(in sections: PageSections) -> URL? {
        let candidates = sections.paragraphs(in: .url) + sections.paragraphs(in: .other) + sections.paragraphs(in: .scenario)
        for paragraph in candidates {
            if let path = path(in: paragraph.text) { return URL(path: path, paragraph: paragraph) }
        }
        return nil
    }

    /// `https://ip:port/rest/…` or a bare `/rest/…` path, without query.
    static func path(in text: String) -> String? {
        for token in text.split(whereSeparator: { $0 == " " }) {
            var candidate = Substring(token)
            if let scheme = candidate.range(of: "://") {
                let afterScheme = candidate[scheme.upperBound...]
                guard let slash = afterScheme.firstIndex(of: "/") else { continue }
                candidate = afterScheme[slash...]
            }
            guard candidate.hasPrefix("/rest/") || candidate.hasPrefix("/rest/cmsapp") else { continue }
            if let query = candidate.firstIndex(of: "?") { candidate = candidate[..<query] }
            while let last = candidate.last, last == "." || last == "," || last == "。" || last == ";" { candidate = candidate.dropLast() }
            return normalizePathParameters(String(candidate))
        }
        return nil
    }

    /// `{name}`, `{{name}}`, `${name}`, `:name` and `<name>` segments all become `{name}`.
    static func normalizePathParameters(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            parameterName(segment).map { "{\($0)}" } ?? String(segment)
        }.joined(separator: "/")
    }

    private static func parameterName(_ segment: Substring) -> Substring? {
        let wrappers: [(String, String)] = [("${", "}"), ("{{", "}}"), ("{", "}"), ("<", ">"), (":", "")]
        for (open, close) in wrappers where segment.hasPrefix(open) && segment.hasSuffix(close) && segment.count > open.count + close.count {
            let name = segment.dropFirst(open.count).dropLast(close.count)
            if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) { return name }
        }
        return nil
    }

    /// Path parameters with their descriptions from a URL-parameter table or the sentence of the URL paragraph that names them.
    static func pathParameters(url: URL, table: [Field], paragraphs: [TextBlock], file: String) -> [PathParameter] {
        let names = url.path.split(separator: "/").compactMap { segment -> String? in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
        return names.map { name in
            if let field = table.first(where: { $0.name == name }) {
                return PathParameter(name: name, type: field.type, description: field.description, constraints: field.constraints, location: field.location)
            }
            let paragraph = paragraphs.first { $0.text.contains(name) && $0 != url.paragraph } ?? url.paragraph
            let sentence = sentence(mentioning: name, in: paragraph.text, others: names)
            let kind: FieldType.Kind = sentence.map { ConstraintMiner.mine($0, kind: .integer).constraints.minimum != nil } == true ? .integer : .string
            let constraints = sentence.map { ConstraintMiner.mine($0, kind: kind).constraints } ?? Constraints()
            return PathParameter(
                name: name, type: FieldType(kind: kind, raw: ""), description: sentence, constraints: constraints,
                location: SourceLocation(file: file, line: paragraph.line, column: paragraph.column)
            )
        }
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
