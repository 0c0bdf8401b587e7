import CMSPageTestSupport
import CMSRendering
import CMSSchema
import Foundation
import Testing

/// The merge of types that several interfaces declare alike into `CMSTypes` (`Generated/Shared/Types/`): identical
/// shapes become one type, different shapes never do, and no interface's names change when a page is added.
@Suite struct SharedTypeTests: SchemaSnippets {
    typealias Snippet = RenderingSnippetTests

    static func render(_ interfaces: [Interface]) throws -> SwiftGenerator.Output {
        let (templates, diagnostics) = TemplateSet.load()
        let set = try #require(templates, "\(diagnostics)")
        return try SwiftGenerator.generate(schema: SchemaDocument(interfaces: interfaces), templates: set)
    }

    /// The public names an interface's file declares: `Namespace.Response.Agent` for a struct, enum or typealias.
    static func declaredNames(_ output: SwiftGenerator.Output) -> Set<String> {
        var names: Set<String> = []
        for (path, text) in output.tree.files where path.hasPrefix("Interfaces/") {
            var parent = ""
            for line in text.split(separator: "\n") {
                if line.hasPrefix("extension ") { parent = String(line.dropFirst("extension ".count).dropLast(2)) }
                for kind in ["    public struct ", "    public enum ", "    public typealias "] where line.hasPrefix(kind) {
                    let name = line.dropFirst(kind.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    names.insert(parent + "." + name)
                }
            }
        }
        return names
    }

    @Test func identicalShapesBecomeOneTypeAndEveryInterfaceKeepsItsName() throws {
        let output = try Self.render([Self.interface("a/one", agent: Self.agent), Self.interface("b/two", agent: Self.agent)])
        let agent = try #require(output.tree.files["Shared/Types/Agent.swift"], "\(output.tree.files.keys.sorted())")
        #expect(agent.contains("extension CMSTypes {\n    /// The object `agent`"))
        #expect(agent.contains("    public struct Agent: "))
        #expect(agent.contains("Declared alike by 2 interfaces: `AOne`, `BTwo`."))
        #expect(output.tree.files["Shared/Types/State.swift"]?.contains("    public enum State: CMSRuntime.CMSOpenEnumeration {") == true)
        for namespace in ["AOne", "BTwo"] {
            let file = try #require(output.tree.files["Interfaces/\(namespace).swift"])
            #expect(file.contains("    public typealias Agent = CMSTypes.Agent\n"), "\(namespace)")
            #expect(file.contains("    public typealias State = CMSTypes.State\n"), "\(namespace)")
            #expect(!file.contains("public struct Agent"), "\(namespace)")
        }
        // The merge is said once per shared type, at the first declaration.
        let notes = output.diagnostics.filter { $0.severity == .note && $0.message.contains("alike") }
        #expect(notes.map(\.message).sorted() == [
            "2 interfaces declare 'Agent' alike (AOne, BTwo); it is one type, CMSTypes.Agent, and each interface keeps its name for it",
            "2 interfaces declare 'State' alike (AOne, BTwo); it is one type, CMSTypes.State, and each interface keeps its name for it",
        ])
    }

    @Test(arguments: [
        ("a field's type", [Snippet.field("workNo", .string), Snippet.field("name", .string)], ["0", "1"]),
        ("a field's requirement", [Snippet.field("workNo", .integer, .required), Snippet.field("name", .string)], ["0", "1"]),
        ("a wire name", [Snippet.field("workno", .integer), Snippet.field("name", .string)], ["0", "1"]),
        ("one more field", [Snippet.field("workNo", .integer), Snippet.field("name", .string), Snippet.field("phone", .string)], ["0", "1"]),
    ])
    func differentShapesStayApart(difference: String, fields: [Field], states: [String]) throws {
        let output = try Self.render([Self.interface("a/one", agent: Self.agent), Self.interface("b/two", agent: fields, states: states)])
        #expect(output.tree.files["Shared/Types/Agent.swift"] == nil, "\(difference)")
        for namespace in ["AOne", "BTwo"] {
            let file = try #require(output.tree.files["Interfaces/\(namespace).swift"])
            #expect(file.contains("    public struct Agent: "), "\(difference): \(namespace)")
        }
        // The documented values did not change: they are still one type.
        #expect(output.tree.files["Shared/Types/State.swift"] != nil, "\(difference)")
    }

    @Test func differentValuesStayApart() throws {
        let output = try Self.render([Self.interface("a/one", agent: Self.agent), Self.interface("b/two", agent: Self.agent, states: ["0", "2"])])
        #expect(output.tree.files["Shared/Types/State.swift"] == nil)
        #expect(output.tree.files["Shared/Types/Agent.swift"] != nil)
    }

    /// A page added beside others, whether it declares a shape alike, a different shape of the same name, or nothing
    /// alike, never changes the names the other interfaces declare.
    @Test(arguments: [
        ("alike", SharedTypeTests.agent),
        ("a different shape of the same name", [Snippet.field("workNo", .string)]),
    ])
    func addingAPageRenamesNothingElsewhere(added: String, fields: [Field]) throws {
        let before = try Self.render([Self.interface("a/one", agent: Self.agent), Self.interface("b/two", agent: Self.agent)])
        let after = try Self.render([Self.interface("a/one", agent: Self.agent), Self.interface("b/two", agent: Self.agent), Self.interface("c/three", agent: fields)])
        let kept = Self.declaredNames(before)
        #expect(kept.isSuperset(of: ["AOne.Response.Agent", "AOne.Response.State", "BTwo.Response.Agent", "BTwo.Response.State"]))
        #expect(Self.declaredNames(after).isSuperset(of: kept), "\(added): \(kept.subtracting(Self.declaredNames(after)))")
        #expect(Self.declaredNames(after).contains("CThree.Response.Agent"))
        // A third user of a shared shape joins it; its name in CMSTypes stays.
        if added == "alike" { #expect(after.tree.files["Shared/Types/Agent.swift"]?.contains("Declared alike by 3 interfaces") == true) }
    }

    /// A type used by one interface only stays in its file, whatever the others declare.
    @Test func aTypeOfOneInterfaceStaysInItsFile() throws {
        let output = try Self.render([Self.interface("a/one", agent: Self.agent)])
        #expect(output.tree.files.keys.filter { $0.hasPrefix("Shared/Types/") }.isEmpty)
        #expect(output.tree.files["Interfaces/AOne.swift"]?.contains("    public struct Agent: ") == true)
    }
}

