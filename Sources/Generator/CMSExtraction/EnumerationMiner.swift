import CMSReading
import CMSSchema
import CMSSupport

/// Finds documented value lists: "0: success" list items in a cell, or a value/description table.
enum EnumerationMiner {
    /// Words that start an "Other values: …" line, which makes the list open.
    static let otherValueWords = ["other values", "other value", "others", "other", "其他值", "其他", "其它值", "其它"]

    /// An enumeration from a cell's list items (`VALUE: meaning`, or two or more bare `VALUE`s), nil when the items
    /// are prose, examples ("Example: 10.0.0.0/16") or the parts of a format ("The format is yyyy-MM-dd." then
    /// "yyyy: year", …), not values.
    /// - Parameter lead: the paragraph before the list, which says what the list is.
    static func fromItems(_ items: [String], lead: String? = nil, at location: SourceLocation) -> Enumeration? {
        guard !items.isEmpty else { return nil }
        if let lead {
            let words = Prose.asciiWords(lead.lowercased())
            // The parts of a format, or examples ("Examples:", "such as the following"), are not values.
            if words.contains(where: { ["format", "formats", "example", "examples"].contains($0) }) || lead.lowercased().includes("such as") || lead.includes("格式")
                || lead.includes("示例") || lead.includes("例如") {
                return nil
            }
        }
        var values: [EnumValue] = []
        var closed = true
        var otherMeaning: String?
        for item in items {
            guard let (value, meaning) = split(item) else {
                // Bare values: every item one token, at least two of them.
                let bare = items.map { trimmedValue($0.trimmingSpaces()) }
                guard bare.count >= 2, bare.allSatisfy({ !$0.isEmpty && isValueToken($0) && !notValues.contains($0.lowercased()) && !$0.hasSuffix(".") }) else { return nil }
                return Enumeration(values: bare.map { EnumValue(value: $0, meaning: "") }, closed: true, location: location)
            }
            if otherValueWords.contains(value.lowercased()) {
                closed = false
                otherMeaning = meaning
                continue
            }
            guard isValueToken(value), !labelWords.contains(value.lowercased()) else { return nil }
            values.append(EnumValue(value: value, meaning: meaning))
        }
        guard !values.isEmpty else { return nil }
        return Enumeration(values: values, closed: closed, otherValues: otherMeaning, location: location)
    }

    /// Words that label an item rather than stand for a value ("Example: 192.168.0.1", "Note: …").
    private static let labelWords: Set<String> = ["example", "examples", "e.g", "eg", "note", "notes", "default", "remarks", "示例", "例如", "说明", "注意", "默认值"]

    /// An enumeration that the prose of a description states, in any of the vendor's wordings:
    /// - a list announced by its paragraph ("The value can be one of the following:", "Options:", "Enumeration
    ///   values:"), of `VALUE: meaning` or bare `VALUE` items, or of one comma-separated paragraph;
    /// - the same announcement followed in its own paragraph by ` - VALUE: meaning` parts;
    /// - a sentence: "The value can be TCP, UDP, or PING.", "which can be filter or count", "can only be X".
    ///
    /// Conditions ("If type is set to OBS, …") and examples ("for example, 3, 5, or 13") are not lists: only these
    /// wordings open one, and every value must be one token.
    static func fromProse(paragraphs: [String], items: [String], at location: SourceLocation) -> Enumeration? {
        func enumeration(_ values: [EnumValue]) -> Enumeration? {
            var seen: Set<String> = []
            let unique = values.filter { seen.insert($0.value).inserted }
            return unique.isEmpty ? nil : Enumeration(values: unique, closed: true, location: location)
        }
        for (offset, paragraph) in paragraphs.enumerated() {
            guard let rest = announcementRest(paragraph) else { continue }
            if !rest.isEmpty {
                // "The options are as follows: - **Default**: … - **CSV**: …" in one paragraph.
                let parts = rest.hasPrefix("- ") ? rest.dropFirst(2).components(separatedBy: " - ") : []
                if parts.count >= 2, let values = valuesWithMeanings(parts, requireMeaning: true) { return enumeration(values) }
                // "Value options: average, max, min, sum".
                if let list = listItems(rest, minimum: 2) { return enumeration(list.map { EnumValue(value: $0, meaning: "") }) }
                continue
            }
            if !items.isEmpty, let values = valuesWithMeanings(items, requireMeaning: false) { return enumeration(values) }
            // "Options:" then "public, private, hybrid".
            if offset + 1 < paragraphs.count {
                let list = listItems(paragraphs[offset + 1], minimum: 2)
                if let list { return enumeration(list.map { EnumValue(value: $0, meaning: "") }) }
            }
        }
        for paragraph in paragraphs {
            if let values = inlineValues(paragraph) { return enumeration(values.map { EnumValue(value: $0, meaning: "") }) }
        }
        return nil
    }

