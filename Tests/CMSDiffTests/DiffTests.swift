@testable import CMSDiff
import CMSExtraction
import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// `cmsgen diff` on hand-written pairs of editions (`Tests/Diff/editions/<case>.edition`, written out by `DiffEditions`
/// to `<scratch>/Tests/Diff/editions/<case>/{old,new}`): each pair differs in one way, and the expected changes below
/// are written by hand.
@Suite struct DiffTests {
    static let root = TestSupport.packageRoot
    /// Where the pairs are written in a scratch folder, and how the locations of the changes spell them.
    static let editions = "Tests/Diff/editions"
    static let pairs = DiffEditions(folder: root + "/" + editions)

    /// One expected change: the check, the field (`""` for the interface), and whether code using the client may stop
    /// compiling.
    struct Expected: Hashable, CustomStringConvertible {
        var check: CheckID
        var field: String
        var sourceBreaking: Bool
        var description: String { "\(check.id) '\(field)'\(sourceBreaking ? " source-breaking" : "")" }
    }

    static func e(_ check: CheckID, _ field: String = "", breaking: Bool) -> Expected { Expected(check: check, field: field, sourceBreaking: breaking) }

    /// Every pair and what it must report, and nothing else.
    static let expectations: [String: [Expected]] = [
        "interface-added": [e(.interfaceAdded, breaking: false)],
        "interface-removed": [e(.interfaceRemoved, breaking: true)],
        "path-changed": [e(.pathChanged, breaking: true)],
        "method-changed": [e(.methodChanged, breaking: true)],
        "envelope-changed": [e(.envelopeChanged, breaking: false), e(.enumValueRemoved, "result=0", breaking: false), e(.enumValueAdded, "result=0000000", breaking: false)],
        "request-field-removed": [e(.requestFieldRemoved, "remark", breaking: true)],
        "request-field-added-mandatory": [e(.requestFieldAddedMandatory, "siteId", breaking: true)],
        "optional-field-added": [e(.optionalFieldAdded, "tag", breaking: false)],
        "request-field-became-mandatory": [e(.requestFieldBecameMandatory, "widgetName", breaking: true)],
        "request-field-became-optional": [e(.requestFieldBecameOptional, "vdn", breaking: true)],
        "field-type-changed": [e(.fieldTypeChanged, "remark", breaking: true)],
        "response-field-type-changed": [e(.fieldTypeChanged, "resultDatas.widgetId", breaking: true)],
        "payload-type-changed": [e(.fieldTypeChanged, "resultDatas", breaking: true)],
        "range-narrowed": [e(.rangeNarrowed, "vdn", breaking: false)],
        "range-widened": [e(.rangeWidened, "ccId", breaking: false)],
        "length-narrowed": [e(.lengthNarrowed, "widgetName", breaking: false)],
        "length-widened": [e(.lengthWidened, "widgetName", breaking: false)],
        "enum-value-removed": [e(.enumValueRemoved, "mediaType=5", breaking: true)],
        "enum-value-added": [e(.enumValueAdded, "resultDatas.status=3", breaking: true)],
        "description-changed": [e(.descriptionChanged, "resultDatas.ownerName", breaking: false)],
        "response-field-removed": [e(.responseFieldRemoved, "resultDatas.ownerName", breaking: true)],
        "response-field-added": [e(.responseFieldAdded, "resultDatas.ownerId", breaking: false)],
        "response-field-became-optional": [e(.responseFieldBecameOptional, "resultDatas.stateCode", breaking: false)],
        "response-field-became-mandatory": [e(.responseFieldBecameMandatory, "resultDatas.stateCode", breaking: false)],
        "response-constraint-changed": [e(.responseConstraintChanged, "resultDatas.widgetId", breaking: false)],
        "result-code-added": [e(.resultCodeAdded, "0300004", breaking: false)],
        "result-code-removed": [e(.resultCodeRemoved, "0300003", breaking: true)],
        "parameter-removed": [e(.requestFieldRemoved, "query offset", breaking: true)],
        "result-code-changed": [e(.resultCodeChanged, "GZS.0201", breaking: false)],
        "authentication-removed": [e(.authenticationRemoved, breaking: false), e(.authenticationAdded, breaking: false)],
        "authentication-added": [e(.authenticationAdded, breaking: false)],
        "error-body-changed": [e(.errorBodyChanged, breaking: false)],
        "status-code-removed": [e(.statusCodeRemoved, "202", breaking: false)],
        "status-code-added": [e(.statusCodeAdded, "409", breaking: false)],
        "unchanged": [],
        "symbol-renamed": [e(.symbolRenamed, "resultDatas.ownerName", breaking: true)],
        "shared-type-split": [e(.sharedTypeSplit, "resultDatas", breaking: true), e(.responseFieldAdded, "resultDatas.ownerId", breaking: false)],
        "shared-type-merged": [
            e(.sharedTypeMerged, "resultDatas", breaking: false),
            e(.responseFieldRemoved, "resultDatas.ownerId", breaking: true), e(.responseFieldRemoved, "resultDatas.ownerId", breaking: false),
        ],
    ]

