import Foundation

/// The tables and links of the package's Markdown documents, for tests that keep the documents true to the code.
public enum MarkdownDocument {
    /// The text of `path` (relative to the package root).
    public static func text(_ path: String) throws -> String {
        try String(contentsOfFile: TestSupport.packageRoot + "/" + path, encoding: .utf8)
    }

    /// The rows of the tables under the heading `heading` (up to the next heading of the same or a higher level), each
    /// as its cells, without the header row and the `---` row.
    public static func tableRows(in text: String, under heading: String) -> [[String]] {
        let level = heading.prefix { $0 == "#" }.count
        var inside = false
        var rows: [[String]] = []
        var lineInTable = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let hashes = line.prefix { $0 == "#" }.count
            if hashes > 0, line.dropFirst(hashes).hasPrefix(" ") {
                if line == heading { inside = true; continue }
                if inside && hashes <= level { break }
            }
            guard inside else { continue }
            guard line.hasPrefix("|") else { lineInTable = 0; continue }
            lineInTable += 1
            // The header row and the `| --- |` row.
            guard lineInTable > 2 else { continue }
            rows.append(line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return rows
    }

    /// The first backticked word of a cell (`` `no-such-path` `` → `no-such-path`).
    public static func code(_ cell: String) -> String? {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// The relative link targets of a document (`[text](target)`), without anchors; web links are left out.
    public static func relativeLinks(in text: String) -> [String] {
        text.matches(of: /\]\(([^)\s]+)\)/).map { String($0.output.1) }
            .filter { !$0.hasPrefix("http://") && !$0.hasPrefix("https://") && !$0.hasPrefix("#") && !$0.hasPrefix("mailto:") }
            .map { String($0.split(separator: "#", maxSplits: 1).first ?? "") }
    }
}
