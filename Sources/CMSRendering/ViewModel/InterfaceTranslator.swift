import CMSSchema

/// Translates one interface of the schema into the context of its generated file.
struct InterfaceTranslator {
    let names: NameBuilder
    let interface: Interface
    let operationName: String

    private enum Part { case request, response }

    /// Header, doc, types and operation of the interface's file.
    func fileContext() -> InterfaceFileContext {
        let typeBase = Identifier.camelCase([operationName], upper: true)
        let requestName = typeBase + "Request"
        let responseName = typeBase + "Response"
        var request = structContext(
            name: requestName, fields: interface.request?.fields ?? [], part: .request, path: "",
            docLines: ["The body of \(interface.method) `\(interface.path)`: \(interface.title)."] + tableLine(interface.request),
            reserved: [requestName, responseName]
        )
        request.conformances = "CMSRequestBody"
        request.builder = [builderContext()]
        let response = structContext(
            name: responseName, fields: interface.response?.fields ?? [], part: .response, path: "",
            docLines: ["The answer of \(interface.method) `\(interface.path)`: \(interface.title)."] + tableLine(interface.response),
            reserved: [requestName, responseName]
        )
        return InterfaceFileContext(
            header: Header.line(sources: interface.sources.map(\.file)),
            types: [request, response],
            renderedTypes: [],
            operation: operationContext(request: request, response: response)
        )
    }

    private func tableLine(_ body: Body?) -> [String] {
        guard let body else { return ["", "The page documents no body."] }
        return ["", "Documented in \(body.location.file)\(body.table.map { ", \($0)" } ?? "")."]
    }

    // MARK: Structs

