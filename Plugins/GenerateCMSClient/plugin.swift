import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-cms-client [--target T ...] [cmsgen options]`
///
/// - Without `--target`: regenerates the package's own client, `cmsgen generate` in the package folder (for CMSKit
///   itself: `specs/` → `Generated/`).
/// - With `--target T`: generates T's client from the pages named by `cmsgen.json` in T's folder, into T's folder
///   (`Generated/` by default). The target depends on `CMSRuntime`; nothing of the generator is copied into it.
///
/// `cmsgen.json` (paths relative to the package folder, except `output`, relative to the target's folder):
///
///     { "specs": ["Docs/cms"], "clientName": "Widget", "templates": "Docs/cms-templates", "names": null, "silence": null, "output": "Generated" }
///
/// `clientName` names the module's own types (`WidgetClient`, `WidgetTypes`, …), so that several generated services
/// fit in one app; `CMS` when not given.
///
/// Other arguments go to `cmsgen generate` as they are (`--check`, `--verbose`, `--warnings-as-errors`, …).
@main
struct GenerateCMSClient: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let passThrough = extractor.remainingArguments
        let package = context.package.directoryURL
        // What is asked is checked before cmsgen is built, so that a mistake is told at once.
        guard !targetNames.isEmpty else {
            guard FileManager.default.fileExists(atPath: package.appending(path: "specs").path) else {
                throw PluginFailure("this package has no specs/ folder; name the client target to generate with --target")
            }
            try run(try buildCMSGen(), ["generate"] + passThrough, in: package)
            return
        }
        let targets = try context.package.targets(named: targetNames).map { target in
            (target, try Configuration.read(target.directoryURL.appending(path: Configuration.fileName), target: target.name))
        }
        let cmsgen = try buildCMSGen()
        for (target, configuration) in targets {
            let folder = target.directoryURL
            var arguments = ["generate"]
            for specs in configuration.specs { arguments += ["--specs", specs] }
            if let templates = configuration.templates { arguments += ["--templates", templates] }
            if let names = configuration.names { arguments += ["--names", names] }
            if let silence = configuration.silence { arguments += ["--silence", silence] }
            if let clientName = configuration.clientName { arguments += ["--client-name", clientName] }
            arguments += ["--output", folder.appending(path: configuration.output ?? "Generated").path]
            print("generate-cms-client: \(target.name) from \(configuration.specs.joined(separator: ", "))")
            try run(cmsgen, arguments + passThrough, in: package)
        }
    }

    /// Builds `cmsgen` (a debug build, as `swift build` makes it) and returns the executable. Built on request rather
    /// than declared as the plugin's tool: a declared tool is built a second time, for the host, in every `swift build`
    /// of every package that depends on CMSKit, with the whole generator beneath it.
    func buildCMSGen() throws -> URL {
        let result = try packageManager.build(.product("cmsgen"), parameters: .init(configuration: .debug, logging: .concise))
        guard result.succeeded else { throw PluginFailure("building cmsgen failed:\n\(result.logText)") }
        guard let executable = result.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == "cmsgen" }) else {
            throw PluginFailure("building cmsgen gave no cmsgen executable:\n\(result.logText)")
        }
        return executable.url
    }

    /// Runs cmsgen in the package folder, so that its messages and the generated headers name paths relative to it.
    func run(_ executable: URL, _ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw PluginFailure("cmsgen \(arguments.joined(separator: " ")) failed (exit status \(process.terminationStatus))")
        }
    }
}

/// A target's `cmsgen.json`.
struct Configuration: Decodable {
    static let fileName = "cmsgen.json"

    /// Folders or files of pages, relative to the package folder.
    var specs: [String]
    var templates: String?
    var names: String?
    var silence: String?
    /// The prefix of the module's own type names (`Widget` → `WidgetClient`); `CMS` when not given.
    var clientName: String?
    /// The folder to write, relative to the target's folder; `Generated` when not given.
    var output: String?

    static func read(_ file: URL, target: String) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PluginFailure("target '\(target)' has no \(fileName); add one, for example {\"specs\": [\"Docs/cms\"]}, and exclude it in Package.swift")
        }
        do {
            return try JSONDecoder().decode(Configuration.self, from: data)
        } catch {
            throw PluginFailure("\(file.path): not a valid \(fileName): \(error)")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
