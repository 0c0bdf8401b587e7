import CMSSchema

/// The public Swift API that the generated client of a schema declares, as data: every type, initializer, property,
/// enumeration case and client method, each with its declaration and the schema fact it comes from. `cmsgen diff`
/// compares two of them to say what a doc edition does to code that uses the client. It is read off the same plans the
/// templates render, so the names are the generated ones.
public struct APISurface: Sendable {
    public private(set) var symbols: [APISymbol] = []

    /// The surface of the client that `schema` generates, with the names pinned by `overrides`.
    public init(schema: SchemaDocument, overrides: NameOverrides = NameOverrides()) {
        var planner = InterfacePlanner(overrides: overrides)
        for plan in planner.plan(schema) { add(plan) }
        for code in schema.resultCodes {
            let origin = APISymbol.Origin(interface: "", part: .resultCodes, path: code.code)
            symbols.append(APISymbol(kind: .enumCase, name: "CMSTypes.ResultCode \"\(code.code)\"", declaration: "CMSTypes.ResultCode(rawValue: \"\(code.code)\")", origin: origin))
        }
    }

    /// Symbols by qualified name.
    public var byName: [String: APISymbol] {
        Dictionary(symbols.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private mutating func add(_ plan: InterfacePlan) {
        let key = "\(plan.interface.method) \(plan.interface.path)"
        let interfaceOrigin = APISymbol.Origin(interface: key, part: .interface, path: "")
        symbols.append(APISymbol(kind: .type, name: plan.namespace, declaration: "enum \(plan.namespace)", origin: interfaceOrigin))
        // The client method, as operation.mustache declares it.
        var parameters = plan.parameters.filter { $0.fixedValue == nil }.map { parameter in
            APISymbol.Parameter(label: parameter.label, type: Self.typeText(parameter.type, optional: !parameter.isRequired), hasDefault: !parameter.isRequired)
        }
        if plan.interface.hasRequestBody {
            parameters.append(APISymbol.Parameter(label: "_", type: "\(plan.namespace).Request", hasDefault: plan.request.properties.allSatisfy { !$0.isRequired }))
        }
        let returnsNothing = plan.interface.success?.isEmpty == true
        let returnType = returnsNothing ? "Swift.Void" : plan.payload.first.map { Self.typeText($0.type, optional: false) } ?? "\(plan.namespace).Response"
        let method = APISymbol(
            kind: .method, name: "CMSClient.\(plan.operation)",
            declaration: "func \(plan.operation)(\(parameters.map(\.text).joined(separator: ", "))) async throws(CMSError) -> \(returnType)",
            parameters: parameters, returnType: returnType, origin: interfaceOrigin
        )
        symbols.append(method)
        add(plan.request, key: key)
        if let response = plan.response { add(response, key: key) }
        for nested in plan.nestedTypes {
            switch nested {
            case .structure(let structure): add(structure, key: key)
            case .enumeration(let enumeration): add(enumeration, key: key, alias: plan.aliases[enumeration.qualifiedName])
            }
        }
    }

    private mutating func add(_ structure: PlannedStruct, key: String) {
        let part: APISymbol.Part = structure.part == .request ? .request : .response
        let origin = APISymbol.Origin(interface: key, part: part, path: structure.wirePath)
        symbols.append(APISymbol(kind: .type, name: structure.qualifiedName, declaration: "struct \(structure.qualifiedName)", origin: origin))
        let parameters = structure.properties.map { property in
            let optional = structure.part == .response || !property.isRequired
            return APISymbol.Parameter(label: property.name, type: Self.typeText(property.type, optional: optional), hasDefault: optional)
        }
        symbols.append(APISymbol(
            kind: .initializer, name: "\(structure.qualifiedName).init", declaration: "init(\(parameters.map(\.text).joined(separator: ", ")))",
            parameters: parameters, origin: origin
        ))
        for (property, parameter) in zip(structure.properties, parameters) {
            symbols.append(APISymbol(
                kind: .property, name: "\(structure.qualifiedName).\(property.name)", declaration: "var \(property.name): \(parameter.type)",
                origin: APISymbol.Origin(interface: key, part: part, path: property.wirePath)
            ))
        }
    }

    private mutating func add(_ enumeration: PlannedEnumeration, key: String, alias: String?) {
        let part: APISymbol.Part = enumeration.part == .request ? .request : .response
        let origin = APISymbol.Origin(interface: key, part: part, path: enumeration.wirePath)
        let declaration = alias.map { "typealias \(enumeration.qualifiedName) = \($0)" } ?? "enum \(enumeration.qualifiedName)"
        symbols.append(APISymbol(kind: .type, name: enumeration.qualifiedName, declaration: declaration, origin: origin))
        for item in enumeration.cases {
            symbols.append(APISymbol(
                kind: .enumCase, name: "\(enumeration.qualifiedName).\(item.name)", declaration: "case \(item.name) // \(item.rawValue)",
                origin: APISymbol.Origin(interface: key, part: part, path: "\(enumeration.wirePath)=\(item.value.value)")
            ))
        }
    }

    /// A type as typeName.mustache writes it, optional when asked.
    static func typeText(_ type: TypeReference, optional: Bool) -> String {
        var text = type.name
        if type.isMap { text = "[Swift.String: \(text)]" }
        if type.isList { text = "[\(text)]" }
        return optional ? text + "?" : text
    }
}

/// One public declaration of the generated client.
public struct APISymbol: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case type, initializer, property, enumCase = "case", method
    }

    /// Which part of an interface a symbol comes from.
    public enum Part: String, Sendable, Hashable, Codable {
        case interface, request, response, resultCodes = "result-codes"
    }

    /// The schema fact a symbol comes from: the interface (`POST /rest/…`), the part, and the wire path of the field
    /// (`resultDatas.status`; empty for the part's root; `path=value` for a documented value).
    public struct Origin: Sendable, Hashable, Codable {
        public var interface: String
        public var part: Part
        public var path: String
    }

    /// An argument of an initializer or method.
    public struct Parameter: Sendable, Hashable, Codable {
        public var label: String
        public var type: String
        public var hasDefault: Bool

        var text: String { "\(label): \(type)\(hasDefault ? " = …" : "")" }
    }

    public var kind: Kind
    /// The qualified name: `AgentGroupAgentByWorkNo.Request.ccId`, `CMSClient.agentGroupAgentByWorkNo`.
    public var name: String
    /// The declaration, in Swift.
    public var declaration: String
    public var parameters: [Parameter]? = nil
    public var returnType: String? = nil
    public var origin: Origin
}