    /// The pairs `names`, written out to a fresh scratch folder (its `root` stands for the package root).
    static func scratch(_ names: String...) throws -> DiffEditions.Scratch {
        try pairs.scratch(names, at: editions)
    }

    /// The pair `name`, as written out under `root`.
    static func diff(_ name: String, in root: String) -> SchemaDiff {
        let old = Edition.load("\(editions)/\(name)/old", relativeTo: root)
        let new = Edition.load("\(editions)/\(name)/new", relativeTo: root)
        #expect(old.diagnostics.filter { $0.severity != .note }.isEmpty && new.diagnostics.filter { $0.severity != .note }.isEmpty, "\(name): \(old.diagnostics + new.diagnostics)")
        return SchemaDiff(old: old.schema, new: new.schema, oldNames: old.names, newNames: new.names)
    }

    static func diff(_ name: String) throws -> SchemaDiff {
        let scratch = try Self.scratch(name)
        defer { scratch.remove() }
        return diff(name, in: scratch.root)
    }

    @Test(arguments: expectations.keys.sorted())
    func eachPairReportsItsChangeAndNothingElse(_ name: String) throws {
        let changes = try Self.diff(name).changes
        let found = Set(changes.map { Expected(check: $0.check, field: $0.field, sourceBreaking: $0.swift.sourceBreaking) })
        #expect(found == Set(Self.expectations[name]!), "\(name): \(changes.map { "\($0.check.id) '\($0.field)': \(DiffReport.swiftText($0.swift))" })")
        for change in changes { #expect(change.severity == change.check.severity) }
    }

    /// Every check id has a pair of editions that shows it, and every pair on disk has expectations.
    @Test func everyCheckIsCoveredByAPair() throws {
        let covered = Set(Self.expectations.values.flatMap { $0.map(\.check) })
        #expect(Set(CheckID.allCases).subtracting(covered).isEmpty, "no pair shows \(Set(CheckID.allCases).subtracting(covered).map(\.id).sorted())")
        let cases = try Self.pairs.cases()
        #expect(Set(cases) == Set(Self.expectations.keys))
    }

    /// A pair is its base pages and exact-text replacements; a replacement whose text is not found exactly once in its
    /// page stops the pair, with the file and line of the edit.
    @Test func aReplacementMustMatchExactlyOnce() throws {
        let folder = NSTemporaryDirectory() + "cmsgen-editions-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/pages", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = "<p>a</p>\n<p>a</p>\n<p>b</p>"
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/pages/x.html"))
        for (name, old) in [("once", "<p>b</p>"), ("twice", "<p>a</p>"), ("never", "<p>z</p>")] {
            let edition = "# \(name)\nold: pages/x.html\nnew: y.html=pages/x.html\n\nedit new/y.html\n<<<\n\(old)\n===\n<p>c</p>\n>>>\n"
            try Data(edition.utf8).write(to: URL(fileURLWithPath: folder + "/\(name).edition"))
        }
        let pairs = DiffEditions(folder: folder)
        #expect(try pairs.cases() == ["never", "once", "twice"])
        let scratch = try pairs.scratch(["once"], at: "e")
        defer { scratch.remove() }
        #expect(FileManager.default.contents(atPath: scratch.root + "/e/once/old/x.html") == Data(page.utf8))
        #expect(FileManager.default.contents(atPath: scratch.root + "/e/once/new/y.html") == Data("<p>a</p>\n<p>a</p>\n<p>c</p>".utf8))
        for (name, count) in [("twice", 2), ("never", 0)] {
            do {
                let unexpected = try pairs.scratch([name], at: "e")
                unexpected.remove()
                Issue.record("\(name): the edit was applied")
            } catch let failure as DiffEditions.Failure {
                #expect(failure.description == "\(name).edition:5: the text to replace is found \(count) times in new/y.html, not exactly once")
            }
        }
    }

    /// What the changes do to the Swift API, named symbol by symbol.
    @Test func theSwiftImpactNamesTheSymbols() throws {
        func symbols(_ name: String) throws -> [String: SwiftImpact.SymbolChange] {
            try Dictionary(Self.diff(name).changes.flatMap(\.swift.symbols).map { ($0.symbol, $0) }, uniquingKeysWith: { first, _ in first })
        }
        // A field that becomes mandatory is a non-optional argument, without a default, of the memberwise initializer.
        let mandatory = try symbols("request-field-became-mandatory")
        #expect(mandatory["WidgetQueryDetail.Request.init"]?.reason == "the argument 'widgetName' is no longer optional")
        #expect(mandatory["WidgetQueryDetail.Request.init"]?.new?.contains("widgetName: Swift.String,") == true)
        #expect(mandatory["WidgetQueryDetail.Request.widgetName"]?.new == "var widgetName: Swift.String")
        // An optional field adds a defaulted argument: calls still compile.
        let optional = try symbols("optional-field-added")
        #expect(optional["WidgetQueryDetail.Request.init"]?.sourceBreaking == false)
        #expect(optional["WidgetQueryDetail.Request.tag"]?.kind == .added)
        // A new path renames the method and the namespace.
        let path = try symbols("path-changed")
        #expect(path["CMSClient.widgetQueryDetail"]?.kind == .removed)
        #expect(path["CMSClient.widgetQueryDetails2"]?.kind == .added)
        // A new documented value is a new case: exhaustive switches need it.
        let value = try symbols("enum-value-added")
        #expect(value["WidgetQueryDetail.Response.Status.maintenance"]?.reason == "an exhaustive switch over the enumeration needs the new case")
        // A payload that becomes a list changes the method's return type.
        let payload = try symbols("payload-type-changed")
        #expect(payload["CMSClient.widgetQueryDetail"]?.reason == "the return type changed")
        // A removed query parameter removes the method's argument.
        let parameter = try symbols("parameter-removed")
        #expect(parameter["CMSClient.listGizmos"]?.reason == "the argument 'offset' is gone")
        // The success value of the result code changed: `.success` stands for the new one.
        let envelope = try symbols("envelope-changed")
        #expect(envelope["WidgetQueryDetail.Response.ResultType.success"]?.reason == "the case now stands for another value")
        // A narrowed range changes validation only.
        #expect(try symbols("range-narrowed").isEmpty)
    }

    /// The text and JSON of every pair, as committed.
    @Test func reportsMatchTheirReferences() throws {
        let names = try Self.pairs.cases()
        let scratch = try Self.pairs.scratch(names, at: Self.editions)
        defer { scratch.remove() }
        var text = ""
        var json = ""
        for name in names {
            let report = DiffReport(changes: Self.diff(name, in: scratch.root).changes)
            text += "== \(name)\n" + report.text()
            json += "== \(name)\n" + report.json()
        }
        try TestSupport.assertMatchesReference(Data(text.utf8), file: "reference/diff-editions.txt")
        try TestSupport.assertMatchesReference(Data(json.utf8), file: "reference/diff-editions.json")
    }

    /// An edition compared with itself has no changes: the bundled pages, and their schema.
    @Test func anEditionComparedWithItselfHasNoChanges() throws {
        let specs = Edition.load("specs", relativeTo: Self.root)
        #expect(SchemaDiff(old: specs.schema, new: specs.schema).changes.isEmpty)
    }

    // MARK: The command line

    /// `cmsgen diff arguments`, run in `root` (a scratch folder that holds the pairs the arguments name).
    static func cmsgen(_ arguments: [String], in root: String) async throws -> CommandRunner.Run {
        try await CommandRunner.run(["diff"] + arguments, in: root)
    }

    @Test func failOnSetsTheExitStatus() async throws {
        let scratch = try Self.scratch("range-narrowed", "range-widened", "envelope-changed", "response-field-became-optional", "unchanged")
        defer { scratch.remove() }
        func cmsgen(_ arguments: [String]) async throws -> CommandRunner.Run { try await Self.cmsgen(arguments, in: scratch.root) }
        let narrowed = ["\(Self.editions)/range-narrowed/old", "\(Self.editions)/range-narrowed/new"]
        let widened = ["\(Self.editions)/range-widened/old", "\(Self.editions)/range-widened/new"]
        let envelope = ["\(Self.editions)/envelope-changed/old", "\(Self.editions)/envelope-changed/new"]
        let onlyWarning = ["\(Self.editions)/response-field-became-optional/old", "\(Self.editions)/response-field-became-optional/new"]
        #expect(try await cmsgen(narrowed).status == 0, "no --fail-on: never fails")
        #expect(try await cmsgen(narrowed + ["--fail-on", "breaking"]).status == 1)
        #expect(try await cmsgen(widened + ["--fail-on", "breaking"]).status == 0)
        #expect(try await cmsgen(widened + ["--fail-on", "warning"]).status == 0, "info only")
        #expect(try await cmsgen(onlyWarning + ["--fail-on", "breaking"]).status == 0)
        #expect(try await cmsgen(onlyWarning + ["--fail-on", "warning"]).status == 1)
        #expect(try await cmsgen(envelope + ["--fail-on", "warning"]).status == 1)
        let missing = try await cmsgen(["\(Self.editions)/nowhere", "\(Self.editions)/unchanged/new", "--fail-on", "breaking"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("\(Self.editions)/nowhere:1:1: error: no such file or folder [#no-such-path]"), "\(missing.stderr)")
        #expect(try await cmsgen(["\(Self.editions)/range-narrowed/old", "\(Self.editions)/range-narrowed/new", "--fail-on", "everything"]).status == 64)
    }

    @Test func theCommandWritesEachFormat() async throws {
        let scratch = try Self.scratch("optional-field-added")
        defer { scratch.remove() }
        let pair = ["\(Self.editions)/optional-field-added/old", "\(Self.editions)/optional-field-added/new"]
        let text = String(decoding: try await Self.cmsgen(pair, in: scratch.root).stdout, as: UTF8.self)
        let expected = DiffReport(changes: Self.diff("optional-field-added", in: scratch.root).changes)
        #expect(text == expected.text())
        #expect(String(decoding: try await Self.cmsgen(pair + ["--format", "json"], in: scratch.root).stdout, as: UTF8.self) == expected.json())
        let markdown = String(decoding: try await Self.cmsgen(pair + ["--format", "markdown"], in: scratch.root).stdout, as: UTF8.self)
        #expect(markdown == expected.markdown())
        #expect(markdown.contains("| ⚪ info | `optional-field-added` | `POST /rest/cmsapp/v1/openapi/widget/querydetail` |"))
    }

    // MARK: Markdown hygiene

    /// A field name out of the docs that holds raw HTML, an @mention, a backtick, an issue reference and a
    /// right-to-left override, in a change as `SchemaDiff` writes it.
    static let hostileName = "a<img src=x onerror=alert(1)><details>@team`b\u{202E}c #12"

    static func hostileChanges() -> [SchemaChange] {
        let removed = SwiftImpact.SymbolChange(kind: .removed, symbol: "X.Request.a`b", old: nil, new: nil, sourceBreaking: true, reason: nil)
        return [
            SchemaChange(
                check: .requestFieldRemoved, severity: .breaking, interface: "POST /rest/x/@team", part: "request", field: hostileName,
                old: "String", new: nil, message: "request field '\(hostileName)' is gone",
                location: SourceLocation(file: "new/x.html", line: 7), swift: SwiftImpact(symbols: [removed])
            ),
            SchemaChange(
                check: .interfaceAdded, severity: .info, interface: "GET /rest/y", part: "interface", field: "", old: nil, new: "GET /rest/y",
                message: "'<details><summary>x</summary> @team #12 `y` *z* [l](u) a|b \u{202E}\u{0}\nnext' is new",
                location: SourceLocation(file: "new/y.html", line: 1), swift: SwiftImpact()
            ),
        ]
    }

    /// The Markdown (a pull-request comment) shows text from the docs as text: names in code spans with a fence longer
    /// than their backticks, the rest escaped; no raw HTML, @mention, issue reference, line break, control or
    /// bidirectional character gets through.
    @Test func markdownShowsTextFromTheDocsAsText() {
        let markdown = DiffReport(changes: Self.hostileChanges()).markdown()
        #expect(markdown == #"""
            ### cmsgen diff

            2 changes: 1 breaking, 0 warning, 1 info; 1 source-breaking for code using the Swift client.

            | | check | interface | change | Swift API |
            | --- | --- | --- | --- | --- |
            | 🔴 breaking | `request-field-removed` | `POST /rest/x/@team` | request field ``a<img src=x onerror=alert(1)><details>@team`b<U+202E>c #12`` is gone | **source-breaking**: − ``X.Request.a`b`` |
            | ⚪ info | `interface-added` | `GET /rest/y` | '&lt;details&gt;&lt;summary&gt;x&lt;/summary&gt; &#64;team &#35;12 \`y\` \*z\* \[l\](u) a\|b &lt;U+202E&gt;&lt;U+0000&gt; next' is new | unchanged |

            """#)
        #expect(!markdown.unicodeScalars.contains { DiagnosticText.isHidden($0) && $0 != "\n" })
    }

    /// Code spans hold any run of backticks, and keep a leading or trailing one.
    @Test func codeSpansOutgrowTheirBackticks() {
        #expect(DiffReport.code("plain") == "`plain`")
        #expect(DiffReport.code("a`b") == "``a`b``")
        #expect(DiffReport.code("a``b```c") == "````a``b```c````")
        #expect(DiffReport.code("`x") == "`` `x ``")
        #expect(DiffReport.code("x`") == "`` x` ``")
        #expect(DiffReport.code("line\nbreak\u{200F}") == "`line break<U+200F>`")
    }

    /// The text report shows controls and bidirectional characters from the docs as code points too.
    @Test func theTextReportShowsHiddenCharacters() {
        let text = DiffReport(changes: Self.hostileChanges()).text()
        #expect(text.hasPrefix("new/x.html:7:1: error: POST /rest/x/@team: request field 'a<img src=x onerror=alert(1)><details>@team`b<U+202E>c #12' is gone; "), "\(text)")
        #expect(text.contains("a|b <U+202E><U+0000><U+000A>next' is new"), "\(text)")
        #expect(!text.unicodeScalars.contains { DiagnosticText.isHidden($0) && $0 != "\n" })
    }

    /// Editions kept as schema files (`cmsgen parse`) compare like folders of pages.
    @Test func schemaFilesAreEditionsToo() async throws {
        let folder = NSTemporaryDirectory() + "cmsgen-diff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scratch = try Self.scratch("request-field-removed")
        defer { scratch.remove() }
        for side in ["old", "new"] {
            let run = try await CommandRunner.run(["parse", "\(Self.editions)/request-field-removed/\(side)", "-o", "\(folder)/\(side).json", "-q"], in: scratch.root)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let run = try await Self.cmsgen(["\(folder)/old.json", "\(folder)/new.json", "--format", "json"], in: scratch.root)
        let fromPages = DiffReport(changes: Self.diff("request-field-removed", in: scratch.root).changes)
        #expect(String(decoding: run.stdout, as: UTF8.self) == fromPages.json())
    }
}

/// `docs/diagnostics.md` lists every diff check once, with the severity the code gives it.
@Suite struct DiffCheckDocumentationTests {
    @Test func theDiffChecksTableListsEveryCheckWithItsSeverity() throws {
        let rows = MarkdownDocument.tableRows(in: try MarkdownDocument.text("docs/diagnostics.md"), under: "## Diff checks")
        var documented: [String: String] = [:]
        for row in rows {
            let id = try #require(row.first.flatMap(MarkdownDocument.code), "a row without a check id: \(row)")
            #expect(documented[id] == nil, "\(id) is listed twice")
            documented[id] = row.count > 1 ? row[1] : ""
        }
        let code = Dictionary(uniqueKeysWithValues: CheckID.allCases.map { ($0.rawValue, $0.severity.rawValue) })
        #expect(Set(code.keys).subtracting(documented.keys).isEmpty, "checks without a row: \(Set(code.keys).subtracting(documented.keys).sorted())")
        #expect(Set(documented.keys).subtracting(code.keys).isEmpty, "rows for checks the code does not have: \(Set(documented.keys).subtracting(code.keys).sorted())")
        for (id, severity) in code where documented[id] != nil {
            #expect(documented[id] == severity, "\(id): the docs say \(documented[id] ?? ""), the code says \(severity)")
        }
    }
}
