import CMSReading
import CMSSchema

/// What a table documents.
enum TablePart: Equatable {
    case header, requestBody, responseBody
    /// A table of URL parameters: rows named in the path are path parameters, the others query parameters.
    case pathParameters
    /// A table of query-string parameters.
    case queryParameters
    /// A table of the fields of a nested object, reached through a reference from a field.
    case nested
    /// Value/description rows: the values of an enumeration.
    case values
    case errorCodes
    /// A table the extractor cannot use (it has no parameter column); reported as an error.
    case unusable
}

/// A page's tables with their column maps and parts, and the means to resolve "see Table N" references.
struct TableCatalog {
    struct Entry {
        var table: Table
        var columns: ColumnMap
        var part: TablePart
        var section: SectionKind
        /// The number in the caption ("Table 4" → 4), if the caption has one.
        var number: Int?
    }

    private(set) var entries: [Entry] = []
    private var byAnchor: [String: Int] = [:]
    private var byNumber: [Int: Int] = [:]
    private var objectIDs: [String] = []

    init(sections: PageSections) {
        var sawRequestBody = false
        var sawResponseBody = false
        for entry in sections.entries {
            guard case .table(let table) = entry.block else { continue }
            let columns = ColumnMap(header: table.header)
            let caption = (table.caption ?? "").lowercased()
            let names = columns[.name].map { column in table.rows.compactMap { column < $0.cells.count ? $0.cells[column].text.lowercased() : nil } } ?? []
            var section = entry.section
            if section == .other || section == .scenario {
                // No heading says which part this is: let the caption say it.
                if caption.includes("response") || caption.includes("响应") { section = .response }
                else if caption.includes("request") || caption.includes("请求") { section = .request }
            }
            let part: TablePart
            if columns.isCodeTable {
                part = .errorCodes
            } else if columns.isValueTable {
                part = .values
            } else if !columns.isParameterTable {
                part = .unusable
            } else if caption.includes("header") || caption.includes("请求头") || caption.includes("消息头") || names.contains("content-type") || names.contains("authorization") {
                part = .header
            } else if caption.includes("query param") || caption.includes("query string") || caption.includes("查询参数") {
                part = .queryParameters
            } else if caption.includes("url") || caption.includes("uri param") || caption.includes("path param") || caption.includes("路径参数") {
                part = .pathParameters
            } else if section == .response {
                part = sawResponseBody ? .nested : .responseBody
                sawResponseBody = true
            } else if section == .request || !sawRequestBody && !sawResponseBody {
                part = sawRequestBody ? .nested : .requestBody
                sawRequestBody = true
            } else {
                part = .nested
            }
            let index = entries.count
            let number = TableCatalog.captionNumber(table.caption)
            entries.append(Entry(table: table, columns: columns, part: part, section: section, number: number))
            for anchor in table.anchors where byAnchor[anchor] == nil { byAnchor[anchor] = index }
            if let number, byNumber[number] == nil { byNumber[number] = index }
        }
        var captionCounts: [String: Int] = [:]
        for index in entries.indices { captionCounts[caption(of: index), default: 0] += 1 }
        objectIDs = entries.indices.map { index in
            let caption = caption(of: index)
            return captionCounts[caption]! > 1 ? "\(caption) (table \(entries[index].table.ordinal))" : caption
        }
        // Pages without numbered captions are referred to by position, as DITA-OT numbers them.
        if byNumber.isEmpty {
            for (index, entry) in entries.enumerated() { byNumber[entry.table.ordinal] = index }
        }
    }

    func first(_ part: TablePart) -> Int? { entries.firstIndex { $0.part == part } }

    func all(_ part: TablePart) -> [Int] { entries.indices.filter { entries[$0].part == part } }

    /// The caption of a table, or `table N (no caption)`.
    func caption(of index: Int) -> String {
        entries[index].table.caption ?? "table \(entries[index].table.ordinal) (no caption)"
    }

    /// The id of the object a table documents: its caption, told apart by position when two tables share one.
    func objectID(of index: Int) -> String { objectIDs[index] }

    /// The table a cell refers to: by its local links first, then by "see Table N" / "表N" in its text.
    func referencedTable(from cell: Cell) -> Int? {
        for link in cell.links {
            if let target = link.localTarget, let index = byAnchor[target] { return index }
        }
        let text = ([cell.text] + cell.items + cell.notes).joined(separator: " ")
        guard text.includes("able") || text.includes("表") else { return nil }
        for number in TableCatalog.tableNumbers(in: text) {
            if let index = byNumber[number] { return index }
        }
        return nil
    }

    /// "Table 4 Parameters…" → 4, "表4 …" → 4.
    static func captionNumber(_ caption: String?) -> Int? {
        guard let caption else { return nil }
        let prose = Prose(caption)
        for word in ["table", "表"] {
            if let end = prose.match(word, at: 0), let number = prose.integer(at: end), number.value > 0 { return Int(number.value) }
        }
        return nil
    }

    /// Every "Table N" / "表N" in running text.
    static func tableNumbers(in text: String) -> [Int] {
        let prose = Prose(text)
        var numbers: [Int] = []
        for word in ["table", "表"] {
            for end in prose.ends(of: word) {
                if let number = prose.integer(at: end), number.value > 0, number.value < 1000 { numbers.append(Int(number.value)) }
            }
        }
        return numbers
    }

    func location(of index: Int, file: String) -> SourceLocation {
        let table = entries[index].table
        return SourceLocation(file: file, line: table.line, column: table.column, table: caption(of: index))
    }
}
