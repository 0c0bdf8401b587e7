import CMSSchema

/// Turns the vendor's many type spellings into a `FieldType`, plus any length limits the type cell carries.
enum TypeNormalizer {
    struct Result: Equatable {
        var type: FieldType
        var constraints: Constraints
        /// False when the spelling is not known; the caller warns and keeps the raw text.
        var recognised: Bool
    }

    static func normalize(_ rawText: String) -> Result {
        let raw = rawText.trimmingSpaces()
        var constraints = Constraints()
        if raw.isEmpty { return Result(type: FieldType(kind: .unknown, raw: raw), constraints: constraints, recognised: false) }

        if let phrased = phrase(raw) { return Result(type: phrased, constraints: constraints, recognised: true) }

        // Generic forms: List <X>, List<X>, array<X>, Array[X], X[], 数组<X>, Map<K, V>.
        if let (container, inner) = splitGeneric(raw) {
            let containerKind = kind(ofWord: container)
            if containerKind == .map {
                // The value type is the last argument: Map<String, Object>, map<string,string>.
                let value = inner.split(separator: ",").last.map { normalize(String($0)) }
                let element = value.flatMap { $0.recognised && $0.type.kind != .unknown ? $0.type.kind : nil }
                return Result(type: FieldType(kind: .map, element: element, raw: raw), constraints: Constraints(), recognised: true)
            }
            if containerKind == .array || container.lowercased() == "list" || container.lowercased() == "set" {
                let element = normalize(inner)
                if element.recognised, element.type.kind != .array {
                    // A type name of the vendor's (List<AgentInfo>) names the element's type; a generic word
                    // (List<Object>) names nothing.
                    let name = element.type.kind == .unknown ? inner.trimmingSpaces() : element.type.kind == .object ? element.type.name : nil
                    let elementKind: FieldType.Kind = element.type.kind == .unknown ? .object : element.type.kind
                    return Result(type: FieldType(kind: .array, element: elementKind, name: name, raw: raw), constraints: Constraints(), recognised: true)
                }
                // An element type we do not know is taken as the name of an object type (array<callinDetial>,
                // Array<Storage type>).
                let named = typeName(inner)
                if isIdentifier(named) {
                    return Result(type: FieldType(kind: .array, element: .object, name: named, raw: raw), constraints: Constraints(), recognised: true)
                }
            }
        }
        if raw.hasSuffix("[]") {
            let element = normalize(String(raw.dropLast(2)))
            if element.recognised {
                return Result(type: FieldType(kind: .array, element: element.type.kind, raw: raw), constraints: Constraints(), recognised: true)
            }
        }

        // Length forms: String(1-25), String(25), varchar(32), String[1,25].
        var base = raw
        if let open = raw.firstIndex(where: { $0 == "(" || $0 == "（" || $0 == "[" }),
           let close = raw.lastIndex(where: { $0 == ")" || $0 == "）" || $0 == "]" }), open < close {
            let inside = raw[raw.index(after: open)..<close]
            let numbers = inside.split(whereSeparator: { $0 == "-" || $0 == "~" || $0 == "," || $0 == "～" || $0 == " " }).compactMap { Int($0) }
            base = String(raw[..<open]).trimmingSpaces()
            if numbers.count == 1 {
                constraints.maxLength = numbers[0]
            } else if numbers.count == 2 {
                constraints.minLength = numbers[0]
                constraints.maxLength = numbers[1]
            }
        }
        let kind = kind(ofWord: base)
        guard let kind else { return Result(type: FieldType(kind: .unknown, raw: raw), constraints: Constraints(), recognised: false) }
        if kind != .string { constraints.minLength = nil; constraints.maxLength = nil }
        return Result(type: FieldType(kind: kind, raw: raw), constraints: constraints, recognised: true)
    }

    /// The kind a single type word names, nil when it is not one the vendor uses.
    static func kind(ofWord word: String) -> FieldType.Kind? {
        switch word.trimmingSpaces().lowercased() {
        case "string", "str", "varchar", "char", "text", "字符串", "字符型": return .string
        case "int", "integer", "int32", "short", "byte", "整数", "整型", "整数型": return .integer
        case "long", "int64", "bigint", "长整型", "长整数": return .long
        case "number", "float", "double", "decimal", "numeric", "数值", "浮点数", "浮点型": return .number
        case "boolean", "bool", "布尔", "布尔型", "布尔值": return .boolean
        case "date", "datetime", "timestamp", "time", "日期", "时间": return .date
        case "object", "json", "jsonobject", "对象", "结构体", "struct": return .object
        case "map", "dict", "dictionary", "hashmap", "字典": return .map
        case "array", "list", "jsonarray", "数组", "列表", "集合", "set": return .array
        default: return nil
        }
    }