    private func structContext(name: String, fields: [Field], part: Part, path: String, docLines: [String], reserved: Set<String>) -> TypeContext {
        var usedTypeNames = reserved.union([name])
        var usedPropertyNames: Set<String> = []
        var nested: [TypeContext] = []
        /// Types already made for a table at this level (resultDesc and resultDatas share "Parameters of resultDesc or resultDatas").
        var sharedTypes: [[Field]: String] = [:]
        // A table shared by several fields is named after the one a reader looks for first (resultDesc before resultDatas).
        var preferredNames: [[Field]: String] = [:]
        for field in fields.sorted(by: { InterfaceTranslator.payloadRank($0.name) < InterfaceTranslator.payloadRank($1.name) })
        where !field.fields.isEmpty && preferredNames[field.fields] == nil {
            preferredNames[field.fields] = field.name
        }
        var properties: [PropertyContext] = []
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            var propertyName = names.propertyName(wireName: field.name, context: field.description)
            if usedPropertyNames.contains(propertyName.name) {
                // Two wire names that read the same: the later one keeps its literal spelling, numbered if need be.
                let literal = Identifier.sanitized(Identifier.camelCase(Identifier.humps(field.name), upper: false))
                propertyName = NameBuilder.Name(name: literal.name, declaration: literal.declaration, corrections: [])
                var counter = 2
                while usedPropertyNames.contains(propertyName.name) {
                    propertyName = NameBuilder.Name(name: "\(literal.name)\(counter)", declaration: "\(literal.name)\(counter)", corrections: [])
                    counter += 1
                }
            }
            usedPropertyNames.insert(propertyName.name)
            let mismatches = interface.observations.filter { $0.kind == .typeMismatch && $0.path == fieldPath && $0.role == (part == .request ? .request : .response) }
            let resolved = resolveType(
                field, property: propertyName, part: part, path: fieldPath, mismatches: mismatches,
                typeNameSource: preferredNames[field.fields] ?? field.name,
                usedTypeNames: &usedTypeNames, sharedTypes: &sharedTypes, nested: &nested
            )
            properties.append(propertyContext(field, name: propertyName, type: resolved, part: part, mismatches: mismatches))
        }
        if !properties.isEmpty { properties[properties.count - 1].isLast = true }
        return TypeContext(
            isStruct: true, isEnum: false, name: name, docLines: docLines, conformances: "Codable, Hashable, Sendable",
            nestedTypes: nested, renderedNestedTypes: [], hasNestedTypes: !nested.isEmpty, properties: properties, hasProperties: !properties.isEmpty,
            isRequestPart: part == .request, isResponsePart: part == .response,
            usesDecodingMode: part == .response && fields.contains { $0.requirement == .required },
            builder: [], rawType: "", cases: [], documentedValuesLiteral: ""
        )
    }

    /// What a field's Swift type is.
    private struct ResolvedType {
        /// The type without optionality: `Int`, `[Detail]`, `Status`.
        var base: String
        /// Scalar element of a list, for item constraints.
        var isList: Bool
        var isScalar: Bool
        var isEnumeration: Bool
        var isNestedStruct: Bool
        var isNumeric: Bool
        var isString: Bool
    }

    private func scalarType(_ kind: FieldType.Kind, format: String?) -> String? {
        switch kind {
        case .string: "String"
        case .integer: "Int"
        case .long: "Int64"
        case .number: "Double"
        case .boolean: "Bool"
        case .date: format?.hasPrefix("timestamp") == true ? "Int64" : "String"
        default: nil
        }
    }

    private func resolveType(
        _ field: Field, property: NameBuilder.Name, part: Part, path: String, mismatches: [Observation], typeNameSource: String,
        usedTypeNames: inout Set<String>, sharedTypes: inout [[Field]: String], nested: inout [TypeContext]
    ) -> ResolvedType {
        let kind = field.type.kind
        func unique(_ candidate: String) -> String {
            var name = candidate
            var counter = 2
            while usedTypeNames.contains(name) { name = "\(candidate)\(counter)"; counter += 1 }
            usedTypeNames.insert(name)
            return name
        }
        if !mismatches.isEmpty {
            if let scalar = scalarType(kind, format: field.constraints.format) {
                return ResolvedType(base: "CMSFlexible<\(scalar)>", isList: false, isScalar: false, isEnumeration: false, isNestedStruct: false, isNumeric: false, isString: false)
            }
            return ResolvedType(base: "CMSJSONValue", isList: false, isScalar: false, isEnumeration: false, isNestedStruct: false, isNumeric: false, isString: false)
        }
        if let enumeration = field.enumeration, let raw = enumerationRawType(kind, enumeration) {
            let typeName = unique(Identifier.camelCase([property.name], upper: true))
            nested.append(enumContext(name: typeName, rawType: raw, field: field, enumeration: enumeration))
            return ResolvedType(base: typeName, isList: false, isScalar: false, isEnumeration: true, isNestedStruct: false, isNumeric: false, isString: false)
        }
        if let scalar = scalarType(kind, format: field.constraints.format) {
            return ResolvedType(base: scalar, isList: false, isScalar: true, isEnumeration: false, isNestedStruct: false,
                                isNumeric: ["Int", "Int64", "Double"].contains(scalar), isString: scalar == "String")
        }
        switch kind {
        case .object where !field.fields.isEmpty, .array where !field.fields.isEmpty:
            let isList = kind == .array
            let typeName: String
            if let shared = sharedTypes[field.fields] {
                typeName = shared
            } else {
                let candidate = field.type.name.map { names.typeName(wireName: $0, context: field.description) }
                    ?? names.typeName(wireName: typeNameSource, context: field.description, singular: isList)
                typeName = unique(candidate)
                sharedTypes[field.fields] = typeName
                nested.append(structContext(
                    name: typeName, fields: field.fields, part: part, path: path,
                    docLines: ["\(isList ? "An element of" : "The object") `\(typeNameSource)`\(field.fieldsTable.map { ", documented in \($0)" } ?? "")."],
                    reserved: usedTypeNames
                ))
            }
            return ResolvedType(base: isList ? "[\(typeName)]" : typeName, isList: isList, isScalar: false, isEnumeration: false, isNestedStruct: true, isNumeric: false, isString: false)
        case .array:
            if let element = field.type.element, let scalar = scalarType(element, format: nil) {
                return ResolvedType(base: "[\(scalar)]", isList: true, isScalar: true, isEnumeration: false, isNestedStruct: false,
                                    isNumeric: ["Int", "Int64", "Double"].contains(scalar), isString: scalar == "String")
            }
            return ResolvedType(base: "[CMSJSONValue]", isList: true, isScalar: false, isEnumeration: false, isNestedStruct: false, isNumeric: false, isString: false)
        default:
            return ResolvedType(base: "CMSJSONValue", isList: false, isScalar: false, isEnumeration: false, isNestedStruct: false, isNumeric: false, isString: false)
        }
    }

    /// `String` or `Int` when the documented values fit the field's type, else nil (no enumeration type).
    private func enumerationRawType(_ kind: FieldType.Kind, _ enumeration: Enumeration) -> String? {
        switch kind {
        case .string: return "String"
        case .integer, .long: return enumeration.values.allSatisfy { Int($0.value) != nil } ? "Int" : nil
        default: return nil
        }
    }

    private func enumContext(name: String, rawType: String, field: Field, enumeration: Enumeration) -> TypeContext {
        var used: Set<String> = ["unknown"]
        let cases = enumeration.values.map { value -> CaseContext in
            var caseName = names.caseName(value: value.value, meaning: value.meaning)
            if used.contains(caseName) { caseName = Identifier.sanitized(caseName + Identifier.camelCase(Identifier.humps(value.value), upper: true)).name }
            var counter = 2
            let base = caseName
            while used.contains(caseName) { caseName = "\(base)\(counter)"; counter += 1 }
            used.insert(caseName)
            let literal = rawType == "Int" ? value.value : SwiftLiteral.string(value.value)
            return CaseContext(
                name: caseName, declaration: Identifier.keywords.contains(caseName) ? "`\(caseName)`" : caseName,
                rawLiteral: literal, docLines: ["`\(value.value)`: \(SwiftLiteral.docLine(value.meaning))"]
            )
        }
        var doc = ["The documented values of `\(field.name)`; `unknown` keeps any other value the server sends."]
        if let other = enumeration.otherValues { doc.append("Other values: \(SwiftLiteral.docLine(other)).") }
        return TypeContext(
            isStruct: false, isEnum: true, name: name, docLines: doc, conformances: "CMSOpenEnumeration", nestedTypes: [], renderedNestedTypes: [],
            hasNestedTypes: false, properties: [], hasProperties: false, isRequestPart: false, isResponsePart: false,
            usesDecodingMode: false, builder: [], rawType: rawType, cases: cases,
            documentedValuesLiteral: cases.map(\.rawLiteral).joined(separator: ", ")
        )
    }

    // MARK: Properties

    private func propertyContext(_ field: Field, name: NameBuilder.Name, type: ResolvedType, part: Part, mismatches: [Observation]) -> PropertyContext {
        let required = part == .request && field.requirement == .required
        let declared = required ? type.base : type.base + "?"
        let decodeMethod: String
        var decodeArguments = ""
        var decodeTry = "try "
        switch part {
        case .response:
            decodeMethod = field.requirement == .required ? "cmsDecodeMandatory" : "cmsDecode"
            if field.requirement == .required { decodeArguments = ", mode: mode" }
        case .request:
            decodeMethod = required ? "cmsDecodeRequired" : "cmsDecodeOptional"
            decodeArguments = ", missing: &problems"
            decodeTry = ""
        }
        return PropertyContext(
            name: name.name, declaration: name.declaration, wireName: field.name, needsWireName: field.name != name.name,
            type: declared,
            docLines: DocComment.lines(for: field, wireName: field.name, name: name, observations: mismatches),
            initParameter: "\(name.name): \(declared)\(required ? "" : " = nil")", isLast: false,
            decodeMethod: decodeMethod, decodeType: type.base, decodeArguments: decodeArguments, decodeTry: decodeTry,
            initArgument: required ? "\(name.declaration)!" : name.declaration, encodeMethod: required ? "encode" : "cmsEncode",
            encodeArguments: part == .response ? ", nulls: explicitNulls" : "",
            validations: part == .request ? validations(field, name: name.declaration, type: type, optional: !required) : []
        )
    }

    /// The validation statements of a request field.
    private func validations(_ field: Field, name: String, type: ResolvedType, optional: Bool, path explicitPath: String? = nil) -> [String] {
        let constraints = field.constraints
        let path = explicitPath ?? "cmsPath(path, \(SwiftLiteral.string(field.name)))"
        var lines: [String] = []
        if type.isScalar && !type.isList {
            if type.isNumeric {
                if let ranges = constraints.ranges, type.base != "Double" {
                    lines.append("validator.ranges(\(name), \(path), [\(ranges.map { "\($0.minimum)...\($0.maximum)" }.joined(separator: ", "))])")
                } else if constraints.minimum != nil || constraints.maximum != nil {
                    lines.append("validator.range(\(name), \(path), min: \(literal(constraints.minimum)), max: \(literal(constraints.maximum)))")
                }
            }
            if type.isString {
                if constraints.minLength != nil || constraints.maxLength != nil {
                    lines.append("validator.length(\(name), \(path), min: \(literal(constraints.minLength)), max: \(literal(constraints.maxLength)))")
                }
                if let fixed = constraints.fixedValue {
                    lines.append("validator.fixed(\(name), \(path), \(SwiftLiteral.string(fixed)))")
                }
            }
        }
        if type.isEnumeration, field.enumeration?.closed == true {
            lines.append("validator.documented(\(name), \(path))")
        }
        if type.isList {
            if constraints.minItems != nil || constraints.maxItems != nil {
                lines.append("validator.count(\(name), \(path), min: \(literal(constraints.minItems)), max: \(literal(constraints.maxItems)))")
            }
            let list = optional ? "(\(name) ?? [])" : name
            if type.isScalar, type.isNumeric, let items = constraints.items, items.minimum != nil || items.maximum != nil {
                lines.append("for (index, element) in \(list).enumerated() { validator.range(element, \(path) + \"[\\(index)]\", min: \(literal(items.minimum)), max: \(literal(items.maximum))) }")
            }
            if type.isNestedStruct {
                lines.append("for (index, element) in \(list).enumerated() { element.validate(into: &validator, path: \(path) + \"[\\(index)]\") }")
            }
        } else if type.isNestedStruct {
            lines.append("\(name)\(optional ? "?" : "").validate(into: &validator, path: \(path))")
        }
        return lines
    }

    private func literal<Value>(_ value: Value?) -> String { value.map { "\($0)" } ?? "nil" }

    // MARK: Builder and operation

    private func builderContext() -> RequestBuilderContext {
        var headers: [(String, String)] = []
        for header in interface.headers {
            if let fixed = header.constraints.fixedValue { headers.append((header.name, fixed)) }
        }
        if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { headers.append(("Content-Type", "application/json; charset=UTF-8")) }
        let pathParameters = interface.pathParameters.map { parameter -> PathParameterContext in
            let name = names.propertyName(wireName: parameter.name, context: parameter.description ?? "")
            let field = Field(name: parameter.name, type: parameter.type, requirement: .required, description: parameter.description ?? "",
                              constraints: parameter.constraints, location: parameter.location)
            var usedTypeNames: Set<String> = []
            var shared: [[Field]: String] = [:]
            var nested: [TypeContext] = []
            let type = resolveType(field, property: name, part: .request, path: parameter.name, mismatches: [], typeNameSource: parameter.name,
                                   usedTypeNames: &usedTypeNames, sharedTypes: &shared, nested: &nested)
            let base = type.isScalar && !type.isList ? type.base : "String"
            return PathParameterContext(
                name: name.name, wireName: parameter.name, type: base, parameter: "\(name.name): \(base)", argument: "\(name.name): \(name.declaration)",
                validations: validations(field, name: name.declaration, type: type, optional: false, path: SwiftLiteral.string("{\(parameter.name)}")),
                docLine: "- Parameter \(name.name): \(SwiftLiteral.docLine(parameter.description ?? "the `{\(parameter.name)}` segment of the path."))"
            )
        }
        let headersLiteral = "[" + headers.map { "\(SwiftLiteral.string($0.0)): \(SwiftLiteral.string($0.1))" }.joined(separator: ", ") + "]"
        var pieces: [String] = []
        var literal = ""
        for segment in interface.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            literal += "/"
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                pieces.append(SwiftLiteral.string(literal))
                literal = ""
                let name = names.propertyName(wireName: String(segment.dropFirst().dropLast()), context: "").name
                pieces.append("CMSPathEncoding.encodeSegment(String(describing: \(name)))")
            } else {
                literal += segment
            }
        }
        if !literal.isEmpty || pieces.isEmpty { pieces.append(SwiftLiteral.string(literal)) }
        return RequestBuilderContext(
            method: interface.method,
            pathParameters: pathParameters,
            pathExpression: pieces.joined(separator: " + "),
            headersLiteral: headersLiteral,
            wrapperLiteral: interface.request?.exampleWrapper.map(SwiftLiteral.string) ?? "nil"
        )
    }

    static let payloadNames = ["resultDesc", "resultDatas", "data"]

    /// Fields named like payloads first, in payload order; stable for the rest.
    static func payloadRank(_ name: String) -> Int { payloadNames.firstIndex(of: name) ?? payloadNames.count }
    static let envelopeNames: Set<String> = ["result", "resultCode", "resultDesc", "resultDatas", "returnCode", "description", "message", "resultMsg", "data"]

    /// A nested type's name as seen from outside its parent: `ResultDesc` → `XResponse.ResultDesc`, `[Item]` → `[XResponse.Item]`.
    private func qualified(_ type: String, in parent: TypeContext) -> String {
        let isList = type.hasPrefix("[")
        let element = isList ? String(type.dropFirst().dropLast()) : type
        guard parent.nestedTypes.contains(where: { $0.name == element }) else { return type }
        return isList ? "[\(parent.name).\(element)]" : "\(parent.name).\(element)"
    }

    private func operationContext(request: TypeContext, response: TypeContext) -> OperationContext {
        // The payload: resultDesc (then resultDatas, data) when it is a documented object or list and the response carries
        // nothing but the envelope besides it.
        let properties = response.properties
        let onlyEnvelope = properties.allSatisfy { InterfaceTranslator.envelopeNames.contains($0.wireName) }
        var candidates: [PropertyContext] = []
        for wire in InterfaceTranslator.payloadNames {
            guard let property = properties.first(where: { $0.wireName == wire }),
                  property.decodeType != "String", property.decodeType != "CMSJSONValue",
                  candidates.isEmpty || candidates[0].decodeType == property.decodeType else { continue }
            candidates.append(property)
        }
        let returnsPayload = onlyEnvelope && !candidates.isEmpty
        var docLines = [SwiftLiteral.docLine(interface.title) + "."]
        if let scenario = interface.scenario {
            docLines.append("")
            docLines.append(contentsOf: scenario.split(whereSeparator: \.isNewline).map { SwiftLiteral.docLine(String($0)) })
        }
        docLines.append("")
        docLines.append("`\(interface.method) \(interface.path)`")
        if !interface.bmsInterfaces.isEmpty { docLines.append("BMS: " + interface.bmsInterfaces.map { "`\($0)`" }.joined(separator: ", ")) }
        docLines.append("")
        docLines.append(contentsOf: request.builder.first?.pathParameters.map(\.docLine) ?? [])
        docLines.append("- Parameter request: the request body; it is validated first unless `validation` says otherwise.")
        if returnsPayload {
            docLines.append("- Returns: `\(candidates.map(\.wireName).joined(separator: "` (or `"))\(candidates.count > 1 ? "`)" : "`") of a successful answer.")
        } else {
            docLines.append("- Returns: the whole answer of a successful call.")
        }
        docLines.append("- Throws: `CMSError`; a failure result code is `.resultFailure` with its meaning.")
        let allOptional = request.properties.allSatisfy { $0.type.hasSuffix("?") }
        return OperationContext(
            name: operationName, docLines: docLines, requestType: request.name, responseType: response.name,
            pathParameters: request.builder.first?.pathParameters ?? [],
            returnType: returnsPayload ? qualified(candidates[0].decodeType, in: response) : response.name,
            requestDefault: allOptional ? " = .init()" : "",
            returnsPayload: returnsPayload,
            payloadCandidates: candidates.map { "response.\($0.name)" }.joined(separator: ", "),
            payloadNames: candidates.map { SwiftLiteral.string($0.wireName) }.joined(separator: ", ")
        )
    }
}

/// The one-line header of every generated file.
enum Header {
    static func line(sources: [String]) -> String {
        "// Generated by cmsgen from \(sources.joined(separator: ", ")). DO NOT EDIT."
    }
}
