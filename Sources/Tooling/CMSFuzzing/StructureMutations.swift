import Foundation

/// How large the structural shapes of a campaign grow (`FuzzCampaign`).
public struct FuzzShapeLimits: Sendable, Hashable {
    /// The longest chain of tables, each linking to the next ("see Table N+1").
    public var chain: Int
    /// The most levels of tables whose two object fields both link to the next table.
    public var diamond: Int
    /// The most parts of a dotted row number (`1.1.1…`).
    public var numbering: Int
    /// The lengths a long parameter name or JSON key takes, in characters.
    public var nameLengths: [Int]
    /// The lengths of a run of escapes (`\n`, `\u00e9`, …) in a JSON string, in escapes.
    public var escapeRuns: [Int]

    public init(chain: Int, diamond: Int, numbering: Int, nameLengths: [Int], escapeRuns: [Int]) {
        self.chain = max(2, chain)
        self.diamond = max(2, diamond)
        self.numbering = max(2, numbering)
        self.nameLengths = nameLengths.isEmpty ? [10_000] : nameLengths
        self.escapeRuns = escapeRuns.isEmpty ? [1_000] : escapeRuns
    }

    /// Sizes for the short campaign `swift test` runs: deep enough to pass `Nesting.maximumDepth`, fast in a debug build.
    public static let moderate = FuzzShapeLimits(chain: 100, diamond: 24, numbering: 100, nameLengths: [10_000, 20_000], escapeRuns: [250, 1_000])

    /// The sizes of the bugs found so far (`cmsfuzz TARGET --mutate N --deep`): chains and numbering hundreds deep,
    /// diamonds 30 levels, names up to a million characters, runs of a million escapes.
    public static let deep = FuzzShapeLimits(
        chain: 600, diamond: 30, numbering: 600, nameLengths: [10_000, 100_000, 1_000_000], escapeRuns: [1_000, 100_000, 1_000_000]
    )
}

/// The structural mutations: inputs built in the shapes that found real bugs, which byte-level mutation of the seeds
/// would never reach. For `pages`, a whole page written from scratch (`SynthesizedPage`, HTML or DITA); for the
/// targets that read JSON, a seed with a long escape run in a string or a long key.
extension FuzzCampaign {
    /// The shapes of a page.
    enum PageShape: CaseIterable {
        /// Tables linking "see Table N+1" in a chain.
        case linkChain
        /// Table i has two object fields that both link to table i+1.
        case diamond
        /// Rows numbered 1, 1.1, 1.1.1, … in one table.
        case dottedNumbering
        /// A parameter whose name is tens of thousands of characters or more.
        case longName
        /// A JSON example with a long run of escapes in a string.
        case escapeRun
    }

    /// An input built in one of the shapes; nil when the target's seeds give nothing to build on.
    mutating func shapedInput() -> [UInt8]? {
        switch target {
        case .pages:
            let shape = PageShape.allCases[pick(PageShape.allCases.count)]
            let dita = pick(2) == 1
            let page = synthesize(shape)
            // The first byte picks the reader: even HTML, odd DITA.
            let reader: UInt8 = dita ? 1 : 0
            return [reader] + Array((dita ? page.dita() : page.html()).utf8)
        case .json, .decode, .signature, .mock, .validators:
            return pick(3) == 0 ? longKey() : escapeRun()
        }
    }

    // MARK: Sizes

    /// A depth up to `limit`: the limit itself half the time, else any depth from 2.
    private mutating func depth(_ limit: Int) -> Int {
        pick(2) == 0 ? limit : 2 + pick(limit - 1)
    }

    /// Text repeated to about `length` characters.
    private mutating func longName(_ length: Int) -> String {
        let units = ["a", "agentId", "é", "中", "_", "A1", "x\u{301}"]
        let unit = units[pick(units.count)]
        return String(repeating: unit, count: max(1, (length + unit.count - 1) / unit.count))
    }

