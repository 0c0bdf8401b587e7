import CMSSchema

/// One interface as an OpenAPI operation: parameters, request body, one response per documented status, and their
/// examples.
enum OperationObject {
    typealias Object = [String: JSONValue]

    static func operation(for interface: Interface, operationId: String, tag: String, objects: SchemaObject.Objects, defaultSecurity: [String], resultCodes: [ResultCode] = []) -> Object {
        var operation: Object = [
            "operationId": .string(operationId),
            "summary": .string(interface.title),
            "tags": .array([.string(tag)]),
        ]
        var description: [String] = []
        if let scenario = interface.scenario, !scenario.isEmpty { description.append(scenario) }
        if !interface.bmsInterfaces.isEmpty {
            description.append("Internal BMS interfaces: " + interface.bmsInterfaces.map { "`\($0)`" }.joined(separator: ", ") + ".")
        }
        if !description.isEmpty { operation["description"] = .string(description.joined(separator: "\n\n")) }

        let parameters = pathParameters(of: interface) + queryParameters(of: interface) + headerParameters(of: interface)
        if !parameters.isEmpty { operation["parameters"] = .array(parameters.map(JSONValue.object)) }
        if let body = requestBody(of: interface, objects: objects) { operation["requestBody"] = .object(body) }
        operation["responses"] = .object(responses(of: interface, objects: objects, resultCodes: resultCodes))
        let security = OpenAPIBuilder.securitySchemes(of: interface.authentication, fallback: defaultSecurity)
        if security != defaultSecurity { operation["security"] = OpenAPIBuilder.requirement(security) }
        if let envelope = interface.envelope {
            operation["x-cms-envelope"] = .object([
                "codes": .array(envelope.codes.map { code in
                    .object(["name": .string(code.name), "successValues": .array(code.successValues.map(JSONValue.string))])
                }),
                "messageFields": .array(envelope.messageFields.map(JSONValue.string)),
                "payloadFields": .array(envelope.payloadFields.map(JSONValue.string)),
            ])
        }
        if !interface.sources.isEmpty {
            operation["x-cms-sources"] = .array(interface.sources.map { .string($0.file) })
        }
        return operation
    }

    // MARK: - Parameters

    /// The documented path parameters, then any `{name}` of the path the page does not document (as strings).
    static func pathParameters(of interface: Interface) -> [Object] {
        var parameters: [Object] = []
        var named = Set<String>()
        for parameter in interface.pathParameters where named.insert(parameter.name).inserted {
            parameters.append(self.parameter(parameter, in: "path", required: true, interface: interface))
        }
        for name in templateNames(in: interface.path) where named.insert(name).inserted {
            parameters.append(self.parameter(
                Field(name: name, type: FieldType(kind: .string, raw: ""), description: "The page does not document this path parameter.",
                      location: interface.location),
                in: "path", required: true, interface: interface
            ))
        }
        return parameters
    }