    /// The text after an announcement that ends a sentence with a colon ("Options:", "The value can be one of the
    /// following:"), nil when the paragraph announces no list.
    private static func announcementRest(_ paragraph: String) -> String? {
        guard paragraph.utf8.contains(UInt8(ascii: ":")) || paragraph.includes("：") else { return nil }
        let prose = Prose(paragraph)
        let announcements = [
            "one of the following:", "the following values:", "options are as follows:", "options:", "value options:", "enumeration values:",
            "enumerated values:", "valid values:", "possible values:", "values are as follows:", "value range:", "取值如下：", "取值如下:",
            "可选值：", "可选值:", "枚举值：", "枚举值:",
        ]
        for phrase in announcements {
            guard let end = prose.ends(of: phrase).first else { continue }
            return prose.rest(from: end)
        }
        return nil
    }

    /// `VALUE: meaning` parts (or bare `VALUE`s when meanings are not required), nil unless every part is one.
    private static func valuesWithMeanings(_ parts: [String], requireMeaning: Bool) -> [EnumValue]? {
        var values: [EnumValue] = []
        for part in parts {
            let cleaned = part.replacingOccurrences(of: "**", with: "").trimmingSpaces()
            if let (value, meaning) = split(cleaned) {
                guard isValueToken(value) else { return nil }
                var text = meaning
                if text.hasSuffix(".") && requireMeaning && part != parts.last { text.removeLast() }
                values.append(EnumValue(value: value, meaning: text))
            } else {
                guard !requireMeaning, isValueToken(cleaned), !cleaned.isEmpty else { return nil }
                values.append(EnumValue(value: trimmedValue(cleaned), meaning: ""))
            }
        }
        return values.isEmpty ? nil : values
    }

    /// "TCP, UDP_CONNECT, HTTP, or PING" → its items, nil unless every item is one value token and there are enough.
    private static func listItems(_ text: String, minimum: Int) -> [String]? {
        var text = text.trimmingSpaces()
        while let last = text.last, last == "." || last == "。" || last == ";" { text.removeLast() }
        let separators = [", or ", ", and ", " or ", " and ", ", ", "，", "、", " 或 ", "或"]
        var items = [text]
        for separator in separators {
            items = items.flatMap { $0.components(separatedBy: separator) }
        }
        items = items.map { trimmedValue($0.trimmingSpaces()) }.filter { !$0.isEmpty }
        guard items.count >= minimum, items.allSatisfy({ isValueToken($0) && !notValues.contains($0.lowercased()) }) else { return nil }
        return items
    }

    /// Words that a sentence can put where values would stand without being values.
    private static let notValues: Set<String> = ["a", "an", "the", "empty", "blank", "null", "none", "any", "left", "used", "set", "changed", "modified", "omitted", "specified", "one", "both", "either", "all", "etc"]

