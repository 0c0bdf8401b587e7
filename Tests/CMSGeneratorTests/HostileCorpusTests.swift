import CMSTestSupport
import Foundation
import Testing

/// Pages written to exhaust or subvert the generator, each run through `cmsgen generate` in a child process bounded
/// in time (`timeout`, 60 s) and memory (`prlimit --data`, 1 GiB): every case ends in a diagnostic or in code that
/// compiles, never in a crash, a hang or a blow-up, and a failed run leaves `Generated/` as it was.
///
/// The pages are built here (some are megabytes), in the vendor's markup (`PageBuilder`).
@Suite struct HostileCorpusTests {
    /// How a case must end.
    enum Outcome: Sendable {
        /// Exit 1 with an error of this id; the output folder untouched.
        case error(String)
        /// Exit 0, with a warning of this id when given; the output compiles and has the page's interface (unless
        /// `interfaces` is 0: left out, with the warning).
        case generated(warning: String?, interfaces: Int = 1)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The page's file name (its extension picks the reader).
        var file: String
        var outcome: Outcome
        /// `openapi` and `diff` read the page too (for the shapes that once broke every command).
        var everyCommand = false
        var page: @Sendable (_ folder: String) -> [UInt8]

        var testDescription: String { name }
    }

    static func interface(_ rows: [[PageBuilder.Cell]], examples: [PageBuilder.Part] = [], path: String) -> PageBuilder.Page {
        PageBuilder.interface(
            url: "https://ip:port/rest/cmsapp/v1/openapi/hostile/\(path)",
            request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: rows))],
            examples: examples
        )
    }

    static func html(_ page: PageBuilder.Page) -> [UInt8] { Array(page.html().utf8) }

    /// An interface whose request body is given as tables (the first is the body).
    static func interface(tables: [PageBuilder.Table], path: String) -> PageBuilder.Page {
        PageBuilder.interface(
            url: "https://ip:port/rest/cmsapp/v1/openapi/hostile/\(path)",
            request: [.table(PageBuilder.headerTable())] + tables.map { .table($0) }
        )
    }

    /// A body table and `levels` nested tables, each of whose rows (`rows(level, link to the next table)`) refer to
    /// the next; the last holds one string.
    static func linkedTables(levels: Int, path: String, rows: (Int, String) -> [[PageBuilder.Cell]]) -> PageBuilder.Page {
        // Table 1 is the header table, table 2 the body, table 3 + i the nested table of level i.
        func link(_ level: Int) -> String { PageBuilder.link("level\(level)", "Table \(level + 3)") }
        var tables = [PageBuilder.requestTable(rows: rows(0, link(1)))]
        for level in 1...levels {
            let body = level < levels ? rows(level, link(level + 1)) : [["leaf", "String", "No", "The end."]]
            tables.append(PageBuilder.Table(id: "level\(level)", caption: "Parameters of level \(level)", header: ["Parameter", "Type", "Mandatory", "Description"], rows: body))
        }
        return interface(tables: tables, path: path)
    }

    static let cases: [Case] = [
        Case(name: "entity expansion (billion laughs)", file: "laughs.dita", outcome: .error("malformed-xml")) { _ in
            let entities = "<!ENTITY l0 \"lol\">" + (1...9).map { level in
                "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
            }.joined()
            let page = interface([["ccId", "Integer", "Yes", "&l9;"]], path: "laughs")
            return Array(page.dita(doctype: "<!DOCTYPE reference [\(entities)]>").utf8)
        },
        Case(name: "external entity (a local file)", file: "external.dita", outcome: .generated(warning: nil)) { folder in
            let page = interface([["ccId", "Integer", "Yes", "ID of a call center. &secret;"]], path: "external")
            return Array(page.dita(doctype: "<!DOCTYPE reference [<!ENTITY secret SYSTEM \"file://\(folder)/secret.txt\">]>").utf8)
        },
        Case(name: "markup nested 100,000 deep", file: "nested.html", outcome: .error("markup-halted")) { _ in
            let deep = String(repeating: "<span>", count: 100_000) + "deep" + String(repeating: "</span>", count: 100_000)
            return html(interface([["ccId", "Integer", "Yes", "ID. \(deep)"]], path: "nested"))
        },
        Case(name: "a 4 MB description", file: "huge-cell.html", outcome: .generated(warning: nil)) { _ in
            html(interface([["ccId", "Integer", "Yes", .text(String(repeating: "*/ /* \u{202E} <b> ", count: 250_000))]], path: "hugecell"))
        },
        Case(name: "a bound of 10,000 digits", file: "huge-number.html", outcome: .generated(warning: "bound-overflow")) { _ in
            html(interface([["ccId", "Integer", "Yes", "The value ranges from 1 to 1\(String(repeating: "0", count: 10_000))."]], path: "hugenumber"))
        },
        Case(name: "a request of 2,000 fields", file: "wide-request.html", outcome: .generated(warning: "wide-table", interfaces: 0)) { _ in
            html(interface((0..<2_000).map { ["field\($0)", "String", "No", "Field number \($0)."] }, path: "widerequest"))
        },
        Case(name: "a response of 2,000 fields", file: "wide-response.html", outcome: .generated(warning: "wide-table")) { _ in
            var page = interface([["ccId", "Integer", "Yes", "ID."]], path: "wideresponse")
            page.parts.append(.section("Response Description", [.table(PageBuilder.responseTable(rows: (0..<2_000).map { ["field\($0)", "String", "Field number \($0)."] }))]))
            return html(page)
        },
        Case(name: "1,000 documented values", file: "many-values.html", outcome: .generated(warning: nil)) { _ in
            let values = (0..<1_000).map { "\($0): state \($0)" }.joined(separator: "; ")
            return html(interface([["state", "Integer", "Yes", "The state. \(values)."]], path: "manyvalues"))
        },
        Case(name: "values 1, 01 and +1", file: "same-values.html", outcome: .generated(warning: "duplicate-enum-value")) { _ in
            html(interface([["state", "Integer", "Yes", PageBuilder.Cell("The state.", items: ["1: idle", "01: busy", "+1: away"])]], path: "samevalues"))
        },
        Case(name: "an example nested 100,000 deep", file: "deep-example.html", outcome: .generated(warning: "example-invalid-json")) { _ in
            let example = "{\"ccId\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
            return html(interface([["ccId", "Integer", "Yes", "ID."]], examples: [.example(example)], path: "deepexample"))
        },
        Case(name: "a 10,000-character name", file: "long-name.html", outcome: .generated(warning: nil)) { _ in
            html(interface([[.text(String(repeating: "a", count: 10_000)), "Integer", "Yes", "A long one."]], path: "longname"))
        },
        Case(name: "a 1 MB name", file: "megabyte-name.html", outcome: .generated(warning: nil), everyCommand: true) { _ in
            html(interface([[.text(String(repeating: "a", count: 1 << 20)), "Integer", "Yes", "A long one."]], path: "megabytename"))
        },
        Case(name: "a diamond of tables 24 levels deep", file: "diamond.html", outcome: .generated(warning: nil), everyCommand: true) { _ in
            // Table i has two object fields that both link to table i + 1: shapes that embed their children double per level.
            html(linkedTables(levels: 24, path: "diamond") { level, next in
                [["left", "Object", "No", "See \(next)."], ["right", "Object", "No", "See \(next)."]]
            })
        },
        Case(name: "a chain of 400 linked tables", file: "chain.html", outcome: .generated(warning: "nesting-too-deep"), everyCommand: true) { _ in
            html(linkedTables(levels: 400, path: "chain") { level, next in [["level\(level)", "Object", "No", "See \(next)."]] })
        },
        Case(name: "rows numbered 1,000 levels deep", file: "dotted.html", outcome: .generated(warning: "nesting-too-deep"), everyCommand: true) { _ in
            let rows: [[PageBuilder.Cell]] = (1...1_000).map { level in
                [.text(Array(repeating: "1", count: level).joined(separator: ".")), .text("level\(level)"), level < 1_000 ? "Object" : "String", "No", "A level."]
            }
            return html(interface(tables: [PageBuilder.requestTable(header: ["No.", "Parameter", "Type", "Mandatory", "Description"], rows: rows)], path: "dotted"))
        },
        Case(name: "an example of 400,000 escapes", file: "escapes.html", outcome: .generated(warning: nil), everyCommand: true) { _ in
            let example = "{\"ccId\": \"" + String(repeating: "\\n", count: 200_000) + String(repeating: "\\u00e9", count: 200_000) + "\"}"
            return html(interface([["ccId", "String", "Yes", "ID."]], examples: [.example(example)], path: "escapes"))
        },
        Case(name: "code in names and descriptions", file: "injection.html", outcome: .generated(warning: nil)) { _ in
            html(interface([
                [.text("a\"; fatalError(); let b = \""), "String", "No", .text("*/ fatalError() /* \n/// \u{2066}hidden\u{2069} \u{202E}edoc")],
                [.text("\u{202E}x"), "Integer", "No", .text("bell \u{7} escape \u{1B}[2J delete \u{7F}")],
            ], path: "injection"))
        },
        Case(name: "bytes that are not UTF-8", file: "latin1.html", outcome: .error("page-not-utf8")) { _ in
            var bytes = html(interface([["ccId", "Integer", "Yes", "ID."]], path: "latin1"))
            bytes.insert(contentsOf: [0xFF, 0xFE, 0xE9, 0x80], at: bytes.count / 2)
            return bytes
        },
        Case(name: "a NUL byte in a cell", file: "nul.html", outcome: .error("page-not-utf8")) { _ in
            html(interface([["ccId", "Integer", "Yes", "ID.\u{0}after"]], path: "nul"))
        },
    ]

    /// What a bounded run printed, how it ended, and its peak memory.
    struct BoundedRun: Sendable {
        var status: Int32
        var stderr: String
        var peakKilobytes: Int
    }

    /// `cmsgen ARGUMENTS` in `folder`, under `prlimit --cpu=60 --data=1GiB`, measured by `/usr/bin/time`. The bound is
    /// CPU time, which a busy machine does not stretch as it does the clock; `timeout 600` only guards against a run
    /// that waits without computing.
    static func boundedRun(_ arguments: [String], in folder: String) async throws -> BoundedRun {
        let measure = folder + "/time.txt"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", measure, "timeout", "-s", "KILL", "600", "prlimit", "--cpu=60", "--data=1073741824", try CommandRunner.cmsgen().path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = folder + "/stderr.txt"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        process.standardOutput = FileHandle.nullDevice
        try await ChildProcess.run(process)
        let peak = (try? String(contentsOfFile: measure, encoding: .utf8))?.split(separator: "\n").last.flatMap { Int($0) } ?? -1
        return BoundedRun(status: process.terminationStatus, stderr: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "", peakKilobytes: peak)
    }

    static var toolsAreThere: Bool {
        ["/usr/bin/time", "/usr/bin/timeout", "/usr/bin/prlimit"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// One case, in a package of its own whose `Generated/` already holds a client: a failure must leave it as it was,
    /// and a success must compile.
    @Test(.enabled(if: toolsAreThere), arguments: cases)
    func eachCaseEndsInADiagnosticOrInCodeThatCompiles(_ hostile: Case) async throws {
        let folder = NSTemporaryDirectory() + "cmsgen-hostile-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/specs", withIntermediateDirectories: true)
        let secret = "SECRET-\(UUID().uuidString)"
        try secret.write(toFile: folder + "/secret.txt", atomically: false, encoding: .utf8)
        try Data(hostile.page(folder)).write(to: URL(fileURLWithPath: folder + "/specs/" + hostile.file))
        // The client generated before: from another page, so that a failed run has something to leave alone.
        let earlier = try await CommandRunner.run(["generate", "--quiet", "--specs", TestSupport.packageRoot + "/Tests/Diff/editions/base/widget-query.html"], in: folder)
        try #require(earlier.status == 0, "\(earlier.stderr)")
        let before = GeneratorTests.snapshot(folder + "/Generated")

        // The other commands read the same page: each ends in one of its statuses (diff: 2 when an edition cannot
        // be read) within the same bounds.
        for command in hostile.everyCommand ? [["openapi", "specs", "-o", "openapi.json"], ["diff", "specs", "specs"]] : [] {
            let other = try await Self.boundedRun(command, in: folder)
            #expect([0, 1, 2].contains(other.status), "cmsgen \(command[0]) was stopped (status \(other.status)); stderr: \(other.stderr.suffix(2000))")
            #expect(other.peakKilobytes > 0 && other.peakKilobytes < 1_048_576, "cmsgen \(command[0]): peak memory \(other.peakKilobytes) KB")
        }
        let run = try await Self.boundedRun(["generate"], in: folder)
        #expect(run.status == 0 || run.status == 1, "cmsgen was stopped (status \(run.status): 152 or 137 is the time limit, 134 or 139 a crash, which the memory limit causes too); stderr: \(run.stderr.suffix(2000))")
        #expect(run.peakKilobytes > 0 && run.peakKilobytes < 1_048_576, "peak memory \(run.peakKilobytes) KB")
        // Every line that is a diagnostic has the compiler's form and names the page.
        let diagnostics = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }
        for line in diagnostics {
            #expect(line.hasPrefix("specs/\(hostile.file):") && line.hasSuffix("]"), "\(line.prefix(300))")
        }
        let generated = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/Generated/Interfaces")) ?? []
        switch hostile.outcome {
        case .error(let id):
            #expect(run.status == 1)
            #expect(diagnostics.contains { $0.contains(": error: ") && $0.hasSuffix("[#\(id)]") }, "no error [#\(id)]: \(run.stderr.prefix(2000))")
            let after = GeneratorTests.snapshot(folder + "/Generated")
            #expect(GeneratorTests.sameBytes(before, after), "Generated/ changed although the run failed")
        case .generated(let warning, let interfaces):
            #expect(run.status == 0, "\(run.stderr.prefix(2000))")
            if let warning {
                #expect(diagnostics.contains { $0.contains(": warning: ") && $0.hasSuffix("[#\(warning)]") }, "no warning [#\(warning)]: \(run.stderr.prefix(2000))")
            }
            #expect(generated.count == interfaces && !generated.contains("WidgetQueryDetail.swift"), "\(generated)")
            let all = (FileManager.default.enumerator(atPath: folder + "/Generated")?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
            for file in all {
                let text = try String(contentsOfFile: folder + "/Generated/" + file, encoding: .utf8)
                #expect(!text.contains(secret), "an external entity was read into \(file)")
                #expect(!text.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }, "a bidi control in \(file)")
            }
            let compiled = try await SwiftCompiler.compile(folder: folder + "/Generated")
            #expect(compiled.status == 0, "\(compiled.output.prefix(3000))")
        }
    }
}