    /// A run of `count` JSON escapes of one kind, as they appear inside a string literal.
    private mutating func escapes(_ count: Int) -> String {
        let units = [#"\n"#, #"\u00e9"#, #"\n\u00e9"#, #"\ud83d\ude00"#, #"\\"#, #"\""#, #"\u0000"#, #"\/"#]
        return String(repeating: units[pick(units.count)], count: count)
    }

    // MARK: JSON

    /// A seed whose JSON has a long run of escapes at the start of a string value (or in a new member when it has
    /// no string value), written as text so that the escapes stay escapes.
    private mutating func escapeRun() -> [UInt8]? {
        guard !seeds.isEmpty else { return nil }
        var data = [UInt8](seeds[pick(seeds.count)])
        guard let start = jsonStart(data) else { return nil }
        let run = escapes(shapes.escapeRuns[pick(shapes.escapeRuns.count)])
        let values = stringValueStarts(data, from: start)
        if values.isEmpty {
            insertMember(&data, at: start, "\"fuzz\":\"" + run + "\"")
        } else {
            data.insert(contentsOf: Array(run.utf8), at: values[pick(values.count)] + 1)
        }
        return data
    }

    /// A seed whose JSON object has a new member with a long key.
    private mutating func longKey() -> [UInt8]? {
        guard !seeds.isEmpty else { return nil }
        var data = [UInt8](seeds[pick(seeds.count)])
        guard let start = jsonStart(data) else { return nil }
        insertMember(&data, at: start, "\"" + longName(shapes.nameLengths[pick(shapes.nameLengths.count)]) + "\":\"x\"")
        return data
    }

    /// The offsets of the opening quotes of string values (after a `:`) in the JSON from `start`.
    private func stringValueStarts(_ data: [UInt8], from start: Int) -> [Int] {
        var starts: [Int] = []
        var previous: UInt8 = 0
        var inString = false
        var index = start
        while index < data.count {
            let byte = data[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false; previous = byte }
            } else if byte == UInt8(ascii: "\"") {
                if previous == UInt8(ascii: ":") { starts.append(index) }
                inString = true
            } else if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 {
                previous = byte
            }
            index += 1
        }
        return starts
    }

    /// Inserts `member` first in the object whose `{` is at `start`, with the comma it needs.
    private func insertMember(_ data: inout [UInt8], at start: Int, _ member: String) {
        var next = start + 1
        while next < data.count, [0x20, 0x0A, 0x0D, 0x09].contains(data[next]) { next += 1 }
        let empty = next >= data.count || data[next] == UInt8(ascii: "}")
        data.insert(contentsOf: Array((member + (empty ? "" : ",")).utf8), at: start + 1)
    }

    // MARK: Pages