/// A table too wide for one Swift type (the compiler's time grows with the square of the fields an initializer assigns:
/// 2,000 took over ten minutes) is decoded as untyped JSON, or, for a request, leaves its interface out of the
/// client, with a warning that says why.
@Suite struct WideTableTests {
    typealias Snippet = RenderingSnippetTests

    static func fields(_ count: Int) -> [Field] { (0..<count).map { Snippet.field("field\($0)", .string) } }

    @Test func aResponseTableWiderThanTheLimitIsUntypedJSON() throws {
        let output = try Snippet.render(Snippet.interface(response: Self.fields(251)))
        let file = try #require(output.tree.files["Interfaces/SnippetCall.swift"])
        #expect(file.contains("    public typealias Response = CMSRuntime.CMSJSONValue\n"))
        #expect(output.diagnostics.map(\.description).contains {
            $0.hasPrefix("snippet.html:1:1: warning: the response table documents 251 fields, more than the 250 one Swift type can hold")
        }, "\(output.diagnostics)")
    }

    @Test func anObjectWiderThanTheLimitIsUntypedJSONAndTheRestStaysTyped() throws {
        let wide = ObjectType(id: "Table 4 Parameters of resultDesc", table: "Table 4 Parameters of resultDesc", fields: Self.fields(251), location: Snippet.location)
        let output = try Snippet.render(Snippet.interface(
            response: [Snippet.field("resultDesc", .object, object: wide.id), Snippet.field("total", .integer)], objects: [wide]
        ))
        let file = try #require(output.tree.files["Interfaces/SnippetCall.swift"])
        #expect(file.contains("        public var resultDesc: CMSRuntime.CMSJSONValue?\n"))
        #expect(file.contains("        public var total: Swift.Int?\n"))
        #expect(!file.contains("field250"))
        #expect(output.diagnostics.filter { $0.severity == .warning }.map(\.message) == [
            "the table documents 251 fields, more than the 250 one Swift type can hold and still compile in reasonable time; 'resultDesc' is decoded as untyped JSON (CMSJSONValue)",
        ])
    }

    @Test func aTableAtTheLimitStaysTyped() throws {
        let output = try Snippet.render(Snippet.interface(request: Self.fields(250), response: Self.fields(250)))
        let file = try #require(output.tree.files["Interfaces/SnippetCall.swift"])
        #expect(file.contains("        public var field249: Swift.String?\n"))
        #expect(!file.contains("CMSJSONValue"))
        #expect(output.diagnostics.allSatisfy { $0.severity != .warning })
    }

    @Test func anInterfaceWhoseRequestIsWiderThanTheLimitIsLeftOut() throws {
        let templates = try #require(TemplateSet.load().0)
        let output = try SwiftGenerator.generate(schema: SchemaDocument(interfaces: [
            Snippet.interface(request: Self.fields(251), response: Self.fields(1)),
            Snippet.interface(path: "/rest/cmsapp/v1/openapi/snippet/other", request: Self.fields(1), response: Self.fields(1)),
        ]), templates: templates)
        #expect(output.tree.files["Interfaces/SnippetCall.swift"] == nil)
        #expect(output.tree.files["Interfaces/SnippetOther.swift"] != nil)
        #expect(output.tree.files["Shared/CMSClientProtocol.swift"]?.contains("snippetCall") == false)
        #expect(output.diagnostics.filter { $0.severity == .warning }.map(\.message) == [
            "the request table documents 251 fields, more than the 250 one Swift type can hold and still compile in reasonable time; the client has no method for POST /rest/cmsapp/v1/openapi/snippet/call",
        ])
    }
}