    /// "The value can be A, B, or C." / "which can be A or B" / "can only be A": the values of the first such sentence.
    private static func inlineValues(_ paragraph: String) -> [String]? {
        guard paragraph.includes(" be ") || paragraph.includes(" are ") || paragraph.includes(" is ") else { return nil }
        let prose = Prose(paragraph)
        let triggers: [(phrase: String, minimum: Int)] = [
            ("value can only be ", 1), ("which can only be ", 1), ("can only be set to ", 1), ("value must be one of ", 2),
            ("value can be ", 2), ("which can be ", 2), ("values can be ", 2), ("value is either ", 2), ("valid values are ", 2),
            ("possible values are ", 2), ("value can be set to ", 2), ("the options are ", 2), ("options include ", 2),
        ]
        for trigger in triggers {
            guard let end = prose.ends(of: trigger.phrase).first else { continue }
            var sentence = prose.rest(from: end)
            if let stop = sentence.byteOffset(of: ". ") { sentence = String(decoding: sentence.utf8.prefix(stop), as: UTF8.self) }
            if let stop = sentence.firstIndex(of: "。") { sentence = String(sentence[..<stop]) }
            // "…, or webhook, and the default value is email": the list ends where the sentence turns to its default.
            for tail in [", and the default", ", the default", "; the default", ", and defaults to", ", which defaults to", ", and it defaults to", " (default"] {
                if let stop = sentence.lowercased().byteOffset(of: tail) { sentence = String(decoding: sentence.utf8.prefix(stop), as: UTF8.self) }
            }
            if let items = listItems(sentence, minimum: trigger.minimum) { return items }
        }
        return nil
    }

    /// A value without the quotes or emphasis a page puts around it.
    private static func trimmedValue(_ text: String) -> String {
        var value = Substring(text)
        while let first = value.first, "\"'“”‘’`*".contains(first) { value = value.dropFirst() }
        while let last = value.last, "\"'“”‘’`*".contains(last) { value = value.dropLast() }
        return String(value)
    }

    /// An enumeration from a value/description table.
    /// - Parameter valuesInFirstColumn: a table whose header names no value column ("Status | Description") holds its
    ///   values in the first column, when each is a short token: for a table a field links to for its values.
    static func fromValueTable(_ table: Table, columns: ColumnMap, location: SourceLocation, valuesInFirstColumn: Bool = false) -> Enumeration? {
        var named = columns[.value] ?? columns[.code]
        if named == nil, valuesInFirstColumn, table.header.count >= 2, columns[.description] != 0,
           table.rows.allSatisfy({ $0.cells.first.map { isValueToken($0.text) } ?? false }) {
            named = 0
        }
        guard let valueColumn = named else { return nil }
        let meaningColumn = columns[.description] ?? (named == 0 && columns[.value] == nil && columns[.code] == nil ? 1 : nil)
        var values: [EnumValue] = []
        var closed = true
        var otherMeaning: String?
        for row in table.rows where valueColumn < row.cells.count {
            let value = row.cells[valueColumn].text
            let meaning = meaningColumn.flatMap { $0 < row.cells.count ? row.cells[$0].text : nil } ?? ""
            if otherValueWords.contains(value.lowercased()) { closed = false; otherMeaning = meaning; continue }
            guard !value.isEmpty else { continue }
            values.append(EnumValue(value: value, meaning: meaning))
        }
        return values.isEmpty ? nil : Enumeration(values: values, closed: closed, otherValues: otherMeaning, location: location)
    }

    /// "0: success", "0：成功", "Y - yes".
    private static func split(_ item: String) -> (String, String)? {
        guard let separator = item.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let value = item[..<separator].trimmingCharacters()
        let meaning = item[item.index(after: separator)...].trimmingCharacters()
        guard !value.isEmpty else { return nil }
        return (value, meaning)
    }

    /// A value is a short token: no spaces (except in the "Other values" words), at most 40 characters.
    private static func isValueToken(_ value: String) -> Bool {
        value.count <= 40 && !value.includes(" ")
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingSpaces() }
}
