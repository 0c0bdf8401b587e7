import Foundation
import PackagePlugin

/// Generates a target's client when the package builds, as one Swift file in the build folder, from the pages that
/// `cmsgen.json` in the target's folder names (the file `generate-cms-client` reads; its `output` is not used). Nothing
/// generated is committed: the build runs `cmsgen generate --single-file` again whenever a page, the configuration or
/// the lock changes.
///
/// The names are kept from `.cmsgen-names.lock` in the target's folder, which the build reads and never writes. The
/// tests check that each lock is current; `CMSKIT_RECORD=1` rewrites them (docs/testing.md).
///
/// CMSKit's test corpora use it, so that their generated code is not committed. It runs the cmsgen executable that
/// the same build makes, through `cmsgen-launcher`: with cmsgen itself as the tool, SwiftPM would build the whole
/// generator a second time, for the host, and first once more without its plugins. The build folder holds the host's
/// tools beside the products; the command names that cmsgen as an input, so that it is linked first. It is not a
/// product: apps use the command plugin `generate-cms-client`, and commit the client they review.
@main
struct GenerateCMSClientOnBuild: BuildToolPlugin {
    static let lockFileName = ".cmsgen-names.lock"

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = target.directoryURL
        let configurationFile = folder.appending(path: Configuration.fileName)
        let configuration = try Configuration.read(configurationFile, target: target.name)
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedClient.swift")
        let launcher = try context.tool(named: "cmsgen-launcher").url
        let cmsgen = launcher.deletingLastPathComponent().appending(path: "cmsgen")
        var arguments = [cmsgen.path, "generate", "--single-file", "--quiet", "--working-directory", package.path, "--output", output.path]
        arguments += configuration.generateOptions
        var inputs = [cmsgen, configurationFile]
        let lock = folder.appending(path: Self.lockFileName)
        if FileManager.default.fileExists(atPath: lock.path) {
            arguments += ["--lock", lock.path]
            inputs.append(lock)
        }
        for path in configuration.specs + [configuration.templates, configuration.names, configuration.silence].compactMap({ $0 }) {
            inputs += files(under: package.appending(path: path))
        }
        return [
            .buildCommand(
                displayName: "Generating the \(target.name) client from \(configuration.specs.joined(separator: ", "))",
                executable: launcher,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    /// The file at `url`, or every file under the folder at `url`, sorted: a change to any of them runs cmsgen again.
    private func files(under url: URL) -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [url] }
        let found = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])?.compactMap { $0 as? URL } ?? []
        return found.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }.sorted { $0.path < $1.path }
    }
}
