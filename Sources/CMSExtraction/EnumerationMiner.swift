import CMSReading
import CMSSchema

/// Finds documented value lists: "0: success" list items in a cell, or a value/description table.
enum EnumerationMiner {
    /// Words that start an "Other values: …" line, which makes the list open.
    static let otherValueWords = ["other values", "other value", "others", "other", "其他值", "其他", "其它值", "其它"]

    /// An enumeration from a cell's list items, nil when the items are prose, not values.
    static func fromItems(_ items: [String], at location: SourceLocation) -> Enumeration? {
        guard !items.isEmpty else { return nil }
        var values: [EnumValue] = []
        var closed = true
        var otherMeaning: String?
        for item in items {
            guard let (value, meaning) = split(item) else { return nil }
            if otherValueWords.contains(value.lowercased()) {
                closed = false
                otherMeaning = meaning
                continue
            }
            guard isValueToken(value) else { return nil }
            values.append(EnumValue(value: value, meaning: meaning))
        }
        guard !values.isEmpty else { return nil }
        return Enumeration(values: values, closed: closed, otherValues: otherMeaning, location: location)
    }

    /// An enumeration from a value/description table.
    static func fromValueTable(_ table: Table, columns: ColumnMap, location: SourceLocation) -> Enumeration? {
        guard let valueColumn = columns[.value] ?? columns[.code] else { return nil }
        let meaningColumn = columns[.description]
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
