import CMSSchema
import CMSSupport

/// Makes the plan of every interface: operation names across the schema, then each interface's name table and types.
///
/// Names come from the naming rules (`NameBuilder`), unless the overrides file pins them; then each scope makes them
/// unique. A typo correction, a name the wire name could not give as it is, a reserved name and a numbered collision
/// are each a diagnostic at the row, with the key that pins the name.
struct InterfacePlanner {
    let names: NameBuilder
    let overrides: NameOverrides
    /// The names the generated client had last time (its lock file): kept unless the names file says otherwise.
    let locked: NameOverrides
    /// The pinned names of types (names file, then lock), by operation key: each interface holds them in its type scopes.
    let pinnedTypes: [String: [(key: String, name: String)]]
    /// The names of the module's own types (`CMSClient`, `CMSTypes`, …).
    let naming: ClientNaming
    /// The codes of the Error Code Reference: a result-code field whose documented values are among them has the
    /// shared type `CMSTypes.ResultCode`, made from the reference.
    private(set) var resultCodes: Set<String> = []
    private(set) var diagnostics = DiagnosticBag()
    /// The override keys some name used; the others are reported as unused.
    private(set) var usedKeys: Set<String> = []

    init(
        names: NameBuilder = NameBuilder(), overrides: NameOverrides = NameOverrides(), locked: NameOverrides = NameOverrides(),
        naming: ClientNaming = ClientNaming()
    ) {
        self.names = names
        self.overrides = overrides
        self.locked = locked
        self.naming = naming
        var pinnedTypes: [String: [(key: String, name: String)]] = [:]
        for (key, name) in locked.entries.mapValues(\.name).merging(overrides.entries.mapValues(\.name), uniquingKeysWith: { _, pinned in pinned })
        where key.hasSuffix(" (type)") {
            let words = key.split(separator: " ", maxSplits: 2)
            guard words.count == 3 else { continue }
            pinnedTypes["\(words[0]) \(words[1])", default: []].append((key, name))
        }
        self.pinnedTypes = pinnedTypes.mapValues { $0.sorted { $0.key < $1.key } }
    }

    /// The plans of all interfaces, in schema order. Operation names are decided across the schema first; then each
    /// interface is planned on its own, in parallel.
    mutating func plan(_ schema: SchemaDocument) -> [InterfacePlan] {
        // The operation names the schema carries (`OperationIdentity`), or, for a schema that has none yet, derived
        // here by the same rule.
        var named = schema
        if schema.interfaces.contains(where: { $0.operationId == nil }) {
            diagnostics.append(contentsOf: OperationIdentity.assign(&named, overrides: overrides, locked: locked, naming: naming))
        }
        let operations = named.interfaces.map { $0.operationId ?? "operation" }
        let operationKeys = Set(named.interfaces.map(OperationIdentity.key))
        usedKeys.formUnion(overrides.entries.keys.filter(operationKeys.contains))
        resultCodes = Set(schema.resultCodes.map(\.code))
        // A request body is the method's argument: too wide for one type, the interface is left out of the client.
        let typed = zip(named.interfaces, operations).filter { interface, _ in
            guard let body = interface.request, body.fields.count > PlanBuilder.fieldLimit else { return true }
            diagnostics.warning(.wideTable,
                "the request table documents \(body.fields.count) fields, more than the \(PlanBuilder.fieldLimit) one Swift type can hold and still compile in reasonable time; the client has no method for \(interface.method) \(interface.path)",
                at: body.location
            )
            return false
        }
        let planner = self
        let built = Parallel.map(typed) { interface, operation in
            var builder = PlanBuilder(planner: planner, interface: interface, operation: operation)
            let plan = builder.build()
            return (plan, builder.diagnostics.diagnostics, builder.usedKeys)
        }
        var plans: [InterfacePlan] = []
        for (plan, planDiagnostics, keys) in built {
            plans.append(plan)
            diagnostics.append(contentsOf: planDiagnostics)
            usedKeys.formUnion(keys)
        }
        return plans
    }
}

