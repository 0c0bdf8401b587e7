/// A request path as an operation's name reads it: the literal segments after the API root (the last `openapi`,
/// `api` or version segment), where the item parameters stand, the API version, and the words before the root.
/// Documentation placeholders (`xxxxxx`, `XXX`) are no part of a name.
struct OperationPath {
    /// The literal segments after the root, each with whether an item parameter follows it.
    let tail: [(text: String, beforeItem: Bool)]
    let hasParameters: Bool
    /// The path ends with a parameter (`…/widgets/{widget_id}`).
    let endsWithItem: Bool
    /// The last literal segment follows a parameter (`…/{server_id}/changeos`).
    let lastFollowsItem: Bool
    /// The last version segment, its dots made underscores (`2_1` for `v2.1`).
    let version: String?
    /// The words of the literal segments before the root, but for `rest` and versions (`cmsapp`).
    let headWords: [String]
    private let names: NameBuilder

    init(path: String, names: NameBuilder) {
        self.names = names
        let raw = path.split(separator: "/").map { String($0).removingPercentEncodingSafely }
            .filter { !OperationPath.isPlaceholder($0) }
        func isParameter(_ segment: String) -> Bool { segment.hasPrefix("{") && segment.hasSuffix("}") }
        hasParameters = raw.contains(where: isParameter)
        endsWithItem = raw.last.map(isParameter) ?? false
        var literals: [(text: String, beforeItem: Bool, followsItem: Bool)] = []
        for (index, segment) in raw.enumerated() where !isParameter(segment) {
            literals.append((segment, index + 1 < raw.count && isParameter(raw[index + 1]), index > 0 && isParameter(raw[index - 1])))
        }
        lastFollowsItem = literals.last?.followsItem ?? false
        let root = literals.lastIndex { literal in
            let lower = literal.text.lowercased()
            return lower == "openapi" || lower == "api" || NameBuilder.isVersion(lower)
        }
        tail = (root.map { Array(literals[($0 + 1)...]) } ?? literals).map { ($0.text, $0.beforeItem) }
        version = literals.last { NameBuilder.isVersion($0.text.lowercased()) }
            .map { String($0.text.dropFirst()).replacingOccurrences(of: ".", with: "_") }
        headWords = (root.map { Array(literals[..<$0]) } ?? []).map(\.text)
            .filter { $0.lowercased() != "rest" && !NameBuilder.isVersion($0.lowercased()) }
            .flatMap { names.words(of: $0, context: "").words.map { $0.lowercased() } }
    }

    /// The words of each tail segment, lower-case; a collection named before an item's parameter reads as one item
    /// when more path follows or the method reads, changes or deletes it (`widgets/{id}/action` → widget action).
    func tailGroups(verb: String) -> [[String]] {
        tail.enumerated().map { offset, literal -> [String] in
            var words = names.words(of: literal.text, context: "").words.map { $0.lowercased() }
            let isItem = literal.beforeItem && (offset < tail.count - 1 || ["get", "put", "patch", "delete"].contains(verb))
            if isItem, let last = words.last, let singular = NameBuilder.singular(last) { words[words.count - 1] = singular }
            return words
        }.filter { !$0.isEmpty }
    }

    /// A documentation placeholder in place of a real segment: one letter repeated three times or more (`xxxxxx`,
    /// `XXX`), or text in angle brackets (`<id>`).
    static func isPlaceholder(_ segment: String) -> Bool {
        if segment.hasPrefix("<"), segment.hasSuffix(">") { return true }
        let letters = segment.lowercased()
        guard letters.count >= 3, let first = letters.first, first.isLetter else { return false }
        return letters.allSatisfy { $0 == first }
    }
}

private extension String {
    /// The segment with percent escapes decoded, or as it is when they do not decode.
    var removingPercentEncodingSafely: String { removingPercentEncoding ?? self }
}
