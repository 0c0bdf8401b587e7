import CMSExtraction
@testable import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Mustache
import Testing

/// What the templates receive is pinned, as SwiftGen pins its template contexts: the seed interface's context as a
/// reference file, and every key of every context documented in `Templates/README.md` (and nothing else).
@Suite struct RenderingContextTests {
    static let root = TestSupport.packageRoot

    /// The contexts of the bundled pages, of the torture corpus and of the second layout's published reference (error
    /// bodies, AK/SK), which between them hold every kind of context.
    static let contexts: [SwiftGenerator.Contexts] = ["specs", "Tests/Torture/specs", "Tests/Published/cloud"].map { folder in
        let (overrides, _) = NameOverrides.load(pageFolders: [folder], relativeTo: root)
        return SwiftGenerator.Contexts(schema: SchemaBuilder.build(paths: [folder], relativeTo: root).schema, overrides: overrides)
    }

    @Test func theSeedInterfacesContextMatchesItsReference() throws {
        let seed = try #require(Self.contexts[0].interfaces.first { $0.namespace == "CallDataQueryDetailCallInfo" })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(seed)
        data.append(0x0A)
        try TestSupport.assertMatchesReference(data, file: "reference/context/CallDataQueryDetailCallInfo.json")
    }

    /// Every stored property of every context type that occurs, by type name.
    static func keysByType() -> [String: Set<String>] {
        var keys: [String: Set<String>] = [:]
        func visit(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .struct:
                let name = String(describing: mirror.subjectType)
                keys[name, default: []].formUnion(mirror.children.compactMap(\.label))
                for child in mirror.children { visit(child.value) }
            case .optional, .collection:
                for child in mirror.children { visit(child.value) }
            default:
                break
            }
        }
        for contexts in Self.contexts {
            for file in contexts.interfaces { visit(file) }
            for file in contexts.sharedTypes { visit(file) }
            visit(contexts.client)
            visit(contexts.resultCodes)
        }
        return keys
    }

    /// The keys `Templates/README.md` documents under `## TypeName`, from the first column of its tables.
    static func documentedKeys() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: root + "/Templates/README.md", encoding: .utf8)
        var keys: [String: Set<String>] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## ") { current = String(line.dropFirst(3)); continue }
            guard let current, line.hasPrefix("| `") else { continue }
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for key in cell.split(separator: ",") {
                let trimmed = key.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("`"), trimmed.hasSuffix("`") { keys[current, default: []].insert(String(trimmed.dropFirst().dropLast())) }
            }
        }
        return keys
    }

    @Test func theTemplatesREADMEDocumentsEveryKeyAndNoOther() throws {
        let actual = Self.keysByType()
        let documented = try Self.documentedKeys()
        #expect(actual.count >= 20, "every kind of context occurs in the bundled pages and the torture corpus: \(actual.keys.sorted())")
        for (type, keys) in actual.sorted(by: { $0.key < $1.key }) {
            let written = documented[type] ?? []
            #expect(keys.subtracting(written).isEmpty, "Templates/README.md does not document \(type).\(keys.subtracting(written).sorted())")
            #expect(written.subtracting(keys).isEmpty, "Templates/README.md documents \(type).\(written.subtracting(keys).sorted()), which no longer exist")
        }
        #expect(Set(documented.keys).subtracting(actual.keys).isEmpty, "README sections for types that are not contexts: \(Set(documented.keys).subtracting(actual.keys))")
    }

    /// Our layout for partials (Templates/README.md): a partial is included at column 0 and writes its own indentation,
    /// so every iteration of a section in it comes out alike, whatever swift-mustache does with an *indented* standalone
    /// partial (2.1.1 indents only the first iteration of a section in one; the templates never rely on either
    /// behaviour). Checked on the library with that layout, and on what our templates make of the bundled pages and
    /// the torture corpus: every stored property of every generated type sits at the same depth.
    @Test func partialsAtColumnZeroIndentEveryIterationAlike() throws {
        let library = MustacheLibrary(templates: [
            "outer": try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\nstruct A {\n{{> inner}}\n}\n"),
            "inner": try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n{{#lines}}\n    let {{.}}: Int\n{{/lines}}\n"),
        ])
        let rendered = library.render(["lines": ["x", "y", "z"]], withTemplate: "outer")
        #expect(rendered == "struct A {\n    let x: Int\n    let y: Int\n    let z: Int\n}\n", "\(rendered ?? "nil")")

        let (set, diagnostics) = TemplateSet.load()
        let templates = try #require(set, "\(diagnostics)")
        for folder in ["specs", "Tests/Torture/specs"] {
            let (overrides, _) = NameOverrides.load(pageFolders: [folder], relativeTo: Self.root)
            let schema = SchemaBuilder.build(paths: [folder], relativeTo: Self.root).schema
            let tree = try SwiftGenerator.generate(schema: schema, templates: templates, overrides: overrides).tree
            var properties = 0
            for (path, text) in tree.files.sorted(by: { $0.key < $1.key }) {
                for line in text.split(separator: "\n") where line.contains("public var ") && !line.contains("///") {
                    properties += 1
                    // `extension Parent {` at column 0, the type at 4, its properties at 8.
                    #expect(line.prefix { $0 == " " }.count == 8, "\(folder) → \(path): \(line)")
                }
            }
            #expect(properties > 1, "\(folder): no stored properties rendered")
        }
        // The seed's Table 4: one property per row, each at the depth of the first (the iterations a mis-indenting
        // partial would have shifted).
        let seed = try #require(try SwiftGenerator.generate(schema: SchemaBuilder.build(paths: ["specs"], relativeTo: Self.root).schema, templates: templates)
            .tree.files["Interfaces/CallDataQueryDetailCallInfo.swift"])
        for name in ["cb", "time", "dsn", "waitTime", "totalTalkingTimes", "logonTimes"] {
            #expect(seed.contains("\n        public var \(name): Swift."), "\(name)")
        }
    }

    /// So no template includes a partial with indentation in front of it.
    @Test func partialsAreNeverIndented() throws {
        let folder = Self.root + "/Templates"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                let isStandalonePartial = trimmed.hasPrefix("{{>") && trimmed.hasSuffix("}}") && !trimmed.dropFirst(2).contains("{{")
                #expect(!isStandalonePartial || line.first == "{", "\(name):\(number + 1) indents a standalone partial")
            }
            #expect(text.hasPrefix("{{% CONTENT_TYPE: TEXT }}\n"), "\(name) turns HTML escaping off first")
        }
        let inline = try String(contentsOfFile: folder + "/typeName.mustache", encoding: .utf8)
        #expect(!inline.hasSuffix("\n"), "typeName is used inline: no final newline")
    }

    /// How a context reaches the renderer: plain data, and a nil optional is an empty value of its own context
    /// (sections over it render nothing, inverted ones render, printing it prints nothing), never looked up in an
    /// enclosing context.
    @Test func nilIsEmptyInItsOwnContext() throws {
        struct Inner: Encodable { var name: String?; var flag: Bool?; var count: Int? }
        struct Outer: Encodable { var name: String; var flag: Bool; var count: Int; var items: [Inner] }
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}{{#items}}[{{name}}|{{#flag}}on{{/flag}}{{^flag}}off{{/flag}}|{{count}}]{{/items}} {{name}}")
        let library = MustacheLibrary(templates: ["t": template])
        let data = try TemplateData.make(Outer(name: "outer", flag: true, count: 7, items: [
            Inner(name: "a", flag: true, count: 1), Inner(name: nil, flag: nil, count: nil),
        ]))
        #expect(library.render(data, withTemplate: "t") == "[a|on|1][|off|] outer")
    }
}