/// Plans one interface.
private struct PlanBuilder {
    let names: NameBuilder
    let overrides: NameOverrides
    let locked: NameOverrides
    let resultCodes: Set<String>
    /// `CMSTypes.ResultCode`, under the module's names.
    let resultCodeType: String
    let interface: Interface
    let operation: String
    let namespace: String
    let operationKey: String
    var diagnostics = DiagnosticBag()
    var usedKeys: Set<String> = []
    /// Every name given, by its key (what the lock file records).
    var assigned: [String: String] = [:]

    /// The type names of the types nested in the request, and in the response. References are always qualified
    /// (`X.Response.State`), so only the namespace and the modules must stay free in both.
    private var typeScopes: [Part: NameScope]
    private let objects: [String: ObjectType]
    /// Observations by `part|object id|field name` (the object id is empty for the body's own fields).
    private var mismatches: [String: [Observation]] = [:]
    /// Structs planned or waiting to be, by `part|object id`.
    private var structNames: [String: (name: String, wirePath: String)] = [:]
    private var waiting: [(part: Part, object: ObjectType, name: String, wirePath: String)] = []
    /// Types (`part|name`) in the order their names were given.
    private var order: [String] = []
    private var planned: [String: PlannedType] = [:]
    /// Objects too wide for one Swift type, already reported.
    private var tooWide: Set<String> = []

