import CMSSchema
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much a run says on standard error.
public enum Verbosity: Sendable {
    /// Errors only: no warnings, notes, progress or summary.
    case quiet
    /// Diagnostics, progress on a terminal, and the summary.
    case normal
    /// The same, and the silenced diagnostics and the time of each stage.
    case verbose
}

/// Everything a run prints on standard error: diagnostics, progress lines (only when standard error is a terminal)
/// and the summary.
public final class Reporter: @unchecked Sendable {
    public let verbosity: Verbosity
    /// Whether progress lines are shown: standard error is a terminal and the run is not quiet.
    public let showsProgress: Bool
    private let lock = NSLock()
    private var done = 0
    private var total = 0
    private var progressShown = false
    private let write: @Sendable (String) -> Void

    /// - Parameter write: where the text goes; standard error by default.
    public init(verbosity: Verbosity = .normal, isTerminal: Bool = isatty(STDERR_FILENO) == 1, write: @escaping @Sendable (String) -> Void = { StandardStream.error.write($0) }) {
        self.verbosity = verbosity
        self.showsProgress = isTerminal && verbosity != .quiet
        self.write = write
    }

    /// Starts counting `total` items of a stage.
    public func begin(_ total: Int) {
        lock.lock()
        done = 0
        self.total = total
        lock.unlock()
    }

    /// One more item done: `[37/240] agentgroup-rindex.html`, rewritten in place on the terminal.
    public func advance(_ item: String) {
        guard showsProgress else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        progressShown = true
        let name = item.split(separator: "/").last.map(String.init) ?? item
        write("\r\u{1B}[K[\(done)/\(total)] \(name)")
    }

    /// Clears the progress line, if any.
    public func endProgress() {
        lock.lock()
        defer { lock.unlock() }
        if progressShown { write("\r\u{1B}[K") }
        progressShown = false
    }

    /// Prints the diagnostics that the verbosity lets through, one compiler-style line each: errors only when quiet;
    /// without the kinds the summary counts (one note per page that is not an interface) unless verbose.
    public func report(_ diagnostics: [Diagnostic], silenced: [Diagnostic] = []) {
        endProgress()
        let shown = switch verbosity {
        case .quiet: diagnostics.filter { $0.severity == .error }
        case .normal: diagnostics.filter { $0.severity == .error || !$0.kind.isListedOnlyWhenVerbose }
        case .verbose: diagnostics
        }
        var text = shown.map { $0.description + "\n" }.joined()
        if verbosity == .verbose { text += silenced.map { "\($0.description) (silenced)\n" }.joined() }
        if !text.isEmpty { write(text) }
    }

    /// Prints the summary lines, unless quiet.
    public func summarize(_ summary: RunSummary) {
        endProgress()
        guard verbosity != .quiet else { return }
        write(summary.lines(verbose: verbosity == .verbose).map { $0 + "\n" }.joined())
    }

    /// Prints a line of its own (`cmsgen: nothing written; Generated/ is unchanged`), even when quiet.
    public func say(_ line: String) {
        endProgress()
        write(line + "\n")
    }
}
