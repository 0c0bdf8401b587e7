import ArgumentParser
import CMSExtraction
import CMSRendering
import CMSSchema
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the Swift client into Generated/ (the main job; with no arguments it reads specs/)."
    )

    @Option(help: "The folder (or files) of pages. Each folder's \(NameOverrides.fileName), if any, pins Swift names.")
    var specs: [String] = ["specs"]

    @Option(help: "A folder of templates that replace the built-in ones by file name.")
    var templates: String?

    @Option(help: "A names file (JSON: name key → Swift name), read after those of the page folders.")
    var names: String?

    @Option(help: "The folder to write.")
    var output: String = "Generated"

    @Flag(help: "Write nothing; list the files that differ and exit 1 if any do.")
    var check = false

    func run() throws {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let outputDisplay = DisplayPath.relative(DisplayPath.absolute(output, base: workingDirectory), to: workingDirectory)
        let result = SchemaBuilder.build(paths: specs, relativeTo: workingDirectory)
        let (templateSet, templateDiagnostics) = TemplateSet.load(overrides: templates)
        let (overrides, namesDiagnostics) = NameOverrides.load(pageFolders: specs, extra: names, relativeTo: workingDirectory)
        let inputDiagnostics = result.diagnostics + templateDiagnostics + namesDiagnostics
        guard !inputDiagnostics.contains(where: { $0.severity == .error }), let templateSet else {
            DiagnosticPrinter.print(inputDiagnostics)
            FileHandle.standardError.write(Data("cmsgen: nothing written; \(outputDisplay)/ is unchanged\n".utf8))
            throw ExitCode(1)
        }
        let generated: SwiftGenerator.Output
        do {
            generated = try SwiftGenerator.generate(schema: result.schema, templates: templateSet, overrides: overrides, specsLabel: SwiftGenerator.specsLabel(paths: specs, relativeTo: workingDirectory))
        } catch {
            DiagnosticPrinter.print(inputDiagnostics + error.diagnostics)
            FileHandle.standardError.write(Data("cmsgen: nothing written; \(outputDisplay)/ is unchanged\n".utf8))
            throw ExitCode(1)
        }
        DiagnosticPrinter.print(inputDiagnostics + generated.diagnostics)
        let tree = generated.tree
        if check {
            let difference = tree.difference(from: output)
            for line in difference.lines { print(line) }
            if !difference.isEmpty {
                FileHandle.standardError.write(Data("cmsgen: \(difference.lines.count) file(s) in \(outputDisplay)/ differ from the generator's output; run `swift run cmsgen generate`\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        let difference = try tree.write(to: output)
        for line in difference.lines { print(line) }
        print("\(tree.files.count) files, \(difference.lines.count) changed")
    }
}
