import CMSExtraction
import CMSGenerator
import CMSPageTestSupport
import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The rendering half: Generated/ is what the generator makes, generation is deterministic, and a failure leaves the
/// output folder exactly as it was.
@Suite struct GeneratorTests {
    static let root = TestSupport.packageRoot

    static func templates(overrides: String? = nil) throws -> TemplateSet {
        let (set, diagnostics) = TemplateSet.load(overrides: overrides)
        return try #require(set, "\(diagnostics)")
    }

    /// What `cmsgen generate --specs …` makes from these paths (relative to the package), names files included.
    static func output(specs relative: [String]) throws -> SwiftGenerator.Output {
        let result = SchemaBuilder.build(paths: relative, relativeTo: root)
        #expect(!result.hasErrors, "\(result.diagnostics.filter { $0.severity == .error })")
        let (overrides, diagnostics) = NameOverrides.load(pageFolders: relative, relativeTo: root)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try SwiftGenerator.generate(schema: result.schema, templates: templates(), overrides: overrides,
                                           specsLabel: SwiftGenerator.specsLabel(paths: relative, relativeTo: root))
    }

    /// The tree `cmsgen generate --specs …` makes from these paths (relative to the package).
    static func tree(specs relative: String...) throws -> GeneratedTree {
        try output(specs: relative).tree
    }

