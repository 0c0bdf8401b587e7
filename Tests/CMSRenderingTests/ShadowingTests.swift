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

    /// Every folder of generated code in the package.
    static let corpora = [
        "Generated", "Tests/Snippets/Generated", "Tests/Torture/Generated", "Tests/Cloud/Generated",
        "Tests/Published/Generated", "Examples/CMSClientExample/Sources",
    ]

    @Test(arguments: corpora)
    func noGeneratedTypeShadowsAStandardType(_ corpus: String) throws {
        let root = TestSupport.packageRoot + "/" + corpus
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") && $0.contains("Generated") || corpus.hasSuffix("Generated") && $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no generated files under \(corpus)")
        let declaration = try Regex(#"(?:struct|enum|class|protocol|typealias|actor)\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for match in text.matches(of: declaration) {
                guard let name = match.output[1].substring.map(String.init) else { continue }
                #expect(!Self.standardNames.contains(name), "\(corpus)/\(file) declares \(name)")
            }
        }
    }
}
