import CMSSchema

/// Finds the nested types (objects and documented values) that several interfaces declare alike, and plans one shared
/// declaration for each in `CMSTypes`, declared in `Generated/Shared/Types/`. Each interface keeps its own name for
/// the type as a typealias (`AgentByWorkNo.Response.Status = CMSTypes.Status`), so a client's names do not change
/// when a type starts or stops being shared.
///
/// Alike means the same generated code: the same properties (Swift and wire names, types, requirements, rules) or the
/// same cases (names and values), compared through the shapes of the types they refer to, never through names or
/// doc comments. A type used by one interface only stays in its interface's file.
struct SharedTypePlanner {
    /// The namespace of the shared types (`CMSTypes`).
    let namespace: String
    /// The result codes of the Error Code Reference, one type for every result-code field whose values it lists.
    let resultCodeType: String

    init(naming: ClientNaming = ClientNaming()) {
        namespace = naming.types
        resultCodeType = naming.resultCodeType
    }

    /// A shared type: its declaration (parent `CMSTypes`, references to other shared types rewritten), the plan of
    /// the interface it was first declared in (for its doc comments), and every interface that uses it.
    struct SharedType {
        var type: PlannedType
        var plan: InterfacePlan
        var users: [String]
    }

    private(set) var shared: [SharedType] = []
    private(set) var diagnostics = DiagnosticBag()

    /// Merges the plans' nested types (each plan's `aliases` name the types that became shared), and plans the
    /// result-code type from the Error Code Reference when some interface uses it, or when the reference's error codes
    /// come with HTTP statuses (a failed call's body carries one).
    mutating func merge(_ plans: inout [InterfacePlan], resultCodes: [ResultCode] = [], names: NameBuilder = NameBuilder()) {
        let host = plans.first(where: usesResultCodes) ?? (resultCodes.contains { $0.status != nil } ? plans.first : nil)
        if let plan = host, !resultCodes.isEmpty {
            let users = plans.filter(usesResultCodes)
            // The code the envelopes take for success is `success`, whatever the reference calls it.
            let success = Set(users.flatMap { $0.interface.envelope?.codes.flatMap(\.successValues) ?? [] })
            shared.append(SharedType(type: resultCodeEnumeration(resultCodes, success: success, names: names), plan: plan, users: users.map(\.namespace)))
        }
        mergeAlike(&plans)
    }

    private func usesResultCodes(_ plan: InterfacePlan) -> Bool {
        plan.response?.properties.contains { $0.type.name == resultCodeType } == true
    }

    /// `CMSTypes.ResultCode`: a case per code of the Error Code Reference, named after its meaning.
    private func resultCodeEnumeration(_ codes: [ResultCode], success: Set<String>, names: NameBuilder) -> PlannedType {
        var scope = NameScope(reserved: ReservedNames.enumCases)
        var cases: [PlannedCase] = []
        for code in codes.filter({ success.contains($0.code) }) + codes.filter({ !success.contains($0.code) }) {
            let value = EnumValue(value: code.code, meaning: code.description)
            var candidate = success.contains(code.code) ? "success" : names.caseName(value: code.code, meaning: code.description).name
            if scope.reserved.contains(candidate) { candidate += "Value" }
            cases.append(PlannedCase(name: scope.claim(candidate).name, rawValue: code.code, value: value))
        }
        let location = codes.first?.location ?? SourceLocation(file: "", line: 1)
        let enumeration = Enumeration(values: cases.map(\.value), closed: false, location: location)
        return .enumeration(PlannedEnumeration(
            part: .response, name: "ResultCode", qualifiedName: resultCodeType, parent: namespace,
            // The error codes of the second layout come in a failure's body (`error_code`), CC-CMS's in the envelope.
            field: Field(name: codes.contains { $0.status != nil } ? "error_code" : "resultCode", type: FieldType(kind: .string, raw: "String"), location: location),
            wirePath: codes.contains { $0.status != nil } ? "error_code" : "resultCode", rawType: "Swift.String", cases: cases, enumeration: enumeration
        ))
    }

