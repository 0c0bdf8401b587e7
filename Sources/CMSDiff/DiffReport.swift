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
    /// the counts.
    public func text() -> String {
        var lines = changes.map { change in
            let severity = change.severity == .breaking ? "error" : change.severity == .warning ? "warning" : "note"
            let subject = change.interface.isEmpty ? "" : "\(change.interface): "
            return "\(change.location): \(severity): \(subject)\(change.message); \(Self.swiftText(change.swift)) [#\(change.check.id)]"
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

    /// A table for a pull-request comment.
    public func markdown() -> String {
        var text = "### cmsgen diff\n\n\(summaryLine.prefix(1).uppercased() + summaryLine.dropFirst()).\n"
        guard !changes.isEmpty else { return text }
        text += "\n| | check | interface | change | Swift API |\n| --- | --- | --- | --- | --- |\n"
        for change in changes {
            let mark = change.severity == .breaking ? "🔴 breaking" : change.severity == .warning ? "🟡 warning" : "⚪ info"
            let swift = change.swift.symbols.isEmpty ? "unchanged"
                : (change.swift.sourceBreaking ? "**source-breaking**: " : "compatible: ")
                + change.swift.symbols.map { "\($0.kind == .added ? "+" : $0.kind == .removed ? "−" : "~") `\($0.symbol)`" }.joined(separator: ", ")
            let cells = [mark, "`\(change.check.id)`", change.interface.isEmpty ? "Error Code Reference" : "`\(change.interface)`", change.message, swift]
            text += "| " + cells.map(Self.cell).joined(separator: " | ") + " |\n"
        }
        return text
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