    init(planner: InterfacePlanner, interface: Interface, operation: String) {
        names = planner.names
        overrides = planner.overrides
        locked = planner.locked
        resultCodes = planner.resultCodes
        resultCodeType = planner.naming.resultCodeType
        self.interface = interface
        self.operation = operation
        namespace = OperationIdentity.namespace(of: operation)
        operationKey = PlanBuilder.operationKey(interface)
        let scope = NameScope(reserved: ReservedNames.types.union([namespace]))
        typeScopes = [.request: scope, .response: scope]
        for (key, name) in planner.pinnedTypes[operationKey] ?? [] {
            for part in [Part.request, .response] where key.hasPrefix("\(operationKey) \(part.rawValue) ") {
                typeScopes[part]!.hold(name, for: key)
            }
        }
        objects = Dictionary(interface.objects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        indexMismatches()
    }

    static func operationKey(_ interface: Interface) -> String { OperationIdentity.key(interface) }

    /// The most fields one generated type gets. Past it the compiler's time grows out of reach: its definite
    /// initialization pass is quadratic in the stored properties an initializer assigns (measured with `swiftc -c`:
    /// 250 fields 4 s, 400 fields 11 s, 800 fields 51 s, 2,000 fields over 10 minutes). A wider response or object is
    /// decoded as `CMSJSONValue`, and an interface with a wider request body is left out, each with a warning.
    static let fieldLimit = 250

    mutating func build() -> InterfacePlan {
        assigned[operationKey] = operation
        let parameters = planParameters()
        let request = planStruct(part: .request, object: nil, fields: interface.request?.fields ?? [], name: "Request", wirePath: "")
        drainQueue()
        var response: PlannedStruct?
        if let body = interface.response, body.fields.count > PlanBuilder.fieldLimit {
            diagnostics.warning(.wideTable,
                "the response table documents \(body.fields.count) fields, more than the \(PlanBuilder.fieldLimit) one Swift type can hold and still compile in reasonable time; the response is decoded as untyped JSON (CMSJSONValue)",
                at: body.location
            )
        } else if let body = interface.response {
            response = planStruct(part: .response, object: nil, fields: body.fields, name: "Response", wirePath: "")
            drainQueue()
        }
        return InterfacePlan(
            interface: interface, operation: operation, namespace: namespace, parameters: parameters, request: request,
            response: response, nestedTypes: order.compactMap { planned[$0] }, payload: response.map(payload(of:)) ?? [],
            names: assigned
        )
    }

    // MARK: Names

    /// The name for `key`: pinned in the overrides file, or `naming`'s; reserved names get `suffix`, taken ones a
    /// number. Says so in a diagnostic whenever the name is not the plain reading of the wire name.
    private mutating func name(
        _ key: String, _ naming: NameBuilder.Name, wireName: String, in scope: inout NameScope, reservedSuffix: String,
        location: SourceLocation
    ) -> String {
        let pin = "(pin it in \(NameOverrides.fileName) as \"\(key)\")"
        var candidate = naming.name
        if let pinned = overrides[key] {
            usedKeys.insert(key)
            candidate = pinned
        } else if let kept = locked[key] {
            candidate = kept
        } else {
            if !naming.corrections.isEmpty {
                diagnostics.emit(.note, .nameTypoCorrected, "'\(wireName)' reads as a typo (\(naming.corrections.joined(separator: ", "))); its Swift name is '\(candidate)' \(pin)", at: location)
            }
            if let change = naming.change {
                diagnostics.emit(.note, .nameDerived, "'\(wireName)' \(change); its Swift name is '\(candidate)' \(pin)", at: location)
            }
        }
        if scope.reserved.contains(candidate) {
            let renamed = candidate + reservedSuffix
            diagnostics.emit(.note, .nameReserved, "'\(candidate)' is reserved by Swift or the generated code; the name is '\(renamed)' \(pin)", at: location)
            candidate = renamed
        }
        let (claimed, numbered) = scope.claim(candidate, key: key)
        if numbered {
            diagnostics.warning(.nameClash, "'\(wireName)' reads as '\(candidate)', which another name here already has; its Swift name is '\(claimed)' \(pin)", at: location)
        }
        assigned[key] = claimed
        return claimed
    }

    private func key(_ part: Part, _ wirePath: String) -> String { "\(operationKey) \(part.rawValue) \(wirePath)" }

    /// The name pinned for `key` (names file, then lock file), if any.
    private func pinned(_ key: String) -> String? { overrides[key] ?? locked[key] }

    /// Holds in `scope` the pinned names of `keys`, so that no derived name takes them first.
    private func hold(_ keys: [String], in scope: inout NameScope) {
        for key in keys {
            if let name = pinned(key) { scope.hold(name, for: key) }
        }
    }

    // MARK: Parameters

    private mutating func planParameters() -> [PlannedParameter] {
        var labels = NameScope(reserved: ReservedNames.parameterLabels)
        var internals = NameScope(reserved: ReservedNames.parameterNames)
        let all = interface.pathParameters.map { ($0, PlannedParameter.Location.path) } + interface.queryParameters.map { ($0, .query) }
            + interface.headerParameters.map { ($0, .header) }
        hold(all.map { "\(operationKey) \($1.rawValue) \($0.name)" }, in: &labels)
        return all.map { field, location in
            let naming = names.memberName(wireName: field.name, context: field.description)
            let label = name("\(operationKey) \(location.rawValue) \(field.name)", naming, wireName: field.name, in: &labels, reservedSuffix: "Value", location: field.location)
            var internalName = label
            if internals.reserved.contains(internalName) { internalName += "Value" }
            internalName = internals.claim(internalName).name
            let scalar = scalarType(field.type.kind, format: field.constraints.format)
            var type = TypeReference.scalar(scalar ?? .string)
            // Documented values are an enumeration wherever they stand: in the body, and in the path, query or headers.
            if let enumeration = field.enumeration, field.constraints.fixedValue == nil, let rawType = enumerationRawType(field.type.kind, enumeration) {
                let keyBase = "\(operationKey) \(location.rawValue) \(field.name)"
                let name = planEnumeration(field, enumeration, rawType: rawType, part: .request, fieldPath: field.name, propertyName: label, keyBase: keyBase)
                type = TypeReference(element: .enumeration("\(qualified(.request)).\(name)"), isList: false)
            }
            return PlannedParameter(
                field: field, location: location, label: label, internalName: internalName,
                type: type,
                isRequired: location == .path || field.requirement == .required, naming: naming
            )
        }
    }

    // MARK: Structs

    private mutating func drainQueue() {
        while !waiting.isEmpty {
            let next = waiting.removeFirst()
            let plannedStruct = planStruct(part: next.part, object: next.object, fields: next.object.fields, name: next.name, wirePath: next.wirePath)
            planned["\(next.part.rawValue)|\(next.name)"] = .structure(plannedStruct)
        }
    }

    private func qualified(_ part: Part) -> String { "\(namespace).\(part == .request ? "Request" : "Response")" }

    private mutating func planStruct(part: Part, object: ObjectType?, fields: [Field], name: String, wirePath: String) -> PlannedStruct {
        var members = NameScope(reserved: ReservedNames.structMembers)
        var locals = NameScope(reserved: ReservedNames.requestLocals)
        let scopeID = object?.id ?? ""
        // An object several fields share is named after the one a reader looks for first (resultDesc before resultDatas).
        var namingField: [String: Field] = [:]
        for field in fields.sorted(by: { payloadRank($0.name) < payloadRank($1.name) }) {
            if let id = field.object, namingField[id] == nil { namingField[id] = field }
        }
        var properties: [PlannedProperty] = []
        var wireNames: Set<String> = []
        hold(fields.map { key(part, wirePath.isEmpty ? $0.name : wirePath + "." + $0.name) }, in: &members)
        for field in fields {
            let fieldPath = wirePath.isEmpty ? field.name : wirePath + "." + field.name
            // One JSON object cannot hold a key twice: a schema that lists a field twice keeps the first.
            guard wireNames.insert(field.name).inserted else {
                diagnostics.warning(.duplicateField, "the field '\(fieldPath)' is listed twice; the later one is left out", at: field.location)
                continue
            }
            let naming = names.memberName(wireName: field.name, context: field.description)
            let propertyName = self.name(key(part, fieldPath), naming, wireName: field.name, in: &members, reservedSuffix: "Value", location: field.location)
            var local = propertyName
            if locals.reserved.contains(local) { local += "Value" }
            local = locals.claim(local).name
            let mismatchKey = "\(part.rawValue)|\(scopeID)|\(field.name)"
            let fieldMismatches = mismatches[mismatchKey] ?? []
            let type = resolveType(field, part: part, scopeID: scopeID, fieldPath: fieldPath, propertyName: propertyName,
                                   mismatches: fieldMismatches, namingField: namingField)
            properties.append(PlannedProperty(
                field: field, name: propertyName, local: local, type: type,
                isRequired: part == .request && field.requirement == .required,
                isMandatory: part == .response && field.requirement == .required,
                wirePath: fieldPath, naming: naming, mismatches: fieldMismatches
            ))
        }
        let parent = object == nil ? namespace : qualified(part)
        return PlannedStruct(name: name, qualifiedName: "\(parent).\(name)", parent: parent, part: part, isRoot: object == nil,
                             object: object, wirePath: wirePath, properties: properties)
    }

    // MARK: Types

    private func scalarType(_ kind: FieldType.Kind, format: String?) -> ScalarType? {
        switch kind {
        case .string: .string
        case .integer: .int
        case .long: .int64
        case .number: .double
        case .boolean: .bool
        case .date: format?.hasPrefix("timestamp") == true ? .int64 : .string
        default: nil
        }
    }

    private mutating func resolveType(
        _ field: Field, part: Part, scopeID: String, fieldPath: String, propertyName: String, mismatches: [Observation],
        namingField: [String: Field]
    ) -> TypeReference {
        let kind = field.type.kind
        let isList = kind == .array
        // A scalar whose example contradicts its table keeps the documented type, decoded tolerantly (a number sent
        // for a documented string is that string); anything else the example contradicts is untyped JSON.
        if !mismatches.isEmpty, scalarType(kind, format: field.constraints.format) == nil {
            return .json()
        }
        // The envelope's result code, when the Error Code Reference lists every value the page documents for it.
        if part == .response, scopeID.isEmpty, let enumeration = field.enumeration, !resultCodes.isEmpty, kind == .string,
           interface.envelope?.codes.contains(where: { $0.name == field.name }) == true,
           enumeration.values.allSatisfy({ resultCodes.contains($0.value) }) {
            return TypeReference(element: .enumeration(resultCodeType), isList: false)
        }
        if let enumeration = field.enumeration, let rawType = enumerationRawType(kind, enumeration) {
            let name = planEnumeration(field, enumeration, rawType: rawType, part: part, fieldPath: fieldPath, propertyName: propertyName)
            return TypeReference(element: .enumeration("\(qualified(part)).\(name)"), isList: false)
        }
        if let scalar = scalarType(kind, format: field.constraints.format) {
            return .scalar(scalar)
        }
        if kind == .map {
            let element = field.type.element.flatMap { scalarType($0, format: nil) }
            return element.map { .scalar($0, isMap: true) } ?? .json(isMap: true)
        }
        if kind == .object || kind == .array, let id = field.object, let object = objects[id], object.fields.count > PlanBuilder.fieldLimit {
            if tooWide.insert(id).inserted {
                diagnostics.warning(.wideTable,
                    "the table documents \(object.fields.count) fields, more than the \(PlanBuilder.fieldLimit) one Swift type can hold and still compile in reasonable time; '\(fieldPath)' is decoded as untyped JSON (CMSJSONValue)",
                    at: object.location
                )
            }
            return .json(isList: isList)
        }
        if kind == .object || kind == .array, let id = field.object, let object = objects[id] {
            let structKey = "\(part.rawValue)|\(id)"
            let name: String
            if let known = structNames[structKey] {
                name = known.name
            } else {
                let namer = namingField[id] ?? field
                let namerPath = namer.name == field.name ? fieldPath : (fieldPath.split(separator: ".").dropLast().map(String.init) + [namer.name]).joined(separator: ".")
                let naming = field.type.name.map { names.typeName(wireName: $0, context: namer.description) }
                    ?? names.typeName(wireName: namer.name, context: namer.description, singular: namer.type.kind == .array)
                var types = typeScopes[part]!
                name = self.name(key(part, namerPath) + " (type)", naming, wireName: field.type.name ?? namer.name, in: &types, reservedSuffix: "Type", location: namer.location)
                typeScopes[part] = types
                structNames[structKey] = (name, namerPath)
                order.append("\(part.rawValue)|\(name)")
                waiting.append((part, object, name, namerPath))
            }
            return TypeReference(element: .object("\(qualified(part)).\(name)"), isList: isList)
        }
        if isList, let element = field.type.element, let scalar = scalarType(element, format: nil) {
            return .scalar(scalar, isList: true)
        }
        return .json(isList: isList)
    }

    /// `.string` or `.int` when the documented values fit the field's type, else nil (no enumeration type).
    private func enumerationRawType(_ kind: FieldType.Kind, _ enumeration: Enumeration) -> ScalarType? {
        switch kind {
        case .string: return .string
        case .integer, .long: return enumeration.values.allSatisfy { Int($0.value) != nil } ? .int : nil
        default: return nil
        }
    }

    private mutating func planEnumeration(
        _ field: Field, _ enumeration: Enumeration, rawType: ScalarType, part: Part, fieldPath: String, propertyName: String,
        keyBase: String? = nil
    ) -> String {
        // The key that pins the type's and the cases' names: the field's wire path, or a parameter's location and name.
        let keyBase = keyBase ?? key(part, fieldPath)
        let naming = NameBuilder.Name(name: Identifier.camelCase([propertyName], upper: true), corrections: [], change: nil)
        var types = typeScopes[part]!
        let typeName = name(keyBase + " (type)", naming, wireName: field.name, in: &types, reservedSuffix: "Type", location: field.location)
        typeScopes[part] = types
        var scope = NameScope(reserved: ReservedNames.enumCases)
        hold(enumeration.values.map { keyBase + "=" + $0.value }, in: &scope)
        var rawValues: Set<String> = []
        var cases: [PlannedCase] = []
        for value in enumeration.values {
            let raw = rawType == .int ? String(Int(value.value)!) : value.value
            guard rawValues.insert(raw).inserted else {
                diagnostics.warning(.duplicateEnumValue, "the documented value '\(value.value)' of '\(field.name)' repeats the value \(raw); it is left out", at: enumeration.location)
                continue
            }
            var naming = names.caseName(value: value.value, meaning: value.meaning)
            if !scope.isFree(naming.name, for: keyBase + "=" + value.value), !scope.reserved.contains(naming.name) {
                // Two values that read alike: the value's own words tell them apart.
                let tail = Identifier.camelCase(Identifier.humps(value.value), upper: true)
                naming.name = Identifier.sanitized(naming.name + (tail.isEmpty ? "Empty" : tail), fallback: "value").name
            }
            let caseName = name(keyBase + "=" + value.value, naming, wireName: value.value, in: &scope, reservedSuffix: "Value", location: enumeration.location)
            cases.append(PlannedCase(name: caseName, rawValue: raw, value: value))
        }
        order.append("\(part.rawValue)|\(typeName)")
        planned["\(part.rawValue)|\(typeName)"] = .enumeration(PlannedEnumeration(
            part: part, name: typeName, qualifiedName: "\(qualified(part)).\(typeName)", parent: qualified(part), field: field, wirePath: fieldPath,
            rawType: rawType, cases: cases, enumeration: enumeration, nameKey: keyBase + " (type)"
        ))
        return typeName
    }

    // MARK: Observations

    /// Resolves each type-mismatch observation's dotted path through the body to the field it is about.
    private mutating func indexMismatches() {
        for observation in interface.observations where observation.kind == .typeMismatch {
            let part: Part
            let body: Body?
            switch observation.role {
            case .request: part = .request; body = interface.request
            case .response: part = .response; body = interface.response
            case .requestHeaders: continue
            }
            var fields = body?.fields ?? []
            var scopeID = ""
            let segments = observation.path.split(separator: ".").map(String.init)
            for (index, segment) in segments.enumerated() {
                guard let field = fields.first(where: { $0.name == segment }) else { break }
                if index == segments.count - 1 {
                    mismatches["\(part.rawValue)|\(scopeID)|\(field.name)", default: []].append(observation)
                } else if let id = field.object, let object = objects[id] {
                    scopeID = id
                    fields = object.fields
                } else {
                    break
                }
            }
        }
    }

    // MARK: Payload

    /// Fields that carry the payload (as the envelope says) first, in payload order; stable for the rest.
    private func payloadRank(_ name: String) -> Int {
        let fields = interface.envelope?.payloadFields ?? []
        return fields.firstIndex(of: name) ?? fields.count
    }

    /// The payload the client method returns, by one rule that other fields cannot change: the envelope's payload
    /// fields (`resultDesc`, then `resultDatas`) that are documented objects or lists of one type. Without them, the
    /// method returns the whole response.
    private func payload(of response: PlannedStruct) -> [PlannedProperty] {
        guard let envelope = interface.envelope else { return [] }
        var candidates: [PlannedProperty] = []
        for wire in envelope.payloadFields {
            guard let property = response.properties.first(where: { $0.field.name == wire }),
                  property.type.kind == .object || property.type.isList && property.type.kind != .json,
                  candidates.isEmpty || candidates[0].type == property.type else { continue }
            candidates.append(property)
        }
        return candidates
    }
}
