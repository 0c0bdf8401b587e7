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
        let outputPath = DisplayPath.absolute(output, base: workingDirectory)
        let outputDisplay = DisplayPath.relative(outputPath, to: workingDirectory)
        // Nothing changed since the last run into this folder: say what it said, and stop before reading a page.
        let inputs = check ? nil : inputsFingerprint(workingDirectory: workingDirectory)
        if let inputs, let record = GenerationRecord.read(in: outputPath), record.inputs == inputs, record.outputsAreIntact(in: outputPath) {
            FileHandle.standardError.write(Data(record.diagnostics.utf8))
            print("\(record.fileCount) files, up to date")
            return
        }
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
        let printed = DiagnosticPrinter.print(inputDiagnostics + generated.diagnostics)
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
        GenerationRecord.remove(in: outputPath)
        let difference = try tree.write(to: output)
        if let inputs { GenerationRecord.write(inputs: inputs, files: tree.files.keys, diagnostics: printed, in: outputPath) }
        for line in difference.lines { print(line) }
        print("\(tree.files.count) files, \(difference.lines.count) changed")
    }

    /// The fingerprint of everything a run reads: this executable, the working directory and the options (paths in
    /// messages depend on both), and every page, names file and template, byte for byte. Nil when a page path is
    /// missing: that run must fail the long way, with its diagnostics.
    func inputsFingerprint(workingDirectory: String) -> String? {
        var fingerprint = InputFingerprint()
        fingerprint.add("cmsgen generate, record format 1")
        fingerprint.add(stampOf: Bundle.main.executablePath ?? CommandLine.arguments[0])
        fingerprint.add(workingDirectory)
        for value in specs + ["--templates", templates ?? "", "--names", names ?? "", "--output", output] { fingerprint.add(value) }
        let (pages, missing) = SchemaBuilder.pageFiles(in: specs, relativeTo: workingDirectory)
        guard missing.isEmpty else { return nil }
        for page in pages { fingerprint.add(fileAt: page.path) }
        for path in specs { fingerprint.add(fileAt: DisplayPath.absolute(path, base: workingDirectory) + "/" + NameOverrides.fileName) }
        if let names { fingerprint.add(fileAt: DisplayPath.absolute(names, base: workingDirectory)) }
        let (templateFiles, _) = TemplateSet.templateFiles(overrides: templates)
        for (name, file) in templateFiles.sorted(by: { $0.key < $1.key }) {
            fingerprint.add(name)
            fingerprint.add(fileAt: file)
        }
        return fingerprint.hex
    }
}
