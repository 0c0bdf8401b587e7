import CMSRendering
import CMSSchema

/// The schema as an OpenAPI 3.1 document.
///
/// Each interface becomes one operation; its tables become JSON Schemas, its examples media-type examples.
/// The document says what the tables document: where an example disagrees, the type stays and the property's
/// description and `x-cms-observed-types` say what the example sends. Write the result with `SchemaJSON.encode`.
public enum OpenAPIBuilder {
    /// The name of the security scheme of CC-CMS's C2 authentication.
    public static let securitySchemeName = "C2"
    /// The name of the security scheme of AK/SK signing through the vendor's API gateway (SDK-HMAC-SHA256).
    public static let akSkSchemeName = "AKSK"

    /// The security schemes an interface accepts, any one of which will do: `C2`, `AKSK`, or the token header's name
    /// (`X-Auth-Token`); none for an interface that needs no authentication; `fallback` when the page does not say.
    static func securitySchemes(of authentication: Authentication, fallback: [String]) -> [String] {
        var names: [String] = []
        for accepted in authentication.accepted {
            switch accepted.scheme {
            case .c2: names.append(securitySchemeName)
            case .token: names.append(accepted.header ?? "X-Auth-Token")
            case .akSk: names.append(akSkSchemeName)
            case .none: return []
            case .unspecified: return fallback
            }
        }
        return names
    }

    /// The schemes of the pages that say nothing: those most interfaces document alike (C2 when none documents any, as
    /// CC-CMS pages document C2).
    static func defaultSecurity(of interfaces: [Interface]) -> [String] {
        var counts: [[String]: Int] = [:]
        var order: [[String]] = []
        for interface in interfaces where ![.unspecified, .none].contains(interface.authentication.scheme) {
            let schemes = securitySchemes(of: interface.authentication, fallback: [])
            if counts[schemes] == nil { order.append(schemes) }
            counts[schemes, default: 0] += 1
        }
        return order.max { counts[$0]! < counts[$1]! || counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)! }
            ?? [securitySchemeName]
    }

    /// A security requirement array: any one of the schemes will do; an empty array asks for none.
    static func requirement(_ schemes: [String]) -> JSONValue {
        .array(schemes.map { .object([$0: .array([])]) })
    }

    /// The OpenAPI 3.1 document of `schema`, as a JSON value. The same schema always gives the same value.
    ///
    /// Each operation's `operationId` is the one the schema carries (`Interface.operationId`), which is also the
    /// generated client's method name; a schema that carries none is named by the same rule first.
    public static func document(for schema: SchemaDocument, title: String = "CC-CMS openapi", version: String = "1.0.0") -> JSONValue {
        let schema = OperationIdentity.assigned(schema)
        let interfaces = schema.interfaces.enumerated()
            .sorted { ($0.element.path, $0.element.method, $0.offset) < ($1.element.path, $1.element.method, $1.offset) }
            .map(\.element)
        let operationIds = interfaces.map { $0.operationId ?? "operation" }

        let defaultSecurity = defaultSecurity(of: interfaces)
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
            paths[path, default: [:]][method] = .object(OperationObject.operation(for: interface, operationId: operationId, tag: tag, objects: objects, defaultSecurity: defaultSecurity, resultCodes: schema.resultCodes))
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
            "servers": .array([defaultSecurity == [securitySchemeName] ? server : endpointServer]),
            "security": requirement(defaultSecurity),
            "tags": .array(tags.sorted().map { .object(["name": .string($0)]) }),
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": .object(components(schema, interfaces: interfaces, objectSchemas: objectSchemas, defaultSecurity: defaultSecurity)),
            "x-cms-result-codes": .array(schema.resultCodes.map { code in
                var entry: [String: JSONValue] = ["code": .string(code.code), "description": .string(code.description)]
                if let status = code.status { entry["status"] = .integer(Int64(status)) }
                if let message = code.message { entry["message"] = .string(message) }
                return .object(entry)
            }),
        ]
        if !schema.statusCodes.isEmpty {
            document["x-cms-status-codes"] = .array(schema.statusCodes.map { status in
                var entry: [String: JSONValue] = ["status": .integer(Int64(status.status)), "description": .string(status.description)]
                if let message = status.message { entry["message"] = .string(message) }
                return .object(entry)
            })
        }
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
    static func components(_ schema: SchemaDocument, interfaces: [Interface], objectSchemas: [String: JSONValue], defaultSecurity: [String]) -> [String: JSONValue] {
        var description = "C2 authentication of the CC-CMS monitoring, system outbound call, CDR and knowledge base interfaces. "
            + "The Authorization header has the form `auth-v2/{AK}/{timestamp}/{signedHeaders}/{signature}`: "
            + "the app key (AK), the signing time, the names of the signed request headers, and the signature computed with the secret key."
        var documented: [String] = []
        for interface in interfaces where interface.authentication.accepts(.c2) {
            for header in interface.headers where header.name.lowercased() == "authorization" && !header.description.isEmpty {
                if !documented.contains(header.description) { documented.append(header.description) }
            }
        }
        if !documented.isEmpty { description += "\n\n" + documented.joined(separator: "\n\n") }

        var securitySchemes: [String: JSONValue] = [:]
        let used = Set(interfaces.flatMap { Self.securitySchemes(of: $0.authentication, fallback: defaultSecurity) } + defaultSecurity)
        if used.contains(securitySchemeName) || interfaces.isEmpty {
            securitySchemes[securitySchemeName] = .object([
                "type": .string("apiKey"), "in": .string("header"), "name": .string("Authorization"), "description": .string(description),
            ])
        }
        if used.contains(akSkSchemeName) {
            securitySchemes[akSkSchemeName] = .object([
                "type": .string("apiKey"), "in": .string("header"), "name": .string("Authorization"),
                "description": .string(
                    "AK/SK signing through the API gateway: `Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={names}, Signature={hex}` "
                        + "with the signing time in `X-Sdk-Date` (`yyyyMMdd'T'HHmmss'Z'`); the signature is HMAC-SHA256 with the secret key over "
                        + "the algorithm, the time and the SHA-256 of the canonical request (method, path with a final slash, sorted query, "
                        + "signed headers, SHA-256 of the body)."
                ),
            ])
        }
        for header in used.subtracting([securitySchemeName, akSkSchemeName]).sorted() {
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
