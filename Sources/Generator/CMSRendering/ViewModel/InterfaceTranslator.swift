import CMSSchema

/// Turns an interface's plan into the contexts of its file: every name comes from the plan, every literal from
/// `SwiftLiteral`, every doc line from `DocComment`.
struct InterfaceTranslator {
    let plan: InterfacePlan
    /// The names of the module's own types.
    var naming: ClientNaming
    /// The page's tables by number, for doc comments that refer to them.
    let tables: TableCaptions

    init(plan: InterfacePlan, naming: ClientNaming = ClientNaming()) {
        self.plan = plan
        self.naming = naming
        tables = TableCaptions(plan.interface)
    }
    /// The display paths of the pages (relative to the working directory), for the header line.
    var interface: Interface { plan.interface }

    /// The contexts of all parameters, in order; `isLast` among those given.
    private func parameterContexts(_ parameters: [PlannedParameter]) -> [ParameterContext] {
        parameters.enumerated().map { offset, parameter in
            let isLast = offset == parameters.count - 1
            return parameterContext(parameter, isLast: isLast, isLastArgument: isLast && !interface.hasRequestBody)
        }
    }

    /// The parameters a caller gives: all but the fixed ones.
    private var arguments: [PlannedParameter] { plan.parameters.filter { $0.fixedValue == nil } }

    func fileContext() -> InterfaceFileContext {
        let parameters = parameterContexts(arguments)
        var types: [TypeContext] = [requestRoot(parameters: parameters)]
        var responseTypes: [TypeContext] = []
        if let response = plan.response {
            responseTypes.append(structType(response, doc: bodyDoc("The answer of", interface.response)))
        } else {
            responseTypes.append(TypeContext(
                parent: plan.namespace, name: "Response",
                docLines: DocComment.prefixed(["The answer of \(methodAndPath): the page documents no response table, so it is untyped JSON."]),
                alias: AliasContext(target: "CMSRuntime.CMSJSONValue")
            ))
        }
        for nested in plan.nestedTypes {
            let part: Part
            switch nested {
            case .structure(let structure): part = structure.part
            case .enumeration(let enumeration): part = enumeration.part
            }
            let context: TypeContext
            if let shared = plan.aliases[SharedTypePlanner.qualifiedName(nested)] {
                context = sharedAlias(nested, target: shared)
            } else {
                context = declaration(of: nested)
            }
            if part == .request { types.append(context) } else { responseTypes.append(context) }
        }
        return InterfaceFileContext(
            sources: ListItem.list(interface.sources.map { SwiftLiteral.comment($0.file) }),
            namespace: plan.namespace,
            docLines: namespaceDoc(),
            types: types + responseTypes,
            operation: operationContext(parameters: parameters),
            envelope: envelopeContext(),
            errorBody: interface.errorBody.map { body in
                ErrorBodyContext(codeLiteral: SwiftLiteral.string(body.codeField), messageLiteral: body.messageField.map(SwiftLiteral.string))
            }
        )
    }

    /// The declaration of a nested type (in this interface, or moved into `CMSTypes`).
    func declaration(of type: PlannedType, sharedBy users: [String] = []) -> TypeContext {
        var context: TypeContext
        switch type {
        case .structure(let structure):
            let table = structure.object.map { ", documented in \(SwiftLiteral.comment($0.table))" } ?? ""
            context = structType(structure, doc: ["The object `\(DocComment.code(structure.wirePath))`\(table)."])
        case .enumeration(let enumeration):
            context = enumerationType(enumeration)
        }
        if !users.isEmpty {
            let named = users.prefix(5).map { "`\($0)`" }.joined(separator: ", ")
            let more = users.count > 5 ? " and \(users.count - 5) more" : ""
            context.docLines += DocComment.prefixed(["", "Declared alike by \(users.count) interfaces: \(named)\(more)."])
        }
        return context
    }

    /// A nested type that is one shared type: this interface's name for it.
    private func sharedAlias(_ type: PlannedType, target: String) -> TypeContext {
        let parent: String
        let name: String
        switch type {
        case .structure(let structure): (parent, name) = (structure.parent, structure.name)
        case .enumeration(let enumeration): (parent, name) = (enumeration.parent, enumeration.name)
        }
        return TypeContext(
            parent: parent, name: name,
            docLines: DocComment.prefixed(["This interface's name for `\(target)`, which other interfaces declare alike."]),
            alias: AliasContext(target: target)
        )
    }