    /// A page of `shape`, at a size drawn from `shapes`.
    private mutating func synthesize(_ shape: PageShape) -> SynthesizedPage {
        typealias Row = SynthesizedPage.Row
        typealias Table = SynthesizedPage.Table
        var page = SynthesizedPage(title: "Fuzzing a Page Shape", path: "fuzz/shape")
        // The objects go in the request or in the response.
        let inRequest = pick(2) == 0
        let body = Table(caption: "Parameters in the request message body", mandatory: true, rows: [
            Row("1", "ccId", "Integer", "ID of a call center. The value ranges from 1 to 65535.", mandatory: true),
        ])
        let response = Table(caption: "Parameters in the response message body", mandatory: false, rows: [
            Row("1", "resultCode", "String", "Result code. The options are as follows: 0100000: success; other values: failure."),
        ])
        page.request = [SynthesizedPage.headerTable, body]
        page.response = [response]
        // The number of the first table after the body tables, on the side that holds the objects: tables are
        // numbered in document order, the header table first.
        let first = inRequest ? 3 : 4
        // The field that holds the first object, row 2 of the request or response body.
        let root = Row("2", inRequest ? "node" : "resultDesc", "Object", "The first object. For details, see", link: first)
        var tables: [Table] = []
        var example = "{\"ccId\": 1}"
        var exampleInRequest = true
        switch shape {
        case .linkChain:
            let length = depth(shapes.chain)
            page.title = "Fuzzing a Chain of \(length) Tables"
            page.path = "fuzz/chain"
            tables = (0..<length).map { level -> Table in
                let next = level + 1 < length
                    ? Row("2", "next", "Object", "The next node. For details, see", link: first + level + 1)
                    : Row("2", "next", "String", "The last node.")
                return Table(caption: "Parameters of node\(level)", mandatory: inRequest, rows: [Row("1", "label\(level)", "String", "Label of the node."), next])
            }
            // The example nests as deep as the chain: the root field, then each table's `next`.
            let nested = String(repeating: "{\"next\": ", count: length) + "\"end\"" + String(repeating: "}", count: length)
            example = inRequest ? "{\"ccId\": 1, \"node\": \(nested)}" : "{\"resultCode\": \"0100000\", \"resultDesc\": \(nested)}"
            exampleInRequest = inRequest
            appendRow(root, to: &page, inRequest: inRequest)
        case .diamond:
            let levels = depth(shapes.diamond)
            page.title = "Fuzzing a Diamond of \(levels) Levels"
            page.path = "fuzz/diamond"
            tables = (0..<levels).map { level -> Table in
                var rows = [Row("1", "value\(level)", "String", "Value of the level.")]
                if level + 1 < levels {
                    rows.append(Row("2", "left", "Object", "The left branch. For details, see", link: first + level + 1))
                    rows.append(Row("3", "right", "Object", "The right branch. For details, see", link: first + level + 1))
                }
                return Table(caption: "Parameters of level\(level)", mandatory: inRequest, rows: rows)
            }
            appendRow(root, to: &page, inRequest: inRequest)
        case .dottedNumbering:
            let parts = depth(shapes.numbering)
            page.title = "Fuzzing Row Numbers \(parts) Parts Deep"
            page.path = "fuzz/dotted"
            // 2, 2.1, 2.1.1, … after the body's first row.
            let rows: [Row] = (1...parts).map { level -> Row in
                let number = (["2"] + Array(repeating: "1", count: level - 1)).joined(separator: ".")
                return level < parts ? Row(number, "level\(level)", "Object", "An object of the level.") : Row(number, "leaf", "String", "The leaf.")
            }
            for row in rows { appendRow(row, to: &page, inRequest: inRequest) }
        case .longName:
            let name = longName(shapes.nameLengths[pick(shapes.nameLengths.count)])
            page.title = "Fuzzing a Long Parameter Name"
            page.path = "fuzz/longname"
            appendRow(Row("2", name, "String", "A parameter with a long name. The value contains a maximum of 20 characters."), to: &page, inRequest: inRequest)
            example = inRequest ? "{\"ccId\": 1, \"\(name)\": \"x\"}" : "{\"resultCode\": \"0100000\", \"\(name)\": \"x\"}"
            exampleInRequest = inRequest
        case .escapeRun:
            let run = escapes(shapes.escapeRuns[pick(shapes.escapeRuns.count)])
            page.title = "Fuzzing an Example of Escapes"
            page.path = "fuzz/escapes"
            appendRow(Row("2", "remark", "String", "A remark. The value contains a maximum of 20 characters."), to: &page, inRequest: inRequest)
            example = inRequest ? "{\"ccId\": 1, \"remark\": \"\(run)\"}" : "{\"resultCode\": \"0100000\", \"remark\": \"\(run)\"}"
            exampleInRequest = inRequest
        }
        if inRequest { page.request += tables } else { page.response += tables }
        page.examples = [(exampleInRequest ? "Request parameters" : "Response parameters", example)]
        return page
    }

    /// Adds `row` to the request body (table 2) or to the response body (table 3).
    private func appendRow(_ row: SynthesizedPage.Row, to page: inout SynthesizedPage, inRequest: Bool) {
        if inRequest { page.request[1].rows.append(row) } else { page.response[0].rows.append(row) }
    }
}

