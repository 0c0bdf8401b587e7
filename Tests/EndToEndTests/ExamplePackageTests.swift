import CMSTestSupport
import Foundation
import Testing

/// The consumer's loop, as a package that depends on CMSKit runs it: `Examples/CMSClientExample` (copied, so that
/// nothing in the repository is written) generates its two clients (a CC-CMS service and a service of the second
/// layout, each with a client name of its own) with the command plugin, builds, and runs its app code, which uses both
/// without qualifying a name.
@Suite struct ExamplePackageTests {
    static let root = TestSupport.packageRoot
    static let example = root + "/Examples/CMSClientExample"

    /// Runs `swift arguments` in `folder`; returns the exit status and the output.
    static func swift(_ arguments: [String], in folder: String) async throws -> (status: Int32, output: String) {
        let result = try await ChildProcess.capture(URL(fileURLWithPath: "/usr/bin/env"), ["swift"] + arguments, in: folder)
        return (result.status, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }

    static func swiftFiles(_ folder: String) -> [String: Data] {
        let paths = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
        return Dictionary(uniqueKeysWithValues: paths.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) })
    }

    /// A copy of the example in a fresh folder, depending on this checkout wherever it is; and its scratch path.
    static func copyOfTheExample(_ work: String) throws -> (package: String, scratch: [String]) {
        let package = work + "/CMSClientExample"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.example, toPath: package)
        for leftover in [".build", "Package.resolved"] { try? FileManager.default.removeItem(atPath: package + "/" + leftover) }
        // The versions this checkout resolved, when it has: the copy then computes no version again (its resolution took
        // 29 s, 20 s of it CPU, and takes 18 s, 6 s of CPU, most of it checking out), and it builds with the same
        // dependencies as the tests around it.
        if FileManager.default.fileExists(atPath: Self.root + "/Package.resolved") {
            try FileManager.default.copyItem(atPath: Self.root + "/Package.resolved", toPath: package + "/Package.resolved")
        }
        let manifest = try String(contentsOfFile: package + "/Package.swift", encoding: .utf8)
        #expect(manifest.contains(#".package(name: "CMSKit", path: "../..")"#))
        try manifest.replacingOccurrences(of: #"path: "../..")"#, with: "path: \"\(Self.root)\")")
            .write(toFile: package + "/Package.swift", atomically: true, encoding: .utf8)
        return (package, ["--scratch-path", work + "/scratch"])
    }

    /// The plugin's loop, in a copy of its own. The build below runs beside it in another copy: the two share no
    /// build product (the plugin builds cmsgen, the app builds the runtime), so running them side by side halves the
    /// time the slowest test of `swift test` takes.
    @Test(.timeLimit(.minutes(20)))
    func thePluginGeneratesTheCommittedClients() async throws {
        let work = NSTemporaryDirectory() + "cmskit-example-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (package, scratch) = try Self.copyOfTheExample(work)
        let generated = package + "/Sources/WidgetClient/Generated"
        let gadgets = package + "/Sources/GadgetClient/Generated"
        try FileManager.default.removeItem(atPath: generated)
        try FileManager.default.removeItem(atPath: gadgets)

        // Generate with the plugin: the committed clients, byte for byte, each with its own names.
        let plugin = try await Self.swift(["package"] + scratch + [
            "--allow-writing-to-package-directory", "generate-cms-client", "--target", "WidgetClient", "--target", "GadgetClient",
        ], in: package)
        #expect(plugin.status == 0, "\(plugin.output.suffix(3000))")
        #expect(plugin.output.contains("generate-cms-client: WidgetClient from Docs/cms"))
        #expect(plugin.output.contains("generate-cms-client: GadgetClient from Docs/gadgets"))
        let fromPlugin = Self.swiftFiles(generated)
        #expect(fromPlugin.keys.contains("Shared/WidgetsClient.swift"))
        #expect(fromPlugin == Self.swiftFiles(Self.example + "/Sources/WidgetClient/Generated"), "Examples/CMSClientExample is stale; run the plugin there")
        let gadgetsFromPlugin = Self.swiftFiles(gadgets)
        #expect(gadgetsFromPlugin.keys.contains("Shared/GadgetsClient.swift"))
        #expect(gadgetsFromPlugin == Self.swiftFiles(Self.example + "/Sources/GadgetClient/Generated"), "Examples/CMSClientExample is stale; run the plugin there")

        // The same as the command line's output for the same pages.
        let cli = try await CommandRunner.run(["generate", "--specs", "Docs/cms", "--output", work + "/cli", "--client-name", "Widgets", "--quiet"], in: package)
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(Self.swiftFiles(work + "/cli") == fromPlugin)

        // Run again: nothing is written (SwiftPM may relink the tool in between, and then cmsgen reads the pages again
        // instead of trusting its record). Without --target, a package without specs/ is told what to do.
        let again = try await Self.swift(["package"] + scratch + ["--allow-writing-to-package-directory", "generate-cms-client", "--target", "WidgetClient"], in: package)
        #expect(again.status == 0)
        // Every file the first run wrote (the Swift files and the lock file) is up to date.
        let written = fromPlugin.count + 1
        #expect(again.output.contains("\(written) files, up to date") || again.output.contains("\(written) files: 0 written, \(written) unchanged, 0 removed"), "\(again.output.suffix(2000))")
        #expect(Self.swiftFiles(generated) == fromPlugin)
        let untargeted = try await Self.swift(["package"] + scratch + ["--allow-writing-to-package-directory", "generate-cms-client"], in: package)
        #expect(untargeted.status != 0)
        #expect(untargeted.output.contains("name the client target to generate with --target"), "\(untargeted.output.suffix(2000))")
        // A package with specs/ (as CMSKit itself): without --target the plugin runs `cmsgen generate` there, specs/ →
        // Generated/, as the command line does.
        try FileManager.default.copyItem(atPath: package + "/Docs/cms", toPath: package + "/specs")
        let own = try await Self.swift(["package"] + scratch + ["--allow-writing-to-package-directory", "generate-cms-client"], in: package)
        #expect(own.status == 0, "\(own.output.suffix(2000))")
        let ownCLI = try await CommandRunner.run(["generate", "--specs", "specs", "--output", work + "/cli-own", "--quiet"], in: package)
        #expect(ownCLI.status == 0, "\(ownCLI.stderr)")
        #expect(!Self.swiftFiles(package + "/Generated").isEmpty)
        #expect(Self.swiftFiles(package + "/Generated") == Self.swiftFiles(work + "/cli-own"))
        try FileManager.default.removeItem(atPath: package + "/Generated")
        try FileManager.default.removeItem(atPath: package + "/specs")
    }

    /// The committed clients build on CMSRuntime alone, and the app code runs on its fakes.
    @Test(.timeLimit(.minutes(20)))
    func theExampleBuildsOnTheRuntimeAloneAndRuns() async throws {
        let work = NSTemporaryDirectory() + "cmskit-example-build-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (package, scratch) = try Self.copyOfTheExample(work)
        let build = try await Self.swift(["build"] + scratch, in: package)
        #expect(build.status == 0, "\(build.output.suffix(4000))")
        // An app that uses a client compiles the runtime, swift-log and its own targets, nothing of the generator. (SwiftPM
        // also builds the tools of every plugin in the graph: cmsembed, which depends on CMSSupport alone.)
        let objects = (FileManager.default.enumerator(atPath: work + "/scratch")?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".o") }
        let compiled = Set(objects.compactMap { path in path.split(separator: "/").last { $0.hasSuffix(".build") }.map { String($0.dropLast(".build".count)) } })
        #expect(compiled.isSuperset(of: ["CMSRuntime", "WidgetClient", "GadgetClient", "WidgetApp"]), "\(compiled.sorted())")
        #expect(compiled.isSubset(of: ["CMSRuntime", "Logging", "WidgetClient", "GadgetClient", "WidgetApp", "cmsembed-tool", "CMSSupport-tool"]),
                "the app's build compiled more than the runtime: \(compiled.sorted())")
        let ran = try await ChildProcess.capture(URL(fileURLWithPath: work + "/scratch/debug/WidgetApp"), [])
        #expect(ran.status == 0, "\(String(decoding: ran.stderr, as: UTF8.self))")
        #expect(String(decoding: ran.stdout, as: UTF8.self) == "owner of 1/1\ndemo-gadget-0, demo-gadget-1\n")
    }
}
