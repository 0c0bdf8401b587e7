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

        // Generic forms: List <X>, List<X>, array<X>, Array[X], X[], 数组<X>.
        if let (container, inner) = splitGeneric(raw) {
            let containerKind = kind(ofWord: container)
            if containerKind == .array || container.lowercased() == "list" || container.lowercased() == "set" {
                let element = normalize(inner)
                if element.recognised, element.type.kind != .array {
                    let name = element.type.kind == .object || element.type.kind == .unknown ? inner.trimmingSpaces() : nil
                    let elementKind: FieldType.Kind = element.type.kind == .unknown ? .object : element.type.kind
                    return Result(type: FieldType(kind: .array, element: elementKind, name: name, raw: raw), constraints: Constraints(), recognised: true)
                }
                // An element type we do not know is taken as the name of an object type (array<callinDetial>).
                if isIdentifier(inner) {
                    return Result(type: FieldType(kind: .array, element: .object, name: inner.trimmingSpaces(), raw: raw), constraints: Constraints(), recognised: true)
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
        case "object", "map", "json", "jsonobject", "对象", "结构体", "struct": return .object
        case "array", "list", "jsonarray", "数组", "列表", "集合", "set": return .array
        default: return nil
        }
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
