import Foundation

// Read by both plugins (Plugins/GenerateCMSClientOnBuild links this file), so that one cmsgen.json drives either.

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
    /// The folder to write, relative to the target's folder; `Generated` when not given. The build plugin writes into
    /// the build folder, and does not read it.
    var output: String?

    /// The options of `cmsgen generate` that the configuration gives, all but the output.
    var generateOptions: [String] {
        var options: [String] = []
        for specs in specs { options += ["--specs", specs] }
        if let templates { options += ["--templates", templates] }
        if let names { options += ["--names", names] }
        if let silence { options += ["--silence", silence] }
        if let clientName { options += ["--client-name", clientName] }
        return options
    }

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
