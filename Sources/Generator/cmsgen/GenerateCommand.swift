import ArgumentParser
import CMSGenerator
import CMSRendering
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the Swift client into Generated/ (the main job; with no arguments it reads specs/)."
    )

    @Option(help: "The folder (or files) of pages. Each folder's \(NameOverrides.fileName) pins Swift names; its \(SilenceList.fileName) silences known defects.")
    var specs: [String] = ["specs"]

    @Option(help: "Render this schema (written by `cmsgen parse`, perhaps corrected by hand) instead of reading pages.")
    var schema: String?

    @Option(help: "A folder of templates that replace the built-in ones by file name.")
    var templates: String?

    @Option(help: "A names file (JSON: name key → Swift name), read after those of the page folders.")
    var names: String?

    @Option(help: "The folder to write.")
    var output: String = "Generated"

    @Option(help: "The prefix of the client's own type names: 'Widget' gives WidgetClient, WidgetTypes, WidgetOperations, WidgetResultCodes and WidgetClientProtocol, so that several generated services fit in one app.")
    var clientName: String = ClientNaming.defaultPrefix

    @Flag(help: "Write nothing; list the files that differ and exit 1 if any do.")
    var check = false

    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        let options = GeneratorPipeline.Options(
            specs: specs, schema: schema, templates: templates, names: names, silence: reporting.silence, output: output, clientName: clientName,
            check: check, warningsAsErrors: reporting.warningsAsErrors,
            workingDirectory: FileManager.default.currentDirectoryPath,
            generator: Bundle.main.executablePath ?? CommandLine.arguments[0]
        )
        let outcome = GeneratorPipeline(options).run(reporter: reporting.reporter())
        let summary = outcome.summary
        if !reporting.quiet, let files = summary.files {
            var lines: [String] = []
            if let difference = summary.difference {
                lines = difference.lines
                if !check { lines.append("\(files) files, \(difference.lines.count) changed") }
            } else if summary.upToDate, !check {
                lines = ["\(files) files, up to date"]
            }
            if !lines.isEmpty { try OutputFile.write(Data(lines.map { $0 + "\n" }.joined().utf8), to: nil) }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
