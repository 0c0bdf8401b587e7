import CMSPageTestSupport
import CMSRendering
import CMSSchema
import Foundation
import Testing

/// Snippets of the rendering half, in the manner of swift-openapi-generator's snippet tests: a small schema fragment
/// goes in, and the exact Swift of the part that shows the mechanism comes out.
@Suite struct RenderingSnippetTests: SchemaSnippets {
    /// The generated files of one interface (and the shared ones).
    static func render(_ interface: Interface, resultCodes: [ResultCode] = [], overrides: NameOverrides = NameOverrides()) throws -> SwiftGenerator.Output {
        let (templates, diagnostics) = TemplateSet.load()
        let set = try #require(templates, "\(diagnostics)")
        return try SwiftGenerator.generate(schema: SchemaDocument(interfaces: [interface], resultCodes: resultCodes), templates: set, overrides: overrides)
    }

    /// The interface's own file.
    static func file(_ interface: Interface) throws -> String {
        let output = try render(interface)
        return try #require(output.tree.files.first { $0.key.hasPrefix("Interfaces/") }?.value)
    }

    /// The lines of `text` from the first that contains `start` up to and including the first after it that is
    /// exactly `end` (a closing brace at the start line's indentation, by default).
    static func excerpt(_ text: String, from start: String, to end: String? = nil) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { $0.contains(start) }) else { return "<no line with \(start)>" }
        let indent = String(lines[first].prefix { $0 == " " })
        let closing = end ?? indent + "}"
        guard let last = lines[first...].firstIndex(where: { $0 == closing }) else { return "<no end \(closing)>" }
        return lines[first...last].joined(separator: "\n")
    }

    /// Compares a rendered snippet; on a difference, the actual text is written to a temporary file for `diff`.
    static func expectSnippet(_ actual: String, _ expected: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard actual != expected else { return }
        let path = NSTemporaryDirectory() + "snippet-\(name).swift"
        try? actual.write(toFile: path, atomically: true, encoding: .utf8)
        Issue.record("the \(name) snippet differs; the actual text is in \(path)", sourceLocation: sourceLocation)
    }

    // MARK: Literals

    /// Wire names and paths reach string literals through one escaping function: quotes, backslashes and `\(` stay text.
    @Test func literalsAreEscaped() throws {
        let file = try Self.file(Self.interface(
            path: "/rest/cmsapp/v1/openapi/snippet/in%22ject",
            request: [Self.field(#"a"b\c\(x)"#, .string, .required), Self.field(#"a\u{41}"#, .string)]
        ))
        Self.expectSnippet(Self.excerpt(file, from: "enum CodingKeys"), #"""
                enum CodingKeys: Swift.String, Swift.CodingKey {
                    case aBCX = "a\"b\\c\\(x)"
                    case aU41 = "a\\u{41}"
                }
        """#, "literals")
        #expect(file.contains(#"                path: "/rest/cmsapp/v1/openapi/snippet/in%22ject","#))
    }

    /// Vendor text in doc comments cannot end the comment or hide code: line breaks fold, control and bidirectional
    /// characters show as `<U+…>`.
    @Test func docCommentsCannotBeBrokenOutOf() throws {
        let description = "Closes */ and \"\"\" and \\(print(1)).\nSecond line\u{2028}third\u{202E}gnp.exe\u{0}."
        let file = try Self.file(Self.interface(request: [Self.field("note", .string, description: description)]))
        Self.expectSnippet(Self.excerpt(file, from: "/// Closes", to: "        public var note: Swift.String?"), #"""
                /// Closes */ and """ and \(print(1)).
                /// Second line
                /// third<U+202E>gnp.exe<U+0000>.
                ///
                /// Documented in snippet.html.
                public var note: Swift.String?
        """#, "doc-comments")
    }

    // MARK: Names

    /// A path parameter's Swift name is computed once and used for the label, the validation, the path and the docs;
    /// a name the function's own locals take gets another name inside.
    @Test func parameterNamesAreComputedOnce() throws {
        let file = try Self.file(Self.interface(
            method: "GET", path: "/rest/cmsapp/v1/openapi/snippet/{class}/{body}",
            pathParameters: [
                Self.field("class", .integer, .required, description: "The class.", constraints: Constraints(minimum: 1, maximum: 9)),
                Self.field("body", .string, .required),
            ]
        ))
        Self.expectSnippet(Self.excerpt(file, from: "public func makeHTTPRequest"), #"""
                public func makeHTTPRequest(
                    class: Swift.Int,
                    body bodyValue: Swift.String,
                    validation: CMSRuntime.CMSRequestValidation = .enforced
                ) throws(CMSRuntime.CMSError) -> CMSRuntime.CMSHTTPRequest {
                    if validation == .enforced {
                        var validator = CMSRuntime.CMSValidator()
                        validator.range(`class`, "{class}", min: 1, max: 9)
                        self.validate(into: &validator, path: "")
                        do { try validator.finish() } catch { throw .invalidRequest(error) }
                    }
                    return CMSRuntime.CMSHTTPRequest(
                        method: "GET",
                        path: "/rest/cmsapp/v1/openapi/snippet/\(CMSRuntime.CMSPathEncoding.encodeSegment(`class`))/\(CMSRuntime.CMSPathEncoding.encodeSegment(bodyValue))",
                        query: CMSRuntime.CMSHTTPRequest.queryItems(),
                        headers: CMSRuntime.CMSHTTPRequest.headerFields(),
                        body: Foundation.Data()
                    )
                }
        """#, "parameter-names")
        #expect(file.contains("    /// - Parameter class: The class.\n"))
        #expect(file.contains(
            "            request.makeHTTPRequest(\n                class: `class`,\n                body: bodyValue,\n                validation: self.validation\n            ),\n"
        ))
        #expect(file.contains(
            "            return try await client.getSnippet(\n"
                + "                class: CMSRuntime.CMSPathArgument.value(Swift.Int.self, \"class\", in: input.pathParameters),\n"
                + "                body: CMSRuntime.CMSPathArgument.value(Swift.String.self, \"body\", in: input.pathParameters)\n"
                + "            )\n"
        ))
    }

    /// Properties are always reached through `self.`, standard types are qualified, and the generator's own members
    /// have names no field can take, so `path`, `container` and `data` are just fields; the type of `data` is
    /// `DataType`, so that it does not shadow Foundation's `Data` in app code.
    @Test func noFieldCanShadowTheGeneratedCode() throws {
        let data = ObjectType(id: "Table 4 Data", table: "Table 4 Data", fields: [Self.field("size", .integer)], location: Self.location)
        let file = try Self.file(Self.interface(
            request: [
                Self.field("path", .string, .required, constraints: Constraints(maxLength: 8)),
                Self.field("container", .string),
                Self.field("data", .object, object: data.id),
            ],
            objects: [data]
        ))
        Self.expectSnippet(Self.excerpt(file, from: "public init(from decoder"), #"""
                public init(from decoder: any Swift.Decoder) throws {
                    let container = try decoder.container(keyedBy: CodingKeys.self)
                    var problems = CMSRuntime.CMSValidator()
                    let path = container.cmsRequestScalar(Swift.String.self, forKey: .path, required: true, problems: &problems)
                    let containerValue = container.cmsRequestScalar(Swift.String.self, forKey: .container, required: false, problems: &problems)
                    let data = container.cmsRequestValue(SnippetCall.Request.DataType.self, forKey: .data, required: false, problems: &problems)
                    try problems.finish()
                    self.init(
                        path: path!,
                        container: containerValue,
                        data: data
                    )
                }
        """#, "shadowing-decode")
        Self.expectSnippet(Self.excerpt(file, from: "public func validate(into"), #"""
                public func validate(into validator: inout CMSRuntime.CMSValidator, path: Swift.String) {
                    validator.length(self.path, CMSRuntime.cmsPath(path, "path"), min: nil, max: 8)
                    validator.nested(self.data, CMSRuntime.cmsPath(path, "data"))
                }
        """#, "shadowing-validate")
        #expect(file.contains("        @CMSRuntime.CMSIndirect public var data: SnippetCall.Request.DataType?\n"))
        #expect(file.contains("                body: try CMSRuntime.CMSClientCore.requestBody(self, wrapper: nil)\n"))
    }

    /// Names Swift or the generated code reserves get a suffix, with a note that names the key that pins another.
    @Test func reservedNamesGetASuffixAndANote() throws {
        let swift = ObjectType(id: "Table 4 Foundation", table: "Table 4 Foundation", fields: [Self.field("self", .string)], location: Self.location)
        let output = try Self.render(Self.interface(
            response: [Self.field("self", .string), Self.field("foundation", .object, object: swift.id), Self.field("hashValue", .integer)],
            objects: [swift]
        ))
        let file = try #require(output.tree.files["Interfaces/SnippetCall.swift"])
        Self.expectSnippet(Self.excerpt(file, from: "enum CodingKeys"), #"""
                enum CodingKeys: Swift.String, Swift.CodingKey {
                    case selfValue = "self"
                    case foundation = "foundation"
                    case hashValueValue = "hashValue"
                }
        """#, "reserved-names")
        #expect(file.contains("    public struct FoundationType: Swift.Codable, Swift.Hashable, Swift.Sendable {"))
        #expect(output.diagnostics.map(\.description) == [
            #"snippet.html:1:1: note: 'self' is reserved by Swift or the generated code; the name is 'selfValue' (pin it in cmsgen-names.json as "POST /rest/cmsapp/v1/openapi/snippet/call response self") [#name-reserved]"#,
            #"snippet.html:1:1: note: 'Foundation' is reserved by Swift or the generated code; the name is 'FoundationType' (pin it in cmsgen-names.json as "POST /rest/cmsapp/v1/openapi/snippet/call response foundation (type)") [#name-reserved]"#,
            #"snippet.html:1:1: note: 'hashValue' is reserved by Swift or the generated code; the name is 'hashValueValue' (pin it in cmsgen-names.json as "POST /rest/cmsapp/v1/openapi/snippet/call response hashValue") [#name-reserved]"#,
            #"snippet.html:1:1: note: 'self' is reserved by Swift or the generated code; the name is 'selfValue' (pin it in cmsgen-names.json as "POST /rest/cmsapp/v1/openapi/snippet/call response foundation.self") [#name-reserved]"#,
        ])
    }

    /// The overrides file pins names; a key that names nothing is a warning.
    @Test func overridesPinNames() throws {
        let interface = Self.interface(request: [Self.field("workno", .integer)])
        let overrides = NameOverrides([
            "POST /rest/cmsapp/v1/openapi/snippet/call": "placeCall",
            "POST /rest/cmsapp/v1/openapi/snippet/call request workno": "agentNumber",
            "POST /rest/cmsapp/v1/openapi/snippet/gone": "nothing",
        ], file: "cmsgen-names.json")
        let output = try Self.render(interface, overrides: overrides)
        let file = try #require(output.tree.files["Interfaces/PlaceCall.swift"])
        #expect(file.contains("public enum PlaceCall {\n"))
        #expect(file.contains("            case agentNumber = \"workno\"\n"))
        #expect(file.contains("    public func placeCall(\n        _ request: PlaceCall.Request = .init()\n    ) async"))
        #expect(output.diagnostics.map(\.description) == [
            "cmsgen-names.json:1:1: warning: the name key 'POST /rest/cmsapp/v1/openapi/snippet/gone' names nothing in these pages; the entry is unused [#unused-name]",
        ])
    }

    // MARK: Requests

    /// A GET, or any request without body fields, sends no body; query parameters go in the query, absent ones left
    /// out, a fixed one always; one with documented values is an enumeration.
    @Test func requestsWithoutABodyAndWithAQuery() throws {
        let file = try Self.file(Self.interface(
            method: "GET",
            queryParameters: [
                Self.field("limit", .integer, .optional, constraints: Constraints(minimum: 1, maximum: 100)),
                Self.field("version", .string, .required, constraints: Constraints(fixedValue: "2")),
                Self.field("mode", .string, .required, enumeration: Enumeration(values: [EnumValue(value: "a", meaning: "all")], closed: true, location: Self.location)),
            ]
        ))
        Self.expectSnippet(Self.excerpt(file, from: "public func makeHTTPRequest"), #"""
                public func makeHTTPRequest(
                    limit: Swift.Int? = nil,
                    mode: GetSnippetCall.Request.Mode,
                    validation: CMSRuntime.CMSRequestValidation = .enforced
                ) throws(CMSRuntime.CMSError) -> CMSRuntime.CMSHTTPRequest {
                    if validation == .enforced {
                        var validator = CMSRuntime.CMSValidator()
                        validator.range(limit, "?limit", min: 1, max: 100)
                        validator.documented(mode, "?mode")
                        self.validate(into: &validator, path: "")
                        do { try validator.finish() } catch { throw .invalidRequest(error) }
                    }
                    return CMSRuntime.CMSHTTPRequest(
                        method: "GET",
                        path: "/rest/cmsapp/v1/openapi/snippet/call",
                        query: CMSRuntime.CMSHTTPRequest.queryItems(("limit", limit), ("version", "2"), ("mode", mode)),
                        headers: CMSRuntime.CMSHTTPRequest.headerFields(),
                        body: Foundation.Data()
                    )
                }
        """#, "query")
        #expect(file.contains("    public func getSnippetCall(\n        limit: Swift.Int? = nil,\n        mode: GetSnippetCall.Request.Mode\n    ) async throws(CMSRuntime.CMSError)"))
        // A query parameter with documented values is an enumeration, as a body field's are; its case names come from
        // the meanings, and a call by name reads it from text.
        #expect(file.contains("    public enum Mode: CMSRuntime.CMSOpenEnumeration {\n        /// `a`: all\n        case all\n"))
        #expect(file.contains("mode: CMSRuntime.CMSPathArgument.value(GetSnippetCall.Request.Mode.self, \"mode\", in: input.queryParameters)"))
        #expect(file.contains("        let request = SnippetCall.Request()\n") == false, "the namespace is the operation's")
        #expect(file.contains("        let request = GetSnippetCall.Request()\n"))
    }

    /// The declaration model, not the text: the client plan names every public symbol with its declaration and the
    /// key that pins it, and the query parameter's documented values are an enumeration type of the request.
    @Test func theDeclarationModelNamesEverySymbolAndItsKey() throws {
        let interface = Self.interface(
            method: "GET",
            queryParameters: [
                Self.field("limit", .integer, .optional),
                Self.field("mode", .string, .required, enumeration: Enumeration(values: [EnumValue(value: "a", meaning: "all")], closed: true, location: Self.location)),
            ]
        )
        let plan = ClientPlan(schema: SchemaDocument(interfaces: [interface]))
        let method = try #require(plan.symbols.first { $0.kind == .method })
        #expect(method.name == "CMSClient.getSnippetCall")
        #expect(method.parameters?.map(\.label) == ["limit", "mode"])
        #expect(method.parameters?.map(\.type) == ["Swift.Int?", "GetSnippetCall.Request.Mode"])
        #expect(method.parameters?.map(\.hasDefault) == [true, false])
        #expect(plan.symbols.contains { $0.kind == .type && $0.name == "GetSnippetCall.Request.Mode" && $0.declaration == "enum GetSnippetCall.Request.Mode" })
        #expect(plan.symbols.contains { $0.kind == .enumCase && $0.name == "GetSnippetCall.Request.Mode.all" })
        let key = "GET /rest/cmsapp/v1/openapi/snippet/call"
        #expect(plan.lock.names[key] == "getSnippetCall")
        #expect(plan.lock.names["\(key) query mode (type)"] == "Mode")
        #expect(plan.lock.names["\(key) query mode=a"] == "all")
        #expect(plan.lock.names["\(key) query limit"] == "limit")
        #expect(plan.operationsByKey == [key: "getSnippetCall"])
    }

    /// An empty result-code list and an empty body render code that compiles (`[:]`, no `CodingKeys` without cases).
    @Test func emptyListsRenderValidSwift() throws {
        let output = try Self.render(Self.interface(request: [], response: []))
        Self.expectSnippet(Self.excerpt(try #require(output.tree.files["Shared/CMSResultCodes.swift"]), from: "public static let meanings", to: "    ]"), #"""
            public static let meanings: [Swift.String: Swift.String] = [
                :
            ]
        """#, "empty-codes")
        let file = try #require(output.tree.files["Interfaces/SnippetCall.swift"])
        Self.expectSnippet(Self.excerpt(file, from: "public struct Request"), #"""
            public struct Request: CMSRuntime.CMSRequestBody {
                public init() {}

                /// Adds every broken documented rule of this value, with paths under `path`, to `validator`.
                public func validate(into validator: inout CMSRuntime.CMSValidator, path: Swift.String) {
                }

                /// The HTTP request for this body: `POST`, the path with its parameters, the query, the headers and
                /// no body. Validates everything first unless `validation` is `.skippedForTesting`.
                public func makeHTTPRequest(
                    validation: CMSRuntime.CMSRequestValidation = .enforced
                ) throws(CMSRuntime.CMSError) -> CMSRuntime.CMSHTTPRequest {
                    if validation == .enforced {
                        var validator = CMSRuntime.CMSValidator()
                        self.validate(into: &validator, path: "")
                        do { try validator.finish() } catch { throw .invalidRequest(error) }
                    }
                    return CMSRuntime.CMSHTTPRequest(
                        method: "POST",
                        path: "/rest/cmsapp/v1/openapi/snippet/call",
                        query: CMSRuntime.CMSHTTPRequest.queryItems(),
                        headers: CMSRuntime.CMSHTTPRequest.headerFields(),
                        body: Foundation.Data()
                    )
                }
            }
        """#, "empty-body")
        #expect(!file.contains("CodingKey {\n        }"))
    }

    // MARK: Types

    /// Documented integers are canonical (`01` and `+1` are `1`, kept once, with a warning), and case names that
    /// Swift or the enumeration reserves get a suffix.
    @Test func enumerationsOfAwkwardValues() throws {
        let values = Enumeration(values: [
            EnumValue(value: "1", meaning: "one"), EnumValue(value: "01", meaning: "one again"), EnumValue(value: "+1", meaning: "plus one"),
            EnumValue(value: "2", meaning: "unknown"),
        ], closed: true, location: Self.location)
        let output = try Self.render(Self.interface(request: [Self.field("level", .integer, enumeration: values)]))
        let file = try #require(output.tree.files["Interfaces/SnippetCall.swift"])
        Self.expectSnippet(Self.excerpt(file, from: "public init(rawValue: Swift.Int)"), #"""
                public init(rawValue: Swift.Int) {
                    switch rawValue {
                    case 1: self = .one
                    case 2: self = .unknownValue
                    default: self = .unknown(rawValue)
                    }
                }
        """#, "enumeration")
        #expect(output.diagnostics.filter { $0.severity == .warning }.map(\.message) == [
            "the documented value '01' of 'level' repeats the value 1; it is left out",
            "the documented value '+1' of 'level' repeats the value 1; it is left out",
        ])
    }

    /// The second layout: a header parameter travels as a header field, a 204 answer returns nothing and is not
    /// decoded, and an interface without an envelope says so in its namespace.
    @Test func headerParametersAndAnswersWithoutABody() throws {
        var interface = Self.interface(method: "DELETE", path: "/v3/{project_id}/widgets/{widget_id}", pathParameters: [
            Self.field("project_id", .string, .required), Self.field("widget_id", .string, .required),
        ])
        interface.headerParameters = [Self.field("X-Language", .string, .optional)]
        interface.authentication = Authentication(scheme: .token, header: "X-Auth-Token")
        interface.responses = [Response(status: 204, isSuccess: true, isEmpty: true)]
        let output = try Self.render(interface)
        let file = try #require(output.tree.files["Interfaces/DeleteWidget.swift"])
        #expect(file.contains("                headers: CMSRuntime.CMSHTTPRequest.headerFields((\"X-Language\", xLanguage)),\n"))
        Self.expectSnippet(Self.excerpt(file, from: "public func deleteWidget"), #"""
            public func deleteWidget(
                projectId: Swift.String,
                widgetId: Swift.String,
                xLanguage: Swift.String? = nil
            ) async throws(CMSRuntime.CMSError) -> Swift.Void {
                let request = DeleteWidget.Request()
                try await self.core.send(
                    request.makeHTTPRequest(
                        projectId: projectId,
                        widgetId: widgetId,
                        xLanguage: xLanguage,
                        validation: self.validation
                    ),
                    envelope: DeleteWidget.envelope
                )
            }
        """#, "no-body")
        #expect(file.contains("    public static let envelope: CMSRuntime.CMSEnvelope? = nil\n"))
        let client = try #require(output.tree.files["Shared/CMSClient.swift"])
        #expect(client.contains("CMSRuntime.CMSTokenSigner(header: \"X-Auth-Token\", token: token)"))
        #expect(!client.contains("init(configuration:"), "no page documents C2")
        #expect(file.contains("xLanguage: CMSRuntime.CMSPathArgument.optionalValue(Swift.String.self, \"X-Language\", in: input.headerParameters)"))
        #expect(client.contains("        operations[\"deleteWidget\"] = DeleteWidget.operation\n"))
    }

    /// The envelope the schema decided becomes a constant of the namespace, its values and names literals.
    @Test func theEnvelopeIsAConstantOfTheNamespace() throws {
        var interface = Self.interface(response: [Self.field("resultCode", .string)])
        interface.envelope = Envelope(codes: [.init(name: "resultCode", successValues: ["0100000", "\"q\""])], messageFields: ["resultDesc"])
        let file = try Self.file(interface)
        Self.expectSnippet(Self.excerpt(file, from: "public static let envelope", to: "    )"), #"""
            public static let envelope: CMSRuntime.CMSEnvelope? = CMSRuntime.CMSEnvelope(
                codes: [CMSRuntime.CMSEnvelope.Code(name: "resultCode", successValues: ["0100000", "\"q\""])],
                messageFields: ["resultDesc"]
            )
        """#, "envelope")
    }

    /// An operation named like a keyword is declared with backticks; one that starts with a digit gets a namespace its
    /// method cannot hide.
    @Test func operationsNamedLikeKeywordsOrDigits() throws {
        let keyword = try Self.render(Self.interface(path: "/rest/cmsapp/v1/openapi/default"))
        let file = try #require(keyword.tree.files["Interfaces/Default.swift"])
        #expect(file.contains("    public func `default`() async throws(CMSRuntime.CMSError) -> Default.Response {"))
        #expect(file.contains("            return try await client.`default`()\n"))
        #expect(try #require(keyword.tree.files["Shared/CMSClient.swift"]).contains("        operations[\"default\"] = Default.operation\n"))
        let digit = try Self.render(Self.interface(path: "/rest/cmsapp/v1/openapi/1st"))
        let digitFile = try #require(digit.tree.files["Interfaces/Operation1st.swift"])
        #expect(digitFile.contains("public enum Operation1st {\n"))
        #expect(digitFile.contains("    public func _1st() async throws(CMSRuntime.CMSError) -> Operation1st.Response {"))
    }
}