    private var methodAndPath: String { "`\(DocComment.code(interface.method)) \(DocComment.code(interface.path))`" }

    /// The title, the scenario and the request line: how the namespace and the client method are introduced.
    private func summaryLines() -> [String] {
        var lines = [SwiftLiteral.comment(interface.title) + "."]
        if let scenario = interface.scenario {
            lines.append("")
            lines.append(contentsOf: DocComment.paragraphs(scenario).map(tables.resolve))
        }
        lines.append("")
        lines.append(methodAndPath)
        return lines
    }

    private func namespaceDoc() -> [String] { DocComment.prefixed(summaryLines()) }

    private func bodyDoc(_ lead: String, _ body: Body?) -> [String] {
        var lines = ["\(lead) \(methodAndPath): \(SwiftLiteral.comment(interface.title))."]
        if let body {
            lines.append("")
            lines.append("Documented in \(SwiftLiteral.comment(body.location.file))\(body.table.map { ", \(SwiftLiteral.comment($0))" } ?? "").")
        } else {
            lines.append("")
            lines.append("The page documents no body.")
        }
        return lines
    }

    // MARK: Types

    private func requestRoot(parameters: [ParameterContext]) -> TypeContext {
        var context = structType(plan.request, doc: bodyDoc("The body of", interface.request))
        context.request?.builder = BuilderContext(
            methodLiteral: SwiftLiteral.string(interface.method), method: SwiftLiteral.comment(interface.method),
            parameters: parameters, hasParameters: !parameters.isEmpty, pathSegments: pathSegments(),
            queryParameters: parameterContexts(plan.parameters.filter { $0.location == .query }),
            headers: headers(), hasBody: interface.hasRequestBody,
            wrapperLiteral: interface.request?.exampleWrapper.map(SwiftLiteral.string)
        )
        return context
    }

    private func structType(_ structure: PlannedStruct, doc: [String]) -> TypeContext {
        var context = TypeContext(parent: structure.parent, name: structure.name, docLines: DocComment.prefixed(doc))
        let count = structure.properties.count
        switch structure.part {
        case .request:
            context.request = RequestStructContext(
                isRoot: structure.isRoot,
                properties: structure.properties.enumerated().map { offset, property in
                    RequestPropertyContext(
                        declaration: Identifier.declaration(property.name), label: Identifier.argumentLabel(property.name),
                        callLabel: Identifier.callLabel(property.name), wireLiteral: SwiftLiteral.string(property.field.name),
                        local: Identifier.declaration(property.local),
                        type: TypeUsageContext(name: property.type.name, isList: property.type.isList, isMap: property.type.isMap, isOptional: !property.isRequired,
                                               isIndirect: property.type.kind == .object && !property.type.isList),
                        isRequired: property.isRequired,
                        decoding: Self.decoding(property.type, part: .request),
                        isLast: offset == count - 1, docLines: propertyDoc(property),
                        rules: rules(property.field, type: property.type)
                    )
                },
                hasProperties: count > 0, builder: nil
            )
        case .response:
            context.response = ResponseStructContext(
                properties: structure.properties.enumerated().map { offset, property in
                    ResponsePropertyContext(
                        declaration: Identifier.declaration(property.name), label: Identifier.argumentLabel(property.name), wireLiteral: SwiftLiteral.string(property.field.name),
                        type: TypeUsageContext(name: property.type.name, isList: property.type.isList, isMap: property.type.isMap, isOptional: true,
                                               isIndirect: property.type.kind == .object && !property.type.isList),
                        isMandatory: property.isMandatory,
                        decoding: Self.decoding(property.type, part: .response),
                        isLast: offset == count - 1, docLines: propertyDoc(property)
                    )
                },
                hasProperties: count > 0, usesDecodingMode: structure.properties.contains(where: \.isMandatory),
                checksEnvelope: structure.isRoot && count > 0 && interface.envelope != nil
            )
        }
        return context
    }

    /// How a property of `type` decodes: a scalar, a list of scalars, (in a response) one documented-values type, or
    /// any other value.
    static func decoding(_ type: TypeReference, part: Part) -> DecodingContext {
        guard !type.isMap else { return .value }
        switch type.kind {
        case .scalar: return type.isList ? .scalars : .scalar
        case .enumeration where part == .response && !type.isList: return .enumeration
        default: return .value
        }
    }

