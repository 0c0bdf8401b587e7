import CMSSchema
import Foundation

/// The changes between two editions, written as compiler-style text, JSON or Markdown.
public struct DiffReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown
    }

    public var changes: [SchemaChange]

    public init(changes: [SchemaChange]) { self.changes = changes }

    /// The number of changes of each severity, and of those that break code using the client.
    public var counts: [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: ChangeSeverity.allCases.map { ($0.rawValue, 0) })
        for change in changes { counts[change.severity.rawValue, default: 0] += 1 }
        counts["source-breaking"] = changes.filter(\.swift.sourceBreaking).count
        return counts
    }

    /// Whether any change is at least as severe as `threshold`.
    public func hasChanges(atLeast threshold: ChangeSeverity) -> Bool {
        changes.contains { $0.severity >= threshold }
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .json: json()
        case .markdown: markdown()
        }
    }

    // MARK: Text

    /// One line per change: `page:line:col: error|warning|note: METHOD path: message; Swift …: … [#check-id]`, then
    /// the counts. Controls and bidirectional formatting characters from the docs show as `<U+202E>` (`DiagnosticText`).
    public func text() -> String {
        var lines = changes.map { change in
            let severity = change.severity == .breaking ? "error" : change.severity == .warning ? "warning" : "note"
            let subject = change.interface.isEmpty ? "" : "\(change.interface): "
            let line = "\(change.location): \(severity): \(subject)\(change.message); \(Self.swiftText(change.swift)) [#\(change.check.id)]"
            return DiagnosticText.visible(line, limit: .max)
        }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    var summaryLine: String {
        let counts = counts
        guard !changes.isEmpty else { return "no changes" }
        return "\(changes.count) change\(changes.count == 1 ? "" : "s"): \(counts["breaking"]!) breaking, \(counts["warning"]!) warning, \(counts["info"]!) info; \(counts["source-breaking"]!) source-breaking for code using the Swift client"
    }

    static func swiftText(_ impact: SwiftImpact) -> String {
        guard !impact.symbols.isEmpty else { return "Swift API unchanged" }
        let parts = impact.symbols.map { symbol -> String in
            let sign = symbol.kind == .added ? "+" : symbol.kind == .removed ? "-" : "~"
            var text = "\(sign) \(symbol.symbol)"
            if let reason = symbol.reason {
                text += " (\(reason))"
            } else if symbol.kind == .changed, let old = symbol.old, let new = symbol.new {
                text += " (\(old) → \(new))"
            }
            return text
        }
        return "Swift API \(impact.sourceBreaking ? "source-breaking" : "source-compatible"): " + parts.joined(separator: ", ")
    }

    // MARK: JSON

    /// `{"changes": [...], "counts": {...}}`, keys sorted, for tools.
    public func json() -> String {
        struct Document: Encodable {
            var changes: [SchemaChange]
            var counts: [String: Int]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(changes: changes, counts: counts))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Markdown

    /// A table for a pull-request comment. Every piece of text that comes from the docs is made inert, since the
    /// comment is rendered as GitHub Markdown: names (the interface, the field a message quotes, Swift symbols) go in
    /// code spans (`code(_:)`), the rest of a message is escaped text (`markdownText(_:)`), and neither can hold raw
    /// HTML, an @mention, an issue reference, a line break, a control or a bidirectional formatting character.
    public func markdown() -> String {
        var text = "### cmsgen diff\n\n\(summaryLine.prefix(1).uppercased() + summaryLine.dropFirst()).\n"
        guard !changes.isEmpty else { return text }
        text += "\n| | check | interface | change | Swift API |\n| --- | --- | --- | --- | --- |\n"
        for change in changes {
            let mark = change.severity == .breaking ? "🔴 breaking" : change.severity == .warning ? "🟡 warning" : "⚪ info"
            let swift = change.swift.symbols.isEmpty ? "unchanged"
                : (change.swift.sourceBreaking ? "**source-breaking**: " : "compatible: ")
                + change.swift.symbols.map { "\($0.kind == .added ? "+" : $0.kind == .removed ? "−" : "~") \(Self.code($0.symbol))" }.joined(separator: ", ")
            let interface = change.interface.isEmpty ? "Error Code Reference" : Self.code(change.interface)
            let cells = [mark, Self.code(change.check.id), interface, Self.markdownMessage(change), swift]
            text += "| " + cells.map(Self.cell).joined(separator: " | ") + " |\n"
        }
        return text
    }

    /// The most characters of one name or message in the Markdown (`DiagnosticText.visible` cuts the rest).
    static let markdownLimit = 1_000

    /// A table cell: `|` escaped (GitHub Markdown takes `\|` inside code spans too), line breaks folded.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// Line breaks and tabs as spaces, so that text from the docs stays on its line of the table.
    static func folded(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
        }
        return result
    }

    /// `text` as a code span that shows it as it is: a fence longer than any run of backticks in it, padded with
    /// spaces when it starts or ends with a backtick; controls and bidirectional characters shown as `<U+202E>`.
    /// Inside a code span, HTML, @mentions and `#123` are plain text.
    static func code(_ text: String) -> String {
        let content = DiagnosticText.visible(folded(text), limit: markdownLimit)
        var longest = 0
        var run = 0
        for scalar in content.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = content.hasPrefix("`") || content.hasSuffix("`")
            || (content.hasPrefix(" ") && content.hasSuffix(" ") && content.contains { $0 != " " })
        return fence + (padded ? " " + content + " " : content) + fence
    }

    /// `text` as Markdown text that reads as it is: `<`, `>` and `&` as entities, `@` and `#` as `&#64;` and `&#35;`
    /// (no mention, no issue reference), Markdown's punctuation escaped, and controls and bidirectional characters
    /// shown as `<U+202E>`. `|` is left to `cell(_:)`.
    static func markdownText(_ text: String) -> String {
        var result = ""
        for scalar in DiagnosticText.visible(folded(text), limit: markdownLimit).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "@": result += "&#64;"
            case "#": result += "&#35;"
            case "\\", "`", "*", "_", "[", "]", "~":
                result += "\\"
                result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A change's message as Markdown: the names it quotes from the docs (`'resultDatas.status'`: the change's field,
    /// and for a documented value its path and its value) as code spans, the rest as text.
    static func markdownMessage(_ change: SchemaChange) -> String {
        var names = [change.field]
        if let equals = change.field.firstIndex(of: "=") {
            names += [String(change.field[..<equals]), String(change.field[change.field.index(after: equals)...])]
        }
        names = names.filter { !$0.isEmpty }
        var result = ""
        var rest = change.message
        while !rest.isEmpty {
            // The first quoted name; of two at the same place, the longer.
            var first: (range: Range<String.Index>, name: String)?
            for name in names {
                guard let range = rest.range(of: "'" + name + "'") else { continue }
                if let best = first, best.range.lowerBound < range.lowerBound || (best.range.lowerBound == range.lowerBound && best.range.upperBound >= range.upperBound) {
                    continue
                }
                first = (range, name)
            }
            guard let found = first else {
                result += markdownText(rest)
                break
            }
            result += markdownText(String(rest[..<found.range.lowerBound])) + code(found.name)
            rest = String(rest[found.range.upperBound...])
        }
        return result
    }
}
