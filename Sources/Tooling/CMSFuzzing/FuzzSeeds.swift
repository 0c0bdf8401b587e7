import CMSSchema
import Foundation

/// Where each fuzz target starts: the bundled and test pages, and the JSON examples in them, each shaped as the
/// target reads its input. The tests replay them; `cmsfuzz seeds FOLDER` writes them for a libFuzzer campaign.
public enum FuzzSeeds {
    /// The folders of pages, relative to the package root.
    static let pageFolders = ["specs", "Tests/Snippets/specs", "Tests/Torture/specs", "Tests/Cloud/specs", "Tests/Diff/editions/base"]

    /// The package root, found from this file's path.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The pages under `root`, in a stable order.
    static func pageFiles(root: String) -> [String] {
        pageFolders.flatMap { folder -> [String] in
            let base = root + "/" + folder
            let names = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? []
            return names.filter { $0.hasSuffix(".html") || $0.hasSuffix(".dita") }.sorted().map { base + "/" + $0 }
        }
    }

    /// The JSON examples of a page: the text of each `<pre>` block from its first `{`, with the markup's entities
    /// read back.
    static func jsonExamples(in page: Data) -> [Data] {
        let text = String(decoding: page, as: UTF8.self)
        return text.components(separatedBy: "<pre").dropFirst().compactMap { block in
            guard let open = block.firstIndex(of: ">"), let end = block.range(of: "</pre>")?.lowerBound, open < end else { return nil }
            let inner = block[block.index(after: open)..<end].replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            guard let start = inner.firstIndex(of: "{") else { return nil }
            let json = inner[start...].replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            return Data(json.utf8)
        }
    }

    /// Every seed of `target`.
    public static func seeds(for target: FuzzTarget, root: String = packageRoot) -> [Data] {
        let pages = pageFiles(root: root).compactMap { path in FileManager.default.contents(atPath: path).map { (path, $0) } }
        let examples = pages.flatMap { jsonExamples(in: $0.1) }
        switch target {
        case .pages:
            // The first byte picks the reader: even HTML, odd DITA.
            return pages.map { path, data in Data([path.hasSuffix(".dita") ? 1 : 0]) + data }
        case .json, .decode:
            return examples
        case .signature:
            return examples.map { Data("Content-Type: application/json\nX-Lang: en\n\n".utf8) + $0 }
        case .mock:
            return examples.map { Data("POST /rest/cmsapp/v1/openapi/calldata/querydetailcallinfo HTTP/1.1\nContent-Type: application/json\nHost: 127.0.0.1:8080\n\n".utf8) + $0 }
        case .validators:
            // Each interface's own request examples, after the line that names it.
            return FuzzTarget.bodies.flatMap { body in
                body.interface.examples.filter { $0.role == .request }.map { Data((body.operation.name + "\n" + $0.text).utf8) }
            }
        }
    }
}
