import CMSFuzzing
import Foundation
import Testing

/// Every fuzz target, replayed on the inputs it is seeded with (the bundled and test pages, their examples) and on
/// every kept finding (`Tests/Fuzz/regressions/<target>/`): none may trap.
@Suite struct FuzzReplayTests {
    static let root = TestSupport.packageRoot

    static func files(_ folder: String) -> [String] {
        let base = root + "/" + folder
        return ((FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? [])
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".dita") }
            .sorted()
            .map { base + "/" + $0 }
    }

    /// The pages, and the JSON examples in them.
    static let seeds: (pages: [Data], examples: [Data]) = {
        var pages: [Data] = []
        var examples: [Data] = []
        for file in files("specs") + files("Tests/Snippets/specs") + files("Tests/Torture/specs") + files("Tests/Cloud/specs") {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            pages.append(Data([file.hasSuffix(".dita") ? 1 : 0]) + data)
            let text = String(decoding: data, as: UTF8.self)
            for block in text.components(separatedBy: "<pre").dropFirst() {
                guard let start = block.firstIndex(of: "{"), let end = block.range(of: "</pre>")?.lowerBound, start < end else { continue }
                let json = String(block[start..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                examples.append(Data(json.utf8))
            }
        }
        return (pages, examples)
    }()

    @Test(arguments: FuzzTarget.allCases)
    func seedsAndKeptFindingsRunClean(_ target: FuzzTarget) throws {
        var inputs: [Data]
        switch target {
        case .pages: inputs = Self.seeds.pages
        case .json, .decode: inputs = Self.seeds.examples
        case .signature: inputs = Self.seeds.examples.map { Data("Content-Type: application/json\n\n".utf8) + $0 }
        case .mock: inputs = Self.seeds.examples.map { Data("POST /rest/cmsapp/v1/openapi/calldata/querydetailcallinfo HTTP/1.1\nContent-Type: application/json\n\n".utf8) + $0 }
        }
        let kept = Self.root + "/Tests/Fuzz/regressions/" + target.rawValue
        let names = (try? FileManager.default.contentsOfDirectory(atPath: kept)) ?? []
        #expect(!names.isEmpty, "no kept input for \(target)")
        inputs += names.sorted().compactMap { FileManager.default.contents(atPath: kept + "/" + $0) }
        #expect(inputs.count > names.count, "no seeds for \(target)")
        for input in inputs { target.run(input) }
    }
}
