import CMSSchema

extension ClientPlan {
    /// The public Swift API the client declares, as data: every type, initializer, property, enumeration case and
    /// client method, each with its declaration and the schema fact it comes from. `cmsgen diff` compares two of them
    /// to say what a doc edition does to code that uses the client. It is read off this plan, after shared-type
    /// merging, so the names are the generated ones and `CMSTypes` is in it.
    public var symbols: [APISymbol] {
        var collector = SymbolCollector()
        for plan in plans { collector.add(plan) }
        for code in resultCodes {
            let origin = APISymbol.Origin(interface: "", part: .resultCodes, path: code.code)
            collector.symbols.append(APISymbol(kind: .enumCase, name: "\(naming.resultCodeType) \"\(code.code)\"", declaration: "\(naming.resultCodeType)(rawValue: \"\(code.code)\")", origin: origin))
        }
        for type in shared where SharedTypePlanner.qualifiedName(type.type) != naming.resultCodeType {
            let key = OperationIdentity.key(type.plan.interface)
            switch type.type {
            case .structure(let structure): collector.add(structure, key: key)
            case .enumeration(let enumeration): collector.add(enumeration, key: key, alias: nil)
            }
        }
        for kept in keptNames {
            let origin = APISymbol.Origin(interface: "", part: .shared, path: kept.name)
            collector.symbols.append(APISymbol(kind: .type, name: "\(naming.types).\(kept.name)", declaration: "typealias \(naming.types).\(kept.name) = \(kept.target)", origin: origin))
        }
        return collector.symbols
    }

    /// Symbols by qualified name.
    public var symbolsByName: [String: APISymbol] {
        Dictionary(symbols.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Collects the symbols of the plans.
private struct SymbolCollector {
    var symbols: [APISymbol] = []

    mutating func add(_ plan: InterfacePlan) {
        let key = OperationIdentity.key(plan.interface)
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
            case .structure(let structure):
                if let target = plan.aliases[structure.qualifiedName] {
                    let origin = APISymbol.Origin(interface: key, part: structure.part == .request ? .request : .response, path: structure.wirePath)
                    symbols.append(APISymbol(kind: .type, name: structure.qualifiedName, declaration: "typealias \(structure.qualifiedName) = \(target)", origin: origin))
                } else {
                    add(structure, key: key)
                }
            case .enumeration(let enumeration): add(enumeration, key: key, alias: plan.aliases[enumeration.qualifiedName])
            }
        }
    }

    mutating func add(_ structure: PlannedStruct, key: String) {
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

    mutating func add(_ enumeration: PlannedEnumeration, key: String, alias: String?) {
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
        case interface, request, response, resultCodes = "result-codes", shared
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