    private mutating func mergeAlike(_ plans: inout [InterfacePlan]) {
        // The shape of every nested type of every plan, by qualified name.
        var shapes: [String: String] = [:]
        var typesByName: [String: (plan: Int, type: PlannedType)] = [:]
        for (index, plan) in plans.enumerated() {
            for type in plan.nestedTypes { typesByName[Self.qualifiedName(type)] = (index, type) }
        }
        func shape(of name: String, visiting: Set<String> = []) -> String {
            if let known = shapes[name] { return known }
            guard let (_, type) = typesByName[name], !visiting.contains(name) else { return "type \(name)" }
            let result: String
            switch type {
            case .enumeration(let enumeration):
                result = "enum \(enumeration.part.rawValue) \(enumeration.rawType) closed=\(enumeration.enumeration.closed) "
                    + enumeration.cases.map { "\($0.name)=\($0.rawValue)" }.joined(separator: ",")
            case .structure(let structure):
                let properties = structure.properties.map { property -> String in
                    let reference = property.type
                    // A child stands in its parent's shape by a digest of its own: the key stays as long as the
                    // table, however deep and however often the tables below are reached (a table reached twice from
                    // each level would double the key per level).
                    let target = reference.kind == .object || reference.kind == .enumeration
                        ? "{" + Self.digest(shape(of: reference.name, visiting: visiting.union([name]))) + "}" : reference.name
                    let constraints = structure.part == .request ? "\(property.field.constraints)|\(property.field.enumeration?.closed == true)" : ""
                    return "\(property.name):\(property.field.name):\(target):\(reference.isList):\(reference.isMap):\(property.isRequired):\(property.isMandatory):\(constraints)"
                }
                result = "struct \(structure.part.rawValue) " + properties.joined(separator: ";")
            }
            shapes[name] = result
            return result
        }
        // Shapes and the interfaces that declare them, in plan order.
        var users: [String: [Int]] = [:]
        var order: [String] = []
        for (index, plan) in plans.enumerated() {
            for type in plan.nestedTypes {
                let key = shape(of: Self.qualifiedName(type))
                if users[key] == nil { order.append(key) }
                if users[key]?.last != index { users[key, default: []].append(index) }
            }
        }
        let sharedKeys = order.filter { (users[$0]?.count ?? 0) > 1 }
        guard !sharedKeys.isEmpty else { return }

        // Names: the local name most of its users give it; shapes that would share a name are told apart by their
        // shape, never by the order of the pages.
        let sharedSet = Set(sharedKeys)
        var localNames: [String: [String: Int]] = [:]
        for (name, entry) in typesByName {
            let key = shape(of: name)
            if sharedSet.contains(key) { localNames[key, default: [:]][Self.localName(entry.type), default: 0] += 1 }
        }
        var candidate: [String: String] = [:]
        for key in sharedKeys {
            candidate[key] = localNames[key]!.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first!.key
        }
        var byName: [String: [String]] = [:]
        for key in sharedKeys { byName[candidate[key]!, default: []].append(key) }
        var sharedName: [String: String] = [:]
        for key in sharedKeys {
            let base = candidate[key]!
            let clashes = byName[base]!.count > 1 || ReservedNames.types.contains(base) || shared.contains { Self.localName($0.type) == base }
            sharedName[key] = clashes ? base + "_" + Self.fingerprint(key) : base
        }

        // Every local qualified name of a shared shape → its shared name.
        var rename: [String: String] = [:]
        for name in typesByName.keys {
            if let shared = sharedName[shape(of: name)] { rename[name] = "\(namespace).\(shared)" }
        }
        for index in plans.indices {
            for type in plans[index].nestedTypes {
                let name = Self.qualifiedName(type)
                if let target = rename[name] { plans[index].aliases[name] = target }
            }
        }
        // One declaration per shared shape: the first user's, moved into `CMSTypes`, its references renamed.
        for key in sharedKeys {
            let first = users[key]![0]
            guard let type = plans[first].nestedTypes.first(where: { shape(of: Self.qualifiedName($0)) == key }) else { continue }
            let name = sharedName[key]!
            let moved = moved(type, to: name, rename: rename)
            let userNames = users[key]!.map { plans[$0].namespace }
            shared.append(SharedType(type: moved, plan: plans[first], users: userNames))
            let location = Self.location(of: type)
            diagnostics.emit(
                .note, .sharedType,
                "\(userNames.count) interfaces declare '\(Self.localName(type))' alike (\(userNames.prefix(4).joined(separator: ", "))\(userNames.count > 4 ? ", …" : "")); it is one type, \(namespace).\(name), and each interface keeps its name for it",
                at: location
            )
        }
        shared.sort { Self.localName($0.type) < Self.localName($1.type) }
    }

    static func qualifiedName(_ type: PlannedType) -> String {
        switch type {
        case .structure(let structure): structure.qualifiedName
        case .enumeration(let enumeration): enumeration.qualifiedName
        }
    }

    static func localName(_ type: PlannedType) -> String {
        switch type {
        case .structure(let structure): structure.name
        case .enumeration(let enumeration): enumeration.name
        }
    }

    private static func location(of type: PlannedType) -> SourceLocation {
        switch type {
        case .structure(let structure): structure.object?.location ?? structure.properties.first?.field.location ?? SourceLocation(file: "", line: 1)
        case .enumeration(let enumeration): enumeration.enumeration.location
        }
    }

    /// The declaration under its shared name in `CMSTypes`, with references to shared types renamed.
    private func moved(_ type: PlannedType, to name: String, rename: [String: String]) -> PlannedType {
        switch type {
        case .enumeration(var enumeration):
            enumeration.name = name
            enumeration.parent = namespace
            enumeration.qualifiedName = "\(namespace).\(name)"
            return .enumeration(enumeration)
        case .structure(var structure):
            structure.name = name
            structure.parent = namespace
            structure.qualifiedName = "\(namespace).\(name)"
            for index in structure.properties.indices {
                let reference = structure.properties[index].type.name
                if let target = rename[reference] { structure.properties[index].type.name = target }
            }
            return .structure(structure)
        }
    }

    /// 128 bits of a shape (two FNV-1a hashes of 64 bits with different offsets), as 32 hex digits: what a parent's
    /// shape holds for a child's.
    static func digest(_ text: String) -> String {
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        var second: UInt64 = 0x6C62_272E_07BB_0142
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return String(first, radix: 16).leftPadded(to: 16) + String(second, radix: 16).leftPadded(to: 16)
    }

    /// Eight hex digits of a shape (FNV-1a), to tell apart shapes that would share a name.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return String(hash, radix: 16).leftPadded(to: 8)
    }
}
