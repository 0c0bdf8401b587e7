import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// Every Swift keyword, and every word that is a keyword somewhere (contextual keywords, `Self`, `Type`, `_`), as the
/// name of a body field, an object type, a documented value and a query, header and path parameter, in both halves of
/// an exchange: the module compiles without a warning.
@Suite struct KeywordTests {
    /// The keywords of The Swift Programming Language ("Lexical Structure: Keywords and Punctuation"), and the
    /// contextual and newer ones.
    static let keywords: [String] = [
        // Declarations.
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func", "import",
        "init", "inout", "internal", "let", "nonisolated", "open", "operator", "precedencegroup", "private", "protocol",
        "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        // Statements.
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
        "repeat", "return", "throw", "switch", "where", "while",
        // Expressions, types and patterns.
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
        // Contextual.
        "associativity", "async", "convenience", "didSet", "dynamic", "final", "get", "indirect", "infix", "lazy", "left",
        "mutating", "none", "nonmutating", "optional", "override", "package", "postfix", "precedence", "prefix", "Protocol",
        "required", "right", "set", "some", "Type", "unowned", "weak", "willSet", "any", "each", "macro", "consume", "copy",
        "discard", "isolated", "sending", "actor", "distributed", "unsafe", "then", "yield", "using",
    ]

    static let location = SourceLocation(file: "keywords.html", line: 1)

    static func field(_ name: String, _ kind: FieldType.Kind, required: Bool = false, object: String? = nil, values: [String]? = nil) -> Field {
        Field(
            name: name, type: FieldType(kind: kind, raw: kind.rawValue), requirement: required ? .required : .optional,
            enumeration: values.map { Enumeration(values: $0.map { EnumValue(value: $0, meaning: $0) }, closed: true, location: location) },
            object: object, location: location
        )
    }

    /// Interfaces of ten keywords each: every keyword names a field of every kind in the request and the response, the
    /// object type of a nested field (through the field and through its type name), documented values, and a path,
    /// query and header parameter.
    static func schema() -> SchemaDocument {
        var document = SchemaDocument()
        for (index, start) in stride(from: 0, to: keywords.count, by: 10).enumerated() {
            let group = Array(keywords[start..<min(start + 10, keywords.count)])
            var objects: [ObjectType] = []
            var fields: [Field] = []
            for keyword in group {
                let objectID = "Table \(objects.count + 4) \(keyword)"
                objects.append(ObjectType(id: objectID, table: objectID, fields: [field(keyword, .string, required: true), field("other", .integer)], location: location))
                var typed = field(keyword + "_object", .object, object: objectID)
                typed.type.name = keyword
                fields += [
                    field(keyword, .string),
                    field(keyword.uppercased() == keyword ? keyword + "s" : keyword.capitalized, .object, object: objectID),
                    field("value_" + keyword, .string, values: keywords),
                    field("list_" + keyword, .array, object: objectID),
                    typed,
                ]
            }
            func body(required: Bool) -> [Field] {
                fields.map { field in
                    var field = field
                    if required { field.requirement = .required }
                    return field
                }
            }
            document.interfaces.append(Interface(
                title: "Keywords \(index)", method: "POST", path: "/rest/keywords/v1/\(index)/" + group.map { "{\($0)}" }.joined(separator: "/"),
                pathParameters: group.map { field($0, .string, required: true) },
                queryParameters: group.map { field($0, .integer) },
                headerParameters: group.map { field($0, .string) },
                request: Body(table: "Table 2", fields: body(required: true), location: location),
                response: Body(table: "Table 3", fields: body(required: false), location: location),
                objects: objects,
                sources: [Source(file: "keywords-\(index).html", format: .html, language: "en", primary: true)],
                location: SourceLocation(file: "keywords-\(index).html", line: 1)
            ))
        }
        return document
    }

    @Test func everyKeywordAsAFieldTypeValueAndParameterNameCompilesWithoutWarnings() async throws {
        let (templates, diagnostics) = TemplateSet.load()
        let set = try #require(templates, "\(diagnostics)")
        let output = try await TestSupport.offPool { try SwiftGenerator.generate(schema: Self.schema(), templates: set) }
        let folder = NSTemporaryDirectory() + "cmsgen-keywords-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.writeFiles(output.tree.files, to: folder)
        let result = try await SwiftCompiler.compile(folder: folder)
        // The compiler's error and warning lines only, each once: one wrong rule repeats in every interface.
        let problems = Set(result.output.split(separator: "\n").filter { $0.contains(" error: ") || $0.contains(" warning: ") }
            .map { $0.split(separator: "/").last.map(String.init) ?? String($0) })
        #expect(result.status == 0, "the generated code does not compile without warnings:\n\(problems.sorted().joined(separator: "\n").prefix(8000))")
        // Every keyword reached the generated code as a name of each kind: the check above saw them all.
        let all = output.tree.files.values.joined()
        for keyword in ["let", "var", "inout", "default", "Type", "Self"] {
            #expect(all.contains("\"\(keyword)\""), "the wire name \(keyword) is not in the generated code")
        }
    }
}
