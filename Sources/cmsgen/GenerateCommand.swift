import ArgumentParser
import CMSExtraction
import CMSRendering
import CMSSchema
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the Swift client into Generated/ (the main job; with no arguments it reads specs/)."
    )

    @Option(help: "The folder (or files) of pages.")
    var specs: [String] = ["specs"]

    @Option(help: "A folder of templates that replace the built-in ones by file name.")
    var templates: String?

    @Option(help: "The folder to write.")
    var output: String = "Generated"

    @Flag(help: "Write nothing; list the files that differ and exit 1 if any do.")
    var check = false

    func run() throws {
        let result = SchemaBuilder.build(paths: specs)
        let (templateSet, templateDiagnostics) = TemplateSet.load(overrides: templates)
        DiagnosticPrinter.print(result.diagnostics + templateDiagnostics)
        guard !result.hasErrors, let templateSet else {
            FileHandle.standardError.write(Data("cmsgen: nothing written; \(output)/ is unchanged\n".utf8))
            throw ExitCode(1)
        }
        let tree: GeneratedTree
        do {
            tree = try SwiftGenerator.generate(schema: result.schema, templates: templateSet, specsLabel: specs.count == 1 ? specs[0] + "/" : specs.joined(separator: ", "))
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            FileHandle.standardError.write(Data("cmsgen: nothing written; \(output)/ is unchanged\n".utf8))
            throw ExitCode(1)
        }
        if check {
            let difference = tree.difference(from: output)
            for line in difference.lines { print(line) }
            if !difference.isEmpty {
                FileHandle.standardError.write(Data("cmsgen: \(difference.lines.count) file(s) in \(output)/ differ from the generator's output; run `swift run cmsgen generate`\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        let difference = try tree.write(to: output)
        for line in difference.lines { print(line) }
        print("\(tree.files.count) files, \(difference.lines.count) changed")
    }
}