    private func propertyDoc(_ property: PlannedProperty) -> [String] {
        DocComment.property(property.field, name: property.name, naming: property.naming, observations: property.mismatches,
                            recursion: property.field.recursiveReference, tables: tables)
    }

    private func enumerationType(_ enumeration: PlannedEnumeration) -> TypeContext {
        var doc = ["The documented values of `\(DocComment.code(enumeration.wirePath))`; `unknown` keeps any other value the server sends."]
        if let other = enumeration.enumeration.otherValues { doc.append("Other values: \(SwiftLiteral.comment(other)).") }
        let isInteger = enumeration.rawType == .int
        return TypeContext(
            parent: enumeration.parent, name: enumeration.name, docLines: DocComment.prefixed(doc),
            enumeration: EnumerationContext(
                rawType: enumeration.rawType.rawValue,
                cases: enumeration.cases.enumerated().map { offset, item in
                    CaseContext(
                        declaration: Identifier.declaration(item.name),
                        rawLiteral: isInteger ? item.rawValue : SwiftLiteral.string(item.rawValue),
                        isLast: offset == enumeration.cases.count - 1,
                        docLines: DocComment.prefixed(["`\(DocComment.code(item.value.value))`: \(SwiftLiteral.comment(item.value.meaning))"])
                    )
                }
            )
        )
    }

    // MARK: Rules

    private func bounds<Value: BinaryInteger>(_ min: Value?, _ max: Value?) -> BoundsContext? {
        guard min != nil || max != nil else { return nil }
        return BoundsContext(min: SwiftLiteral.integer(min), max: SwiftLiteral.integer(max), isLast: true)
    }

    /// The rules of a field, for the type the plan gave it.
    func rules(_ field: Field, type: TypeReference) -> RulesContext {
        let constraints = field.constraints
        var rules = RulesContext(ranges: [], hasRanges: false, isDocumentedValue: false, allowedLiterals: [], hasAllowedValues: false,
                                 isNested: false, isNestedList: false)
        if type.isMap { return rules }
        if type.isList {
            rules.count = bounds(constraints.minItems, constraints.maxItems)
            if type.isNumeric, let items = constraints.items { rules.elementRange = bounds(items.minimum, items.maximum) }
            if type.isString, let items = constraints.items { rules.elementLength = bounds(nil, items.maxLength) }
            rules.isNestedList = type.kind == .object
            return rules
        }
        switch type.kind {
        case .scalar:
            if type.isNumeric {
                if let ranges = constraints.ranges, type.isInteger {
                    rules.ranges = ranges.enumerated().map { offset, range in
                        BoundsContext(min: "\(range.minimum)", max: "\(range.maximum)", isLast: offset == ranges.count - 1)
                    }
                    rules.hasRanges = !ranges.isEmpty
                } else {
                    rules.range = bounds(constraints.minimum, constraints.maximum)
                }
                if type.scalar == .double, constraints.decimalMinimum != nil || constraints.decimalMaximum != nil {
                    let low = constraints.decimalMinimum ?? constraints.minimum.map(Double.init)
                    let high = constraints.decimalMaximum ?? constraints.maximum.map(Double.init)
                    rules.decimalRange = BoundsContext(min: SwiftLiteral.double(low), max: SwiftLiteral.double(high), isLast: true)
                    rules.range = nil
                }
            }
            if type.isString {
                rules.length = bounds(constraints.minLength, constraints.maxLength)
                rules.fixedLiteral = constraints.fixedValue.map(SwiftLiteral.string)
            }
        case .enumeration:
            rules.isDocumentedValue = field.enumeration?.closed == true
        case .object:
            rules.isNested = true
        case .json:
            break
        }
        return rules
    }

    // MARK: Parameters, path and headers

