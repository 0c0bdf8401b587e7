import CMSTestSupport
import Foundation
import Testing

/// The README's client example is real code: it type-checks against the generated client and the runtime.
@Suite struct ReadmeExampleTests {
    @Test func theREADMEsClientExampleTypeChecks() async throws {
        let readme = try MarkdownDocument.text("README.md")
        let block = try #require(readme.firstMatch(of: /```swift\n([\s\S]*?)```/)?.output.1, "no ```swift block in the README")
        let lines: [String] = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let imports: [String] = lines.filter { $0.hasPrefix("import ") }
        let body: [String] = lines.filter { !$0.hasPrefix("import ") }.map { "    " + $0 }
        var source: [String] = ["import Foundation"] + imports
        source += ["", "func readmeExample() async throws {"] + body + ["}", ""]
        let folder = NSTemporaryDirectory() + "cmskit-readme-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try source.joined(separator: "\n").write(toFile: folder + "/main.swift", atomically: true, encoding: .utf8)
        let result = try await SwiftCompiler.run(["-typecheck", "-parse-as-library", "main.swift"], in: folder)
        #expect(result.status == 0, "the README's example does not compile:\n\(source.joined(separator: "\n"))\n\(result.output)")
    }
}
