import CMSExtraction
@testable import CMSOpenAPI
import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The OpenAPI view of the schema: valid OpenAPI 3.1, faithful to the tables, deterministic.
@Suite struct OpenAPITests {
    /// The package's `specs` folder, found from this file's path.
    static let specsDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/specs"
    }()

    /// The schema of the bundled pages.
    static let specsSchema: SchemaDocument = SchemaBuilder.build(paths: ["specs"], relativeTo: TestSupport.packageRoot).schema

    static let seedPath = "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo"

    // MARK: - Validity

    @Test func bundledPagesGiveAValidOpenAPIDocument() async throws {
        let document = OpenAPIBuilder.document(for: Self.specsSchema)
        #expect(Self.member(document, "openapi") == .string("3.1.0"))
        try await Self.expectValidOpenAPI(document)
    }

    @Test func handBuiltSchemaGivesAValidOpenAPIDocument() async throws {
        try await Self.expectValidOpenAPI(OpenAPIBuilder.document(for: Self.snippetSchema))
    }

    // MARK: - The seed interface

    @Test func seedOperationCarriesTheDocumentedFacts() throws {
        let document = OpenAPIBuilder.document(for: Self.specsSchema)
        let operation = try #require(Self.member(document, "paths", Self.seedPath, "post"), "no POST \(Self.seedPath)")
        #expect(Self.member(operation, "operationId") == .string("callDataQueryDetailCallInfo"), "the client's method name")
        #expect(Self.member(operation, "tags") == .array([.string("calldata")]))

        let request = try #require(Self.member(operation, "requestBody", "content", "application/json", "schema"))
        #expect(Self.member(operation, "requestBody", "required") == .bool(true))
        #expect(Set(Self.strings(Self.member(request, "required"))) == ["ccId", "vdn", "callId"])
        #expect(Self.member(request, "properties", "ccId", "type") == .string("integer"))
        #expect(Self.member(request, "properties", "ccId", "minimum") == .integer(1))
        #expect(Self.member(request, "properties", "ccId", "maximum") == .integer(65535))
        #expect(Self.member(request, "properties", "vdn", "minimum") == .integer(1))
        #expect(Self.member(request, "properties", "vdn", "maximum") == .integer(5000))
        #expect(Self.member(request, "properties", "callId", "type") == .string("string"))
        #expect(Self.member(request, "properties", "callId", "maxLength") == .integer(20))

        // The success body, or a failure with the same status: the envelope's code not a success value.
        let alternatives = Self.array(Self.member(operation, "responses", "200", "content", "application/json", "schema", "anyOf"))
        try #require(alternatives.count == 2)
        let response = alternatives[0]
        #expect(alternatives[1] == .object([
            "type": .string("object"), "required": .array([.string("resultCode")]),
            "properties": .object([
                "resultCode": .object(["type": .array([.string("string"), .string("integer")]), "not": .object(["enum": .array([.string("0100000")])])]),
                "resultDesc": .object(["type": .array([.string("string"), .string("null")])]),
                "resultDatas": .object(["type": .array([.string("string"), .string("null")])]),
            ]),
        ]))
        #expect(Self.keys(Self.member(response, "properties")) == ["result", "resultCode", "resultDatas", "resultDesc"])
        // resultDesc and resultDatas share Table 4: one component, referred to from both; each optional, so null too.
        let nullable = Self.array(Self.member(response, "properties", "resultDesc", "anyOf"))
        let reference = try #require(nullable.first.flatMap { Self.string(Self.member($0, "$ref")) })
        #expect(nullable.last == .object(["type": .string("null")]))
        #expect(Self.member(response, "properties", "resultDatas", "anyOf") == .array(nullable))
        #expect(Self.member(response, "properties", "resultDesc", "type") == nil, "an object type beside the reference would refuse null")
        #expect(Self.member(operation, "responses", "401") != nil, "C2 answers a bad signature with 401")
        let resultDesc = try #require(Self.member(document, "components", "schemas", String(reference.dropFirst("#/components/schemas/".count))))
        #expect(Self.member(resultDesc, "title") == .string("Table 4 Parameters of resultDesc or resultDatas"))
        // Exactly the rows of Table 4 as the extractor read them: the component's properties are the table's fields.
        let seed = try #require(Self.specsSchema.interfaces.first { $0.path == Self.seedPath })
        let table4 = try #require(seed.response?.fields.first { $0.name == "resultDesc" })
        #expect(!seed.fields(of: table4).isEmpty)
        #expect(Set(Self.keys(Self.member(resultDesc, "properties"))) == Set(seed.fields(of: table4).map(\.name)))
        let callFeature = try #require(Self.member(resultDesc, "properties", "callFeature"))
        // The table says string, the example sends a number, and the field is optional.
        #expect(Self.member(callFeature, "type") == .array([.string("string"), .string("integer"), .string("null")]))
        let description = Self.string(Self.member(callFeature, "description")) ?? ""
        #expect(description.contains("Note: the documented response example sends a number."), "description: \(description)")
        #expect(Self.member(callFeature, "x-cms-observed-types") == .array([.string("integer")]))

        // Headers: Content-Type and Authorization are described by the media type and the security scheme.
        let parameterNames = Self.array(Self.member(operation, "parameters")).compactMap { Self.string(Self.member($0, "name")) }
        #expect(!parameterNames.contains("Content-Type") && !parameterNames.contains("Authorization"))

        let scheme = try #require(Self.member(document, "components", "securitySchemes", "C2"))
        #expect(Self.member(scheme, "type") == .string("apiKey"))
        #expect(Self.member(scheme, "in") == .string("header"))
        #expect(Self.member(scheme, "name") == .string("Authorization"))
        #expect(Self.member(document, "security") == .array([.object(["C2": .array([])])]))

        let codes = Self.array(Self.member(document, "x-cms-result-codes")).compactMap { Self.string(Self.member($0, "code")) }
        #expect(codes.contains("0100002"))
        #expect(Self.strings(Self.member(document, "components", "schemas", "ResultCode", "enum")).contains("0100002"))
    }

    /// Query parameters are `in: query` parameters; a value the URL fixes is a `const`; a GET has no request body.
    @Test func queryParametersAndBodilessRequests() async throws {
        let schema = SchemaBuilder.build(paths: ["Tests/Torture/specs"], relativeTo: TestSupport.packageRoot).schema
        let document = OpenAPIBuilder.document(for: schema)
        try await Self.expectValidOpenAPI(document)
        let called = try #require(Self.member(document, "paths", "/rest/cmsapp/v1/openapi/configures/calledconfigs/{ccId}/{vdn}", "get"))
        let parameters = Self.array(Self.member(called, "parameters"))
        #expect(parameters.map { "\(Self.string(Self.member($0, "in")) ?? "?") \(Self.string(Self.member($0, "name")) ?? "?")" } == ["path ccId", "path vdn", "query a", "query b"])
        #expect(Self.member(called, "requestBody") == nil)
        let fixed = try #require(Self.member(document, "paths", "/rest/cmsapp/v1/openapi/torture/fixedquery", "get"))
        let version = try #require(Self.array(Self.member(fixed, "parameters")).first { Self.member($0, "name") == .string("version") })
        #expect(Self.member(version, "required") == .bool(true))
        #expect(Self.member(version, "schema", "const") == .string("2"))
        // A clique of ten tables is ten components, each written once.
        let clique = try #require(Self.member(document, "paths", "/rest/cmsapp/v1/openapi/torture/clique", "post"))
        #expect(try SchemaJSON.encode(clique).count < 20_000)
    }

    /// The second layout: statuses other than 200 (with and without a body), a token header as the security scheme,
    /// query parameters, maps and booleans, and the envelope that CC-CMS pages carry and these do not.
    @Test func secondLayoutStatusesTokensMapsAndBooleans() async throws {
        let schema = SchemaBuilder.build(paths: ["Tests/Cloud/specs", "Tests/Fixtures/cloud/status-paragraphs.html"], relativeTo: TestSupport.packageRoot).schema
        let document = OpenAPIBuilder.document(for: schema)
        try await Self.expectValidOpenAPI(document)
        #expect(Self.member(document, "security") == .array([.object(["X-Auth-Token": .array([])])]))
        #expect(Self.member(document, "components", "securitySchemes", "X-Auth-Token", "in") == .string("header"))
        #expect(Self.member(document, "components", "securitySchemes", "X-Auth-Token", "name") == .string("X-Auth-Token"))
        #expect(Self.member(document, "components", "securitySchemes", "C2") == nil, "no page documents C2")
        #expect(Self.member(Self.array(Self.member(document, "servers"))[0], "url") == .string("https://{endpoint}"))

        let create = try #require(Self.member(document, "paths", "/v3/{project_id}/widgets", "post"))
        #expect(Self.keys(Self.member(create, "responses")) == ["201"])
        #expect(Self.member(create, "responses", "201", "description") == .string("Normal response to POST requests."))
        let widget = try #require(Self.member(create, "responses", "201", "content", "application/json", "schema", "properties", "widget"))
        #expect(Self.member(widget, "properties", "labels", "type") == .array([.string("object"), .string("null")]))
        #expect(Self.member(widget, "properties", "labels", "additionalProperties") == .object(["type": .string("string")]))
        #expect(Self.member(widget, "properties", "enabled", "type") == .array([.string("boolean"), .string("null")]))
        let option = try #require(Self.member(create, "requestBody", "content", "application/json", "schema", "properties", "widget"))
        #expect(Self.member(option, "properties", "enabled", "default") == .bool(true))
        #expect(Self.member(create, "x-cms-envelope") == nil)

        let delete = try #require(Self.member(document, "paths", "/v3/{project_id}/widgets/{widget_id}", "delete"))
        #expect(Self.keys(Self.member(delete, "responses")) == ["204"])
        #expect(Self.member(delete, "responses", "204", "content") == nil, "a 204 has no body")

        let list = try #require(Self.member(document, "paths", "/v3/{project_id}/widgets", "get"))
        let parameters = Self.array(Self.member(list, "parameters"))
        #expect(parameters.map { "\(Self.string(Self.member($0, "in")) ?? "?") \(Self.string(Self.member($0, "name")) ?? "?")" } == ["path project_id", "query limit", "query marker", "query kind"])
        #expect(!parameters.contains { Self.member($0, "name") == .string("X-Auth-Token") }, "the token is the security scheme, not a parameter")

        // One response per documented status, each with its own body.
        let register = try #require(Self.member(document, "paths", "/v3/{project_id}/gadgets/register", "post"))
        // The page's error codes come with HTTP statuses: a failure's body carries one, where the page documents none
        // (404) and for every other status (`default`).
        #expect(Self.keys(Self.member(register, "responses")) == ["201", "400", "404", "default"])
        #expect(Self.keys(Self.member(register, "responses", "400", "content", "application/json", "schema", "properties")) == ["error_code", "error_msg"])
        for status in ["404", "default"] {
            #expect(Self.keys(Self.member(register, "responses", status, "content", "application/json", "schema", "properties")) == ["error_code", "error_msg"])
        }
    }

    /// CC-CMS's decision about the envelope reaches the document as it is in the schema.
    @Test func theEnvelopeOfCCCMSPagesIsExported() throws {
        let document = OpenAPIBuilder.document(for: Self.specsSchema)
        let operation = try #require(Self.member(document, "paths", Self.seedPath, "post"))
        let envelope = try #require(Self.member(operation, "x-cms-envelope"))
        #expect(Self.member(envelope, "codes") == .array([
            .object(["name": .string("resultCode"), "successValues": .array([.string("0100000")])]),
            .object(["name": .string("result"), "successValues": .array([.string("0")])]),
        ]))
        #expect(Self.member(document, "security") == .array([.object(["C2": .array([])])]))
    }

    @Test func operationIdsAreUniqueAndTellSharedLastSegmentsApart() throws {
        let document = OpenAPIBuilder.document(for: Self.specsSchema)
        var ids: [String] = []
        for (_, item) in Self.sortedMembers(Self.member(document, "paths")) {
            for (_, operation) in Self.sortedMembers(item) { ids.append(Self.string(Self.member(operation, "operationId")) ?? "") }
        }
        #expect(ids.count == Self.specsSchema.interfaces.count)
        #expect(Set(ids).count == ids.count, "duplicate operation ids: \(ids)")

    }

    /// The OpenAPI operationId of every interface is the generated client's method name: one identity, decided once
    /// (`OperationIdentity`) and stored in the schema.
    @Test(arguments: ["specs", "Tests/Naming/specs", "Tests/Published/cloud", "Tests/Torture/specs", "Tests/Cloud/specs"])
    func operationIdsAreTheClientsMethodNames(folder: String) throws {
        let schema = SchemaBuilder.build(paths: [folder], relativeTo: TestSupport.packageRoot).schema
        let document = OpenAPIBuilder.document(for: schema)
        var ids: [String: String] = [:]
        for (path, item) in Self.sortedMembers(Self.member(document, "paths")) {
            for (method, operation) in Self.sortedMembers(item) {
                ids["\(method.uppercased()) \(path)"] = Self.string(Self.member(operation, "operationId"))
            }
        }
        let methods = ClientPlan(schema: schema).operationsByKey
        #expect(!methods.isEmpty)
        for (key, method) in methods {
            #expect(ids[key] == method, "\(key): OpenAPI says \(ids[key] ?? "nothing"), the client \(method)")
        }
        #expect(Set(ids.values).count == ids.count, "operation ids are unique")
    }

    // MARK: - Field mapping

    @Test func fieldsMapToTheExpectedJSONSchema() throws {
        let document = OpenAPIBuilder.document(for: Self.snippetSchema)
        let operation = try #require(Self.member(document, "paths", "/rest/cmsapp/v1/openapi/sample/query", "post"))
        let request = try #require(Self.member(operation, "requestBody", "content", "application/json", "schema"))
        #expect(Self.member(request, "required") == .array([.string("duration")]))

        #expect(Self.member(request, "properties", "duration") == .object([
            "type": .string("integer"), "format": .string("int64"), "minimum": .integer(0),
            "description": .string("Call duration, in seconds."),
        ]))
        #expect(Self.member(request, "properties", "agentIds") == .object([
            "type": .array([.string("array"), .string("null")]), "maxItems": .integer(100),
            "items": .object(["type": .string("integer"), "format": .string("int32"), "minimum": .integer(101), "maximum": .integer(59999)]),
            "description": .string("Agent IDs."),
        ]))
        #expect(Self.member(request, "properties", "status") == .object([
            "type": .array([.string("integer"), .string("null")]), "format": .string("int64"), "enum": .array([.integer(0), .integer(1), .null]),
            "description": .string("Agent status.\n\nValues:\n- 0: idle\n- 1: busy"),
        ]))
        #expect(Self.member(request, "properties", "mode") == .object([
            "type": .array([.string("integer"), .string("null")]), "format": .string("int64"),
            "x-cms-values": .array([
                .object(["value": .string("A"), "meaning": .string("automatic")]),
                .object(["value": .string("M"), "meaning": .string("manual")]),
            ]),
            "description": .string("Mode.\n\nValues:\n- A: automatic\n- M: manual"),
        ]))
        #expect(Self.member(request, "properties", "agentId") == .object([
            "type": .array([.string("integer"), .string("null")]), "format": .string("int32"), "minimum": .integer(101), "maximum": .integer(999999),
            "anyOf": .array([
                .object(["minimum": .integer(101), "maximum": .integer(59999)]),
                .object(["minimum": .integer(70000), "maximum": .integer(999999)]),
            ]),
            "description": .string("Agent ID.\n\nAllowed ranges: 101 to 59999, 70000 to 999999.\n\nMandatory only under the conditions this description states."),
        ]))

        let response = try #require(Self.member(operation, "responses", "200", "content", "application/json", "schema"))
        #expect(Self.member(response, "properties", "resultCode") == .object([
            "type": .array([.string("string"), .string("null")]),
            "x-cms-values": .array([.object(["value": .string("0100000"), "meaning": .string("success")])]),
            "x-cms-other-values": .string("failure"),
            "description": .string("Result code.\n\nValues:\n- 0100000: success\n\nOther values are possible and mean: failure."),
        ]))
        #expect(Self.member(response, "properties", "details") == .object([
            "type": .array([.string("array"), .string("null")]),
            "description": .string("Call details."),
            "x-cms-type-name": .string("callinDetail"),
            "items": .object([
                "type": .string("object"),
                "required": .array([.string("id")]),
                "properties": .object([
                    "id": .object(["type": .string("integer"), "format": .string("int64")]),
                    "name": .object(["type": .array([.string("string"), .string("null")]), "maxLength": .integer(10)]),
                    "loginDate": .object([
                        "type": .array([.string("integer"), .string("null")]), "format": .string("int64"), "x-cms-format": .string("timestamp-ms"),
                        "description": .string("Sign-in time.\n\nThe page documents the type as Date; the value is a Unix timestamp in milliseconds, so the schema types it as an integer."),
                    ]),
                    "flag": .object([
                        "type": .array([.string("string"), .string("integer"), .string("null")]),
                        "x-cms-observed-types": .array([.string("integer")]),
                        "description": .string("Flag.\n\nNote: the documented response example sends a number."),
                    ]),
                ]),
            ]),
        ]))
        #expect(Self.member(operation, "responses", "200", "content", "application/json", "example") == .object(["resultCode": .string("0100000")]))
        let requestDescription = Self.string(Self.member(operation, "requestBody", "description")) ?? ""
        #expect(requestDescription.contains("is not valid JSON") && requestDescription.contains("{ duration: 1 }"))
        #expect(Self.member(operation, "requestBody", "content", "application/json", "example") == nil)
    }

    // MARK: - Determinism

    @Test func sameSchemaGivesTheSameBytes() throws {
        let first = try SchemaJSON.encode(OpenAPIBuilder.document(for: Self.specsSchema))
        let second = try SchemaJSON.encode(OpenAPIBuilder.document(for: Self.specsSchema))
        #expect(first == second)
        var reversed = Self.specsSchema
        reversed.interfaces.reverse()
        #expect(try SchemaJSON.encode(OpenAPIBuilder.document(for: reversed)) == first)
    }

    // MARK: - A hand-built schema

    static let snippetSchema: SchemaDocument = {
        let location = SourceLocation(file: "sample.html", line: 1)
        var objects: [ObjectType] = []
        func field(_ name: String, _ kind: FieldType.Kind, element: FieldType.Kind? = nil, typeName: String? = nil, raw: String? = nil,
                   _ requirement: Requirement = .unspecified, _ description: String = "", constraints: Constraints = Constraints(),
                   enumeration: Enumeration? = nil, fields: [Field] = []) -> Field {
            var field = Field(name: name, type: FieldType(kind: kind, element: element, name: typeName, raw: raw ?? kind.rawValue), requirement: requirement,
                              description: description, constraints: constraints, enumeration: enumeration, location: location)
            if !fields.isEmpty {
                field.object = "Parameters of \(name)"
                objects.append(ObjectType(id: "Parameters of \(name)", table: "Parameters of \(name)", fields: fields, location: location))
            }
            return field
        }
        func values(_ pairs: [(String, String)], closed: Bool, other: String? = nil) -> Enumeration {
            Enumeration(values: pairs.map { EnumValue(value: $0.0, meaning: $0.1) }, closed: closed, otherValues: other, location: location)
        }
        let request = Body(table: "Table 2", fields: [
            field("duration", .long, .required, "Call duration, in seconds.", constraints: Constraints(minimum: 0)),
            field("agentIds", .array, element: .integer, .optional, "Agent IDs.",
                  constraints: Constraints(maxItems: 100, items: ItemConstraints(minimum: 101, maximum: 59999))),
            field("status", .integer, .optional, "Agent status.", enumeration: values([("0", "idle"), ("1", "busy")], closed: true)),
            field("mode", .integer, .optional, "Mode.", enumeration: values([("A", "automatic"), ("M", "manual")], closed: true)),
            field("agentId", .integer, .conditional, "Agent ID.",
                  constraints: Constraints(minimum: 101, maximum: 999999, ranges: [ValueRange(101, 59999), ValueRange(70000, 999999)])),
        ], location: location)
        let response = Body(table: "Table 3", fields: [
            field("resultCode", .string, .unspecified, "Result code.", enumeration: values([("0100000", "success")], closed: false, other: "failure")),
            field("details", .array, element: .object, typeName: "callinDetail", .unspecified, "Call details.", fields: [
                field("id", .integer, .required),
                field("name", .string, constraints: Constraints(maxLength: 10)),
                field("loginDate", .date, raw: "Date", .unspecified, "Sign-in time.", constraints: Constraints(format: "timestamp-ms")),
                field("flag", .string, .unspecified, "Flag."),
            ]),
        ], location: location)
        let interface = Interface(
            title: "Sample", scenario: "A sample.", method: "POST", path: "/rest/cmsapp/v1/openapi/sample/query",
            headers: [
                field("Content-Type", .string, .required, constraints: Constraints(fixedValue: "application/json")),
                field("Authorization", .string, .required),
                field("X-Trace", .string, .optional, "A trace ID."),
            ],
            request: request, response: response, objects: objects,
            examples: [
                Example(role: .request, text: "{ duration: 1 }", json: nil, location: location),
                Example(role: .response, text: #"{"resultCode":"0100000"}"#, json: .object(["resultCode": .string("0100000")]), location: location),
            ],
            observations: [
                Observation(kind: .typeMismatch, role: .response, path: "details.flag", documented: "string", observed: "integer",
                            message: "'details.flag' is documented as String but the response example sends a number (0)", location: location),
            ],
            sources: [Source(file: "sample.html", format: .html, language: "en", primary: true)],
            location: location
        )
        return SchemaDocument(interfaces: [interface], resultCodes: [ResultCode(code: "0100000", description: "Success.", location: location)])
    }()

    // MARK: - Helpers

    /// Validates `document` with Python's `openapi-spec-validator`; records an issue (never passes silently)
    /// when python3 or the module is missing.
    static func expectValidOpenAPI(_ document: JSONValue, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let probe = try await runPython(["-c", "import openapi_spec_validator"])
        try #require(probe.status == 0, """
            OpenAPI validation needs python3 with the openapi-spec-validator module (pip install openapi-spec-validator); \
            `python3 -c "import openapi_spec_validator"` exited with \(probe.status): \(probe.stderr)
            """, sourceLocation: sourceLocation)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cmskit-openapi-\(UUID().uuidString).json")
        try SchemaJSON.encode(document).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = "from openapi_spec_validator import validate; import json,sys; validate(json.load(open(sys.argv[1])))"
        let result = try await runPython(["-c", script, file.path])
        #expect(result.status == 0, "openapi-spec-validator rejected the document:\n\(result.stderr)\(result.stdout)", sourceLocation: sourceLocation)
    }

    /// Runs `python3 ARGUMENTS` through `/usr/bin/env`; output goes through files so that no pipe can fill up.
    static func runPython(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory
        let outURL = directory.appendingPathComponent("cmskit-python-\(UUID().uuidString).out")
        let errURL = directory.appendingPathComponent("cmskit-python-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try await ChildProcess.run(process)
        try out.close()
        try err.close()
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, stdout, stderr)
    }

    static func member(_ value: JSONValue?, _ keys: String...) -> JSONValue? {
        var current = value
        for key in keys {
            guard case .object(let members)? = current else { return nil }
            current = members[key]
        }
        return current
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let elements)? = value { return elements }
        return []
    }

    static func strings(_ value: JSONValue?) -> [String] { array(value).compactMap { string($0) } }

    static func keys(_ value: JSONValue?) -> [String] { sortedMembers(value).map(\.key) }

    static func sortedMembers(_ value: JSONValue?) -> [(key: String, value: JSONValue)] {
        if case .object(let members)? = value { return members.sorted { $0.key < $1.key } }
        return []
    }
}