    private func parameterContext(_ parameter: PlannedParameter, isLast: Bool, isLastArgument: Bool) -> ParameterContext {
        var rules = rules(parameter.field, type: parameter.type)
        // Documented values of a parameter that is not an enumeration (a fixed one, a number that is not an integer).
        if let enumeration = parameter.field.enumeration, enumeration.closed, parameter.type.kind == .scalar {
            let allowed = enumeration.values.map { value -> String in
                parameter.type.isInteger ? Int64(value.value).map(String.init) ?? value.value : value.value
            }
            var seen = Set<String>()
            rules.allowedLiterals = ListItem.list(allowed.filter { seen.insert($0).inserted }.map(SwiftLiteral.string))
            rules.hasAllowedValues = !rules.allowedLiterals.isEmpty
        }
        let wire = parameter.field.name
        return ParameterContext(
            label: Identifier.argumentLabel(parameter.label), callLabel: Identifier.callLabel(parameter.label), internalName: Identifier.declaration(parameter.internalName),
            isRenamedInside: parameter.label != parameter.internalName,
            type: TypeUsageContext(name: parameter.type.name, isList: false, isMap: false, isOptional: !parameter.isRequired, isIndirect: false),
            isRequired: parameter.isRequired, isPath: parameter.location == .path, isQuery: parameter.location == .query, isHeader: parameter.location == .header,
            wireLiteral: SwiftLiteral.string(wire),
            pathLiteral: SwiftLiteral.string(InterfaceTranslator.violationPath(wire, parameter.location)),
            fixedValueLiteral: parameter.fixedValue.map(SwiftLiteral.string),
            rules: rules, docLine: DocComment.parameter(parameter, tables: tables), isLast: isLast, isLastArgument: isLastArgument
        )
    }

    /// How violations name a parameter: `{ccId}` in the path, `?limit` in the query, `X-Language (header)`.
    static func violationPath(_ wire: String, _ location: PlannedParameter.Location) -> String {
        switch location {
        case .path: "{\(wire)}"
        case .query: "?\(wire)"
        case .header: "\(wire) (header)"
        }
    }

