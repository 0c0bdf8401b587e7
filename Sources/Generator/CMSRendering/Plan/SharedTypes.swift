import CMSSchema
import CMSSupport

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

    /// A name `CMSTypes` kept for code written against an earlier edition: a shared type that merged into another,
    /// or stopped being shared, is still found under its old name (`typealias Agent2 = CMSTypes.Agent`).
    struct KeptName {
        var name: String
        /// The qualified type it stands for now.
        var target: String
        /// The type keys of the interfaces' types it stood for.
        var keys: [String]
    }

    private(set) var shared: [SharedType] = []
    private(set) var keptNames: [KeptName] = []
    private(set) var diagnostics = DiagnosticBag()
    /// What the lock file records for shared types: `shared <type key>` (and `alias <type key>` for a kept name) →
    /// the name in `CMSTypes`.
    private(set) var lockEntries: [String: String] = [:]
    /// Names-file keys (`shared …`) that named a shared type.
    private(set) var usedKeys: Set<String> = []

    /// The key by which the names file and the lock file pin a shared type, from the key of any interface's type it
    /// stands for: `shared POST /rest/… response resultDesc.agents (type)`.
    static func sharedKey(_ typeKey: String) -> String { "shared " + typeKey }
    static func keptKey(_ typeKey: String) -> String { "alias " + typeKey }

    /// The key of an interface's nested type (`POST /rest/… response resultDesc.agents (type)`), as the planner pins it.
    static func typeKey(_ type: PlannedType, in plan: InterfacePlan) -> String {
        switch type {
        case .structure(let structure): "\(OperationIdentity.key(plan.interface)) \(structure.part.rawValue) \(structure.wirePath) (type)"
        case .enumeration(let enumeration): enumeration.nameKey
        }
    }

    /// Merges the plans' nested types (each plan's `aliases` name the types that became shared), and plans the
    /// result-code type from the Error Code Reference when some interface uses it, or when the reference's error codes
    /// come with HTTP statuses (a failed call's body carries one).
    mutating func merge(
        _ plans: inout [InterfacePlan], resultCodes: [ResultCode] = [], names: NameBuilder = NameBuilder(),
        overrides: NameOverrides = NameOverrides(), locked: NameOverrides = NameOverrides()
    ) {
        let host = plans.first(where: usesResultCodes) ?? (resultCodes.contains { $0.status != nil } ? plans.first : nil)
        if let plan = host, !resultCodes.isEmpty {
            let users = plans.filter(usesResultCodes)
            // The code the envelopes take for success is `success`, whatever the reference calls it.
            let success = Set(users.flatMap { $0.interface.envelope?.codes.flatMap(\.successValues) ?? [] })
            let enumeration = resultCodeEnumeration(resultCodes, success: success, names: names, overrides: overrides, locked: locked)
            shared.append(SharedType(type: enumeration, plan: plan, users: users.map(\.namespace)))
        }
        mergeAlike(&plans, overrides: overrides, locked: locked)
    }

    private func usesResultCodes(_ plan: InterfacePlan) -> Bool {
        plan.response?.properties.contains { $0.type.name == resultCodeType } == true
    }

    /// The key that pins the case of a result code (`result-code 0200001`).
    static func resultCodeKey(_ code: String) -> String { "result-code " + code }

    /// `CMSTypes.ResultCode`: a case per code of the Error Code Reference, named after its meaning (or as the names
    /// file or the lock file pins it).
    private mutating func resultCodeEnumeration(
        _ codes: [ResultCode], success: Set<String>, names: NameBuilder, overrides: NameOverrides, locked: NameOverrides
    ) -> PlannedType {
        var scope = NameScope(reserved: ReservedNames.enumCases)
        let ordered = codes.filter { success.contains($0.code) } + codes.filter { !success.contains($0.code) }
        for code in ordered {
            let key = Self.resultCodeKey(code.code)
            if let name = overrides[key] ?? locked[key] { scope.hold(name, for: key) }
        }
        var cases: [PlannedCase] = []
        for code in ordered {
            let key = Self.resultCodeKey(code.code)
            let value = EnumValue(value: code.code, meaning: code.description)
            if overrides[key] != nil { usedKeys.insert(key) }
            var candidate = success.contains(code.code) ? "success"
                : overrides[key] ?? locked[key] ?? names.caseName(value: code.code, meaning: code.description).name
            if scope.reserved.contains(candidate) { candidate += "Value" }
            let name = scope.claim(candidate, key: key).name
            if !success.contains(code.code) { lockEntries[key] = name }
            cases.append(PlannedCase(name: name, rawValue: code.code, value: value))
        }
        let location = codes.first?.location ?? SourceLocation(file: "", line: 1)
        let enumeration = Enumeration(values: cases.map(\.value), closed: false, location: location)
        return .enumeration(PlannedEnumeration(
            part: .response, name: "ResultCode", qualifiedName: resultCodeType, parent: namespace,
            // The error codes of the second layout come in a failure's body (`error_code`), CC-CMS's in the envelope.
            field: Field(name: codes.contains { $0.status != nil } ? "error_code" : "resultCode", type: FieldType(kind: .string, raw: "String"), location: location),
            wirePath: codes.contains { $0.status != nil } ? "error_code" : "resultCode", rawType: .string, cases: cases, enumeration: enumeration,
            nameKey: "result-code (type)"
        ))
    }

    private mutating func mergeAlike(_ plans: inout [InterfacePlan], overrides: NameOverrides, locked: NameOverrides) {
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
                result = "enum \(enumeration.part.rawValue) \(enumeration.rawType.rawValue) closed=\(enumeration.enumeration.closed) "
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
        guard !sharedKeys.isEmpty else {
            keepLockedNames(taken: [], plans: plans, locked: locked)
            return
        }

        // Every type's key, by shape.
        var keys: [String: [String]] = [:]
        for plan in plans {
            for type in plan.nestedTypes { keys[shape(of: Self.qualifiedName(type)), default: []].append(Self.typeKey(type, in: plan)) }
        }
        let sharedName = name(sharedKeys, keys: keys, users: users, plans: plans, typesByName: typesByName, shape: { shape(of: $0) },
                              overrides: overrides, locked: locked)

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
        for key in sharedKeys {
            for typeKey in keys[key] ?? [] { lockEntries[Self.sharedKey(typeKey)] = sharedName[key]! }
        }
        keepLockedNames(taken: Set(sharedName.values), plans: plans, locked: locked)
    }

    /// The name of each shared shape, by one rule that the order of the pages cannot change:
    /// 1. a name the names file pins for one of its types (`"shared POST /… response agents (type)": "Agent"`);
    /// 2. the name the lock file gives most of its types (the name it had last time);
    /// 3. the local name most of its types have (`Agent`); when several shapes want it, the shape with the most users
    ///    keeps it and each other one is named after the interface that declares it first (`QueryAgentsAgent`).
    /// A name is never a hash, and never one the lock file keeps for another shape.
    private mutating func name(
        _ sharedKeys: [String], keys: [String: [String]], users: [String: [Int]], plans: [InterfacePlan],
        typesByName: [String: (plan: Int, type: PlannedType)], shape: (String) -> String, overrides: NameOverrides, locked: NameOverrides
    ) -> [String: String] {
        var scope = NameScope(reserved: ReservedNames.types.union(shared.map { Self.localName($0.type) }))
        var result: [String: String] = [:]
        for key in sharedKeys {
            let pins = (keys[key] ?? []).sorted().compactMap { typeKey -> String? in
                let pinKey = Self.sharedKey(typeKey)
                guard let name = overrides[pinKey] else { return nil }
                usedKeys.insert(pinKey)
                return name
            }
            if let name = pins.first, scope.isFree(name) { result[key] = scope.claim(name).name }
        }
        // Names the lock keeps (for shared types and for kept names) are no derived name's.
        var lockedNames: Set<String> = []
        for (key, entry) in locked.entries where key.hasPrefix("shared ") || key.hasPrefix("alias ") { lockedNames.insert(entry.name) }
        for key in sharedKeys where result[key] == nil {
            var votes: [String: Int] = [:]
            for typeKey in keys[key] ?? [] {
                if let name = locked[Self.sharedKey(typeKey)] { votes[name, default: 0] += 1 }
            }
            let ranked = votes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            if let name = ranked.first(where: { scope.isFree($0) }) { result[key] = scope.claim(name).name }
        }
        // The local name most of its users give it.
        let unnamed = Set(sharedKeys.filter { result[$0] == nil })
        var counts: [String: [String: Int]] = [:]
        for (name, entry) in typesByName {
            let key = shape(name)
            if unnamed.contains(key) { counts[key, default: [:]][Self.localName(entry.type), default: 0] += 1 }
        }
        var candidate: [String: String] = [:]
        for key in unnamed {
            candidate[key] = counts[key]!.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first!.key
        }
        let ordered = candidate.keys.sorted { a, b in
            let (countA, countB) = (users[a]?.count ?? 0, users[b]?.count ?? 0)
            if countA != countB { return countA > countB }
            return (candidate[a]!, plans[users[a]![0]].namespace) < (candidate[b]!, plans[users[b]![0]].namespace)
        }
        for key in ordered {
            let base = candidate[key]!
            let readings = [base] + users[key]!.map { plans[$0].namespace + base }
            if let name = readings.first(where: { scope.isFree($0) && !lockedNames.contains($0) }) {
                result[key] = scope.claim(name).name
            } else {
                result[key] = scope.claim(readings[1]).name
            }
        }
        return result
    }

    /// Keeps in `CMSTypes` each name the lock file has that no shared type has any more, while a type it stood for
    /// is still generated: as a typealias to what that type is now.
    private mutating func keepLockedNames(taken: Set<String>, plans: [InterfacePlan], locked: NameOverrides) {
        var lockedKeys: [String: [String]] = [:]
        for (key, entry) in locked.entries {
            for prefix in ["shared ", "alias "] where key.hasPrefix(prefix) {
                lockedKeys[entry.name, default: []].append(String(key.dropFirst(prefix.count)))
            }
        }
        guard !lockedKeys.isEmpty else { return }
        // Every current type by its key: its qualified name, and its shared name if it has one.
        var current: [String: String] = [:]
        for plan in plans {
            for type in plan.nestedTypes {
                let local = Self.qualifiedName(type)
                let target = plan.aliases[local] ?? local
                current[Self.typeKey(type, in: plan)] = target
            }
        }
        var scope = NameScope(reserved: ReservedNames.types.union(taken).union(shared.map { Self.localName($0.type) }))
        for (name, typeKeys) in lockedKeys.sorted(by: { $0.key < $1.key }) where !taken.contains(name) {
            guard let survivor = typeKeys.sorted().first(where: { current[$0] != nil }), scope.isFree(name) else { continue }
            _ = scope.claim(name)
            keptNames.append(KeptName(name: name, target: current[survivor]!, keys: typeKeys.sorted()))
            for typeKey in typeKeys where current[typeKey] != nil { lockEntries[Self.keptKey(typeKey)] = name }
        }
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
                structure.properties[index].type = structure.properties[index].type.renamed(rename)
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
}
