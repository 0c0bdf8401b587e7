import ArgumentParser
import CMSDiff
import CMSExtraction
import CMSGenerator
import CMSSchema
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what a new edition of the docs changes, and what that does to the generated Swift API.",
        discussion: """
            <old> and <new> are folders of pages, or schema files written by `cmsgen parse`. Every change has a stable \
            check id and a severity (breaking, warning, info). Exit status: 0, or 1 when --fail-on finds a change at least \
            that severe, or 2 when an edition cannot be read.
            """
    )

    @Argument(help: "The old edition: a folder of pages, or a schema JSON file.")
    var old: String

    @Argument(help: "The new edition: a folder of pages, or a schema JSON file.")
    var new: String

    @Option(help: "text (one compiler-style line per change), json, or markdown (for a pull-request comment).")
    var format: DiffReport.Format = .text

    @Option(help: "Exit 1 when a change is at least this severe: breaking or warning.")
    var failOn: FailOn?

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @OptionGroup var reporting: ReportingOptions

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case breaking, warning

        var severity: ChangeSeverity { self == .breaking ? .breaking : .warning }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let base = FileManager.default.currentDirectoryPath
        let reporter = reporting.reporter()
        var summary = RunSummary()
        var editions: [Edition] = []
        for path in [old, new] {
            let pages = path.lowercased().hasSuffix(".json") ? 0 : SchemaBuilder.pageFiles(in: [path], relativeTo: base).files.count
            reporter.begin(pages)
            let edition = Edition.load(path, relativeTo: base, progress: { reporter.advance($0.display) })
            reporter.endProgress()
            summary.pages += pages
            summary.interfaces += edition.schema.interfaces.count
            editions.append(edition)
        }
        let silences = SilenceList.load(pageFolders: [old, new], extra: reporting.silence, relativeTo: base)
        var (reported, silenced) = silences.apply(to: editions.flatMap(\.diagnostics), relativeTo: base)
        if reporting.warningsAsErrors { reported = reported.map(\.asError) }
        // An edition that cannot be read cannot be compared. Its warnings are `generate`'s to report: shown here with
        // --verbose, or as errors with --warnings-as-errors.
        let errors = reported.filter { $0.severity == .error }
        reporter.report(reporting.verbose ? reported : errors, silenced: silenced)
        summary.diagnostics = reported
        summary.silenced = silenced
        guard errors.isEmpty else {
            reporter.say("cmsgen: the editions cannot be compared")
            summary.seconds = Self.seconds(clock.now - start)
            reporter.summarize(summary)
            throw ExitCode(2)
        }
        let diff = SchemaDiff(old: editions[0].schema, new: editions[1].schema, oldNames: editions[0].names, newNames: editions[1].names)
        let report = DiffReport(changes: diff.changes)
        let text = report.render(format)
        try OutputFile.write(Data(text.utf8), to: output)
        summary.seconds = Self.seconds(clock.now - start)
        reporter.summarize(summary)
        if let failOn, report.hasChanges(atLeast: failOn.severity) { throw ExitCode(1) }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension DiffReport.Format: ExpressibleByArgument {}
