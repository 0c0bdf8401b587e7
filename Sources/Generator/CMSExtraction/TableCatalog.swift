import CMSReading
import CMSSchema
import CMSSupport

/// What a table documents.
enum TablePart: Equatable {
    case header, requestBody, responseBody
    /// Headers of a response ("Response header parameters"): documented, not needed to call.
    case responseHeaders
    /// A table of URL parameters: rows named in the path are path parameters, the others query parameters.
    case pathParameters
    /// A table of query-string parameters.
    case queryParameters
    /// A table of the fields of a nested object, reached through a reference from a field.
    case nested
    /// Value/description rows: the values of an enumeration.
    case values
    case errorCodes
    /// HTTP status codes and what they mean ("Status Code | Description").
    case statusCodes
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
        /// For response bodies: the status the page names above the table ("Status code: 201"), if it names one.
        var status: Int?
        /// The caption says the table documents parameters, a body or headers ("Parameters in the message body",
        /// "请求参数"): a table the interface needs, whatever its columns.
        var namesParameters = false
    }

    private(set) var entries: [Entry] = []
    private var byAnchor: [String: Int] = [:]
    private var byNumber: [Int: Int] = [:]
    private var objectIDs: [String] = []

    init(sections: PageSections) {
        var sawRequestBody = false
        /// Response bodies seen, by the status they answer (nil: no status named yet).
        var sawResponseBody: Set<Int?> = []
        var status: Int?
        for entry in sections.entries {
            if case .paragraph(let text) = entry.block, entry.section == .response || entry.section == .examples,
               let named = TableCatalog.statusMarker(text.text) {
                status = named
                continue
            }
            if case .heading = entry.block { status = nil }
            guard case .table(var table) = entry.block else { continue }
            // A table written without a header row (a DITA table without `thead`): its first row is the header when
            // that row names the columns of parameters.
            if ColumnMap(header: table.header).isEmpty, let first = table.rows.first, ColumnMap(header: first.cells).isParameterTable {
                table.header = first.cells
                table.rows.removeFirst()
            }
            let columns = ColumnMap(header: table.header)
            let caption = (table.caption ?? "").lowercased()
            let words = Prose.asciiWords(caption)
            let names = columns[.name].map { column in table.rows.compactMap { column < $0.cells.count ? $0.cells[column].text.lowercased() : nil } } ?? []
            var section = entry.section
            if section == .other || section == .scenario {
                // No heading says which part this is: let the caption say it.
                if words.contains("response") || caption.includes("响应") { section = .response }
                else if words.contains("request") || caption.includes("请求") { section = .request }
            }
            let namesBody = words.contains("body") || words.contains("message") || (words.contains("request") || words.contains("response")) && (words.contains("parameters") || words.contains("parameter"))
            // "Query Parameters", "Path parameters", "URI parameters": a word of the place and a word of parameters.
            let namesParameters = !words.isDisjoint(with: ["parameter", "parameters", "params", "string", "strings"])
            let part: TablePart
            if columns.isStatusTable {
                part = .statusCodes
            } else if columns.isCodeTable {
                part = .errorCodes
            } else if columns.isValueTable {
                part = .values
            } else if !columns.isParameterTable {
                part = .unusable
            } else if words.contains("header") || words.contains("headers") || caption.includes("请求头") || caption.includes("消息头")
                        || names.contains("content-type") || names.contains("authorization") || names.contains("x-auth-token") {
                part = section == .response ? .responseHeaders : .header
            } else if words.contains("query") && namesParameters || caption.includes("查询参数") {
                part = .queryParameters
            } else if !words.isDisjoint(with: ["path", "uri", "url"]) && namesParameters && !namesBody || caption.includes("路径参数") {
                part = .pathParameters
            } else if section == .url {
                part = .pathParameters
            } else if section == .response {
                part = sawResponseBody.contains(status) ? .nested : .responseBody
                sawResponseBody.insert(status)
            } else if section == .request || !sawRequestBody && sawResponseBody.isEmpty {
                part = sawRequestBody ? .nested : .requestBody
                sawRequestBody = true
            } else {
                part = .nested
            }
            let index = entries.count
            let number = TableCatalog.captionNumber(table.caption)
            entries.append(Entry(
                table: table, columns: columns, part: part, section: section, number: number, status: part == .responseBody ? status : nil,
                namesParameters: namesParameters || namesBody || !words.isDisjoint(with: ["header", "headers", "field", "fields"]) || caption.includes("参数")
            ))
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

    /// "Status code: 201", "Status Code 200", "状态码：204": the status a paragraph names before a response table.
    static func statusMarker(_ text: String) -> Int? {
        let prose = Prose(text)
        for phrase in ["status code", "状态码"] {
            guard let end = prose.match(phrase, at: 0) else { continue }
            let start = prose.skip(from: end, over: [":"])
            guard let number = prose.integer(at: start), (100...599).contains(number.value) else { return nil }
            return Int(number.value)
        }
        return nil
    }


    func all(_ part: TablePart) -> [Int] { entries.indices.filter { entries[$0].part == part } }

    /// The header cells of a table, `A | B | C`, or `none`.
    func headerText(of index: Int) -> String {
        let header = entries[index].table.header.map(\.text).joined(separator: " | ")
        return header.isEmpty ? "none" : header
    }

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

    /// Every table a cell refers to, in order, each once: by its local links, then by "see Table N" in its text.
    func referencedTables(from cell: Cell) -> [Int] {
        var found: [Int] = []
        for link in cell.links {
            if let target = link.localTarget, let index = byAnchor[target], !found.contains(index) { found.append(index) }
        }
        let text = ([cell.text] + cell.items + cell.notes).joined(separator: " ")
        guard text.includes("able") || text.includes("表") else { return found }
        for number in TableCatalog.tableNumbers(in: text) {
            if let index = byNumber[number], !found.contains(index) { found.append(index) }
        }
        return found
    }

    /// The table a type cell links to (`<a href="#table4">Member</a> object`); its text is a type, not prose, so only
    /// links count.
    func linkedTable(from cell: Cell) -> Int? {
        cell.links.lazy.compactMap { $0.localTarget.flatMap { byAnchor[$0] } }.first
    }

    /// The caption without its "Table N" / "表N" label: "Table 6 Member" → "Member".
    func title(of index: Int) -> String? {
        guard let caption = entries[index].table.caption else { return nil }
        let prose = Prose(caption)
        for word in ["table", "表"] {
            if let end = prose.match(word, at: 0), let number = prose.integer(at: end) {
                let rest = String(decoding: Array(caption.utf8)[min(number.end, caption.utf8.count)...], as: UTF8.self)
                return rest.trimmingSpaces()
            }
        }
        return caption.trimmingSpaces()
    }

    /// Lower-case letters and digits only: `Create Widget_Option` → `createwidgetoption`.
    static func folded(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
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
