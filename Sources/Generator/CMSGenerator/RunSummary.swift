import CMSRendering
import CMSSchema

/// What a run did, in the few lines every run ends with: pages and interfaces, diagnostics by kind, files written,
/// unchanged and removed, and the time taken.
public struct RunSummary: Sendable {
    public var pages = 0
    /// Pages by kind, when the run read pages.
    public var pageKinds: [PageKind: Int] = [:]
    public var interfaces = 0
    public var diagnostics: [Diagnostic] = []
    public var silenced: [Diagnostic] = []
    /// Files the run generated, and how the output folder differed; nil for runs that write no files.
    public var files: Int?
    public var difference: GeneratedTree.Difference?
    /// Set when the run wrote nothing because the output was already up to date.
    public var upToDate = false
    /// Set by `--check`: the difference is what would be written.
    public var checked = false
    public var seconds: Double = 0
    /// Named stages and their seconds, for `--verbose`.
    public var stages: [(name: String, seconds: Double)] = []

    public init() {}

    /// Counts of a severity by diagnostic id: `example-type-mismatch 6, limit-ignored 2`, most frequent first.
    public static func byKind(_ diagnostics: [Diagnostic], severity: Diagnostic.Severity) -> String {
        var counts: [DiagnosticKind: Int] = [:]
        for diagnostic in diagnostics where diagnostic.severity == severity { counts[diagnostic.kind, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key.id) \($0.value)" }
            .joined(separator: ", ")
    }

    /// The lines, each starting `cmsgen:`.
    public func lines(verbose: Bool) -> [String] {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        // A note that a page is not an interface is counted by the page kinds, not among the notes.
        let notes = diagnostics.filter { $0.severity == .note && !$0.kind.isListedOnlyWhenVerbose }.count
        // The kinds are given when some page is not an interface: a downloaded reference holds overviews and appendices.
        let kinds = PageKind.allCases.filter { pageKinds[$0, default: 0] > 0 }
        let byKind = kinds.isEmpty || kinds == [.interface] ? "" : " (" + kinds.map { "\(pageKinds[$0]!) \($0.rawValue)" }.joined(separator: ", ") + ")"
        var lines = ["cmsgen: \(count(pages, "page"))\(byKind), \(count(interfaces, "interface")); \(count(errors, "error")), \(count(warnings, "warning")), \(count(notes, "note")), \(silenced.count) silenced"]
        for severity in [Diagnostic.Severity.error, .warning] {
            let kinds = Self.byKind(diagnostics, severity: severity)
            if !kinds.isEmpty { lines.append("cmsgen: \(severity.rawValue)s by kind: \(kinds)") }
        }
        if !silenced.isEmpty { lines.append("cmsgen: silenced by kind: \(Self.byKind(silenced, severity: .warning) + Self.byKind(silenced, severity: .note))") }
        var last = "cmsgen: "
        if let files {
            if upToDate || (checked && difference?.isEmpty == true) {
                last += "\(count(files, "file")), up to date"
            } else if checked, let difference {
                last += "\(count(files, "file")): \(difference.lines.count) would change"
            } else if let difference {
                let written = difference.added.count + difference.changed.count
                last += "\(count(files, "file")): \(written) written, \(files - written) unchanged, \(difference.removed.count) removed"
            } else {
                last += "\(count(files, "file")), nothing written"
            }
            last += "; "
        }
        last += "\(Self.format(seconds)) s"
        lines.append(last)
        if verbose {
            for stage in stages { lines.append("cmsgen:   \(stage.name): \(Self.format(stage.seconds)) s") }
        }
        return lines
    }

    static func format(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
