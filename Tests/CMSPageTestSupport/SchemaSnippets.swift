import CMSSchema

/// Small schema fragments for snippet tests of the rendering half and the name contract: a field, an interface, an
/// interface whose answer holds an `agent` object. Adopt the protocol to call them as `Self.field(…)`, or use
/// `Snippets.field(…)`.
public protocol SchemaSnippets {}

/// The fragments without a suite of one's own.
public enum Snippets: SchemaSnippets {}

extension SchemaSnippets {
    public static var location: SourceLocation { SourceLocation(file: "snippet.html", line: 1) }

    public static func field(_ name: String, _ kind: FieldType.Kind, _ requirement: Requirement = .optional, description: String = "",
                             constraints: Constraints = Constraints(), enumeration: Enumeration? = nil, object: String? = nil,
                             element: FieldType.Kind? = nil) -> Field {
        Field(name: name, type: FieldType(kind: kind, element: element, raw: kind.rawValue), requirement: requirement, description: description,
              constraints: constraints, enumeration: enumeration, object: object, location: location)
    }

    public static func interface(method: String = "POST", path: String = "/rest/cmsapp/v1/openapi/snippet/call", pathParameters: [Field] = [],
                                 queryParameters: [Field] = [], request: [Field]? = nil, response: [Field]? = nil, objects: [ObjectType] = [],
                                 headers: [Field] = []) -> Interface {
        Interface(
            title: "Snippet", method: method, path: path, pathParameters: pathParameters, queryParameters: queryParameters, headers: headers,
            request: request.map { Body(table: "Table 2 Request", fields: $0, location: location) },
            response: response.map { Body(table: "Table 3 Response", fields: $0, location: location) },
            objects: objects, sources: [Source(file: "snippet.html", format: .html, language: "en", primary: true)], location: location
        )
    }

    /// An interface at `path` whose answer has an object `agent` of `fields` and a `state` with documented values.
    public static func interface(_ path: String, agent fields: [Field], states: [String] = ["0", "1"]) -> Interface {
        let states = Enumeration(values: states.map { EnumValue(value: $0, meaning: "state \($0)") }, closed: false, location: Self.location)
        return Self.interface(
            path: "/rest/cmsapp/v1/openapi/\(path)",
            response: [
                Self.field("agent", .object, object: "Table 4 Parameters of agent"),
                Self.field("state", .integer, enumeration: states),
            ],
            objects: [ObjectType(id: "Table 4 Parameters of agent", table: "Table 4 Parameters of agent", fields: fields, location: Self.location)]
        )
    }

    public static var agent: [Field] { [Self.field("workNo", .integer), Self.field("name", .string)] }
}
