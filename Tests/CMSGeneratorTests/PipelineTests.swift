import CMSExtraction
@testable import CMSGenerator
import CMSPageTestSupport
import CMSRendering
import CMSSchema
import CMSSupport
import CMSTestSupport
import Foundation
import Testing

/// The maintainer's loop around `cmsgen generate`: a schema as input, silenced defects, strictness, what a run says,
/// and a binary that runs anywhere.
@Suite struct PipelineTests {
    static let root = TestSupport.packageRoot

    static func temporary(_ prefix: String) throws -> String {
        let folder = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func files(_ folder: String) -> [String: Data] {
        let paths = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") || $0 == NameLock.fileName }
        return Dictionary(uniqueKeysWithValues: paths.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) })
    }

    // MARK: The lock file

    /// The lock file keeps every public name: a name it records is the name the next run gives, even one the rules
    /// would not; `--check` fails on a name that would change and nothing explains; `openapi --lock` names operations
    /// as the client does.
    @Test func theLockKeepsNamesAndCheckGuardsThem() async throws {
        let folder = try Self.temporary("cmsgen-lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try await CommandRunner.run(["generate", "--specs", "specs", "--output", folder + "/out", "-q"], in: Self.root)
        #expect(first.status == 0, "\(first.stderr)")
        let lockPath = folder + "/out/" + NameLock.fileName
        let text = try String(contentsOfFile: lockPath, encoding: .utf8)
        let seed = "POST /rest/cmsapp/v1/openapi/calldata/querydetailcallinfo"
        #expect(text.contains("ccId \"\(seed) request ccId\"\n"))
        #expect(text.contains("callDataQueryDetailCallInfo \"\(seed)\"\n"))

        // A name the lock records is kept, whatever the rules say.
        var edited = text.replacingOccurrences(of: "ccId \"\(seed) request ccId\"", with: "centerId \"\(seed) request ccId\"")
        edited = edited.replacingOccurrences(of: "callDataQueryDetailCallInfo \"\(seed)\"", with: "queryCallDetails \"\(seed)\"")
        try edited.write(toFile: lockPath, atomically: true, encoding: .utf8)
        let kept = try await CommandRunner.run(["generate", "--specs", "specs", "--output", folder + "/out", "-q"], in: Self.root)
        #expect(kept.status == 0, "\(kept.stderr)")
        let file = try String(contentsOfFile: folder + "/out/Interfaces/QueryCallDetails.swift", encoding: .utf8)
        #expect(file.contains("        public var centerId: Swift.Int\n"))
        #expect(file.contains("    public func queryCallDetails(\n"))

        // OpenAPI names the operation as the client does, given the lock.
        let openapi = try await CommandRunner.run(["openapi", "specs", "--lock", lockPath, "-q"], in: Self.root)
        #expect(openapi.status == 0, "\(openapi.stderr)")
        #expect(String(decoding: openapi.stdout, as: UTF8.self).contains("\"operationId\" : \"queryCallDetails\""))

        // Two properties locked to one name: the lock cannot keep both, and --check says which name would change.
        let clash = edited.replacingOccurrences(of: "vdn \"\(seed) request vdn\"", with: "centerId \"\(seed) request vdn\"")
        try clash.write(toFile: lockPath, atomically: true, encoding: .utf8)
        let check = try await CommandRunner.run(["generate", "--specs", "specs", "--output", folder + "/out", "--check"], in: Self.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("error: the public name 'centerId' would become 'centerId2' (\(seed) request vdn), and nothing explains it"), "\(check.stderr)")
        #expect(check.stderr.contains("[#name-changed]"))
    }

    // MARK: --schema

    /// `cmsgen parse` then `cmsgen generate --schema`: the same interfaces, byte for byte; only the shared files'
    /// header names the schema file instead of the page folder.
    @Test func aSchemaFileRendersLikeThePages() async throws {
        let folder = try Self.temporary("cmsgen-schema")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let parse = try await CommandRunner.run(["parse", "specs", "-o", folder + "/schema.json", "--quiet"], in: Self.root)
        #expect(parse.status == 0, "\(parse.stderr)")
        let run = try await CommandRunner.run(["generate", "--schema", folder + "/schema.json", "--output", folder + "/out"], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        let fromSchema = Self.files(folder + "/out")
        let fromPages = Self.files(Self.root + "/Generated")
        #expect(Set(fromSchema.keys) == Set(fromPages.keys))
        #expect(fromSchema["Shared/CMSClient.swift"].map { String(decoding: $0, as: UTF8.self).hasPrefix("// Generated by cmsgen from ") && String(decoding: $0, as: UTF8.self).contains("schema.json. DO NOT EDIT.") } == true)
        for (path, bytes) in fromPages {
            let other = try #require(fromSchema[path])
            if path.hasPrefix("Interfaces/") {
                #expect(other == bytes, "\(path)")
            } else {
                // Everything but the header line.
                let lines = { (data: Data) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) }
                #expect(lines(other).dropFirst() == lines(bytes).dropFirst(), "\(path)")
                #expect(lines(other).first == lines(bytes).first || lines(other).first?.contains("schema.json") == true, "\(path)")
            }
        }
    }

    /// A hand-corrected schema is the sanctioned place for corrections: an edit to it shows in the generated code.
    @Test func aCorrectedSchemaChangesTheClient() async throws {
        let result = SchemaBuilder.build(pages: [TestSupport.page("Tests/Diff/editions/base/widget-query.html")])
        var schema = result.schema
        let index = try #require(schema.interfaces[0].request?.fields.firstIndex { $0.name == "vdn" })
        schema.interfaces[0].request?.fields[index].constraints.maximum = 2000
        let folder = try Self.temporary("cmsgen-corrected")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try SchemaJSON.encode(schema).write(to: URL(fileURLWithPath: folder + "/schema.json"))
        let run = try await CommandRunner.run(["generate", "--schema", "schema.json", "--output", "out", "-q"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let file = try String(contentsOfFile: folder + "/out/Interfaces/WidgetQueryDetail.swift", encoding: .utf8)
        #expect(file.contains("min: 1, max: 2000)"))
    }

    @Test func aBrokenSchemaFileIsAnErrorWithItsPlace() async throws {
        let folder = try Self.temporary("cmsgen-bad-schema")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let version = SchemaDocument.currentVersion
        try "{\n  \"schemaVersion\": \(version),\n  \"interfaces\": [\n".write(toFile: folder + "/cut.json", atomically: true, encoding: .utf8)
        try "{\"schemaVersion\": 2, \"interfaces\": []}".write(toFile: folder + "/old.json", atomically: true, encoding: .utf8)
        try "{\"schemaVersion\": \(version), \"interfaces\": [{\"title\": 1}]}".write(toFile: folder + "/wrong.json", atomically: true, encoding: .utf8)
        for (file, expected) in [
            ("cut.json", "cut.json:4:1: error: the schema file is not valid JSON"),
            ("old.json", "old.json:1:1: error: the schema file has version 2; this cmsgen reads version \(version)"),
            ("wrong.json", "wrong.json:1:1: error: the schema file has a wrong value at interfaces[0].title"),
        ] {
            let run = try await CommandRunner.run(["generate", "--schema", file, "--output", "out"], in: folder)
            #expect(run.status == 1)
            #expect(run.stderr.contains(expected), "\(run.stderr)")
            #expect(run.stderr.contains("[#schema-file]"))
            #expect(run.stderr.contains("nothing written"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
    }

    // MARK: Silences

    /// A committed silence file silences one kind of warning for one page; the summary counts what it silenced, and
    /// lines that silence nothing, or name no id, are warnings of their own.
    @Test func aSilenceFileSilencesOneKindForOnePage() async throws {
        let specs = try GeneratorTests.copy(Self.root + "/specs")
        let output = try Self.temporary("cmsgen-silenced")
        defer { try? FileManager.default.removeItem(atPath: specs); try? FileManager.default.removeItem(atPath: output) }
        try """
            # the vendor sends callFeature as a number; decoded tolerantly
            example-type-mismatch   calldata-querydetailcallinfo.html   callFeature is a number on the wire
            limit-ignored           hisindex-agent.html
            example-wrapper         vdn-querycalls-v1.html              # nothing of this kind there
            no-such-id              hisindex-agent.html
            """.write(toFile: specs + "/" + SilenceList.fileName, atomically: true, encoding: .utf8)
        let run = try await CommandRunner.run(["generate", "--specs", specs, "--output", output], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(!lines.contains { $0.contains("calldata-querydetailcallinfo.html:") && $0.contains("[#example-type-mismatch]") })
        #expect(lines.contains { $0.contains("calldata-querydetailcallinfo.dita:") && $0.contains("[#example-type-mismatch]") }, "another page keeps its warning")
        #expect(lines.contains { $0.contains("calldata-querydetailcallinfo.html:") && $0.contains("[#example-missing-field]") }, "another kind keeps its warning")
        #expect(!lines.contains { $0.contains("hisindex-agent.html:") && $0.contains("[#limit-ignored]") })
        let file = DisplayPath.relative(specs + "/" + SilenceList.fileName, to: Self.root)
        #expect(lines.contains { $0.hasPrefix("\(file):4:1: warning: nothing to silence") && $0.hasSuffix("[#unused-silence]") }, "\(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):5:1: warning: 'no-such-id' is not a diagnostic id") })
        #expect(lines.contains { $0.hasPrefix("cmsgen: ") && $0.contains("3 silenced") }, "\(run.stderr)")
        #expect(lines.contains("cmsgen: silenced by kind: example-type-mismatch 2, limit-ignored 1"), "\(run.stderr)")
        let verbose = try await CommandRunner.run(["generate", "--specs", specs, "--output", output, "--verbose"], in: Self.root)
        #expect(verbose.stderr.split(separator: "\n").filter { $0.hasSuffix("(silenced)") }.count == 3)
    }

    /// Errors are never silenced.
    @Test func errorsCannotBeSilenced() async throws {
        let folder = try Self.temporary("cmsgen-silence-errors")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "not a page".write(toFile: folder + "/broken.html", atomically: true, encoding: .utf8)
        try "not-html broken.html\nno-interface broken.html\n".write(toFile: folder + "/" + SilenceList.fileName, atomically: true, encoding: .utf8)
        let run = try await CommandRunner.run(["generate", "--specs", folder, "--output", folder + "/out"], in: Self.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.html:1:1: error: "), "\(run.stderr)")
    }

    // MARK: Strictness and verbosity

    @Test func warningsAsErrorsFailsAndWritesNothing() async throws {
        let output = try Self.temporary("cmsgen-strict")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let strict = try await CommandRunner.run(["generate", "--specs", "specs", "--output", output, "--warnings-as-errors"], in: Self.root)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("specs/hisindex-agent.html:118:1: error: a length of 100 characters is stated for a list; the limit is ignored (a warning, made an error by --warnings-as-errors)"), "\(strict.stderr)")
        #expect(strict.stderr.contains("nothing written"))
        #expect(Self.files(output).isEmpty)
        // Pages without warnings pass.
        let clean = try await CommandRunner.run(["generate", "--specs", "Tests/Diff/editions/base", "--output", output, "--warnings-as-errors"], in: Self.root)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(!Self.files(output).isEmpty)
        let parse = try await CommandRunner.run(["parse", "specs", "--warnings-as-errors", "-o", output + "/schema.json"], in: Self.root)
        #expect(parse.status == 1)
    }

    @Test func quietPrintsErrorsOnly() async throws {
        let output = try Self.temporary("cmsgen-quiet")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let quiet = try await CommandRunner.run(["generate", "--specs", "specs", "--output", output, "--quiet"], in: Self.root)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty)
        try "<html><body>nothing</body></html>".write(toFile: output + "/broken.html", atomically: true, encoding: .utf8)
        let broken = try await CommandRunner.run(["parse", output + "/broken.html", "--quiet", "-o", output + "/schema.json"], in: Self.root)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains(": error: no recognisable interface"), "\(broken.stderr)")
        #expect(!broken.stderr.contains("cmsgen: "), "no summary when quiet")
        #expect(try await CommandRunner.run(["generate", "--quiet", "--verbose"], in: Self.root).status == 64)
    }

    /// Every run ends with a summary: pages, interfaces, diagnostics by kind, files, time; counts that agree with
    /// what it printed.
    @Test func theSummaryCountsWhatTheRunDid() async throws {
        let output = try Self.temporary("cmsgen-summary")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try await CommandRunner.run(["generate", "--specs", "specs", "--output", output], in: Self.root)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let pages = SchemaBuilder.pageFiles(in: ["specs"], relativeTo: Self.root).files.count
        let warnings = lines.filter { $0.contains(": warning: ") }
        let notes = lines.filter { $0.contains(": note: ") }
        let interfaces = TestSupport.specsResult.schema.interfaces.count
        // The pages by kind: the error-code page is an appendix; its note is listed only with --verbose.
        let kinds = TestSupport.specsResult.schema.pages.map(\.kind)
        #expect(kinds.filter { $0 == .appendix }.count == 1 && kinds.filter { $0 == .interface }.count == pages - 1)
        #expect(!lines.contains { $0.contains("[#page-not-interface]") }, "\(run.stderr)")
        #expect(lines.contains("cmsgen: \(pages) pages (\(pages - 1) interface, 1 appendix), \(interfaces) interfaces; 0 errors, \(warnings.count) warnings, \(notes.count) notes, 0 silenced"), "\(run.stderr)")
        let verbose = try await CommandRunner.run(["generate", "--specs", "specs", "--output", output, "--verbose"], in: Self.root)
        #expect(verbose.stderr.contains("specs/error-codes.html:3:1: note: an appendix, not an interface: no request line; a table of error codes [#page-not-interface]"), "\(verbose.stderr)")
        var byKind: [String: Int] = [:]
        for line in warnings { byKind[String(line.split(separator: "[#").last!.dropLast()), default: 0] += 1 }
        let expectedKinds = byKind.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        #expect(lines.contains("cmsgen: warnings by kind: \(expectedKinds)"))
        let count = Self.files(output).count
        #expect(lines.last?.hasPrefix("cmsgen: \(count) files: \(count) written, 0 unchanged, 0 removed; ") == true, "\(lines.last ?? "")")
        #expect(lines.last?.hasSuffix(" s") == true)
    }

    // MARK: Progress and portability

    /// Progress lines appear on a terminal (a pseudo-terminal from `script`), and never in a pipe or file.
    @Test func progressShowsOnlyOnATerminal() async throws {
        let cmsgen = try CommandRunner.cmsgen().path
        let folder = try Self.temporary("cmsgen-tty")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let command = "cd '\(Self.root)' && '\(cmsgen)' generate --specs specs --output '\(folder)/out'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, folder + "/typescript"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try await ChildProcess.run(process)
        #expect(process.terminationStatus == 0)
        let typescript = String(decoding: FileManager.default.contents(atPath: folder + "/typescript") ?? Data(), as: UTF8.self)
        let pages = SchemaBuilder.pageFiles(in: ["specs"], relativeTo: Self.root).files.count
        #expect(typescript.contains("[\(pages)/\(pages)] "), "\(typescript.prefix(400))")
        #expect(typescript.contains("[1/\(pages)] "))
        #expect(typescript.contains("\r\u{1B}[K"))
        let piped = try await CommandRunner.run(["generate", "--specs", "specs", "--output", folder + "/piped"], in: Self.root)
        #expect(!piped.stderr.contains("[1/"))
        #expect(!piped.stderr.contains("\u{1B}"))
    }

    /// A cmsgen binary copied out of the package, away from any template folder, generates the same bytes: its
    /// templates are compiled in.
    @Test func aCopiedBinaryGeneratesTheSameFiles() async throws {
        let folder = try Self.temporary("cmsgen-moved")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let moved = folder + "/bin/cmsgen"
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try CommandRunner.cmsgen().path, toPath: moved)
        try FileManager.default.copyItem(atPath: Self.root + "/specs", toPath: folder + "/specs")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: moved)
        process.arguments = ["generate", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        try await ChildProcess.run(process)
        #expect(process.terminationStatus == 0)
        #expect(Self.files(folder + "/Generated") == Self.files(Self.root + "/Generated"))
    }
}
