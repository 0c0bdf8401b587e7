import CMSExtraction
import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The structural half of the scale goals (the figures are `Scripts/bench-scale.py`'s): nothing in `Generated/` grows
/// with the number of interfaces but the one-line-per-operation lists.
@Suite struct ScaleTests {
    /// The files generated from the English pages of `specs/`, each cloned `copies` times under a path of its own
    /// (`/openapi/c1x/agent/...`), so that every interface is distinct, as the benchmark's corpus is.
    static func generate(copies: Int) throws -> GeneratedTree {
        let root = TestSupport.packageRoot
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/specs").filter { $0.hasSuffix(".html") && !$0.contains(".zh.") }.sorted()
        var pages: [(path: String, bytes: [UInt8])] = []
        for name in names {
            let text = try String(contentsOfFile: root + "/specs/" + name, encoding: .utf8)
            guard name != "error-codes.html" else {
                pages.append((path: "specs/" + name, bytes: Array(text.utf8)))
                continue
            }
            for copy in 0..<copies {
                pages.append((path: "specs/c\(copy)-" + name, bytes: Array(text.replacingOccurrences(of: "/openapi/", with: "/openapi/c\(copy)x/").utf8)))
            }
        }
        let result = SchemaBuilder.build(pages: pages)
        #expect(!result.hasErrors)
        return try SwiftGenerator.generate(schema: result.schema, templates: try #require(TemplateSet.load().0)).tree
    }

    static func lineCount(_ text: String) -> Int { text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

    /// Past five copies every shared type lists as many users as it ever will (at most five), so a file that does not
    /// list operations is as long at seven copies as at six; the lists grow by the same lines for every added copy.
    @Test func noGeneratedFileButTheOperationListsGrowsWithTheNumberOfInterfaces() throws {
        let smaller = try Self.generate(copies: 5)
        let small = try Self.generate(copies: 6)
        let large = try Self.generate(copies: 7)
        let lists: Set = ["Shared/CMSClient.swift", "Shared/CMSClientProtocol.swift", NameLock.fileName]
        let operations = { (tree: GeneratedTree) in tree.files.keys.filter { $0.hasPrefix("Interfaces/") }.count }
        #expect(operations(large) == operations(small) / 6 * 7)

        // Every other file is as long at seven copies as the longest at six: the per-interface files, the shared types
        // (which list at most five of their users) and the result codes.
        let longest = { (tree: GeneratedTree) in tree.files.filter { !lists.contains($0.key) }.map { Self.lineCount($0.value) }.max() ?? 0 }
        #expect(longest(large) <= longest(small))
        #expect(large.files.keys.filter { $0.hasPrefix("Shared/") } .sorted() == small.files.keys.filter { $0.hasPrefix("Shared/") }.sorted(),
                "the shared types do not multiply with the clones")
        for (path, text) in large.files where !lists.contains(path) && !path.hasPrefix("Interfaces/") {
            #expect(Self.lineCount(text) == Self.lineCount(small.files[path] ?? ""), "\(path)")
        }

        // The lists grow linearly: a copy of the pages adds the same lines each time (a few per operation in the
        // protocol, one in the registry, one per public name in the lock file), and the lock keeps every name.
        for path in lists {
            let first = Self.lineCount(small.files[path] ?? "") - Self.lineCount(smaller.files[path] ?? "")
            let second = Self.lineCount(large.files[path] ?? "") - Self.lineCount(small.files[path] ?? "")
            #expect(first > 0 && first == second, "\(path): \(first), then \(second)")
        }
        let lockLines = { (tree: GeneratedTree) in Set((tree.files[NameLock.fileName] ?? "").split(separator: "\n").filter { !$0.hasPrefix("//") }) }
        #expect(lockLines(large).isSuperset(of: lockLines(small)), "a larger client keeps every name of the smaller one")
    }
}
