import Foundation
import PackagePlugin

/// Compiles the data cmsgen ships with into the target as Swift source, so that a `cmsgen` binary carries it wherever
/// it runs (moved off its build machine, or run by a plugin), while the data stays in plain files to edit and review:
///
/// - the package's `Templates/*.mustache` → `BuiltInTemplates.swift` (`builtInTemplates`);
/// - the target's `Naming/Words/*.txt`, the fixed English vocabulary (Scripts/make-word-list.py) → `WordLists.swift`
///   (`builtInWordLists`).
///
/// Every build embeds them again when they change.
@main
struct EmbedBuiltIns: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = try files(in: context.package.directoryURL.appending(path: "Templates"), extension: "mustache")
        let words = try files(in: target.directoryURL.appending(path: "Naming/Words"), extension: "txt")
        return try [
            embed(templates, as: "builtInTemplates", into: "BuiltInTemplates.swift", what: "templates from Templates/", context: context),
            embed(words, as: "builtInWordLists", into: "WordLists.swift", what: "word lists", context: context),
        ]
    }

    private func files(in folder: URL, extension pathExtension: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == pathExtension }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private func embed(_ inputs: [URL], as variable: String, into name: String, what: String, context: PluginContext) throws -> Command {
        let output = context.pluginWorkDirectoryURL.appending(path: name)
        return .buildCommand(
            displayName: "Embedding \(inputs.count) \(what)",
            executable: try context.tool(named: "cmsembed").url,
            arguments: [output.path, variable] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )
    }
}