    /// The `{name}` segments of a path template.
    static func templateNames(in path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The query parameters, as `in: query` parameters.
    static func queryParameters(of interface: Interface) -> [Object] {
        var named = Set<String>()
        return interface.queryParameters.filter { named.insert($0.name).inserted }.map { field in
            parameter(field, in: "query", required: field.requirement == .required, interface: interface)
        }
    }

    /// The header parameters a caller gives (not the media type, not the credentials: the security scheme says
    /// those), as `in: header` parameters.
    static func headerParameters(of interface: Interface) -> [Object] {
        var named = Set<String>()
        return interface.headerParameters.filter { named.insert($0.name.lowercased()).inserted }
            .map { field in parameter(field, in: "header", required: field.requirement == .required, interface: interface) }
    }

    /// A parameter object: its schema from the field, the description moved up beside it.
    static func parameter(_ field: Field, in location: String, required: Bool, interface: Interface) -> Object {
        var field = field
        field.requirement = required ? .unspecified : field.requirement
        var schema = SchemaObject.property(field, path: field.name, findings: .none, objects: .none(interface))
        var parameter: Object = ["name": .string(field.name), "in": .string(location)]
        if required { parameter["required"] = .bool(true) }
        if let description = schema.removeValue(forKey: "description") { parameter["description"] = description }
        parameter["schema"] = .object(schema)
        return parameter
    }

    // MARK: - Bodies

    /// The request body: the documented table as the schema, and the request examples.
    static func requestBody(of interface: Interface, objects: SchemaObject.Objects) -> Object? {
        let examples = interface.examples.filter { $0.role == .request }
        guard interface.hasRequestBody || !examples.isEmpty && interface.method.uppercased() != "GET" else { return nil }
        var (media, notes) = mediaType(body: interface.request, role: .request, examples: examples, observations: interface.observations, objects: objects)
        if let wrapper = interface.request?.exampleWrapper {
            notes.insert("Note: the documented example wraps the fields in an object `\(wrapper)` that the table does not show.", at: 0)
            media["x-cms-example-wrapper"] = .string(wrapper)
        }
        var body: Object = ["content": .object(["application/json": .object(media)])]
        if interface.request?.fields.contains(where: { $0.requirement == .required }) == true { body["required"] = .bool(true) }
        if !notes.isEmpty { body["description"] = .string(notes.joined(separator: "\n\n")) }
        return body
    }

    /// One response per documented status: its description, the documented table as the schema and the examples
    /// shown for it; no content when the page says the answer has no body. Only the success body's findings are the
    /// tables' observations.
    static func responses(of interface: Interface, objects: SchemaObject.Objects, resultCodes: [ResultCode] = []) -> Object {
        var responses: Object = [:]
        for documented in interface.responses where responses[String(documented.status)] == nil {
            let examples = interface.examples.filter { example in
                example.role == .response && (example.status == documented.status || example.status == nil && documented.isSuccess)
            }
            var response: Object = [:]
            var notes = [documented.description ?? reasonPhrase(documented.status)]
            if !documented.isEmpty, documented.body != nil || !examples.isEmpty {
                let observations = documented.isSuccess ? interface.observations : []
                var (media, exampleNotes) = mediaType(body: documented.body, role: .response, examples: examples, observations: observations, objects: objects)
                notes += exampleNotes
                if documented.isSuccess, let envelope = interface.envelope, case .object(let success)? = media["schema"] {
                    media["schema"] = .object(["anyOf": .array([.object(success), .object(failure(envelope))])])
                    notes.append("A failure comes with the same status: a result code that is not a success value, and the server's words in \(envelope.messageFields.map { "`\($0)`" }.joined(separator: " or ")).")
                }
                response["content"] = .object(["application/json": .object(media)])
            }
            response["description"] = .string(notes.joined(separator: "\n\n"))
            responses[String(documented.status)] = .object(response)
        }
        if responses.isEmpty { responses["200"] = .object(["description": .string("OK.")]) }
        // Signatures answer a failed check with 401 (the authentication page), whatever the page lists.
        if interface.authentication.accepts(.c2), responses["401"] == nil {
            responses["401"] = .object(["description": .string("The Authorization header is missing, or its signature does not match or has expired (C2 authentication).")])
        }
        if interface.authentication.accepts(.akSk), responses["401"] == nil {
            responses["401"] = .object(["description": .string("The Authorization or X-Sdk-Date header is missing, or the signature does not match or has expired (AK/SK authentication).")])
        }
        // A failure's body carries an error code of the reference's error-code appendix.
        if let errorBody = interface.errorBody {
            let schema = OperationObject.errorBody(errorBody, codes: resultCodes)
            for (status, value) in responses {
                guard let code = Int(status), !(200...299).contains(code), case .object(var response) = value, response["content"] == nil else { continue }
                response["content"] = .object(["application/json": .object(["schema": .object(schema)])])
                responses[status] = .object(response)
            }
            if responses["default"] == nil {
                responses["default"] = .object([
                    "description": .string("A failure: an error code of the reference and the server's message."),
                    "content": .object(["application/json": .object(["schema": .object(schema)])]),
                ])
            }
        }
        return responses
    }

    /// The body of a failure that carries an error code (`{"error_code": "…", "error_msg": "…"}`, or nested under
    /// `error`): the code as text, the documented codes listed in the description.
    static func errorBody(_ errorBody: ErrorBody, codes: [ResultCode]) -> Object {
        /// Puts `leaf` at the dotted `path` of `properties`, making (or joining) the objects on the way.
        func insert(_ path: [String], _ leaf: Object, into properties: inout Object) {
            guard let first = path.first else { return }
            guard path.count > 1 else {
                properties[first] = .object(leaf)
                return
            }
            var nested: Object = [:]
            if case .object(let existing)? = properties[first], case .object(let inner)? = existing["properties"] { nested = inner }
            insert(Array(path.dropFirst()), leaf, into: &nested)
            properties[first] = .object(["type": .string("object"), "properties": .object(nested)])
        }
        let documented = codes.filter { $0.status != nil }.map { "- \($0.code) (\($0.status!)): \($0.description)" }
        var codeSchema: Object = ["type": .string("string")]
        if !documented.isEmpty { codeSchema["description"] = .string("The error codes of the reference:\n" + documented.joined(separator: "\n")) }
        var properties: Object = [:]
        insert(errorBody.codeField.split(separator: ".").map(String.init), codeSchema, into: &properties)
        if let message = errorBody.messageField {
            insert(message.split(separator: ".").map(String.init), ["type": .string("string")], into: &properties)
        }
        return ["type": .string("object"), "properties": .object(properties)]
    }

    /// The body of a failure the envelope reports with the success status: a result code that is not a success
    /// value (text, or a number for a legacy code), and the message fields as text.
    static func failure(_ envelope: Envelope) -> Object {
        guard let code = envelope.codes.first else { return ["type": .string("object")] }
        var properties: Object = [
            code.name: .object([
                "type": .array([.string("string"), .string("integer")]),
                "not": .object(["enum": .array(code.successValues.map(JSONValue.string))]),
            ]),
        ]
        for field in envelope.messageFields where field != code.name {
            properties[field] = .object(["type": .array([.string("string"), .string("null")])])
        }
        return ["type": .string("object"), "required": .array([.string(code.name)]), "properties": .object(properties)]
    }

    /// "OK.", "Created.", … for a status the page names without describing it.
    static func reasonPhrase(_ status: Int) -> String {
        let phrases = [
            200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
        ]
        return (phrases[status] ?? "HTTP \(status)") + "."
    }

    /// A media type object: `schema` from the body, `example` or `examples` from the valid JSON examples.
    /// Examples that are not JSON come back as notes for the description.
    static func mediaType(body: Body?, role: Example.Role, examples: [Example], observations: [Observation], objects: SchemaObject.Objects) -> (Object, [String]) {
        var media: Object = [:]
        var notes: [String] = []
        if let body {
            let findings = Findings(observations, role: role, wrapper: body.exampleWrapper)
            media["schema"] = .object(SchemaObject.object(fields: body.fields, path: "", findings: findings, objects: objects))
        }
        var values: [JSONValue] = []
        for example in examples {
            if let json = example.json {
                if !values.contains(json) { values.append(json) }
            } else {
                notes.append("Note: the documented \(role.phrase) example (\(example.location)) is not valid JSON:\n\n```\n\(example.text)\n```")
            }
        }
        if values.count == 1 {
            media["example"] = values[0]
        } else if values.count > 1 {
            var named: Object = [:]
            for (offset, value) in values.enumerated() { named["example\(offset + 1)"] = .object(["value": value]) }
            media["examples"] = .object(named)
        }
        return (media, notes)
    }
}