    /// The path as fixed text and parameters; each `{name}` segment is the parameter of that name.
    private func pathSegments() -> [PathSegmentContext] {
        var segments: [PathSegmentContext] = []
        var text = ""
        for (index, segment) in interface.path.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { text += "/" }
            if segment.hasPrefix("{"), segment.hasSuffix("}"),
               let parameter = plan.parameters.first(where: { $0.location == .path && $0.field.name == segment.dropFirst().dropLast() }) {
                if !text.isEmpty { segments.append(PathSegmentContext(literal: SwiftLiteral.escaped(text))) }
                text = ""
                segments.append(PathSegmentContext(parameter: Identifier.declaration(parameter.internalName)))
            } else {
                text += segment
            }
        }
        if !text.isEmpty { segments.append(PathSegmentContext(literal: SwiftLiteral.escaped(text))) }
        return segments
    }

    /// The fixed header fields of the header table, `Content-Type` when a body is sent and the table has none, then
    /// the header parameters.
    private func headers() -> [HeaderContext] {
        var fields: [(name: String, value: String?, parameter: String?)] = []
        func has(_ name: String) -> Bool { fields.contains { $0.name.lowercased() == name.lowercased() } }
        for header in interface.headers {
            if let fixed = header.constraints.fixedValue, !has(header.name) { fields.append((header.name, fixed, nil)) }
        }
        if interface.hasRequestBody, !has("Content-Type") {
            fields.append(("Content-Type", "application/json; charset=UTF-8", nil))
        }
        for parameter in plan.parameters where parameter.location == .header && !has(parameter.wireName) {
            fields.append((parameter.wireName, nil, Identifier.declaration(parameter.internalName)))
        }
        return fields.enumerated().map { offset, field in
            HeaderContext(nameLiteral: SwiftLiteral.string(field.name), valueLiteral: field.value.map(SwiftLiteral.string), parameter: field.parameter,
                          isLast: offset == fields.count - 1)
        }
    }

    // MARK: Operation

    private func envelopeContext() -> EnvelopeContext? {
        guard let envelope = interface.envelope else { return nil }
        return EnvelopeContext(
            codes: envelope.codes.enumerated().map { offset, code in
                EnvelopeCodeContext(nameLiteral: SwiftLiteral.string(code.name), successLiterals: ListItem.list(code.successValues.map(SwiftLiteral.string)),
                                    isLast: offset == envelope.codes.count - 1)
            },
            messageLiterals: ListItem.list(envelope.messageFields.map(SwiftLiteral.string))
        )
    }

    private func operationContext(parameters: [ParameterContext]) -> OperationContext {
        var docLines = summaryLines()
        if !interface.bmsInterfaces.isEmpty {
            docLines.append("BMS: " + interface.bmsInterfaces.map { "`\(DocComment.code($0))`" }.joined(separator: ", "))
        }
        docLines.append("")
        var lines = DocComment.prefixed(docLines)
        lines.append(contentsOf: parameters.map(\.docLine))
        let hasBody = interface.hasRequestBody
        if hasBody { lines.append(" - Parameter request: the request body; it is validated first unless the client's `validation` says otherwise.") }
        let payload = plan.payload
        let returnsNothing = interface.success?.isEmpty == true
        let payloadRule = PayloadRule(payload)
        if returnsNothing {
            lines.append(" - Returns: nothing: the answer of a successful call (HTTP \(interface.success?.status ?? 200)) has no body.")
        } else if payload.isEmpty {
            lines.append(" - Returns: the whole answer of a successful call.")
        } else {
            let names = payload.map { "`\(DocComment.code($0.field.name))`" }
            let absent = switch payloadRule {
            case .required, .none: ""
            case .list: "; an empty list when the answer carries none"
            case .optional: "; nil when the answer carries none"
            }
            lines.append(" - Returns: \(names.joined(separator: " (or "))\(names.count > 1 ? ")" : "") of a successful answer\(absent).")
        }
        lines.append(interface.envelope == nil ? " - Throws: `CMSError`." : " - Throws: `CMSError`; a failure result code is `.resultFailure` with its meaning.")
        let returnType = returnsNothing ? TypeUsageContext(name: "Swift.Void", isList: false, isMap: false, isOptional: false, isIndirect: false)
            : payload.first.map { TypeUsageContext(name: $0.type.name, isList: $0.type.isList, isMap: $0.type.isMap, isOptional: false, isIndirect: false) }
            ?? TypeUsageContext(name: "\(plan.namespace).Response", isList: false, isMap: false, isOptional: false, isIndirect: false)
        return OperationContext(
            clientType: naming.client, operationsType: naming.operations, name: Identifier.declaration(plan.operation), nameLiteral: SwiftLiteral.string(plan.operation), namespace: plan.namespace,
            method: SwiftLiteral.comment(interface.method), pathText: DocComment.code(interface.path),
            methodLiteral: SwiftLiteral.string(interface.method), pathLiteral: SwiftLiteral.string(interface.path),
            titleLiteral: SwiftLiteral.string(interface.title), wrapperLiteral: interface.request?.exampleWrapper.map(SwiftLiteral.string),
            pathParameterNames: ListItem.list(interface.pathParameters.map { SwiftLiteral.string($0.name) }),
            queryParameterNames: ListItem.list(interface.queryParameters.map { SwiftLiteral.string($0.name) }),
            headerParameterNames: ListItem.list(interface.headerParameters.map { SwiftLiteral.string($0.name) }),
            docLines: lines, parameters: parameters, hasBody: hasBody, hasArguments: !parameters.isEmpty || hasBody,
            hasDefaultRequest: plan.request.properties.allSatisfy { !$0.isRequired },
            returnType: returnType, returnsPayload: !payload.isEmpty && !returnsNothing,
            payloadIsRequired: payloadRule == .required, payloadIsList: payloadRule == .list, payloadIsOptional: payloadRule == .optional && !returnsNothing,
            hasErrorBody: interface.errorBody != nil, returnsNothing: returnsNothing,
            payloadCandidates: ListItem.list(payload.map { Identifier.declaration($0.name) }),
            payloadNames: ListItem.list(payload.map { SwiftLiteral.string($0.field.name) })
        )
    }

}

extension TypeContext {
    init(parent: String, name: String, docLines: [String], alias: AliasContext? = nil) {
        self.init(parent: parent, name: name, docLines: docLines, request: nil, response: nil, enumeration: nil, alias: alias)
    }
}

extension RulesContext {
    init(ranges: [BoundsContext], hasRanges: Bool, isDocumentedValue: Bool, allowedLiterals: [ListItem], hasAllowedValues: Bool,
         isNested: Bool, isNestedList: Bool) {
        self.init(range: nil, decimalRange: nil, ranges: ranges, hasRanges: hasRanges, length: nil, count: nil, elementRange: nil, elementLength: nil,
                  fixedLiteral: nil, isDocumentedValue: isDocumentedValue, allowedLiterals: allowedLiterals,
                  hasAllowedValues: hasAllowedValues, isNested: isNested, isNestedList: isNestedList)
    }
}

extension PathSegmentContext {
    init(literal: String) { self.init(literal: literal, parameter: nil) }
    init(parameter: String) { self.init(literal: nil, parameter: parameter) }
}
