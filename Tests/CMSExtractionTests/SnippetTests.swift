@testable import CMSExtraction
import CMSReading
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// Reading pages written by `PageBuilder` back through the whole reading half.
enum Snippet {
    typealias Cell = PageBuilder.Cell

    /// Builds pages given as `(path, text)`; every diagnostic must be in compiler format.
    static func build(_ pages: [(path: String, text: String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SchemaBuilder.Result {
        let result = SchemaBuilder.build(pages: pages.map { ($0.path, Array($0.text.utf8)) })
        expectCompilerFormat(result.diagnostics, sourceLocation: sourceLocation)
        return result
    }

    /// Builds one page as a bare HTML topic (`.html` path) or a DITA topic (`.dita` path).
    static func build(_ page: PageBuilder.Page, path: String = "snippet.html", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SchemaBuilder.Result {
        build([(path, path.hasSuffix(".dita") ? page.dita() : page.html())], sourceLocation: sourceLocation)
    }

    /// The one interface of a result.
    static func interface(_ result: SchemaBuilder.Result, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Interface {
        try #require(result.schema.interfaces.count == 1, "expected one interface; diagnostics: \(result.diagnostics)", sourceLocation: sourceLocation)
        return result.schema.interfaces[0]
    }

    /// The field at a dotted path (`resultDesc.details.agentId`), through the objects of `interface`.
    static func field(_ path: String, in fields: [Field], of interface: Interface? = nil) -> Field? {
        var current = fields
        var found: Field?
        for name in path.split(separator: ".") {
            guard let next = current.first(where: { $0.name == name }) else { return nil }
            found = next
            current = interface?.fields(of: next) ?? []
        }
        return found
    }

    /// The request field `name` of a page whose request body table has `header` and `rows`.
    static func requestField(_ name: String, header: [String] = ["Parameter", "Type", "Mandatory", "Description"], rows: [[Cell]],
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (Field, SchemaBuilder.Result) {
        let page = PageBuilder.interface(request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(header: header, rows: rows))])
        let result = build(page, sourceLocation: sourceLocation)
        let interface = try self.interface(result, sourceLocation: sourceLocation)
        let field = try #require(self.field(name, in: interface.request?.fields ?? []), "no request field \(name)", sourceLocation: sourceLocation)
        return (field, result)
    }

    /// The response field at `path` of a page whose response tables are `tables`.
    static func responseField(_ path: String, tables: [PageBuilder.Table], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (Field, SchemaBuilder.Result) {
        let page = PageBuilder.interface(response: tables.map { .table($0) })
        let result = build(page, sourceLocation: sourceLocation)
        let interface = try self.interface(result, sourceLocation: sourceLocation)
        let field = try #require(self.field(path, in: interface.response?.fields ?? []), "no response field \(path)", sourceLocation: sourceLocation)
        return (field, result)
    }

    static func warnings(_ result: SchemaBuilder.Result) -> [Diagnostic] { result.diagnostics.filter { $0.severity == .warning } }
    static func errors(_ result: SchemaBuilder.Result) -> [Diagnostic] { result.diagnostics.filter { $0.severity == .error } }

    /// `path:line:col: error|warning: message`.
    static func isCompilerFormat(_ line: String) -> Bool {
        line.wholeMatch(of: /[^\n]+:[0-9]+:[0-9]+: (error|warning|note): [^\n]+/) != nil
    }

    static func expectCompilerFormat(_ diagnostics: [Diagnostic], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for diagnostic in diagnostics {
            #expect(isCompilerFormat(diagnostic.description), "not in compiler format: \(diagnostic.description)", sourceLocation: sourceLocation)
        }
    }

    /// The 1-based line of the first line of `text` containing `needle` after skipping `skipping` earlier matches.
    static func line(of needle: String, in text: String, skipping: Int = 0) -> Int? {
        var skipped = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(needle) {
            if skipped == skipping { return index + 1 }
            skipped += 1
        }
        return nil
    }
}

@Suite struct SnippetTests {
    typealias Cell = PageBuilder.Cell
    typealias Table = PageBuilder.Table
    static func link(_ id: String, _ text: String) -> String { PageBuilder.link(id, text) }

    // MARK: Column layouts

    struct Column: Sendable {
        var header: String
        var ccId: Cell
        var callerNo: Cell
        init(_ header: String, _ ccId: Cell, _ callerNo: Cell) {
            self.header = header
            self.ccId = ccId
            self.callerNo = callerNo
        }
    }

    struct Layout: Sendable, CustomTestStringConvertible {
        var name: String
        var columns: [Column]
        init(_ name: String, _ columns: [Column]) {
            self.name = name
            self.columns = columns
        }
        var testDescription: String { name }
        var header: [String] { columns.map(\.header) }
        var rows: [[Cell]] { [columns.map(\.ccId), columns.map(\.callerNo)] }
    }

    static let ccIdText: Cell = "ID of a call center. The value ranges from 1 to 65535."
    static let callerNoText: Cell = "Calling number. The value contains a maximum of 20 characters."
    static let ccIdChinese: Cell = "呼叫中心编号。取值范围：1~65535。"
    static let callerNoChinese: Cell = "主叫号码。最大长度：20"

    static let layouts: [Layout] = [
        Layout("No. column", [
            Column("No.", "1", "2"), Column("Parameter", "ccId", "callerNo"), Column("Type", "Integer", "String"),
            Column("Mandatory", "Yes", "No"), Column("Description", ccIdText, callerNoText),
        ]),
        Layout("no No. column", [
            Column("Parameter", "ccId", "callerNo"), Column("Type", "Integer", "String"), Column("Mandatory", "Yes", "No"),
            Column("Description", ccIdText, callerNoText),
        ]),
        Layout("Value Type", [
            Column("Parameter", "ccId", "callerNo"), Column("Value Type", "Integer", "String"), Column("Mandatory", "Yes", "No"),
            Column("Description", ccIdText, callerNoText),
        ]),
        Layout("Mandatory before Type", [
            Column("No.", "1", "2"), Column("Parameter", "ccId", "callerNo"), Column("Mandatory", "Yes", "No"),
            Column("Type", "Integer", "String"), Column("Description", ccIdText, callerNoText),
        ]),
        Layout("columns in another order", [
            Column("Description", ccIdText, callerNoText), Column("Type", "Integer", "String"), Column("Parameter", "ccId", "callerNo"),
            Column("Mandatory", "Yes", "No"), Column("No.", "1", "2"),
        ]),
        Layout("Chinese 序号/名称/参数类型/是否必选/说明", [
            Column("序号", "1", "2"), Column("名称", "ccId", "callerNo"), Column("参数类型", "Integer", "String"),
            Column("是否必选", "是", "否"), Column("说明", ccIdChinese, callerNoChinese),
        ]),
        Layout("Chinese 参数名/数据类型/是否必选/默认值/说明", [
            Column("参数名", "ccId", "callerNo"), Column("数据类型", "Integer", "String"), Column("是否必选", "是", "否"),
            Column("默认值", "-", "-"), Column("说明", ccIdChinese, callerNoChinese),
        ]),
        Layout("Default Value column", [
            Column("Parameter", "ccId", "callerNo"), Column("Type", "Integer", "String"), Column("Mandatory", "Yes", "No"),
            Column("Default Value", "-", "-"), Column("Description", ccIdText, callerNoText),
        ]),
    ]

    @Test(arguments: layouts)
    func columnLayout(_ layout: Layout) throws {
        let page = PageBuilder.interface(request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(header: layout.header, rows: layout.rows))])
        let result = Snippet.build(page)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let fields = try #require(try Snippet.interface(result).request?.fields)
        #expect(fields.map(\.name) == ["ccId", "callerNo"])
        let ccId = try #require(Snippet.field("ccId", in: fields))
        #expect(ccId.type == FieldType(kind: .integer, raw: "Integer"))
        #expect(ccId.requirement == .required)
        #expect(ccId.constraints == Constraints(minimum: 1, maximum: 65535))
        #expect(ccId.defaultValue == nil)
        let callerNo = try #require(Snippet.field("callerNo", in: fields))
        #expect(callerNo.type == FieldType(kind: .string, raw: "String"))
        #expect(callerNo.requirement == .optional)
        #expect(callerNo.constraints == Constraints(maxLength: 20))
        #expect(callerNo.defaultValue == nil)
    }

    @Test func defaultValueColumn() throws {
        for (header, word) in [("Default Value", "No"), ("默认值", "否")] {
            let rows: [[Cell]] = [["limit", "Integer", Cell(stringLiteral: word), "10", "Number of records on each page."],
                                  ["offset", "Integer", Cell(stringLiteral: word), "-", "Start position of the query."]]
            let (limit, result) = try Snippet.requestField("limit", header: ["Parameter", "Type", "Mandatory", header, "Description"], rows: rows)
            #expect(limit.defaultValue == "10", "\(header)")
            #expect(limit.requirement == .optional)
            let offset = try #require(Snippet.field("offset", in: try Snippet.interface(result).request?.fields ?? []))
            #expect(offset.defaultValue == nil, "'-' means no default (\(header))")
        }
    }

    @Test func tablesWithoutCaptions() throws {
        let request = Table(id: "request", caption: nil, header: ["Parameter", "Type", "Mandatory", "Description"], rows: [
            ["ccId", "Integer", "Yes", Self.ccIdText], ["vdn", "Integer", "Yes", "ID of a VDN. The value ranges from 1 to 5000."],
        ])
        var header = PageBuilder.headerTable()
        header.caption = nil
        let response = Table(id: "response", caption: nil, header: ["Parameter", "Type", "Description"], rows: [
            ["resultCode", "String", Cell("Query result.", items: ["0100000: success", "Other values: failure"])],
        ])
        let result = Snippet.build(PageBuilder.interface(request: [.table(header), .table(request)], response: [.table(response)]))
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
        let interface = try Snippet.interface(result)
        #expect(interface.headers.map(\.name) == ["Content-Type", "Authorization"])
        #expect(interface.request?.table == nil)
        #expect(interface.request?.fields.map(\.name) == ["ccId", "vdn"])
        #expect(interface.request?.fields.last?.constraints == Constraints(minimum: 1, maximum: 5000))
        #expect(interface.response?.fields.map(\.name) == ["resultCode"])
    }

    // MARK: Type spellings

    struct Spelling: Sendable, CustomTestStringConvertible {
        var raw: String
        var expected: FieldType
        var constraints = Constraints()
        var testDescription: String { raw }
    }

    static let spellings: [Spelling] = [
        Spelling(raw: "String", expected: FieldType(kind: .string, raw: "String")),
        Spelling(raw: "string", expected: FieldType(kind: .string, raw: "string")),
        Spelling(raw: "int", expected: FieldType(kind: .integer, raw: "int")),
        Spelling(raw: "Int", expected: FieldType(kind: .integer, raw: "Int")),
        Spelling(raw: "Integer", expected: FieldType(kind: .integer, raw: "Integer")),
        Spelling(raw: "long", expected: FieldType(kind: .long, raw: "long")),
        Spelling(raw: "Long", expected: FieldType(kind: .long, raw: "Long")),
        Spelling(raw: "number", expected: FieldType(kind: .number, raw: "number")),
        Spelling(raw: "Object", expected: FieldType(kind: .object, raw: "Object")),
        Spelling(raw: "object", expected: FieldType(kind: .object, raw: "object")),
        Spelling(raw: "Array", expected: FieldType(kind: .array, raw: "Array")),
        Spelling(raw: "array", expected: FieldType(kind: .array, raw: "array")),
        Spelling(raw: "List <Integer>", expected: FieldType(kind: .array, element: .integer, raw: "List <Integer>")),
        Spelling(raw: "List<String>", expected: FieldType(kind: .array, element: .string, raw: "List<String>")),
        Spelling(raw: "array<callinDetial>", expected: FieldType(kind: .array, element: .object, name: "callinDetial", raw: "array<callinDetial>")),
        // A generic element word names no type; the element's struct is named after its field.
        Spelling(raw: "List<Object>", expected: FieldType(kind: .array, element: .object, raw: "List<Object>")),
        Spelling(raw: "List<AgentInfo>", expected: FieldType(kind: .array, element: .object, name: "AgentInfo", raw: "List<AgentInfo>")),
        Spelling(raw: "Date", expected: FieldType(kind: .date, raw: "Date")),
        Spelling(raw: "String(1-25)", expected: FieldType(kind: .string, raw: "String(1-25)"), constraints: Constraints(minLength: 1, maxLength: 25)),
    ]

    @Test(arguments: spellings)
    func typeSpelling(_ spelling: Spelling) throws {
        let (field, result) = try Snippet.requestField("value", rows: [["value", .text(spelling.raw), "No", "A value."]])
        #expect(field.type == spelling.expected)
        #expect(field.constraints == spelling.constraints)
        #expect(!result.diagnostics.contains { $0.message.contains("type") }, "\(result.diagnostics)")
    }

    @Test func unknownTypeSpellingWarnsAndKeepsRawType() throws {
        let (field, result) = try Snippet.requestField("blob", rows: [["blob", "Blob", "No", "Binary content."]])
        #expect(field.type == FieldType(kind: .unknown, raw: "Blob"))
        let warning = try #require(Snippet.warnings(result).first { $0.message.contains("Blob") }, "\(result.diagnostics)")
        #expect(warning.location.row == "blob")
        #expect(Snippet.errors(result).isEmpty)
    }

    // MARK: Mandatory vocabulary

    @Test(arguments: [
        ("Yes", Requirement.required), ("No", .optional), ("True", .required), ("False", .optional),
        ("是", .required), ("否", .optional), ("必选", .required), ("可选", .optional), ("选填", .optional), ("必填", .required),
        ("True/False", .conditional),
    ])
    func mandatoryWord(_ word: String, _ expected: Requirement) throws {
        let (field, result) = try Snippet.requestField("timeGrain", rows: [["timeGrain", "String", Cell(stringLiteral: word), "Statistical interval."]])
        #expect(field.requirement == expected)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    // MARK: Constraints from prose

    struct ProseCase: Sendable, CustomTestStringConvertible {
        var type: String
        var text: String
        var expected: Constraints
        var testDescription: String { text }
    }

    static let proseCases: [ProseCase] = [
        ProseCase(type: "Integer", text: "ID of a call center. The value ranges from 1 to 65535.", expected: Constraints(minimum: 1, maximum: 65535)),
        ProseCase(type: "Integer", text: "Access code. The value ranges from 101 to 59999 and from 70000 to 999999.",
                  expected: Constraints(minimum: 101, maximum: 999999, ranges: [ValueRange(101, 59999), ValueRange(70000, 999999)])),
        ProseCase(type: "String", text: "Call ID. The value contains a maximum of 20 characters.", expected: Constraints(maxLength: 20)),
        ProseCase(type: "Integer", text: "Number of records on each page. The maximum value is 100.", expected: Constraints(maximum: 100)),
        ProseCase(type: "Integer", text: "Start position of the query. The value must be greater than or equal to 0.", expected: Constraints(minimum: 0)),
        ProseCase(type: "String", text: "The value is fixed at application/json; charset=UTF-8.", expected: Constraints(fixedValue: "application/json; charset=UTF-8")),
        ProseCase(type: "Long", text: "Start time of the query. The value is a timestamp in milliseconds.", expected: Constraints(format: "timestamp-ms")),
        ProseCase(type: "Integer", text: "呼叫中心编号。取值范围：1~65535。", expected: Constraints(minimum: 1, maximum: 65535)),
        ProseCase(type: "String", text: "主叫号码。最大长度：32", expected: Constraints(maxLength: 32)),
        ProseCase(type: "Integer", text: "查询起始位置。取值大于等于0。", expected: Constraints(minimum: 0)),
        ProseCase(type: "String", text: "固定填 application/json; charset=UTF-8。", expected: Constraints(fixedValue: "application/json; charset=UTF-8")),
        ProseCase(type: "List <Integer>", text: "IDs of VDNs. A maximum of 100 VDN IDs can be queried. The value of each VDN ID ranges from 1 to 5000.",
                  expected: Constraints(maxItems: 100, items: ItemConstraints(minimum: 1, maximum: 5000))),
    ]

    @Test(arguments: proseCases)
    func constraintFromProse(_ example: ProseCase) throws {
        let (field, _) = try Snippet.requestField("value", rows: [["value", .text(example.type), "No", Cell(stringLiteral: example.text)]])
        #expect(field.constraints == example.expected)
    }

    // MARK: Enumerations

    @Test func optionListIsClosed() throws {
        let (field, _) = try Snippet.responseField("result", tables: [PageBuilder.responseTable(rows: [
            ["result", "String", Cell("Query result. The options are as follows:", items: ["0: success", "1: failure"])],
        ])])
        let enumeration = try #require(field.enumeration)
        #expect(enumeration.values == [EnumValue(value: "0", meaning: "success"), EnumValue(value: "1", meaning: "failure")])
        #expect(enumeration.closed)
        #expect(enumeration.otherValues == nil)
    }

    @Test func otherValuesOpenTheList() throws {
        let (field, _) = try Snippet.responseField("resultCode", tables: [PageBuilder.responseTable(rows: [
            ["resultCode", "string", Cell("Query result. The options are as follows:", "For details about the failure causes, see <a href=\"cec_07_2631.html\">Error Code Reference</a>.",
                                        items: ["0100000: success", "Other values: failure"])],
        ])])
        let enumeration = try #require(field.enumeration)
        #expect(enumeration.values == [EnumValue(value: "0100000", meaning: "success")])
        #expect(enumeration.closed == false)
        #expect(enumeration.otherValues == "failure")
    }

    @Test func chineseOptionList() throws {
        let (field, _) = try Snippet.responseField("resultCode", tables: [PageBuilder.responseTable(header: ["参数名", "数据类型", "说明"], rows: [
            ["resultCode", "string", Cell("查询结果。取值如下：", items: ["0：成功", "其他值：失败"])],
        ])])
        let enumeration = try #require(field.enumeration)
        #expect(enumeration.values == [EnumValue(value: "0", meaning: "成功")])
        #expect(enumeration.closed == false)
        #expect(enumeration.otherValues == "失败")
    }

    @Test func valueTableReferencedFromAnIntField() throws {
        let request = PageBuilder.requestTable(rows: [["ccId", "Integer", "Yes", Self.ccIdText]])
        let response = PageBuilder.responseTable(rows: [
            ["workno", "int", "Agent ID."],
            ["status", "int", Cell("Agent status. For details, see \(Self.link("status", "Table 4")).")],
        ])
        let values = Table(id: "status", caption: "Agent status", header: ["Value", "Description"], rows: [
            ["0", "unknown (CTI platform status 9)"], ["3", "busy (CTI platform status 7)"], ["4", "idle (CTI platform status 1)"],
        ])
        let page = PageBuilder.interface(request: [.table(PageBuilder.headerTable()), .table(request)], response: [.table(response), .table(values)])
        let result = Snippet.build(page)
        let status = try #require(Snippet.field("status", in: try Snippet.interface(result).response?.fields ?? []))
        let enumeration = try #require(status.enumeration, "\(result.diagnostics)")
        #expect(enumeration.values == [
            EnumValue(value: "0", meaning: "unknown (CTI platform status 9)"), EnumValue(value: "3", meaning: "busy (CTI platform status 7)"),
            EnumValue(value: "4", meaning: "idle (CTI platform status 1)"),
        ])
        #expect(enumeration.closed)
        #expect(enumeration.location.table == "Table 4 Agent status")
        #expect(status.object == nil)
        #expect(result.diagnostics.isEmpty, "the value table is used, nothing to report: \(result.diagnostics)")
    }

    @Test func proseBulletsAreNotValues() throws {
        let (deviceNo, result) = try Snippet.responseField("deviceNo", tables: [PageBuilder.responseTable(rows: [
            ["deviceNo", "Integer", Cell("Device ID.", items: [
                "For an agent device, the device ID is the agent ID.",
                "For a queue or virtual device, the device ID is the queue ID configured on the configuration console.",
            ])],
            ["ccId", "Integer", Cell("ID of a call center.", items: [
                "Integration environment: the Call Center ID configured on the CMS System Configuration page.",
                "Other environments: the value of default_cc_id in the t_cms_sysparam table.",
            ])],
        ])])
        #expect(deviceNo.enumeration == nil)
        #expect(deviceNo.description.contains("For an agent device, the device ID is the agent ID."))
        let ccId = try #require(Snippet.field("ccId", in: try Snippet.interface(result).response?.fields ?? []))
        #expect(ccId.enumeration == nil, "'Integration environment: …' is prose, not a value")
        #expect(ccId.description.contains("Integration environment: the Call Center ID"))
    }

    // MARK: Nested objects

    /// Response tables: resultDesc (Object) refers to Table 4, "Query result details", in the way `see` says.
    static func nestedPage(see: String) -> PageBuilder.Page {
        PageBuilder.interface(
            request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [["ccId", "Integer", "Yes", ccIdText]]))],
            response: [
                .table(PageBuilder.responseTable(rows: [
                    ["resultCode", "String", "Query result."],
                    ["resultDesc", "Object", Cell("Object in the returned result after a successful query.", "For details about the parameters of this object, see \(see).")],
                ])),
                .table(Table(id: "details", caption: "Query result details", header: ["Parameter", "Type", "Description"], rows: [
                    ["agentId", "int", "Agent ID."], ["name", "String", "Agent name."],
                ])),
            ]
        )
    }

    @Test(arguments: [
        ("HTML link", "snippet.html", PageBuilder.link("details", "Table 4")),
        ("plain text, no link", "snippet.html", "Table 4"),
        ("DITA xref without text", "snippet.dita", PageBuilder.xref("details")),
    ])
    func nestedObjectByReference(_ kind: String, _ path: String, _ see: String) throws {
        let result = Snippet.build(Self.nestedPage(see: see), path: path)
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
        let interface = try Snippet.interface(result)
        let resultDesc = try #require(Snippet.field("resultDesc", in: interface.response?.fields ?? []))
        #expect(resultDesc.type.kind == .object)
        #expect(interface.fields(of: resultDesc).map(\.name) == ["agentId", "name"], "\(kind)")
        #expect(interface.fields(of: resultDesc).map(\.type.kind) == [.integer, .string])
        #expect(resultDesc.object == "Table 4 Query result details", "\(kind)")
        #expect(interface.objects.map(\.id) == ["Table 4 Query result details"])
        #expect(!result.diagnostics.contains { $0.message.contains("no field refers") }, "\(result.diagnostics)")
    }

    @Test func dottedRowNumbersThatDoNotMatchTheParent() throws {
        let header = ["No.", "Parameter", "Type", "Description"]
        let tables = [
            PageBuilder.responseTable(header: header, rows: [
                ["1", "result", "String", Cell("Query result.", items: ["0: success", "1: failure"])], ["2", "resultCode", "string", Self.resultCodeCell], ["3", "count", "int", "Total."],
                ["4", "resultDesc", "Object", Cell("Object in the returned result.", "For details about the parameters of this object, see \(Self.link("desc", "Table 3")).")],
            ]),
            Table(id: "desc", caption: "Parameters of resultDesc", header: header, rows: [
                ["2.1", "allowRestNum", "int", "Number of agents who are allowed to rest."],
                ["2.2", "onRestNum", "int", "Number of agents who are resting."],
                ["2.3", "details", "Array", Cell("Details of the resting agents.", "For details about the parameters of the objects in this array, see \(Self.link("details", "Table 4")).")],
            ]),
            Table(id: "details", caption: "Parameters of details", header: header, rows: [
                ["2.3.1", "agentId", "int", "Agent ID."], ["2.3.2", "name", "String", "Agent name."],
            ]),
        ]
        let page = PageBuilder.interface(request: [.table(PageBuilder.headerTable())], response: tables.map { .table($0) })
        let result = Snippet.build(page)
        let interface = try Snippet.interface(result)
        let fields = try #require(interface.response?.fields)
        #expect(fields.map(\.name) == ["result", "resultCode", "count", "resultDesc"])
        let resultDesc = try #require(Snippet.field("resultDesc", in: fields))
        #expect(interface.fields(of: resultDesc).map(\.name) == ["allowRestNum", "onRestNum", "details"])
        let details = try #require(Snippet.field("resultDesc.details", in: fields, of: interface))
        #expect(interface.fields(of: details).map(\.name) == ["agentId", "name"])
        #expect(details.type.kind == .array)
        #expect(details.type.element == .object)
        #expect(details.object == "Table 4 Parameters of details")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func dottedRowNumbersInOneTable() throws {
        let (resultDesc, result) = try Snippet.responseField("resultDesc", tables: [PageBuilder.responseTable(header: ["No.", "Parameter", "Type", "Description"], rows: [
            ["1", "resultCode", "String", Self.resultCodeCell],
            ["2", "resultDesc", "Object", "Object in the returned result."],
            ["2.1", "agentId", "int", "Agent ID."],
            ["2.2", "name", "String", "Agent name."],
            ["3", "count", "int", "Total number of records."],
        ])])
        let interface = try Snippet.interface(result)
        let fields = interface.response?.fields ?? []
        #expect(fields.map(\.name) == ["resultCode", "resultDesc", "count"])
        #expect(interface.fields(of: resultDesc).map(\.name) == ["agentId", "name"])
        #expect(interface.fields(of: resultDesc).map(\.type.kind) == [.integer, .string])
        #expect(resultDesc.object == "Table 2 Parameters in the response message body, row 2", "dotted rows make an object of their own")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func integerFieldReferringToTheHeaderTable() throws {
        let (mediaType, result) = try Snippet.responseField("mediaType", tables: [PageBuilder.responseTable(rows: [
            ["mediaType", "Integer", Cell("Media type of the agent. For details, see \(PageBuilder.link("header", "Table 1")).")],
            ["name", "String", "Agent name."],
        ])])
        #expect(mediaType.type.kind == .integer)
        #expect(mediaType.object == nil)
        #expect(mediaType.enumeration == nil)
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
    }

    @Test func arrayFieldReferringToItsOwnTable() throws {
        let (agentIds, result) = try Snippet.requestField("agentIds", rows: [
            ["ccId", "Integer", "Yes", Self.ccIdText],
            ["agentIds", "Array", "Yes", Cell("IDs of the agents. For details, see \(Self.link("request", "Table 2")).")],
        ])
        #expect(agentIds.object == nil)
        #expect(agentIds.recursiveReference == nil, "a reference to the body's own table is a wrong reference, not a cycle")
        let warning = try #require(Snippet.warnings(result).first { $0.message.contains("agentIds") }, "\(result.diagnostics)")
        #expect(warning.location.row == "agentIds")
        #expect(Snippet.errors(result).isEmpty)
    }

    @Test func elementTypesOfArrays() throws {
        let tables = [
            PageBuilder.responseTable(rows: [
                ["data", .text("array<callinDetial>"), Cell("Call records. For details about the parameters of the objects in this array, see \(Self.link("calls", "Table 3")).")],
                ["resultDatas", "Array", Cell("Objects in the returned result. For details about the parameters of the objects in this array, see \(Self.link("agents", "Table 4")).")],
                ["agentIds", .text("List <Integer>"), "IDs of the agents."],
            ]),
            Table(id: "calls", caption: "Call records", header: ["Parameter", "Type", "Description"], rows: [["callId", "string", "Call ID."], ["logDate", "long", "Time."]]),
            Table(id: "agents", caption: "Agent records", header: ["Parameter", "Type", "Description"], rows: [["workno", "int", "Agent ID."]]),
        ]
        let result = Snippet.build(PageBuilder.interface(request: [.table(PageBuilder.headerTable())], response: tables.map { .table($0) }))
        let interface = try Snippet.interface(result)
        let fields = try #require(interface.response?.fields)
        let data = try #require(Snippet.field("data", in: fields))
        #expect(data.type == FieldType(kind: .array, element: .object, name: "callinDetial", raw: "array<callinDetial>"))
        #expect(interface.fields(of: data).map(\.name) == ["callId", "logDate"])
        let resultDatas = try #require(Snippet.field("resultDatas", in: fields))
        #expect(resultDatas.type.kind == .array)
        #expect(resultDatas.type.element == .object)
        #expect(interface.fields(of: resultDatas).map(\.name) == ["workno"])
        let agentIds = try #require(Snippet.field("agentIds", in: fields))
        #expect(agentIds.type.element == .integer)
        #expect(agentIds.object == nil)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func elementTypeFromTheExample() throws {
        let page = PageBuilder.interface(
            request: [.table(PageBuilder.headerTable())],
            response: [.table(PageBuilder.responseTable(rows: [["resultCode", "String", "Query result."], ["indexIds", "Array", "IDs of the indicators."]]))],
            examples: [.item("Response parameters", [.example("{\n    \"resultCode\": \"0100000\",\n    \"indexIds\": [\"IDX_A\", \"IDX_B\"]\n}")])]
        )
        let result = Snippet.build(page)
        let interface = try Snippet.interface(result)
        let indexIds = try #require(Snippet.field("indexIds", in: interface.response?.fields ?? []))
        #expect(indexIds.type.element == .string)
        #expect(interface.observations.contains { $0.kind == .elementTypeFromExample && $0.path == "indexIds" })
    }

    // MARK: Request line

    @Test func pathParametersFromTheURL() throws {
        let url = "https://ip:port/rest/cmsapp/v1/openapi/configures/calledconfigs/{ccId}/{vdn}"
        var page = PageBuilder.interface(url: url, request: [.table(PageBuilder.headerTable())])
        let urlSection = PageBuilder.Part.section("Request URL", [
            .paragraph(url),
            .paragraph("In the URL, ccId indicates the call center ID. The value ranges from 1 to 65535."),
            .table(Table(id: "urlparams", caption: "Parameters in the URL", header: ["Parameter", "Type", "Mandatory", "Description"], rows: [
                ["vdn", "Integer", "Yes", "ID of a VDN. The value ranges from 1 to 5000."],
            ])),
        ])
        page.parts[2] = urlSection
        let result = Snippet.build(page)
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
        let interface = try Snippet.interface(result)
        #expect(interface.path == "/rest/cmsapp/v1/openapi/configures/calledconfigs/{ccId}/{vdn}")
        #expect(interface.pathParameters.map(\.name) == ["ccId", "vdn"])
        let ccId = try #require(interface.pathParameters.first)
        #expect(ccId.description.contains("ccId indicates the call center ID"))
        #expect(ccId.requirement == .required)
        #expect(ccId.constraints.minimum == 1)
        #expect(ccId.constraints.maximum == 65535)
        let vdn = try #require(interface.pathParameters.last)
        #expect(vdn.type.kind == .integer)
        #expect(vdn.constraints == Constraints(minimum: 1, maximum: 5000))
        #expect(vdn.description == "ID of a VDN. The value ranges from 1 to 5000.")
    }

    @Test func headerTableFixesContentType() throws {
        let result = Snippet.build(PageBuilder.interface())
        let headers = try Snippet.interface(result).headers
        #expect(headers.map(\.name) == ["Content-Type", "Authorization"])
        #expect(headers.map(\.requirement) == [.required, .required])
        #expect(headers.first?.constraints.fixedValue == "application/json; charset=UTF-8")
        #expect(headers.first?.type.kind == .string)
    }

    @Test(arguments: [
        ("one", [PageBuilder.Part.paragraph("BMS interface: /ccbms/ws/monitor/callinfo")], ["/ccbms/ws/monitor/callinfo"]),
        ("several paragraphs", [.paragraph("BMS interfaces:"), .paragraph("/ccbms/ws/monitor/teamrestinfo"), .paragraph("/ccbms/ws/monitor/teamrestagentinfo")],
         ["/ccbms/ws/monitor/teamrestinfo", "/ccbms/ws/monitor/teamrestagentinfo"]),
        ("list with CTI versions", [.paragraph("BMS interfaces:"), .item("CTI3.6: /ccbms/ws/monitor/teamrestinfo", []), .item("CTI3.8: /ccbms/ws/monitor/queryAgentRestDetailInfo", [])],
         ["/ccbms/ws/monitor/teamrestinfo", "/ccbms/ws/monitor/queryAgentRestDetailInfo"]),
        ("run together", [.paragraph("BMS interface: CTI3.6: /ccbms/ws/a/ccbms/ws/b")], ["/ccbms/ws/a", "/ccbms/ws/b"]),
    ])
    func bmsInterfaces(_ kind: String, _ section: [PageBuilder.Part], _ expected: [String]) throws {
        let result = Snippet.build(PageBuilder.interface(bms: section))
        #expect(try Snippet.interface(result).bmsInterfaces == expected, "\(kind)")
    }

    @Test(arguments: [
        ("Interface Method", "The request method must be set to GET. This interface supports only the GET method.", "GET"),
        ("接口方法", "请求方法需设置为POST，该接口仅支持POST方法。", "POST"),
        ("接口方法", "请求方法需设置为GET，该接口仅支持GET方法。", "GET"),
    ])
    func methodFromTheInterfaceMethodSection(_ heading: String, _ text: String, _ expected: String) throws {
        let result = Snippet.build(PageBuilder.interface(methodSection: .section(heading, [.paragraph(text)])))
        #expect(try Snippet.interface(result).method == expected)
        #expect(!result.diagnostics.contains { $0.message.contains("method") }, "\(result.diagnostics)")
    }

    // MARK: Message examples

    static let requestJSON = "{\n    \"ccId\": 1,\n    \"vdn\": 170\n}"
    static let responseJSON = "{\n    \"resultCode\": \"0100000\",\n    \"count\": 1\n}"
    static let requestRows: [[Cell]] = [["ccId", "Integer", "Yes", ccIdText], ["vdn", "Integer", "Yes", "ID of a VDN. The value ranges from 1 to 5000."]]
    /// A result code whose success value the page documents, as CC-CMS pages do.
    static let resultCodeCell = Cell("Query result.", items: ["0100000: success", "0100001: failure"])
    static let responseRows: [[Cell]] = [["resultCode", "String", resultCodeCell], ["count", "int", "Total number of records."]]

    @Test func examplesBeforeTheTables() throws {
        let page = PageBuilder.interface(
            request: [
                .paragraph("Message header"), .table(PageBuilder.headerTable()),
                .item("Message body", [.paragraph("The following is an example of the request message body of this interface:"), .example(Self.requestJSON)]),
                .paragraph("\(Self.link("request", "Table 2")) describes the parameters in the request message body of this interface."),
                .table(PageBuilder.requestTable(caption: "Parameters in the message body", rows: Self.requestRows)),
            ],
            response: [
                .paragraph("The following is an example of the response message body of this interface:"), .example(Self.responseJSON),
                .paragraph("\(Self.link("response", "Table 3")) describes the parameters in the response message body of this interface."),
                .table(PageBuilder.responseTable(caption: "Parameters in the message body", rows: Self.responseRows)),
            ]
        )
        for savedPage in [false, true] {
            let result = Snippet.build([("snippet.html", page.html(savedPage: savedPage))])
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            let interface = try Snippet.interface(result)
            #expect(interface.examples.map(\.role) == [.request, .response])
            #expect(interface.examples.allSatisfy { $0.json != nil })
            #expect(interface.observations.isEmpty, "\(interface.observations)")
            #expect(interface.request?.fields.map(\.name) == ["ccId", "vdn"])
            #expect(interface.response?.fields.map(\.name) == ["resultCode", "count"])
        }
    }

    @Test func examplesAfterTheTables() throws {
        let page = PageBuilder.interface(
            request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: Self.requestRows))],
            response: [.table(PageBuilder.responseTable(rows: Self.responseRows))],
            examples: [
                .item("Request header", [.example("Content-Type: application/json;charset=UTF-8\nAuthorization: ******************")]),
                .item("Request parameters", [.example(Self.requestJSON)]),
                .item("Response parameters", [.example(Self.responseJSON)]),
            ]
        )
        let result = Snippet.build(page)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let interface = try Snippet.interface(result)
        #expect(interface.examples.map(\.role) == [.requestHeaders, .request, .response])
        #expect(interface.examples[1].json == .object(["ccId": .integer(1), "vdn": .integer(170)]))
        #expect(interface.observations.isEmpty, "\(interface.observations)")
    }

    @Test func queryParamWrapper() throws {
        let page = PageBuilder.interface(
            request: [
                .table(PageBuilder.headerTable()),
                .item("Message body", [.paragraph("The following is an example of the request message body of this interface:"),
                                       .example("{\n    \"queryParam\": {\n        \"ccId\": 1,\n        \"vdn\": 170\n    }\n}")]),
                .table(PageBuilder.requestTable(rows: Self.requestRows)),
            ]
        )
        let result = Snippet.build(page)
        let interface = try Snippet.interface(result)
        #expect(interface.request?.exampleWrapper == "queryParam")
        #expect(interface.observations.map(\.kind) == [.wrapper], "\(interface.observations)")
        #expect(interface.observations.first?.path == "queryParam")
        #expect(interface.observations.first?.role == .request)
        #expect(Snippet.warnings(result).contains { $0.message.contains("queryParam") }, "\(result.diagnostics)")
        #expect(Snippet.errors(result).isEmpty)
    }

    @Test func invalidJSONExampleIsAWarningAtTheBadLine() throws {
        let page = PageBuilder.interface(
            request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: Self.requestRows))],
            examples: [.item("Request parameters", [.example("{\n    \"ccId\": 1,\n    \"vdn\": 170\n    \"limit\": 10\n}")])]
        )
        let html = page.html()
        let badLine = try #require(Snippet.line(of: "\"limit\": 10", in: html))
        let result = Snippet.build([("snippet.html", html)])
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
        let warning = try #require(Snippet.warnings(result).first { $0.message.contains("JSON") }, "\(result.diagnostics)")
        #expect(warning.location.file == "snippet.html")
        #expect(warning.location.line == badLine)
        let interface = try Snippet.interface(result)
        #expect(interface.observations.contains { $0.kind == .invalidJSON && $0.role == .request })
        #expect(interface.examples.first { $0.role == .request }?.json == nil)
    }

    @Test func stringFieldSentAsANumber() throws {
        let page = PageBuilder.interface(
            request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [
                ["ccId", "Integer", "Yes", Self.ccIdText], ["callerNo", "String", "No", "Calling number."],
            ]))],
            examples: [.item("Request parameters", [.example("{\n    \"ccId\": 1,\n    \"callerNo\": 88881363\n}")])]
        )
        let result = Snippet.build(page)
        let interface = try Snippet.interface(result)
        let observation = try #require(interface.observations.first { $0.kind == .typeMismatch }, "\(interface.observations)")
        #expect(observation.path == "callerNo")
        #expect(observation.role == .request)
        #expect(observation.documented == "string")
        #expect(observation.observed == "integer")
        #expect(Snippet.warnings(result).contains { $0.message.contains("callerNo") }, "\(result.diagnostics)")
        #expect(Snippet.errors(result).isEmpty)
    }

    @Test func fieldMissingOnEitherSide() throws {
        let page = PageBuilder.interface(
            request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [
                ["ccId", "Integer", "Yes", Self.ccIdText], ["limit", "Integer", "No", "Number of records on each page."],
            ]))],
            examples: [.item("Request parameters", [.example("{\n    \"ccId\": 1,\n    \"extra\": true\n}")])]
        )
        let result = Snippet.build(page)
        let interface = try Snippet.interface(result)
        #expect(interface.observations.contains { $0.kind == .missingInExample && $0.path == "limit" }, "\(interface.observations)")
        #expect(interface.observations.contains { $0.kind == .undocumentedField && $0.path == "extra" }, "\(interface.observations)")
        #expect(Snippet.warnings(result).contains { $0.message.contains("'limit'") }, "\(result.diagnostics)")
        #expect(Snippet.warnings(result).contains { $0.message.contains("'extra'") }, "\(result.diagnostics)")
        #expect(Snippet.errors(result).isEmpty)
    }

    // MARK: Several pages of one interface

    static func recordsPage(language: String, rows: [[Cell]]) -> PageBuilder.Page {
        var page = PageBuilder.interface(request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: rows))])
        page.language = language
        return page
    }

    @Test func twoPagesOfOneInterfaceDisagree() throws {
        let english = Self.recordsPage(language: "en", rows: [
            ["ccId", "Integer", "Yes", Self.ccIdText], ["limit", "Integer", "No", "Number of records."], ["offset", "Integer", "No", "Start position."],
        ])
        let chinese = Self.recordsPage(language: "zh", rows: [
            ["ccId", "Integer", "是", "呼叫中心编号。取值范围：1~9999。"], ["limit", "String", "否", "每页记录数。"], ["offset", "Integer", "是", "查询起始位置。"],
            ["extra", "String", "否", "扩展字段。"],
        ])
        let en = "specs/test-records.html"
        let zh = "specs/test-records.zh.html"
        // The Chinese page comes first: the primary must still be the English one.
        let result = Snippet.build([(zh, chinese.html(savedPage: true)), (en, english.html(savedPage: true))])
        let interface = try Snippet.interface(result)
        #expect(interface.sources.map(\.file) == [en, zh])
        #expect(interface.sources.map(\.primary) == [true, false])
        #expect(interface.sources.map(\.language) == ["en", "zh"])
        #expect(interface.location.file == en)
        #expect(interface.request?.fields.map(\.name) == ["ccId", "limit", "offset"])
        for name in ["ccId", "limit", "offset", "extra"] {
            #expect(Snippet.warnings(result).contains { $0.description.contains("'\(name)'") && $0.description.contains(en) && $0.description.contains(zh) },
                    "no warning naming both files about \(name): \(result.diagnostics)")
        }
        #expect(Snippet.errors(result).isEmpty)
    }

    @Test func englishHTMLIsPrimaryOverDITA() throws {
        let html = Self.recordsPage(language: "en", rows: [["ccId", "Integer", "Yes", Self.ccIdText]])
        let dita = Self.recordsPage(language: "en", rows: [["ccId", "Integer", "No", Self.ccIdText]])
        let result = Snippet.build([("a/records.dita", dita.dita()), ("b/records.html", html.html())])
        let interface = try Snippet.interface(result)
        #expect(interface.sources.map(\.file) == ["b/records.html", "a/records.dita"])
        #expect(interface.sources.map(\.format) == [.html, .dita])
        #expect(interface.sources.first?.primary == true)
        #expect(interface.request?.fields.first?.requirement == .required)
        #expect(Snippet.warnings(result).contains { $0.description.contains("ccId") && $0.description.contains("b/records.html") && $0.description.contains("a/records.dita") },
                "\(result.diagnostics)")
    }

    // MARK: Error codes

    @Test func errorCodePage() throws {
        let page = PageBuilder.Page(title: "Error Code Reference", parts: [
            .section("Description", [.paragraph("When an interface call fails, the response body carries resultCode and resultDesc.")]),
            .section("Error Codes", [.table(Table(id: "codes", caption: "Error codes", header: ["Error Code", "Description"], rows: [
                ["0100000", "The interface is called successfully."], ["0100002", "A parameter in the request is invalid."],
                ["0101003", "The caller does not have the required permission."],
            ]))]),
        ])
        let result = Snippet.build(page, path: "error-codes.html")
        #expect(result.diagnostics.map(\.description) == ["error-codes.html:2:1: note: an appendix, not an interface: no request line; a table of error codes [#page-not-interface]"])
        #expect(result.schema.pages == [PageSummary(file: "error-codes.html", kind: .appendix, title: "Error Code Reference", reason: "no request line; a table of error codes")])
        #expect(result.schema.interfaces.isEmpty)
        #expect(result.schema.resultCodes.map(\.code) == ["0100000", "0100002", "0101003"])
        #expect(result.schema.resultCodes.map(\.description) == [
            "The interface is called successfully.", "A parameter in the request is invalid.", "The caller does not have the required permission.",
        ])
        #expect(result.schema.resultCodes.first?.location.table == "Table 1 Error codes")
    }

    /// Two pages of one interface: the one that documents more is the primary page, whatever the file names, so a page
    /// that only mentions the request line never hides the interface's own page.
    @Test func thePageThatDocumentsMoreIsThePrimaryOne() throws {
        let full = PageBuilder.interface(request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [
            ["ccId", "Integer", "Yes", "Call center ID."], ["vdn", "Integer", "Yes", "VDN ID."],
        ]))], response: [.table(PageBuilder.responseTable(rows: [["resultCode", "String", "The result code."]]))])
        let brief = PageBuilder.interface(request: [], response: [.table(PageBuilder.responseTable(rows: [["resultCode", "String", "The result code."]]))])
        let result = Snippet.build([("a-brief.html", brief.html()), ("b-full.html", full.html())])
        let interface = try Snippet.interface(result)
        #expect(interface.sources.map(\.file) == ["b-full.html", "a-brief.html"])
        #expect(interface.request?.fields.map(\.name) == ["ccId", "vdn"])
    }

    // MARK: The envelope, decided once

    static let errorCodePage = PageBuilder.Page(title: "Error Code Reference", parts: [
        .section("Error Codes", [.table(Table(id: "codes", caption: "Error codes", header: ["Error Code", "Description"], rows: [
            ["0100000", "The interface is called successfully."], ["0100002", "A parameter in the request is invalid."],
        ]))]),
    ])

    /// A page whose response has `rows` beside a `resultDesc` object.
    static func envelopePage(_ rows: [[Cell]]) -> PageBuilder.Page {
        PageBuilder.interface(response: [
            .table(PageBuilder.responseTable(rows: rows + [["resultDesc", "Object", Cell("The result.", "For details, see \(PageBuilder.link("desc", "Table 3")).")]])),
            .table(Table(id: "desc", caption: "Parameters of resultDesc", header: ["Parameter", "Type", "Description"], rows: [["agentId", "int", "Agent ID."]])),
        ])
    }

    /// Success values come from the page's own value list, and for fields of reference codes from the Error Code
    /// Reference; the decision is recorded per interface.
    @Test func theEnvelopeComesFromThePageAndTheErrorCodeReference() throws {
        let own = try Snippet.interface(Snippet.build(Self.envelopePage([["resultCode", "String", Self.resultCodeCell]])))
        #expect(own.envelope == Envelope(codes: [.init(name: "resultCode", successValues: ["0100000"])], messageFields: ["resultDesc"],
                                         payloadFields: ["resultDesc"]))

        let bare = Self.envelopePage([["resultCode", "String", "Query result. For details, see the Error Code Reference."]])
        let withReference = Snippet.build([("records.html", bare.html()), ("error-codes.html", Self.errorCodePage.html())])
        #expect(try Snippet.interface(withReference).envelope?.codes == [.init(name: "resultCode", successValues: ["0100000"])])
        #expect(withReference.diagnostics.map(\.kind) == [.pageNotInterface], "\(withReference.diagnostics)")

        // Without either, the client cannot tell a failure: no envelope, and a warning at the row.
        let alone = Snippet.build(bare)
        #expect(try Snippet.interface(alone).envelope == nil)
        #expect(Snippet.warnings(alone).map(\.message) == [
            "'resultCode' looks like a result code, but neither its description nor the Error Code Reference says which value means success; the client does not check it",
        ])
        #expect(Snippet.warnings(alone).first?.location.row == "resultCode")
    }

    /// The legacy `result` counts only with the page's own list; a field beside the payload does not change it.
    @Test func theLegacyResultAndPayloadsBesideOtherFields() throws {
        let page = Self.envelopePage([["result", "String", Cell("Query result.", items: ["0: success", "1: failure"])], ["count", "int", "Total."]])
        let result = Snippet.build([("records.html", page.html()), ("error-codes.html", Self.errorCodePage.html())])
        let envelope = try #require(try Snippet.interface(result).envelope)
        #expect(envelope.codes == [.init(name: "result", successValues: ["0"])], "0100000 is not a value of the legacy result")
        #expect(envelope.payloadFields == ["resultDesc"], "count beside resultDesc changes nothing: the payload is the answer")
    }

    /// A response without a result code is the answer as it is.
    @Test func aResponseWithoutAResultCodeHasNoEnvelope() throws {
        let page = PageBuilder.interface(response: [.table(PageBuilder.responseTable(rows: [["items", "Array", "The items."], ["total", "int", "Total."]]))])
        let result = Snippet.build(page)
        #expect(try Snippet.interface(result).envelope == nil)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    // MARK: Labelled bounds

    /// `Minimum`/`Maximum` paragraphs bound an integer's value, a string's length and each element of a list;
    /// "Array Length" bounds the count; a `Default` of "None" is no default.
    @Test func labelledBoundParagraphs() throws {
        let rows: [[Cell]] = [
            ["size", "Integer", "Yes", Cell("The size.", "Minimum: <strong>1</strong>", "Maximum: <strong>50</strong>", "Default: <strong>10</strong>")],
            ["name", "String", "No", Cell("The name.", "Minimum: 1", "Maximum: 64", "Default: None")],
            ["ids", "Array of strings", "No", Cell("The IDs.", "Minimum: 1", "Maximum: 36", "Array Length: 1 - 10")],
            ["ports", "Array of integers", "No", Cell("The ports.", "Minimum: 1", "Maximum: 65535")],
            ["ratio", "Number", "No", Cell("The ratio.", "Minimum: 0.5", "Maximum: 2")],
        ]
        let (_, result) = try Snippet.requestField("size", header: ["Parameter", "Type", "Mandatory", "Description"], rows: rows)
        let fields = try #require(try Snippet.interface(result).request?.fields)
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        #expect(byName["size"]?.constraints == Constraints(minimum: 1, maximum: 50))
        #expect(byName["size"]?.defaultValue == "10")
        #expect(byName["name"]?.constraints == Constraints(minLength: 1, maxLength: 64))
        #expect(byName["name"]?.defaultValue == nil)
        #expect(byName["ids"]?.constraints == Constraints(minItems: 1, maxItems: 10, items: ItemConstraints(maxLength: 36)))
        #expect(byName["ports"]?.constraints == Constraints(items: ItemConstraints(minimum: 1, maximum: 65535)))
        #expect(byName["ratio"]?.constraints == Constraints(maximum: 2, decimalMinimum: 0.5))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    // MARK: Headers and authentication

    /// A header table says how requests are authenticated; its other rows are parameters the caller gives.
    @Test func headerTablesGiveTheSchemeAndTheHeaderParameters() throws {
        let header = Table(id: "header", caption: "Request header parameters", header: ["Parameter", "Mandatory", "Type", "Description"], rows: [
            ["X-Auth-Token", "Yes", "String", "User token."],
            ["X-Language", "No", "String", Cell("Language of the answer.", "The value can be en-us or zh-cn.")],
            ["Content-Type", "Yes", "String", "application/json"],
        ])
        let interface = try Snippet.interface(Snippet.build(PageBuilder.interface(request: [.table(header)])))
        #expect(interface.authentication == Authentication(scheme: .token, header: "X-Auth-Token"))
        #expect(interface.headerParameters.map(\.name) == ["X-Language"])
        #expect(interface.headerParameters.first?.requirement == .optional)
        #expect(interface.headerParameters.first?.enumeration?.values.map(\.value) == ["en-us", "zh-cn"])

        let cms = try Snippet.interface(Snippet.build(PageBuilder.interface()))
        #expect(cms.authentication == Authentication(scheme: .c2, header: "Authorization"))
        #expect(cms.headerParameters.isEmpty, "Content-Type and Authorization are the runtime's")
    }
}
