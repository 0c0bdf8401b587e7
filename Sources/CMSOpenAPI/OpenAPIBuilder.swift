import CMSSchema

/// The schema as an OpenAPI 3.1 document.
///
/// Each interface becomes one operation; its tables become JSON Schemas, its examples media-type examples.
/// The document says what the tables document: where an example disagrees, the type stays and the property's
/// description and `x-cms-observed-types` say what the example sends. Write the result with `SchemaJSON.encode`.
public enum OpenAPIBuilder {
    /// The name of the security scheme of CC-CMS's C2 authentication.
    public static let securitySchemeName = "C2"

    /// The security scheme of an interface: `C2`, or the token header's name (`X-Auth-Token`); `fallback` when the
    /// page does not say.
    static func securityScheme(of authentication: Authentication, fallback: String) -> String {
        switch authentication.scheme {
        case .c2: securitySchemeName
        case .token: authentication.header ?? "X-Auth-Token"
        case .unspecified: fallback
        }
    }

    /// The OpenAPI 3.1 document of `schema`, as a JSON value. The same schema always gives the same value.
    public static func document(for schema: SchemaDocument, title: String = "CC-CMS openapi", version: String = "1.0.0") -> JSONValue {
        let interfaces = schema.interfaces.enumerated()
            .sorted { ($0.element.path, $0.element.method, $0.offset) < ($1.element.path, $1.element.method, $1.offset) }
            .map(\.element)
        let operationIds = OperationNaming.operationIds(for: interfaces)

        // The scheme of the pages that say nothing: C2 unless only token headers are documented.
        let schemes = interfaces.map(\.authentication)
        let defaultSecurity = schemes.contains { $0.scheme == .c2 } || !schemes.contains { $0.scheme == .token }
            ? securitySchemeName : securityScheme(of: schemes.first { $0.scheme == .token }!, fallback: securitySchemeName)
        var paths: [String: [String: JSONValue]] = [:]
        var tags = Set<String>()
        var skipped: [JSONValue] = []
        var objectSchemas: [String: JSONValue] = [:]
        for (interface, operationId) in zip(interfaces, operationIds) {
            let method = interface.method.lowercased()
            let path = interface.path.hasPrefix("/") ? interface.path : "/" + interface.path
            guard httpMethods.contains(method), paths[path]?[method] == nil else {
                skipped.append(.string("\(interface.method) \(interface.path)"))
                continue
            }
            let tag = OperationNaming.tag(forPath: path)
            tags.insert(tag)
            let objects = SchemaObject.Objects(interface: interface, operationId: operationId)
            paths[path, default: [:]][method] = .object(OperationObject.operation(for: interface, operationId: operationId, tag: tag, objects: objects, defaultSecurity: defaultSecurity))
            objectSchemas.merge(objects.components) { first, _ in first }
        }

        var document: [String: JSONValue] = [
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string(title),
                "version": .string(version),
                "description": .string(
                    "The CC-CMS interfaces, as the interface pages document them. What JSON Schema cannot express "
                        + "(option meanings, notes, what the examples show) is in the descriptions and in `x-cms-*` keywords."
                ),
            ]),
            "servers": .array([defaultSecurity == securitySchemeName ? server : endpointServer]),
            "security": .array([.object([defaultSecurity: .array([])])]),
            "tags": .array(tags.sorted().map { .object(["name": .string($0)]) }),
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": .object(components(schema, interfaces: interfaces, objectSchemas: objectSchemas, defaultSecurity: defaultSecurity)),
            "x-cms-result-codes": .array(schema.resultCodes.map { code in
                .object(["code": .string(code.code), "description": .string(code.description)])
            }),
        ]
        if !skipped.isEmpty { document["x-cms-skipped-interfaces"] = .array(skipped) }
        return .object(document)
    }

    /// The methods OpenAPI has operations for.
    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// `https://{ip}:{port}`, as the pages give the request URL.
    static let server: JSONValue = .object([
        "url": .string("https://{ip}:{port}"),
        "description": .string("The NSLB server in front of the CC-CMS service."),
        "variables": .object([
            "ip": .object([
                "default": .string("127.0.0.1"),
                "description": .string("The IP address of the NSLB server or, on the public cloud, the domain name used to access the service."),
            ]),
            "port": .object([
                "default": .string("443"),
                "description": .string("The HTTPS port number of the CC-CMS service mapped on the NSLB server."),
            ]),
        ]),
    ])

    /// `https://{endpoint}`, for services that the pages address by endpoint.
    static let endpointServer: JSONValue = .object([
        "url": .string("https://{endpoint}"),
        "description": .string("The endpoint of the service in its region."),
        "variables": .object(["endpoint": .object(["default": .string("127.0.0.1"), "description": .string("The host (and port) of the service.")])]),
    ])

    /// The security schemes (C2, and one per token header) and the `ResultCode` schema.
    static func components(_ schema: SchemaDocument, interfaces: [Interface], objectSchemas: [String: JSONValue], defaultSecurity: String) -> [String: JSONValue] {
        var description = "C2 authentication of the CC-CMS monitoring, system outbound call, CDR and knowledge base interfaces. "
            + "The Authorization header has the form `auth-v2/{AK}/{timestamp}/{signedHeaders}/{signature}`: "
            + "the app key (AK), the signing time, the names of the signed request headers, and the signature computed with the secret key."
        var documented: [String] = []
        for interface in interfaces {
            for header in interface.headers where header.name.lowercased() == "authorization" && !header.description.isEmpty {
                if !documented.contains(header.description) { documented.append(header.description) }
            }
        }
        if !documented.isEmpty { description += "\n\n" + documented.joined(separator: "\n\n") }

        var securitySchemes: [String: JSONValue] = [:]
        let used = Set(interfaces.map { securityScheme(of: $0.authentication, fallback: defaultSecurity) })
        if used.contains(securitySchemeName) || interfaces.isEmpty {
            securitySchemes[securitySchemeName] = .object([
                "type": .string("apiKey"), "in": .string("header"), "name": .string("Authorization"), "description": .string(description),
            ])
        }
        for header in used.subtracting([securitySchemeName]).sorted() {
            let documented = interfaces.lazy.flatMap(\.headers).first { $0.name == header && !$0.description.isEmpty }?.description
            securitySchemes[header] = .object([
                "type": .string("apiKey"), "in": .string("header"), "name": .string(header),
                "description": .string(documented ?? "A token in the \(header) header."),
            ])
        }
        var components: [String: JSONValue] = ["securitySchemes": .object(securitySchemes)]
        var schemas = objectSchemas
        if !schema.resultCodes.isEmpty {
            var seen = Set<String>()
            let codes = schema.resultCodes.map(\.code).filter { seen.insert($0).inserted }
            let meanings = schema.resultCodes.map { "- \($0.code): \($0.description)" }.joined(separator: "\n")
            schemas["ResultCode"] = .object([
                "type": .string("string"),
                "enum": .array(codes.map(JSONValue.string)),
                "description": .string("The result codes of the Error Code Reference:\n" + meanings),
            ])
        }
        if !schemas.isEmpty { components["schemas"] = .object(schemas) }
        return components
    }
}
