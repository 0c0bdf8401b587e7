import ArgumentParser
import CMSExtraction
import CMSGenerator
import CMSRendering
import CMSSchema
import Foundation

@main
struct CMSGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmsgen",
        abstract: "Turns Huawei CC-CMS interface pages into a typed, validated Swift client.",
        subcommands: [Generate.self, Parse.self, OpenAPI.self, Diff.self],
        defaultSubcommand: Generate.self
    )

    /// Runs the command, and makes sure that output which could not be written ends the run with `EX_IOERR` (74) and
    /// a message, never a trap and never a silent 0: a failed write to standard output or a `-o` file is reported by
    /// the command; one to standard error cannot be, and only the status tells.
    static func main() {
        StandardStream.reportFileSizeLimits()
        var status: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            status = 0
        } catch let failure as OutputFile.Failure {
            StandardStream.error.write("\(failure)\n")
            status = failure.status
        } catch {
            status = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if !message.isEmpty {
                // Help goes to standard output, as every tool does; the rest to standard error.
                let stream = status == 0 ? StandardStream.output : StandardStream.error
                stream.write(message + "\n")
            }
        }
        if StandardStream.output.failure != nil || StandardStream.error.failure != nil { status = StandardStream.ioErrorStatus }
        Foundation.exit(status)
    }
}

/// How much a run says, and how strict it is; shared by every command.
struct ReportingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print errors only: no warnings, notes, progress or summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print silenced diagnostics and the time of each stage.")
    var verbose = false

    @Flag(help: "Fail (exit 1, write nothing) when any warning is not silenced.")
    var warningsAsErrors = false

    @Option(help: "A silence file (lines of: diagnostic id, page, why), read after the \(SilenceList.fileName) of the page folders.")
    var silence: String?

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    func reporter() -> Reporter { Reporter(verbosity: quiet ? .quiet : verbose ? .verbose : .normal) }
}

/// Options shared by the commands that read pages and print one document.
struct PageInputs: ParsableArguments {
    @Argument(help: "Page files (.html, .dita) or folders of pages.")
    var paths: [String] = ["specs"]

    @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
    var output: String?

    @Option(help: "A names file, read after the \(NameOverrides.fileName) of the page folders: it pins operation names.")
    var names: String?

    @Option(help: "The lock file of a generated client (Generated/\(NameLock.fileName)): operation names are then its method names.")
    var lock: String?

    @OptionGroup var reporting: ReportingOptions

    /// Reads every page, prints the diagnostics and the summary, and returns the schema; `failed` when any page had
    /// an error (or a warning, with --warnings-as-errors).
    func buildSchema() -> (SchemaDocument, failed: Bool) {
        let reporter = reporting.reporter()
        let clock = ContinuousClock()
        let start = clock.now
        let base = FileManager.default.currentDirectoryPath
        let pipeline = GeneratorPipeline(.init(specs: paths, names: names, silence: reporting.silence, workingDirectory: base, lock: lock))
        let input = pipeline.readSchema(reporter: reporter)
        let silences = SilenceList.load(pageFolders: paths, extra: reporting.silence, relativeTo: base)
        let (reported, silenced) = silences.apply(to: input.diagnostics, relativeTo: base)
        let shown = reporting.warningsAsErrors ? reported.map(\.asError) : reported
        reporter.report(shown, silenced: silenced)
        var summary = RunSummary()
        summary.pages = input.pages
        summary.pageKinds = GeneratorPipeline.pageKinds(input.schema)
        summary.interfaces = input.schema.interfaces.count
        summary.diagnostics = shown
        summary.silenced = silenced
        let elapsed = clock.now - start
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        reporter.summarize(summary)
        return (input.schema, shown.contains { $0.severity == .error })
    }

    /// The document as JSON; a value JSON cannot hold is one short error line, not a dump of the document.
    func encoded<T: Encodable>(_ value: T) throws -> Data {
        do {
            return try SchemaJSON.encode(value)
        } catch {
            StandardStream.error.write("cmsgen: error: the document cannot be written as JSON: \(String(describing: error).prefix(200))\n")
            throw ExitCode(1)
        }
    }

    /// Writes the document to `-o` (by `OutputFile`'s rules) or to standard output.
    func write(_ data: Data) throws(OutputFile.Failure) {
        try OutputFile.write(data, to: output)
    }
}

extension Diagnostic {
    /// A warning made an error by `--warnings-as-errors`; other diagnostics as they are.
    var asError: Diagnostic {
        guard severity == .warning else { return self }
        var error = self
        error.severity = .error
        error.message += " (a warning, made an error by --warnings-as-errors)"
        return error
    }
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the intermediate schema of the pages as one stable JSON document."
    )

    @OptionGroup var inputs: PageInputs

    func run() throws {
        let (schema, failed) = inputs.buildSchema()
        try inputs.write(inputs.encoded(schema))
        if failed { throw ExitCode(1) }
    }
}