/// A page in the vendor's markup, written from tables for the structural mutations, in either of the forms the readers
/// take (the tests' `PageBuilder` writes the same markup):
///
/// - DITA-OT HTML: `<table id="TOPIC__tN">` with `<caption><b>Table N </b>…`, links `<a href="#TOPIC__tN">Table N</a>`;
/// - DITA: `<table id="tN"><title>…`, links `<xref href="#TOPIC/tN"/>`.
///
/// Tables are numbered in document order, the request tables first, and table N's id is `tN`, so that a row links to a
/// table by its number.
struct SynthesizedPage {
    static let topicID = "EN-US_TOPIC_0000009900000001"

    struct Row {
        /// The `No.` cell.
        var number: String
        var name: String
        var type: String
        /// Text, escaped when written.
        var description: String
        /// The table the description ends by linking to ("For details, see Table N.").
        var link: Int?
        /// Yes or No in a Mandatory column.
        var mandatory: Bool

        init(_ number: String, _ name: String, _ type: String, _ description: String, link: Int? = nil, mandatory: Bool = false) {
            self.number = number
            self.name = name
            self.type = type
            self.description = description
            self.link = link
            self.mandatory = mandatory
        }
    }

    struct Table {
        var caption: String
        /// Whether the table has a Mandatory column (request tables).
        var mandatory: Bool
        var rows: [Row]
    }

    /// Table 1 of every page: Content-Type and Authorization.
    static let headerTable = Table(caption: "Parameters in the request header", mandatory: true, rows: [
        Row("1", "Content-Type", "String", "The value is fixed at application/json; charset=UTF-8.", mandatory: true),
        Row("2", "Authorization", "String", "For details about the generation mode, see Interface Authentication.", mandatory: true),
    ])

    var title: String
    /// The URL's tail after `/rest/cmsapp/v1/openapi/`.
    var path: String
    /// The tables of Request Description, the header table first.
    var request: [Table] = []
    /// The tables of Response Description, numbered after the request's.
    var response: [Table] = []
    /// Message examples: a label and the JSON, escaped when written.
    var examples: [(label: String, text: String)] = []