    /// The worded spellings: `Array of strings`, `Array of objects`, `Array of Member objects`, `Member object`,
    /// `string array`, `Member array`.
    private static func phrase(_ raw: String) -> FieldType? {
        var words = raw.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).map(String.init)
        guard words.count >= 2 else { return nil }
        var lower = words.map { $0.lowercased() }
        // "config array corresponding to infer_type", "Integer array (at most 10)": a type phrase, then prose about it.
        if words.count > 2, ["array", "list", "object"].contains(lower[1]), !["of"].contains(lower[0]) {
            words = Array(words.prefix(2))
            lower = Array(lower.prefix(2))
        }
        guard words.count <= 4 else { return nil }
        /// A word's kind, singular or plural (`strings`, `integers`).
        func kind(_ word: String) -> FieldType.Kind? {
            TypeNormalizer.kind(ofWord: word) ?? (word.hasSuffix("s") ? TypeNormalizer.kind(ofWord: String(word.dropLast())) : nil)
        }
        func isObjectWord(_ word: String) -> Bool { word == "object" || word == "objects" }
        if lower[0] == "array" || lower[0] == "list", lower[1] == "of" {
            let rest = Array(words.dropFirst(2))
            let restLower = Array(lower.dropFirst(2))
            if rest.count == 1 {
                if let element = kind(restLower[0]), element != .array, element != .unknown {
                    return FieldType(kind: .array, element: element, raw: raw)
                }
                guard isIdentifier(rest[0]) else { return nil }
                return FieldType(kind: .array, element: .object, name: rest[0], raw: raw)
            }
            if rest.count == 2, isObjectWord(restLower[1]), isIdentifier(rest[0]) {
                return FieldType(kind: .array, element: .object, name: rest[0], raw: raw)
            }
            return nil
        }
        guard words.count == 2 else { return nil }
        if isObjectWord(lower[1]) {
            if let known = TypeNormalizer.kind(ofWord: lower[0]) { return known == .object || known == .map ? FieldType(kind: known, raw: raw) : nil }
            guard isIdentifier(words[0]) else { return nil }
            return FieldType(kind: .object, name: words[0], raw: raw)
        }
        if lower[1] == "array" || lower[1] == "list" || lower[1] == "[]" {
            if let element = kind(lower[0]), element != .array, element != .unknown {
                return FieldType(kind: .array, element: element, raw: raw)
            }
            guard isIdentifier(words[0]) else { return nil }
            return FieldType(kind: .array, element: .object, name: words[0], raw: raw)
        }
        return nil
    }

    /// `map<string,object>`, `Map<String, String>` standing in prose: the map type it names, if any.
    static func mapInProse(_ text: String) -> FieldType? {
        let lower = text.lowercased()
        guard let start = lower.range(of: "map<") ?? lower.range(of: "map <") ?? lower.range(of: "dict<"),
              let close = lower[start.upperBound...].firstIndex(of: ">") else { return nil }
        let spelled = String(text[start.lowerBound...close])
        let result = normalize(spelled)
        return result.type.kind == .map ? result.type : nil
    }

    /// "Storage type" → `Storage`, "Member objects" → `Member`: a type name without the words that only say it is one.
    private static func typeName(_ text: String) -> String {
        var words = text.trimmingSpaces().split(separator: " ").map(String.init)
        while words.count > 1, let last = words.last?.lowercased(), ["type", "types", "object", "objects", "structure", "struct"].contains(last) {
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    private static func splitGeneric(_ raw: String) -> (String, String)? {
        guard let open = raw.firstIndex(where: { $0 == "<" || $0 == "《" }), raw.last == ">" || raw.last == "》" else { return nil }
        let container = String(raw[..<open]).trimmingSpaces()
        let inner = String(raw[raw.index(after: open)..<raw.index(before: raw.endIndex)]).trimmingSpaces()
        guard !container.isEmpty, !inner.isEmpty else { return nil }
        return (container, inner)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces()
        guard let first = trimmed.first, first.isLetter || first == "_" else { return false }
        return trimmed.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
