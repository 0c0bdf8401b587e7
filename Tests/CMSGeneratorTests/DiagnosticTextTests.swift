import CMSGenerator
import CMSRendering
import CMSSchema
import Foundation
import Testing

/// No diagnostic prints a control or a bidirectional formatting character that came from an input (a page, a names
/// file, a silence file): each shows as `<U+…>` (`DiagnosticText`), and the line stays one line.
@Suite struct DiagnosticTextTests {
    /// What a `Reporter` writes, kept for the test.
    final class Printed: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""

        func append(_ more: String) {
            lock.lock()
            text += more
            lock.unlock()
        }

        var lines: [String] {
            lock.lock()
            defer { lock.unlock() }
            return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }

    /// The lines a run prints for `diagnostics`.
    static func printed(_ diagnostics: [Diagnostic]) -> [String] {
        let printed = Printed()
        Reporter(verbosity: .normal, isTerminal: false, write: { printed.append($0) }).report(diagnostics)
        return printed.lines
    }

    static func temporary() throws -> String {
        let folder = NSTemporaryDirectory() + "cmsgen-diagnostic-text-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func hiddenCharactersShowAsCodePoints() {
        #expect(DiagnosticText.visible("plain ASCII, kept") == "plain ASCII, kept")
        #expect(DiagnosticText.visible("中文描述 é → …") == "中文描述 é → …", "other text is kept as it is")
        #expect(DiagnosticText.visible("a\u{202E}b\u{2066}c\u{2069}d\u{200E}e\u{200F}f\u{061C}g") == "a<U+202E>b<U+2066>c<U+2069>d<U+200E>e<U+200F>f<U+061C>g")
        #expect(DiagnosticText.visible("nul\u{0}tab\tline\nbell\u{7}esc\u{1B}del\u{7F}c1\u{85}ls\u{2028}") ==
            "nul<U+0000>tab<U+0009>line<U+000A>bell<U+0007>esc<U+001B>del<U+007F>c1<U+0085>ls<U+2028>")
        #expect(DiagnosticText.visible("<U+202E>") == "<U+202E>", "what it shows, it keeps: applying it twice changes nothing")
    }

    @Test func longTextIsCut() {
        let long = String(repeating: "a", count: 250)
        #expect(DiagnosticText.visible(long) == String(repeating: "a", count: 200) + "… (50 more characters)")
        #expect(DiagnosticText.visible(long, limit: 10) == "aaaaaaaaaa… (240 more characters)")
        #expect(DiagnosticText.visible(String(repeating: "中", count: 200)) == String(repeating: "中", count: 200), "the limit is in characters")
        #expect(DiagnosticText.visible("\u{202E}" + long, limit: 2) == "<U+202E>a… (249 more characters)")
    }

    /// Every diagnostic, from any stage: the message, the file, the table and the row.
    @Test func aDiagnosticIsOneVisibleLine() {
        let location = SourceLocation(file: "specs/evil\u{202E}lmth.html", line: 3, column: 2, table: "Table 2 \u{2066}caption", row: "a\u{0}b")
        let diagnostic = Diagnostic(.warning, .exampleMissingField, "'x\u{202E}y' is documented\nbut missing", at: location)
        #expect(diagnostic.description ==
            "specs/evil<U+202E>lmth.html:3:2: warning: 'x<U+202E>y' is documented<U+000A>but missing [table 'Table 2 <U+2066>caption', row 'a<U+0000>b'] [#example-missing-field]")
        #expect(diagnostic.message == "'x\u{202E}y' is documented\nbut missing", "the value keeps the text; only its printing shows it")
        let long = Diagnostic(.note, .exampleMissingField, String(repeating: "m", count: DiagnosticText.messageLimit + 5), at: SourceLocation(file: "a.html", line: 1))
        #expect(long.description == "a.html:1:1: note: " + String(repeating: "m", count: DiagnosticText.messageLimit) + "… (5 more characters) [#example-missing-field]")
    }

    /// A names file whose keys and names hold a right-to-left override and a NUL (written as JSON escapes, so that the
    /// file is JSON): the errors show them as code points.
    @Test func aNamesFileCannotHideTextInDiagnostics() throws {
        let folder = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/" + NameOverrides.fileName
        try #"""
        {
          "POST /rest/x request a\u202Eb": "evil\u202Egnp",
          "POST /rest/x request c": "nul\u0000name",
          "POST /rest/x request d\u0000\u2067": 1
        }
        """#.write(toFile: file, atomically: true, encoding: .utf8)
        let (overrides, diagnostics) = NameOverrides.load(path: file, displayPath: "specs/cmsgen-names.json")
        #expect(overrides.entries.isEmpty)
        #expect(Self.printed(diagnostics) == [
            "specs/cmsgen-names.json:2:1: error: 'evil<U+202E>gnp' is not a Swift identifier (ASCII letters, digits and _, not starting with a digit) [#names-file]",
            "specs/cmsgen-names.json:3:1: error: 'nul<U+0000>name' is not a Swift identifier (ASCII letters, digits and _, not starting with a digit) [#names-file]",
            "specs/cmsgen-names.json:4:1: error: the name for 'POST /rest/x request d<U+0000><U+2067>' must be a string [#names-file]",
        ])
        // A name of a million characters is quoted cut short.
        try "{\"POST /rest/x request e\": \"\(String(repeating: "-", count: 1_000_000))\"}".write(toFile: file, atomically: true, encoding: .utf8)
        let (_, long) = NameOverrides.load(path: file, displayPath: "specs/cmsgen-names.json")
        #expect(Self.printed(long) == [
            "specs/cmsgen-names.json:1:1: error: '\(String(repeating: "-", count: DiagnosticText.quoteLimit))… (\(1_000_000 - DiagnosticText.quoteLimit) more characters)' is not a Swift identifier (ASCII letters, digits and _, not starting with a digit) [#names-file]",
        ])
    }

    /// A silence file whose ids and pages hold a right-to-left override and a NUL.
    @Test func aSilenceFileCannotHideTextInDiagnostics() throws {
        let folder = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/" + SilenceList.fileName
        try """
        example-type-mismatch\u{202E}   page.html   an override after the id
        no-such\u{0}id   page.html
        example-type-mismatch   evil\u{202E}lmth.html   a page whose name reads backwards

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let list = SilenceList.load(pageFolders: [], extra: file, relativeTo: folder)
        #expect(list.entries.count == 1)
        let (reported, silenced) = list.apply(to: [], relativeTo: folder)
        #expect(silenced.isEmpty)
        #expect(Self.printed(reported) == [
            "cmsgen-silence.txt:1:1: warning: 'example-type-mismatch<U+202E>' is not a diagnostic id; the line is ignored [#silence-file]",
            "cmsgen-silence.txt:2:1: warning: 'no-such<U+0000>id' is not a diagnostic id; the line is ignored [#silence-file]",
            "cmsgen-silence.txt:3:1: warning: nothing to silence: 'evil<U+202E>lmth.html' has no example-type-mismatch warning; remove the line [#unused-silence]",
        ])
    }
}
