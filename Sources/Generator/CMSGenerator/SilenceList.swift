import CMSSchema
import CMSSupport
import Foundation

/// Known vendor defects a maintainer has decided to live with: a committed file, `cmsgen-silence.txt` beside the pages
/// (or given with `--silence`), that silences one kind of warning for one page.
///
///     # id                    page                                why
///     example-type-mismatch   calldata-querydetailcallinfo.html   the server sends callFeature as a number
///
/// Each line is a diagnostic id, a page (relative to the file's folder) and, optionally, why. `#` starts a comment.
/// Errors are never silenced. A line that names an unknown id, or silences nothing, is itself a warning, so that the
/// file cannot rot unseen; the text it quotes is shown by `DiagnosticText.visible` (no control or bidirectional
/// character is echoed, and a long one is cut).
public struct SilenceList: Sendable {
    /// The file name cmsgen looks for in each folder of pages.
    public static let fileName = "cmsgen-silence.txt"

    public struct Entry: Sendable, Hashable {
        public var kind: DiagnosticKind
        /// The page, absolute.
        public var page: String
        public var reason: String
        /// The line of the silence file.
        public var location: SourceLocation
    }

    public private(set) var entries: [Entry] = []
    /// Problems of the files themselves.
    public private(set) var diagnostics: [Diagnostic] = []

    public init(entries: [Entry] = []) { self.entries = entries }

    /// Reads `cmsgen-silence.txt` of each folder in `pageFolders` (when there is one) and `extra` (which must exist).
    public static func load(pageFolders: [String], extra: String?, relativeTo base: String) -> SilenceList {
        var list = SilenceList()
        for folder in pageFolders {
            let absolute = DisplayPath.absolute(folder, base: base)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let file = absolute + "/" + fileName
            if FileManager.default.fileExists(atPath: file) { list.read(file, base: base) }
        }
        if let extra { list.read(DisplayPath.absolute(extra, base: base), base: base) }
        return list
    }

    /// The absolute paths of the silence files `load` would read, for fingerprints.
    public static func files(pageFolders: [String], extra: String?, relativeTo base: String) -> [String] {
        pageFolders.map { DisplayPath.absolute($0, base: base) + "/" + fileName } + (extra.map { [DisplayPath.absolute($0, base: base)] } ?? [])
    }

    mutating func read(_ file: String, base: String) {
        let display = DisplayPath.relative(file, to: base)
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(.error, .silenceFile, "cannot read the silence file", at: SourceLocation(file: display, line: 1)))
            return
        }
        let folder = (file as NSString).deletingLastPathComponent
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !words.isEmpty else { continue }
            let location = SourceLocation(file: display, line: index + 1)
            guard words.count >= 2 else {
                diagnostics.append(Diagnostic(.warning, .silenceFile, "a silence line needs a diagnostic id and a page; the line is ignored", at: location))
                continue
            }
            guard let kind = DiagnosticKind(rawValue: String(words[0])) else {
                diagnostics.append(Diagnostic(.warning, .silenceFile, "'\(DiagnosticText.visible(String(words[0])))' is not a diagnostic id; the line is ignored", at: location))
                continue
            }
            let reason = words.dropFirst(2).joined(separator: " ")
            entries.append(Entry(kind: kind, page: DisplayPath.absolute(String(words[1]), base: folder), reason: reason, location: location))
        }
    }

    /// Splits `diagnostics` into those to report and those silenced; adds a warning for each entry that silenced
    /// nothing. Locations are resolved against `base`, the directory the display paths are relative to.
    public func apply(to diagnostics: [Diagnostic], relativeTo base: String) -> (reported: [Diagnostic], silenced: [Diagnostic]) {
        guard !entries.isEmpty else { return (self.diagnostics + diagnostics, []) }
        var keys: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { keys["\(entry.kind.rawValue) \(entry.page)"] = index }
        var used = Set<Int>()
        var reported = self.diagnostics
        var silenced: [Diagnostic] = []
        for diagnostic in diagnostics {
            let key = "\(diagnostic.kind.rawValue) \(DisplayPath.absolute(diagnostic.location.file, base: base))"
            if diagnostic.severity != .error, let index = keys[key] {
                used.insert(index)
                silenced.append(diagnostic)
            } else {
                reported.append(diagnostic)
            }
        }
        for (index, entry) in entries.enumerated() where !used.contains(index) {
            reported.append(Diagnostic(
                .warning, .unusedSilence,
                "nothing to silence: '\(DiagnosticText.visible(DisplayPath.relative(entry.page, to: base)))' has no \(entry.kind.rawValue) warning; remove the line",
                at: entry.location
            ))
        }
        return (reported, silenced)
    }
}
