/// Swift identifiers from wire names and words.
enum Identifier {
    /// Words that need backticks to stand as a property, parameter or case name.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout", "internal",
        "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "false", "is", "nil",
        "super", "throws", "true", "try", "await", "async", "any", "some", "consume", "copy", "discard", "each", "macro",
        "borrowing", "consuming", "nonisolated", "isolated", "package", "sending",
    ]

    /// Names that cannot be used even with backticks, or that every type already has.
    static let unusable: Set<String> = ["self", "Self", "Type", "Protocol", "init", "super", "_"]

    /// The humps of a wire name: `citStatus` → cit, Status; `Content-Type` → Content, Type; `vdn_id` → vdn, id;
    /// `IDX_COUNT` → IDX, COUNT; `agentIDs` → agent, IDs. Only ASCII letters and digits make words; everything else
    /// separates them.
    static func humps(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isASCII, character.isLetter || character.isNumber else {
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

    /// The longest name cmsgen writes: a longer wire name gives a name of its first this many characters.
    static let maximumLength = 128

    /// A valid identifier from `name`: only ASCII letters, digits and `_` stay; a leading digit gets `_`; an empty
    /// result becomes `fallback`; a result longer than `maximumLength` keeps its start. Says why when it had to change
    /// more than the case.
    static func sanitized(_ name: String, fallback: String) -> (name: String, change: String?) {
        var result = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        var change: String?
        if result.count > maximumLength {
            result = String(result.prefix(maximumLength))
            change = "gives a name that is longer than \(maximumLength) characters; it is cut there"
        }
        if result.isEmpty {
            result = fallback
            change = "has no letters or digits"
        } else if let first = result.first, first.isNumber {
            result = "_" + result
            change = "gives a name that starts with a digit"
        }
        return (result, change)
    }

    /// The name as written in a declaration or after a dot: backticked when it is a keyword.
    static func declaration(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The name as an argument label in a declaration: keywords stand bare there, except `inout`, `var` and `let`.
    static func argumentLabel(_ name: String) -> String {
        ["inout", "var", "let"].contains(name) ? "`\(name)`" : name
    }

    /// The name as an argument label in a call: keywords stand bare there (Swift warns that backticks around `let`
    /// are not needed), except `inout`.
    static func callLabel(_ name: String) -> String {
        name == "inout" ? "`inout`" : name
    }

    /// Whether `text` is a valid Swift identifier of the form cmsgen writes (ASCII letters, digits and `_`, not
    /// starting with a digit), for names from the overrides file.
    static func isValid(_ text: String) -> Bool {
        guard let first = text.first, !first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && !unusable.contains(text)
    }
}
