import CMSPageTestSupport
import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// Schemas the reading half could produce, made at random from a seed: every field kind, nesting (shared objects,
/// cut cycles), every constraint and every class of awkward name. About fifty interfaces are rendered into one module
/// that must compile with warnings as errors. The seed is `TestSeed`'s (fixed unless `CMSKIT_SEED` is set), and a
/// failure prints it with the command that replays it.
@Suite struct RandomSchemaTests {
    @Test func randomSchemasRenderIntoCodeThatCompilesWithoutWarnings() async throws {
        let seed = TestSeed.derived("RandomSchemaTests.randomSchemasRenderIntoCodeThatCompilesWithoutWarnings")
        let replay = TestSeed.replay(seed)
        var maker = RandomSchema(seed: seed)
        let schema = maker.schema(interfaces: 50)
        let (templates, diagnostics) = TemplateSet.load()
        let set = try #require(templates, "\(diagnostics)")
        let folder = NSTemporaryDirectory() + "cmsgen-random-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let output = try SwiftGenerator.generate(schema: schema, templates: set)
            try TestSupport.writeFiles(output.tree.files, to: folder)
            let result = try await SwiftCompiler.compile(folder: folder)
            #expect(result.status == 0, "the generated code of the random schema of \(replay) does not compile without warnings:\n\(result.output.prefix(4000))")
        } catch {
            Issue.record("the random schema of \(replay) failed: \(error)")
        }
    }

    /// The generator itself: the same seed makes the same schema, and the schemas cover what they promise.
    @Test func theRandomSchemasCoverEveryKindAndNameClass() {
        var first = RandomSchema(seed: 42)
        var second = RandomSchema(seed: 42)
        let schema = first.schema(interfaces: 50)
        #expect(schema == second.schema(interfaces: 50))
        let fields = schema.interfaces.flatMap { interface in
            (interface.request?.fields ?? []) + (interface.response?.fields ?? []) + interface.objects.flatMap(\.fields)
        }
        #expect(Set(fields.map(\.type.kind)) == Set(FieldType.Kind.allCases))
        #expect(fields.contains { $0.enumeration != nil } && fields.contains { $0.recursiveReference != nil })
        #expect(fields.contains { RandomNames.keywords.contains($0.name) })
        #expect(schema.interfaces.contains { !$0.queryParameters.isEmpty } && schema.interfaces.contains { !$0.pathParameters.isEmpty })
        #expect(schema.interfaces.contains { $0.response == nil } && schema.interfaces.contains { $0.request?.fields.isEmpty == true })
        #expect(schema.interfaces.contains { !$0.headerParameters.isEmpty } && schema.interfaces.contains { $0.envelope != nil })
        #expect(schema.interfaces.contains { $0.success?.isEmpty == true } && schema.interfaces.contains { $0.responses.count > 1 })
        #expect(Set(schema.interfaces.map(\.authentication.scheme)) == [.c2, .token, .unspecified])
    }
}