    /// The test corpora's clients are generated when the package builds (GenerateCMSClientOnBuild), from the pages
    /// their `cmsgen.json` names, keeping the names of the lock beside it: each lock holds what the generator gives
    /// now, and no name changed. `CMSKIT_RECORD=1` rewrites a lock after a rename is intended.
    @Test(arguments: [
        ("Tests/Snippets/Client", ["Tests/Snippets/specs", "specs/error-codes.html"], "CMS"),
        ("Tests/Torture/Client", ["Tests/Torture/specs"], "CMS"),
        ("Tests/Cloud/Client", ["Tests/Cloud/specs"], "CMS"),
        ("Tests/Published/Clients/Gizmo", ["Tests/Published/cloud"], "Gizmo"),
        ("Tests/Published/Clients/Wallboard", ["Tests/Published/cms"], "Wallboard"),
    ])
    func eachCorpusKeepsItsNamesInItsLock(_ client: String, _ specs: [String], _ clientName: String) throws {
        let configuration = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: Self.root + "/" + client + "/cmsgen.json"))) as? [String: Any]
        #expect(configuration?["specs"] as? [String] == specs)
        #expect((configuration?["clientName"] as? String ?? "CMS") == clientName)
        let lockPath = Self.root + "/" + client + "/" + NameLock.fileName
        let (lock, lockDiagnostics) = NameLock.load(file: lockPath, displayPath: client + "/" + NameLock.fileName)
        #expect(lockDiagnostics.isEmpty, "\(lockDiagnostics)")
        let result = SchemaBuilder.build(paths: specs, relativeTo: Self.root)
        let (overrides, _) = NameOverrides.load(pageFolders: specs, relativeTo: Self.root)
        let output = try SwiftGenerator.generate(schema: result.schema, templates: Self.templates(), overrides: overrides, locked: lock.pins,
                                                 specsLabel: SwiftGenerator.specsLabel(paths: specs, relativeTo: Self.root), naming: ClientNaming(prefix: clientName))
        #expect(lock.renames(to: output.lock).isEmpty, "\(client): names changed: \(lock.renames(to: output.lock))")
        try TestSupport.assertMatchesCommitted(Data((output.tree.files[NameLock.fileName] ?? "").utf8), path: lockPath, shownAs: client + "/" + NameLock.fileName)
        if client.hasPrefix("Tests/Snippets") {
            // The snippet pages share the vendor's Error Code Reference instead of carrying a copy of it.
            #expect(output.tree.files["Shared/CMSResultCodes.swift"]?.contains("\"0100002\": \"A parameter in the request is invalid.\"") == true)
        }
    }

    /// Names depend only on their own page: generating with extra pages (the whole torture corpus, and a page full of
    /// words the specs run together) leaves every other interface's file byte for byte as it was. Only the shared
    /// files, which list every interface, change.
    @Test func anExtraPageChangesNoOtherInterfacesFile() throws {
        let alone = try Self.tree(specs: "specs")
        let extra = PageBuilder.interface(
            title: "Work Number Queries of an Agent by Work No",
            url: "https://ip:port/rest/cmsapp/v1/openapi/extra/workno",
            request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [
                ["workno", "Integer", "Yes", "The workno (work number) of the agent; workno is run together on purpose."],
                ["citStatus", "Integer", "No", "A status, spelt as the vendor spells it elsewhere."],
            ]))]
        )
        let folder = try CommandRunner.folder(["extra-workno.html": Array(extra.html().utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let together = try Self.output(specs: ["specs", "Tests/Torture/specs", folder.path]).tree
        for (path, contents) in alone.files where path.hasPrefix("Interfaces/") {
            #expect(together.files[path] == contents, "\(path) changed when other pages were added")
        }
        #expect(together.files.count > alone.files.count)
    }

    /// How `--specs` and `--output` are spelled changes nothing in the output: relative, with `./`, absolute, with a
    /// trailing slash.
    @Test(arguments: [
        ["--specs", "specs", "--output", "Generated"],
        ["--specs", "./specs", "--output", "./Generated/"],
        ["--specs", "{root}/specs/", "--output", "{root}/Generated"],
        ["--specs", "specs/../specs", "--output", "Tests/../Generated"],
    ])
    func outputDoesNotDependOnHowPathsAreSpelled(_ arguments: [String]) throws {
        let run = try CommandRunner.run(["generate", "--check"] + arguments.map { $0.replacingOccurrences(of: "{root}", with: Self.root) }, in: Self.root)
        #expect(run.status == 0, "\(arguments): \(String(decoding: run.stdout, as: UTF8.self)) \(run.stderr)")
    }

    /// The README's main command, exactly as written (`swift run cmsgen generate`: `generate` and nothing else), from
    /// the root of a fresh copy of the package, as an ordinary user where the tests can switch to one: it stages beside
    /// the output folder (`.Generated.cmsgen-staging` in the package root, see `GeneratedTree.stagingPath`), leaves
    /// nothing behind and writes nowhere else.
    @Test func theREADMEsMainCommandWorksFromThePackageRoot() throws {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("```sh\nswift run cmsgen generate"), "the README's first command")
        #expect(readme.contains("\nswift test "), "the README's second command")
        let ci = try String(contentsOfFile: Self.root + "/.ci/run", encoding: .utf8)
        #expect(ci.split(separator: "\n").last == "swift test", ".ci/run ends with exactly the README's test command")

        let package = try TestSupport.copyOfThePackage("cmsgen-package")
        defer { try? FileManager.default.removeItem(atPath: package) }
        let asNobody = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        if asNobody { _ = try CommandRunner.system(["chown", "-R", "nobody:nogroup", package]) }
        let temporary = NSTemporaryDirectory()
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [])
        let rootBefore = Set((try? FileManager.default.contentsOfDirectory(atPath: "/")) ?? [])
        let run = try CommandRunner.run(["generate"], in: package, asNobody: asNobody)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("A Interfaces/VdnQueryCalls.swift"))
        #expect(try Self.tree(specs: "specs").difference(from: package + "/Generated").isEmpty, "the copy is up to date")
        Self.expectNoStagingLeft(output: package + "/Generated", expectedBeside: ["Generated", "specs"])
        // No staging folder of `Generated` anywhere else: not at the file system's root (where a run once staged when
        // it got the parent of a relative path wrong), not in the temporary folder (which other tests share, so only
        // entries named after `Generated` count).
        let rootAfter = Set((try? FileManager.default.contentsOfDirectory(atPath: "/")) ?? [])
        #expect(rootAfter.subtracting(rootBefore).filter { $0.contains("Generated") || $0.contains("staging") }.isEmpty, "\(rootAfter.subtracting(rootBefore))")
        let after = Set((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [])
        #expect(after.subtracting(before).filter { $0.contains("Generated") }.isEmpty, "\(after.subtracting(before))")

        // A failed run in the same package (a broken page) leaves no staging folder either.
        try Data().write(to: URL(fileURLWithPath: package + "/specs/broken.html"))
        if asNobody { _ = try CommandRunner.system(["chown", "nobody:nogroup", package + "/specs/broken.html"]) }
        try FileManager.default.removeItem(atPath: package + "/Generated/Interfaces/VdnQueryCalls.swift")
        let failed = try CommandRunner.run(["generate"], in: package, asNobody: asNobody)
        #expect(failed.status == 1, "\(failed.stderr)")
        Self.expectNoStagingLeft(output: package + "/Generated", expectedBeside: ["Generated", "specs"])
    }

    /// No staging folder is left after a run that wrote (or failed to write) `output`: the folder a run stages in is
    /// `.<name>.cmsgen-staging` beside `output` (and `….old` while two folders are swapped by renames), so the parent
    /// must hold nothing but `expectedBeside` when that is given, and in any case no entry whose name contains the
    /// output folder's name but the output folder itself. `output` itself holds no hidden staging folder either.
    static func expectNoStagingLeft(output: String, expectedBeside: [String]? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let beside = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).sorted()
        #expect(!beside.isEmpty, "cannot list \(parent)", sourceLocation: sourceLocation)
        if let expectedBeside {
            #expect(beside == expectedBeside.sorted(), "left beside \(output): \(beside)", sourceLocation: sourceLocation)
        }
        let leftovers = beside.filter { $0 != name && $0.contains(name) }
        #expect(leftovers.isEmpty, "staging left beside \(output): \(leftovers)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: parent + "/." + name + ".cmsgen-staging"), sourceLocation: sourceLocation)
        let inside = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).filter { $0.contains("staging") }
        #expect(inside.isEmpty, "staging left inside \(output): \(inside)", sourceLocation: sourceLocation)
    }

    /// What naming has to say about the bundled pages (typo corrections, reserved names), pinned so that a change of a
    /// public Swift name shows up in review.
    @Test func namingDiagnosticsOfTheBundledPages() throws {
        let output = try Self.output(specs: ["specs"])
        let text = output.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        try TestSupport.assertMatchesReference(Data(text.utf8), file: "reference/specs-naming-diagnostics.txt")
        #expect(output.diagnostics.allSatisfy { $0.severity != .error })
    }

    /// A scratch copy of a folder.
    static func copy(_ folder: String) throws -> String {
        let target = NSTemporaryDirectory() + "cmsgen-copy-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: folder, toPath: target)
        return target
    }

    /// Every file of a folder with its bytes and modification date.
    static func snapshot(_ folder: String) -> [String: (Data, Date)] {
        let manager = FileManager.default
        let paths = (manager.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        var result: [String: (Data, Date)] = [:]
        for path in paths {
            let full = folder + "/" + path
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let date = (try? manager.attributesOfItem(atPath: full)[.modificationDate] as? Date) ?? Date.distantPast
            result[path] = (manager.contents(atPath: full) ?? Data(), date)
        }
        return result
    }

    static func sameBytes(_ a: [String: (Data, Date)], _ b: [String: (Data, Date)]) -> Bool {
        a.keys.sorted() == b.keys.sorted() && a.allSatisfy { b[$0.key]?.0 == $0.value.0 }
    }

    @Test func committedOutputMatchesTheGenerator() throws {
        let difference = try Self.tree(specs: "specs").difference(from: Self.root + "/Generated")
        #expect(difference.isEmpty, "Generated/ is stale; run `swift run cmsgen generate`: \(difference.lines)")
    }

    @Test func layoutAndHeaders() throws {
        let tree = try Self.tree(specs: "specs")
        // One file per interface, named after its namespace; one per shared type, declared in `CMSTypes`; the three
        // shared files and the lock file; nothing else.
        let namespaces = tree.files.keys.filter { $0.hasPrefix("Interfaces/") }.map { String($0.dropFirst("Interfaces/".count).dropLast(".swift".count)) }
        #expect(namespaces.count == TestSupport.specsResult.schema.interfaces.count)
        let sharedTypes = tree.files.keys.filter { $0.hasPrefix("Shared/Types/") }.map { String($0.dropFirst("Shared/Types/".count).dropLast(".swift".count)) }
        #expect(Set(tree.files.keys).subtracting(namespaces.map { "Interfaces/\($0).swift" }).subtracting(sharedTypes.map { "Shared/Types/\($0).swift" })
                == ["Shared/CMSClient.swift", "Shared/CMSClientProtocol.swift", "Shared/CMSResultCodes.swift", NameLock.fileName])
        for name in sharedTypes {
            #expect(tree.files["Shared/Types/\(name).swift"]?.contains("\nextension CMSTypes {\n") == true, "\(name)")
            #expect(tree.files["Shared/Types/\(name).swift"]?.contains(" \(name): ") == true, "\(name) declares a type of its own name")
        }
        // Every interface keeps its name for a shared type (the seed's answer and its result code).
        #expect(tree.files["Interfaces/AgentByWorkNo.swift"]?.contains("    public typealias Status = CMSTypes.Status\n") == true)
        for namespace in namespaces {
            #expect(tree.files["Interfaces/\(namespace).swift"]?.contains("\npublic enum \(namespace) {\n") == true, "\(namespace)")
        }
        let seed = try #require(tree.files["Interfaces/CallDataQueryDetailCallInfo.swift"])
        #expect(seed.hasPrefix("// Generated by cmsgen from specs/calldata-querydetailcallinfo.html, specs/calldata-querydetailcallinfo.dita. DO NOT EDIT.\n"))
        for (path, contents) in tree.files {
            #expect(contents.hasPrefix("// Generated by cmsgen from "), "\(path)")
            #expect(contents.split(separator: "\n").first?.hasSuffix(". DO NOT EDIT.") == true, "\(path)")
        }
    }

    /// The seed page's file as a whole is pinned by `committedOutputMatchesTheGenerator` (Generated/); these are the
    /// lines that matter most to an app developer.
    @Test func seedFileDeclaresTheDocumentedClientCall() throws {
        let tree = try Self.tree(specs: "specs")
        let seed = try #require(tree.files["Interfaces/CallDataQueryDetailCallInfo.swift"])
        #expect(seed.contains("""
                public func callDataQueryDetailCallInfo(
                    _ request: CallDataQueryDetailCallInfo.Request
                ) async throws(CMSRuntime.CMSError) -> CallDataQueryDetailCallInfo.Response.ResultDesc
            """))
        // The example sends a number where the table documents a String: the documented type, decoded tolerantly.
        #expect(seed.contains("public var callFeature: Swift.String?"))
    }

    @Test func generationIsDeterministicAndWritesOnlyChanges() throws {
        let first = try Self.tree(specs: "specs")
        let second = try Self.tree(specs: "specs")
        #expect(first == second)
        let folder = NSTemporaryDirectory() + "cmsgen-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try first.write(to: folder)
        #expect(written.added.sorted() == first.files.keys.sorted())
        let before = Self.snapshot(folder)
        Thread.sleep(forTimeInterval: 0.05)
        let again = try second.write(to: folder)
        #expect(again.isEmpty)
        let after = Self.snapshot(folder)
        #expect(Self.sameBytes(before, after))
        #expect(before.allSatisfy { after[$0.key]?.1 == $0.value.1 }, "an unchanged file was rewritten")
    }

    @Test func staleGeneratedFilesAreRemovedAndOthersKept() throws {
        let tree = try Self.tree(specs: "specs")
        let folder = NSTemporaryDirectory() + "cmsgen-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try tree.write(to: folder)
        try "// Generated by cmsgen from specs/gone.html. DO NOT EDIT.\n".write(toFile: folder + "/Interfaces/Gone.swift", atomically: true, encoding: .utf8)
        try "// my own file\n".write(toFile: folder + "/Interfaces/Mine.swift", atomically: true, encoding: .utf8)
        let difference = try tree.write(to: folder)
        #expect(difference.removed == ["Interfaces/Gone.swift"])
        #expect(!FileManager.default.fileExists(atPath: folder + "/Interfaces/Gone.swift"))
        #expect(FileManager.default.fileExists(atPath: folder + "/Interfaces/Mine.swift"))
    }

    @Test func aBrokenTemplateIsReportedWithItsLineAndColumn() throws {
        let overrides = NSTemporaryDirectory() + "cmsgen-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: overrides, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: overrides) }
        try "{{% CONTENT_TYPE: TEXT }}\npublic enum {{name}} {\n    {{#cases}}\n    case {{name}}\n}\n".write(toFile: overrides + "/enum.mustache", atomically: true, encoding: .utf8)
        let (set, diagnostics) = TemplateSet.load(overrides: overrides)
        #expect(set == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.location.file == overrides + "/enum.mustache")
        #expect(error.location.line > 1)
        #expect(error.message.contains("enum"))
        #expect(error.description.hasPrefix("\(overrides)/enum.mustache:\(error.location.line):\(error.location.column): error: "))
    }

    /// The templates compiled into cmsgen are Templates/, byte for byte, and nothing else.
    @Test func theBuiltInTemplatesAreTheTemplatesFolder() throws {
        let folder = Self.root + "/Templates"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(Set(TemplateSet.builtIn.keys) == Set(files.map { String($0.dropLast(".mustache".count)) }))
        for file in files {
            let name = String(file.dropLast(".mustache".count))
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + file))
            #expect(TemplateSet.builtIn[name].map { Data($0.text.utf8) } == bytes, "\(file)")
            #expect(TemplateSet.builtIn[name]?.file == "Templates/\(file)")
        }
        #expect(Set(TemplateSet.requiredNames).isSubset(of: TemplateSet.builtIn.keys))
    }

    @Test func overridesReplaceTemplatesByNameAndFallBackForTheRest() throws {
        let overrides = NSTemporaryDirectory() + "cmsgen-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: overrides, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: overrides) }
        let builtIn = try #require(TemplateSet.builtIn["resultCodes"]).text
        try builtIn.replacingOccurrences(of: "public enum {{resultCodesType}} {", with: "// overridden\npublic enum {{resultCodesType}} {")
            .write(toFile: overrides + "/resultCodes.mustache", atomically: true, encoding: .utf8)
        let schema = TestSupport.specsResult.schema
        let plain = try SwiftGenerator.generate(schema: schema, templates: Self.templates()).tree
        let custom = try SwiftGenerator.generate(schema: schema, templates: Self.templates(overrides: overrides)).tree
        #expect(custom.files["Shared/CMSResultCodes.swift"]?.contains("// overridden\npublic enum CMSResultCodes {") == true)
        #expect(plain.files.filter { $0.key != "Shared/CMSResultCodes.swift" } == custom.files.filter { $0.key != "Shared/CMSResultCodes.swift" })
    }

    // MARK: The command line

    @Test func checkModePassesOnTheCommittedTree() throws {
        let run = try CommandRunner.run(["generate", "--check"], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func checkModeListsDifferencesAndWritesNothing() throws {
        let output = try Self.copy(Self.root + "/Generated")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try "// changed\n".write(toFile: output + "/Interfaces/VdnQueryCalls.swift", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: output + "/Shared/CMSResultCodes.swift")
        let before = Self.snapshot(output)
        let run = try CommandRunner.run(["generate", "--check", "--output", output], in: Self.root)
        #expect(run.status == 1)
        let listed = String(decoding: run.stdout, as: UTF8.self)
        #expect(listed == "M Interfaces/VdnQueryCalls.swift\nA Shared/CMSResultCodes.swift\n", "\(listed)")
        #expect(Self.sameBytes(before, Self.snapshot(output)))
    }

    /// Runs `cmsgen generate` with `arguments` on a copy of Generated/ and checks that it failed without touching it.
    static func expectFailureLeavesOutputUntouched(_ arguments: [String]) throws -> CommandRunner.Run {
        let output = try copy(root + "/Generated")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let before = snapshot(output)
        let run = try CommandRunner.run(["generate"] + arguments + ["--output", output], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("nothing written"), "\(run.stderr)")
        #expect(sameBytes(before, snapshot(output)))
        expectNoStagingLeft(output: output)
        return run
    }

    @Test func aBrokenPageLeavesTheOutputUntouched() throws {
        let specs = try Self.copy(Self.root + "/specs")
        defer { try? FileManager.default.removeItem(atPath: specs) }
        try Data().write(to: URL(fileURLWithPath: specs + "/broken.html"))
        try FileManager.default.removeItem(atPath: specs + "/vdn-querycalls-v1.html")
        let run = try Self.expectFailureLeavesOutputUntouched(["--specs", specs])
        #expect(run.stderr.contains("broken.html:1:1: error: file is empty"), "\(run.stderr)")
    }

    @Test func aBrokenTemplateLeavesTheOutputUntouched() throws {
        let overrides = NSTemporaryDirectory() + "cmsgen-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: overrides, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: overrides) }
        try "{{% CONTENT_TYPE: TEXT }}\n{{#operations}}\n".write(toFile: overrides + "/client.mustache", atomically: true, encoding: .utf8)
        let run = try Self.expectFailureLeavesOutputUntouched(["--templates", overrides])
        #expect(run.stderr.contains("\(overrides)/client.mustache:"), "\(run.stderr)")
        #expect(run.stderr.contains(": error: template 'client' does not parse"), "\(run.stderr)")
    }

    @Test func generateWritesAFreshFolderAndRemovesWhatIsGone() throws {
        let specs = try Self.copy(Self.root + "/specs")
        let output = NSTemporaryDirectory() + "cmsgen-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: specs); try? FileManager.default.removeItem(atPath: output) }
        var run = try CommandRunner.run(["generate", "--specs", specs, "--output", output], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: output + "/Interfaces/VdnQueryCalls.swift"))
        for page in ["vdn-querycalls-v1.html", "vdn-querycalls-v1.zh.html"] { try FileManager.default.removeItem(atPath: specs + "/" + page) }
        run = try CommandRunner.run(["generate", "--specs", specs, "--output", output], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output + "/Interfaces/VdnQueryCalls.swift"))
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("D Interfaces/VdnQueryCalls.swift"))
    }

    /// A second run with nothing changed stops before reading a page, says the same warnings and touches nothing; any
    /// change to what a run reads or wrote (a page, a names file, a generated file edited or deleted) means a full run.
    @Test func aRunWithNothingChangedStopsEarlyAndAnyChangeRunsInFull() throws {
        let specs = try Self.copy(Self.root + "/specs")
        let output = NSTemporaryDirectory() + "cmsgen-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: specs); try? FileManager.default.removeItem(atPath: output) }
        let arguments = ["generate", "--specs", specs, "--output", output]
        func generate() throws -> (stdout: String, stderr: String) {
            let run = try CommandRunner.run(arguments, in: Self.root)
            #expect(run.status == 0, "\(run.stderr)")
            return (String(decoding: run.stdout, as: UTF8.self), run.stderr)
        }
        let first = try generate()
        let count = try Self.tree(specs: specs).files.count
        #expect(first.stdout.hasSuffix("\(count) files, \(count) changed\n"), "\(first.stdout)")
        #expect(first.stderr.contains(": warning: "), "the bundled pages have warnings to repeat")
        let before = Self.snapshot(output)
        Thread.sleep(forTimeInterval: 0.05)
        let second = try generate()
        #expect(second.stdout == "\(count) files, up to date\n")
        // The same diagnostics, and a summary that says so; only the time differs.
        func split(_ stderr: String) -> (diagnostics: [Substring], summary: [Substring]) {
            let lines = stderr.split(separator: "\n")
            return (lines.filter { !$0.hasPrefix("cmsgen: ") }, lines.filter { $0.hasPrefix("cmsgen: ") })
        }
        #expect(split(second.stderr).diagnostics == split(first.stderr).diagnostics)
        #expect(split(first.stderr).summary.last?.contains("\(count) files: \(count) written, 0 unchanged, 0 removed; ") == true, "\(first.stderr)")
        #expect(split(second.stderr).summary.last?.contains("\(count) files, up to date; ") == true, "\(second.stderr)")
        #expect(split(second.stderr).summary.dropLast() == split(first.stderr).summary.dropLast())
        let after = Self.snapshot(output)
        #expect(Self.sameBytes(before, after) && before.allSatisfy { after[$0.key]?.1 == $0.value.1 }, "a skipped run wrote")

        // A generated file edited by hand is put back.
        let edited = output + "/Interfaces/VdnQueryCalls.swift"
        let original = try String(contentsOfFile: edited, encoding: .utf8)
        try (original + "// mine\n").write(toFile: edited, atomically: true, encoding: .utf8)
        #expect(try generate().stdout == "M Interfaces/VdnQueryCalls.swift\n\(count) files, 1 changed\n")
        #expect(try String(contentsOfFile: edited, encoding: .utf8) == original)
        #expect(try generate().stdout == "\(count) files, up to date\n")

        // A deleted one too.
        try FileManager.default.removeItem(atPath: edited)
        #expect(try generate().stdout == "A Interfaces/VdnQueryCalls.swift\n\(count) files, 1 changed\n")

        // A page whose bytes change (but not its meaning) is read again: a full run that finds nothing to write.
        let page = specs + "/vdn-querycalls-v1.html"
        try (String(contentsOfFile: page, encoding: .utf8) + "\n<!-- edited -->\n").write(toFile: page, atomically: true, encoding: .utf8)
        #expect(try generate().stdout == "\(count) files, 0 changed\n")
        #expect(try generate().stdout == "\(count) files, up to date\n")

        // So is a new names file.
        try #"{"agentByWorkNo": "agentDetails"}"#.write(toFile: specs + "/" + NameOverrides.fileName, atomically: true, encoding: .utf8)
        #expect(try generate().stdout != "\(count) files, up to date\n")
        #expect(try generate().stdout == "\(count) files, up to date\n")
    }
}

/// The fingerprint behind the no-op shortcut: framed, order-sensitive, and the same on every run and machine.
@Suite struct InputFingerprintTests {
    static func hex(_ strings: [String]) -> String {
        var fingerprint = InputFingerprint()
        for string in strings { fingerprint.add(string) }
        return fingerprint.hex
    }

    @Test func stringsAreFramedAndOrdered() {
        #expect(Self.hex(["ab", "c"]) != Self.hex(["a", "bc"]))
        #expect(Self.hex(["a", "b"]) != Self.hex(["b", "a"]))
        #expect(Self.hex([""]) != Self.hex([]))
        #expect(Self.hex(["12345678", "9"]) != Self.hex(["123456789"]))
        #expect(Self.hex(["same"]) == Self.hex(["same"]))
        #expect(Self.hex(["x"]).count == 32)
    }

    @Test func aFileCountsByPathAndBytesAndAMissingOneDiffersFromAnEmptyOne() throws {
        let folder = NSTemporaryDirectory() + "cmsgen-fingerprint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func hex(_ path: String) -> String {
            var fingerprint = InputFingerprint()
            fingerprint.add(fileAt: path)
            return fingerprint.hex
        }
        let missing = hex(folder + "/page.html")
        try Data().write(to: URL(fileURLWithPath: folder + "/page.html"))
        let empty = hex(folder + "/page.html")
        try Data("<p>".utf8).write(to: URL(fileURLWithPath: folder + "/page.html"))
        let written = hex(folder + "/page.html")
        #expect(Set([missing, empty, written]).count == 3)
        #expect(hex(folder + "/page.html") == written)
    }
}
