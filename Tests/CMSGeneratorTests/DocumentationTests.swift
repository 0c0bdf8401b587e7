import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The README and docs/ stay true to the code: every diagnostic id has its row, every link leads somewhere, and a
/// newcomer finds the quick start and a client example on the first screen.
@Suite struct DocumentationTests {
    /// `docs/diagnostics.md` has one row per diagnostic id, and no row for an id the code does not have.
    @Test func theDiagnosticsTableListsEveryIdOnce() throws {
        let rows = MarkdownDocument.tableRows(in: try MarkdownDocument.text("docs/diagnostics.md"), under: "## Diagnostics")
        let ids = rows.compactMap { $0.first.flatMap(MarkdownDocument.code) }
        #expect(ids.count == rows.count, "a row without an id in backticks: \(rows.filter { $0.first.flatMap(MarkdownDocument.code) == nil })")
        #expect(ids.count == Set(ids).count, "ids listed twice: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        let documented = Set(ids)
        let code = Set(DiagnosticKind.allCases.map(\.rawValue))
        #expect(code.subtracting(documented).isEmpty, "ids without a row in docs/diagnostics.md: \(code.subtracting(documented).sorted())")
        #expect(documented.subtracting(code).isEmpty, "rows for ids the code does not have: \(documented.subtracting(code).sorted())")
        let severities = Set(rows.compactMap { $0.count > 1 ? $0[1] : nil }.flatMap { $0.split(whereSeparator: { ", ".contains($0) }) })
            .subtracting(["or", "none", "(schema", "only)"])
        #expect(severities.isSubset(of: ["error", "warning", "note"]), "severities: \(severities.sorted())")
    }

    /// Every relative link of the README and of docs/ names a file of the package.
    @Test func everyRelativeLinkLeadsToAFile() throws {
        let documents = ["README.md"] + (try FileManager.default.contentsOfDirectory(atPath: TestSupport.packageRoot + "/docs"))
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        #expect(documents.count > 1, "no documents in docs/")
        for document in documents {
            let folder = (document as NSString).deletingLastPathComponent
            for link in MarkdownDocument.relativeLinks(in: try MarkdownDocument.text(document)) where !link.isEmpty {
                let path = ((TestSupport.packageRoot + "/" + folder) as NSString).appendingPathComponent(link)
                #expect(FileManager.default.fileExists(atPath: path), "\(document) links to \(link), which does not exist")
            }
        }
    }

    /// The README is short, and its first screen holds the two quick-start commands and a client example.
    @Test func theREADMEStartsWhereANewcomerStarts() throws {
        let lines = try MarkdownDocument.text("README.md").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 220, "the README has \(lines.count) lines; move detail into docs/")
        let firstScreen = lines.prefix(60).joined(separator: "\n")
        #expect(firstScreen.contains("```sh\nswift run cmsgen generate"), "the main command is not on the first screen")
        #expect(firstScreen.contains("\nswift test"), "the test command is not on the first screen")
        #expect(firstScreen.contains("```swift\nimport CMSKit"), "no client example on the first screen")
    }

    /// No table row of the README or docs/ is a wall of text: detail goes into prose under the table.
    @Test func tableRowsStayShort() throws {
        let documents = ["README.md"] + (try FileManager.default.contentsOfDirectory(atPath: TestSupport.packageRoot + "/docs"))
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        for document in documents {
            for (number, line) in try MarkdownDocument.text(document).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.hasPrefix("|") {
                #expect(line.count <= 300, "\(document):\(number + 1): a table row of \(line.count) characters")
            }
        }
    }
}