    init(title: String, path: String) {
        self.title = title
        self.path = path
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    private var sections: [(title: String, paragraphs: [String])] {
        [
            ("Scenario", ["This interface is used to fuzz the reader."]),
            ("Interface Method", ["The request method must be set to POST. This interface supports only the POST method."]),
            ("Request URL", [
                "https://ip:port/rest/cmsapp/v1/openapi/" + Self.escape(path),
                "In the URL, ip indicates the IP address of the NSLB server, and port indicates the HTTPS port number of the CC-CMS service mapped on the NSLB server.",
            ]),
        ]
    }

    private func header(_ table: Table) -> [String] {
        table.mandatory ? ["No.", "Parameter", "Type", "Mandatory", "Description"] : ["No.", "Parameter", "Type", "Description"]
    }

    private func cells(_ row: Row, of table: Table, link: (Int) -> String) -> [String] {
        var description = Self.escape(row.description)
        if let target = row.link { description += " " + link(target) + "." }
        let fixed = [Self.escape(row.number), Self.escape(row.name), Self.escape(row.type)]
        return fixed + (table.mandatory ? [row.mandatory ? "Yes" : "No"] : []) + [description]
    }

    /// What differs between the two layouts: the topic around the parts, a section, a paragraph, an example and a
    /// table. `render` writes the parts in the same order in both.
    private struct Markup {
        var head: String
        var tail: String
        var section: (String) -> String
        var sectionEnd: String
        var paragraph: (String) -> String
        var example: (String, String) -> String
        var table: (Table, Int) -> String
    }

    private func render(_ markup: Markup) -> String {
        var text = markup.head
        for section in sections {
            text += markup.section(section.title) + section.paragraphs.map(markup.paragraph).joined() + markup.sectionEnd
        }
        var number = 0
        for (title, tables) in [("Request Description", request), ("Response Description", response)] where !tables.isEmpty {
            text += markup.section(title)
            for table in tables {
                number += 1
                text += markup.table(table, number)
            }
            text += markup.sectionEnd
        }
        if !examples.isEmpty {
            text += markup.section("Message Example") + examples.map { markup.example($0.label, Self.escape($0.text)) }.joined() + markup.sectionEnd
        }
        return text + markup.tail
    }

    /// A bare DITA-OT topic export.
    func html() -> String {
        render(Markup(
            head: "<a name=\"\(Self.topicID)\"></a>\n<h1 class=\"topictitle1\">\(Self.escape(title))</h1>\n<div id=\"body1\"><p>Updated on 2024-01-01 GMT+08:00</p>\n",
            tail: "</div>\n",
            section: { "<div class=\"section\"><h4 class=\"sectiontitle\">\($0)</h4>" },
            sectionEnd: "</div>\n",
            paragraph: { "<p>\($0)</p>\n" },
            example: { "<ul><li>\($0)<pre class=\"screen\">\($1)</pre>\n</li></ul>\n" },
            table: htmlTable
        ))
    }

    private func htmlTable(_ table: Table, number: Int) -> String {
        var text = "<div class=\"tablenoborder\"><a name=\"t\(number)\"></a>"
        text += "<table cellpadding=\"4\" cellspacing=\"0\" summary=\"\" id=\"\(Self.topicID)__t\(number)\" frame=\"border\" border=\"1\" rules=\"all\">"
        text += "<caption><b>Table \(number) </b>\(Self.escape(table.caption))</caption>"
        text += "<thead align=\"left\"><tr>" + header(table).map { "<th align=\"left\" class=\"cellrowborder\" valign=\"top\"><p>\($0)</p></th>" }.joined() + "</tr>\n</thead>\n<tbody>"
        for row in table.rows {
            let values = cells(row, of: table) { "<a href=\"#\(Self.topicID)__t\($0)\">Table \($0)</a>" }
            text += "<tr>" + values.map { "<td class=\"cellrowborder\" valign=\"top\"><p>\($0)</p></td>" }.joined() + "</tr>\n"
        }
        return text + "</tbody>\n</table>\n</div>\n"
    }

    /// A DITA `reference` topic with CALS tables.
    func dita() -> String {
        render(Markup(
            head: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE reference PUBLIC \"-//OASIS//DTD DITA Reference//EN\" \"reference.dtd\">\n"
                + "<reference id=\"\(Self.topicID)\" xml:lang=\"en-us\">\n<title>\(Self.escape(title))</title>\n"
                + "<prolog><critdates><revised modified=\"2024-01-01\"/></critdates></prolog>\n<refbody>\n",
            tail: "</refbody>\n</reference>\n",
            section: { "<section><title>\($0)</title>\n" },
            sectionEnd: "</section>\n",
            paragraph: { "<p>\($0)</p>\n" },
            example: { "<ul><li>\($0)<codeblock>\($1)</codeblock></li></ul>\n" },
            table: ditaTable
        ))
    }

    private func ditaTable(_ table: Table, number: Int) -> String {
        let columns = header(table)
        var text = "<table id=\"t\(number)\" frame=\"all\" rowsep=\"1\" colsep=\"1\"><title>\(Self.escape(table.caption))</title>\n"
        text += "<tgroup cols=\"\(columns.count)\">" + columns.indices.map { "<colspec colname=\"col\($0 + 1)\"/>" }.joined() + "\n"
        text += "<thead><row>" + columns.map { "<entry>\($0)</entry>" }.joined() + "</row></thead>\n<tbody>\n"
        for row in table.rows {
            let values = cells(row, of: table) { "<xref href=\"#\(Self.topicID)/t\($0)\"/>" }
            text += "<row>" + values.map { "<entry>\($0)</entry>" }.joined() + "</row>\n"
        }
        return text + "</tbody></tgroup></table>\n"
    }
}
