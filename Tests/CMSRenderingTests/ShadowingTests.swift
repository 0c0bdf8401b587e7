import CMSExtraction
import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// No generated type is named like a type of the standard library or Foundation that app code names unqualified: a
/// `Result` in a namespace shadows `Swift.Result` in every extension of it.
@Suite struct ShadowingTests {
    /// Written here, apart from the generator's own list, so that the two check each other.
    static let standardNames: Set<String> = [
        "Result", "Error", "Optional", "Array", "Dictionary", "Set", "String", "Int", "Int64", "Double", "Float", "Bool",
        "Character", "Never", "Void", "Codable", "Hashable", "Equatable", "Sendable", "Task", "Data", "Date", "URL", "UUID",
        "Decimal",
    ]

    /// Every folder of generated code the package commits.
    static let committed = ["Generated", "Examples/CMSClientExample/Sources"]

    /// The test corpora, whose clients are generated when the package builds: their pages and client names.
    static let corpora: [([String], String)] = [
        (["Tests/Snippets/specs", "specs/error-codes.html"], "CMS"), (["Tests/Torture/specs"], "CMS"), (["Tests/Cloud/specs"], "CMS"),
        (["Tests/Published/cloud"], "Gizmo"), (["Tests/Published/cms"], "Wallboard"),
    ]

    @Test(arguments: committed)
    func noCommittedGeneratedTypeShadowsAStandardType(_ corpus: String) throws {
        let root = TestSupport.packageRoot + "/" + corpus
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") && $0.contains("Generated") || corpus.hasSuffix("Generated") && $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no generated files under \(corpus)")
        for file in files {
            Self.expectNoStandardName(in: try String(contentsOfFile: root + "/" + file, encoding: .utf8), "\(corpus)/\(file)")
        }
    }

    @Test(arguments: corpora)
    func noGeneratedTypeOfATestCorpusShadowsAStandardType(_ specs: [String], _ clientName: String) throws {
        let result = SchemaBuilder.build(paths: specs, relativeTo: TestSupport.packageRoot)
        let (templates, _) = TemplateSet.load()
        let output = try SwiftGenerator.generate(schema: result.schema, templates: try #require(templates), naming: ClientNaming(prefix: clientName))
        #expect(output.tree.files.count > 3)
        for (file, text) in output.tree.files { Self.expectNoStandardName(in: text, "\(specs[0]): \(file)") }
    }

    static func expectNoStandardName(in text: String, _ place: String) {
        let declaration = #/(?:struct|enum|class|protocol|typealias|actor)\s+([A-Za-z_][A-Za-z0-9_]*)/#
        for match in text.matches(of: declaration) {
            #expect(!standardNames.contains(String(match.output.1)), "\(place) declares \(match.output.1)")
        }
    }
}
