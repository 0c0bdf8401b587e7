import CMSTestSupport
import Foundation
import Testing

/// The repository stays small and explained: no file over 1 MB, no downloaded package or tool cache, and every entry
/// at the root named in the README's layout. (A check of the habit before a commit; a file that must be larger needs
/// its reason in the commit message and an exception here.)
@Suite struct RepositoryTests {
    /// The tracked files, from git; nil outside a git checkout (an unpacked archive), where the test has nothing to check.
    static let trackedFiles: [String]? = {
        guard let output = CommandRunner.quickOutput(["git", "-C", TestSupport.packageRoot, "ls-files", "-z"]) else { return nil }
        return String(decoding: output, as: UTF8.self).split(separator: "\0").map(String.init)
    }()

    @Test(.enabled(if: trackedFiles != nil))
    func noTrackedFileIsLargeOrADownloadOrACache() throws {
        let files = try #require(Self.trackedFiles)
        for file in files {
            let size = (try? FileManager.default.attributesOfItem(atPath: TestSupport.packageRoot + "/" + file)[.size] as? Int) ?? 0
            #expect(size <= 1_048_576, "\(file) is \(size) bytes: over 1 MB")
        }
        let downloads = files.filter { file in
            [".whl", ".tar.gz", ".zip", ".tgz", ".pyc"].contains { file.hasSuffix($0) }
                || [".schemathesis/", ".hypothesis/", "__pycache__/", ".build/", ".swiftpm/"].contains { file.contains($0) }
                || file.hasSuffix("Package.resolved") || file.hasSuffix(".cmsgen-record")
        }
        #expect(downloads.isEmpty, "downloaded packages, caches or build state in git: \(downloads)")
    }

    /// Every file and folder at the root is in the README's layout, so that nothing there is unexplained.
    @Test(.enabled(if: trackedFiles != nil))
    func everyEntryAtTheRootIsExplained() throws {
        let roots = Set(try #require(Self.trackedFiles).map { String($0.split(separator: "/").first ?? "") })
        let layout = try #require(try MarkdownDocument.text("README.md").firstMatch(of: /## Layout[\s\S]*?```\n([\s\S]*?)```/)?.output.1)
        let named = Set(layout.split(whereSeparator: { " ,\n".contains($0) }).compactMap { $0.split(separator: "/").first.map(String.init) })
        // Files every Swift package has, named by convention rather than in the layout; `.ci/run` is the README's
        // quick start.
        let conventional: Set<String> = ["Package.swift", "README.md", ".gitignore", ".ci"]
        let unexplained = roots.subtracting(named).subtracting(conventional)
        #expect(unexplained.isEmpty, "entries at the root that the README's layout does not name: \(unexplained.sorted())")
    }

    /// The targets the package declares when `CMSKIT_TESTS` names `stage`: what `CMSKIT_TESTS=<stage> swift test`
    /// builds. Read with `swift package dump-package` in a scratch folder of its own, so that it never waits for the
    /// build folder of the run it is part of.
    static func declaredTargets(testing stage: String) async throws -> Set<String> {
        let scratch = NSTemporaryDirectory() + "cmsgen-stage-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let run = try await CommandRunner.output(["CMSKIT_TESTS=\(stage)", "swift", "package", "--scratch-path", scratch, "dump-package"], in: TestSupport.packageRoot)
        guard run.status == 0 else { throw CommandFailure("dump-package with CMSKIT_TESTS=\(stage) failed: \(run.stderr)") }
        struct Manifest: Decodable { struct Target: Decodable { var name: String }; var targets: [Target] }
        return Set(try JSONDecoder().decode(Manifest.self, from: run.stdout).targets.map(\.name))
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One stage's tests build that stage and what it depends on. The generator's stages never build the generated
    /// client (`CMSKit`, from Generated/), the local CC-CMS or the HTTP stack, so a broken Generated/ cannot stop them.
    @Test func eachStageDeclaresOnlyWhatItNeeds() async throws {
        #expect(try await Self.declaredTargets(testing: "CMSReadingTests") == ["CMSReadingTests", "CMSReading", "CMSSchema", "CMSSupport", "CLibXML2", "CMSTestSupport"])
        #expect(try await Self.declaredTargets(testing: "CMSRuntimeTests") == ["CMSRuntimeTests", "CMSRuntime", "CMSHostileClients", "CMSTestSupport"])
        for stage in ["CMSExtractionTests", "CMSRenderingTests", "CMSGeneratorTests"] {
            let declared = try await Self.declaredTargets(testing: stage)
            #expect(declared.contains(stage) && declared.contains("CMSExtraction"), "\(stage): \(declared.sorted())")
            #expect(declared.isDisjoint(with: ["CMSKit", "CMSMock", "CMSAsyncHTTPClient", "EndToEndTests", "CMSKitTests"]), "\(stage): \(declared.sorted())")
        }
        let two = try await Self.declaredTargets(testing: "CMSReadingTests,CMSRuntimeTests")
        #expect(two == (try await Self.declaredTargets(testing: "CMSReadingTests")).union(try await Self.declaredTargets(testing: "CMSRuntimeTests")))
    }

    @Test func aStageThatIsNoTestTargetStopsTheManifestWithAMessage() async throws {
        let run = try await CommandRunner.output(["CMSKIT_TESTS=CMSReading", "swift", "package", "--scratch-path", NSTemporaryDirectory() + "cmsgen-stage-\(UUID().uuidString)", "dump-package"],
                                           in: TestSupport.packageRoot)
        #expect(run.status != 0)
        #expect(run.stderr.contains("CMSKIT_TESTS names CMSReading, which is not a test target of CMSKit"), "\(run.stderr)")
    }

    /// A stage whose tests run one of the package's executables, or compile generated code against CMSRuntime, names
    /// it in `usedAtRunTime` in Package.swift, so that `CMSKIT_TESTS` builds it with the stage rather than leaving an
    /// old binary in place.
    @Test func whatAStageRunsIsBuiltWithIt() async throws {
        let root = TestSupport.packageRoot + "/Tests"
        for stage in try FileManager.default.contentsOfDirectory(atPath: root).sorted() where stage.hasSuffix("Tests") {
            let files = (FileManager.default.enumerator(atPath: root + "/" + stage)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
            let text = try files.map { try String(contentsOfFile: root + "/" + stage + "/" + $0, encoding: .utf8) }.joined()
            var runs: Set<String> = []
            if ["CommandRunner.run(", "CommandRunner.cmsgen(", "SwiftCompiler."].contains(where: text.contains) { runs.insert("cmsgen") }
            if text.contains("SwiftCompiler.") { runs.insert("CMSRuntime") }
            for tool in ["cmsmock", "cmsfuzz"] where text.contains("tool: \"\(tool)\"") || text.contains("appendingPathComponent(\"\(tool)\")") {
                runs.insert(tool)
            }
            guard !runs.isEmpty else { continue }
            let declared = try await Self.declaredTargets(testing: stage)
            #expect(runs.isSubset(of: declared), "\(stage) runs \(runs.subtracting(declared).sorted()); add them to usedAtRunTime in Package.swift")
        }
    }
}
