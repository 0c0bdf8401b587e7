/// Swift identifiers from wire names and words.
enum Identifier {
    /// Swift keywords that cannot stand as a property or case name without backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout", "internal",
        "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "false", "is", "nil",
        "super", "throws", "true", "try", "await", "async", "any", "some",
    ]
    /// Names that clash with what every generated type has.
    static let reservedMembers: Set<String> = ["self", "Self", "Type", "Protocol", "init", "description", "hashValue", "CodingKeys"]

    /// The humps of a wire name: `citStatus` → cit, Status; `Content-Type` → Content, Type; `vdn_id` → vdn, id;
    /// `IDX_COUNT` → IDX, COUNT; `agentIDs` → agent, IDs.
    static func humps(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if let last = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let lowerToUpper = character.isUppercase && (last.isLowercase || last.isNumber)
                // "IDXCount": the last capital of a run starts the next word, unless only a plural "s" follows ("IDs").
                let acronymEnd = character.isUppercase && last.isUppercase && (next?.isLowercase ?? false)
                    && !(next == "s" && index + 2 == characters.count)
                let digitBoundary = character.isNumber != last.isNumber
                if lowerToUpper || acronymEnd || digitBoundary {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `["query", "detail", "call", "info"]` → `queryDetailCallInfo` (or `QueryDetailCallInfo` when `upper`).
    static func camelCase(_ words: [String], upper: Bool) -> String {
        var result = ""
        for (index, word) in words.enumerated() where !word.isEmpty {
            let isAllUpper = word.count > 1 && word.allSatisfy { !$0.isLetter || $0.isUppercase }
            let lowered = isAllUpper ? word.lowercased() : word
            let followsDigits = index > 0 && words[index - 1].allSatisfy(\.isNumber)
            if index == 0 && !upper || followsDigits {
                result += lowered.prefix(1).lowercased() + lowered.dropFirst()
            } else {
                result += lowered.prefix(1).uppercased() + lowered.dropFirst()
            }
        }
        return result
    }

    /// Makes `name` a valid identifier: a leading digit gets `_`, keywords get backticks (returned separately).
    static func sanitized(_ name: String) -> (name: String, declaration: String) {
        var name = name.filter { $0.isLetter || $0.isNumber || $0 == "_" }
        if name.isEmpty { name = "value" }
        if let first = name.first, first.isNumber { name = "_" + name }
        if reservedMembers.contains(name) { name += "Value" }
        return (name, keywords.contains(name) ? "`\(name)`" : name)
    }
}
