import CMSSchema

/// The words CMSKit knows, to split run-together names (`querydetailcallinfo` → query detail call info) and to tell
/// vendor typos from words.
///
/// It is built from a small list of API words plus every word of the pages' prose (titles, scenarios, descriptions),
/// so a new page brings its own words.
struct Vocabulary {
    private(set) var words: Set<String>

    /// Words of HTTP APIs in general and of contact-centre APIs in particular, that the pages use run together.
    static let base: Set<String> = [
        "query", "get", "set", "list", "info", "detail", "details", "by", "id", "ids", "no", "num", "all", "total", "status",
        "state", "call", "calls", "agent", "agents", "skill", "skills", "vdn", "vdns", "ivr", "access", "code", "rest", "phone",
        "phones", "private", "group", "work", "opr", "configed", "config", "configs", "configures", "his", "index", "real",
        "time", "ex", "inno", "process", "called", "calling", "stat", "count", "day", "for", "of", "in", "on", "to", "and",
        "date", "name", "type", "media", "number", "login", "logout", "current", "user", "data", "result", "desc", "datas",
        "begin", "end", "start", "wait", "ack", "queue", "length", "max", "min", "idle", "busy", "talking", "sign", "num",
        "caller", "callee", "trunk", "server", "device", "key", "place", "party", "feature", "orig", "span", "offset", "limit",
    ]

    init(schema: SchemaDocument) {
        var words = Vocabulary.base
        func add(_ text: String) {
            for word in Vocabulary.words(in: text) where word.count > 1 {
                words.insert(word)
                // Also the stem, so "details" teaches "detail" and "querying" teaches "query".
                for suffix in ["s", "ing", "ed"] where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
                    words.insert(String(word.dropLast(suffix.count)))
                }
            }
        }
        func addFields(_ fields: [Field]) {
            for field in fields {
                // Descriptions only: field names carry the very typos the vocabulary must not learn (`citStatus`).
                add(field.description)
                addFields(field.fields)
            }
        }
        for interface in schema.interfaces {
            add(interface.title)
            add(interface.scenario ?? "")
            addFields(interface.request?.fields ?? [])
            addFields(interface.response?.fields ?? [])
        }
        self.words = words
    }

    init(words: Set<String>) { self.words = words }

    func contains(_ word: String) -> Bool { words.contains(word.lowercased()) }

    /// Lower-case ASCII words of a text.
    static func words(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init)
    }

    /// Splits a run-together lower-case name into known words, preferring few long words; nil when some part is unknown.
    /// Digit runs stand as words of their own (`totalskillstatusex3` → total skill status ex 3).
    func segment(_ name: String) -> [String]? {
        let characters = Array(name.lowercased())
        let count = characters.count
        guard count > 0 else { return nil }
        // best[i]: the best split of the first i characters, scored by the sum of squared word lengths.
        var best: [(score: Int, words: [String])?] = Array(repeating: nil, count: count + 1)
        best[0] = (0, [])
        for end in 1...count {
            for start in stride(from: end - 1, through: max(0, end - 24), by: -1) {
                guard let previous = best[start] else { continue }
                let piece = String(characters[start..<end])
                let isNumber = piece.allSatisfy(\.isNumber)
                let isPlural = piece.count > 3 && piece.hasSuffix("s") && words.contains(String(piece.dropLast()))
                guard isNumber || words.contains(piece) || isPlural else { continue }
                let score = previous.score + piece.count * piece.count
                if best[end] == nil || score > best[end]!.score {
                    best[end] = (score, previous.words + [piece])
                }
            }
        }
        return best[count]?.words
    }
}
