import CMSSchema

/// Idiomatic Swift names for everything the schema names: operations, types, properties and enumeration cases.
struct NameBuilder {
    let vocabulary: Vocabulary
    let typos: TypoCorrector

    init(schema: SchemaDocument) {
        vocabulary = Vocabulary(schema: schema)
        typos = TypoCorrector(vocabulary: vocabulary)
    }

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        typos = TypoCorrector(vocabulary: vocabulary)
    }

    /// A name and the notes that explain how it differs from the wire name.
    struct Name: Equatable {
        /// The identifier, without backticks (`default`).
        var name: String
        /// As declared (`` `default` ``).
        var declaration: String
        /// Words corrected as vendor typos, as `cit → cti`.
        var corrections: [String]
    }

    /// The words of a wire name: its humps, a run-together lower-case name split into known words, typos corrected.
    func words(of wireName: String, context: String) -> (words: [String], corrections: [String]) {
        // Run-together lower-case humps split into known words: "workno" → work no, "totalskillstatusex" → total skill status ex.
        var words = Identifier.humps(wireName).flatMap { hump -> [String] in
            guard hump.count >= 5, hump == hump.lowercased(), let split = vocabulary.segment(hump), split.count > 1 else { return [hump] }
            return split
        }
        var corrections: [String] = []
        words = words.map { word in
            guard let corrected = typos.correction(of: word, context: context) else { return word }
            corrections.append("\(word) → \(corrected)")
            return corrected
        }
        return (words, corrections)
    }

    /// A property name: `ccId`, `ctiStatus` (from `citStatus`), `contentType` (from `Content-Type`), `workNo` (from `workno`).
    func propertyName(wireName: String, context: String) -> Name {
        let (words, corrections) = words(of: wireName, context: context)
        let (name, declaration) = Identifier.sanitized(Identifier.camelCase(words, upper: false))
        return Name(name: name, declaration: declaration, corrections: corrections)
    }

    /// A type name from a wire name: `resultDesc` → `ResultDesc`, `callinDetial` → `CallinDetail`.
    func typeName(wireName: String, context: String, singular: Bool = false) -> String {
        var (words, _) = words(of: wireName, context: context)
        if singular, let last = words.last {
            let lower = last.lowercased()
            if lower.count > 3, lower.hasSuffix("s"), !lower.hasSuffix("ss") {
                words[words.count - 1] = String(last.dropLast())
            } else {
                words.append("Item")
            }
        }
        return Identifier.sanitized(Identifier.camelCase(words, upper: true)).name
    }

    /// The operation name of each interface: its last path segment split into words (`queryDetailCallInfo`). Names that
    /// two interfaces would share take more path segments, from the end, until they differ.
    func operationNames(for interfaces: [Interface]) -> [String] {
        let segments = interfaces.map { interface -> [String] in
            let parts = interface.path.split(separator: "/").map(String.init)
            let tail = parts.firstIndex(of: "openapi").map { Array(parts[($0 + 1)...]) } ?? parts
            return tail.filter { !($0.hasPrefix("{") && $0.hasSuffix("}")) }
        }
        // A last segment of one word ("agent", "vdns") says too little: it takes its parent segment too.
        var depth = segments.map { parts in
            (parts.last.map { self.words(of: $0, context: "").words.count } ?? 0) <= 1 && parts.count > 1 ? 2 : 1
        }
        func name(_ index: Int) -> String {
            let parts = segments[index].suffix(depth[index])
            let words = parts.flatMap { part in self.words(of: part, context: "").words }
            var name = Identifier.camelCase(words, upper: false)
            let method = interfaces[index].method.lowercased()
            if depth[index] > segments[index].count { name = method + Identifier.camelCase([name], upper: true) }
            return Identifier.sanitized(name).name
        }
        for _ in 0..<8 {
            let names = interfaces.indices.map(name)
            var clashes = false
            for (index, candidate) in names.enumerated() where names.filter({ $0 == candidate }).count > 1 {
                depth[index] += 1
                clashes = true
            }
            if !clashes { return names }
        }
        // Still clashing (same path and method twice): number them in order.
        var seen: [String: Int] = [:]
        return interfaces.indices.map(name).map { name in
            seen[name, default: 0] += 1
            return seen[name]! == 1 ? name : "\(name)\(seen[name]!)"
        }
    }

    /// An enumeration case name from a documented value and its meaning: `4: idle (CTI platform status 1)` → `idle`,
    /// `Y: yes` → `yes`, `MEDIA_TYPE_PHONE` → `mediaTypePhone`.
    func caseName(value: String, meaning: String) -> String {
        let valueWords = Identifier.humps(value)
        let valueIsName = value.count > 2 && value.first?.isLetter == true && valueWords.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber } }
        if valueIsName {
            return Identifier.sanitized(Identifier.camelCase(valueWords, upper: false)).name
        }
        var clean = meaning
        if let parenthesis = clean.firstIndex(where: { $0 == "(" || $0 == "（" }) { clean = String(clean[..<parenthesis]) }
        let articles: Set<String> = ["a", "an", "the"]
        let words = Vocabulary.words(in: clean).filter { !articles.contains($0) }.prefix(4)
        guard !words.isEmpty, !clean.containsCJKCharacters else {
            return Identifier.sanitized("value" + Identifier.camelCase(valueWords, upper: true)).name
        }
        return Identifier.sanitized(Identifier.camelCase(Array(words), upper: false)).name
    }
}

extension String {
    var containsCJKCharacters: Bool {
        unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
