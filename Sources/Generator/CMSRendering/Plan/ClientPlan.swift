import CMSSchema

/// Every declaration of one generated client, decided once: each interface's plan after shared-type merging, the
/// shared types of `CMSTypes`, the names kept there for old code, and the lock that records every public name. The
/// templates' contexts, the lock file and `cmsgen diff` all read it; nothing downstream decides a name again.
public struct ClientPlan {
    var plans: [InterfacePlan]
    var shared: [SharedTypePlanner.SharedType]
    var keptNames: [SharedTypePlanner.KeptName]
    let naming: ClientNaming
    let names: NameBuilder
    /// The codes of the Error Code Reference.
    let resultCodes: [ResultCode]
    /// Every public name, by the key it stands for: what `.cmsgen-names.lock` records.
    public let lock: NameLock
    /// What naming and planning had to say, sorted.
    public let diagnostics: [Diagnostic]

    /// Plans the client of `schema`.
    /// - Parameters:
    ///   - overrides: names the maintainer pins (`cmsgen-names.json`).
    ///   - locked: names the generated client already has (`NameLock.pins` of its lock file).
    public init(schema: SchemaDocument, overrides: NameOverrides = NameOverrides(), locked: NameOverrides = NameOverrides(), naming: ClientNaming = ClientNaming()) {
        var planner = InterfacePlanner(overrides: overrides, locked: locked, naming: naming)
        var plans = planner.plan(schema)
        var sharing = SharedTypePlanner(naming: naming)
        sharing.merge(&plans, resultCodes: schema.resultCodes, names: planner.names, overrides: overrides, locked: locked)
        self.plans = plans
        shared = sharing.shared
        keptNames = sharing.keptNames
        self.naming = naming
        names = planner.names
        resultCodes = schema.resultCodes
        var lockNames: [String: String] = [:]
        for plan in plans { lockNames.merge(plan.names) { first, _ in first } }
        lockNames.merge(sharing.lockEntries) { first, _ in first }
        lock = NameLock(names: lockNames)

        var all = planner.diagnostics
        all.append(contentsOf: sharing.diagnostics.diagnostics)
        let used = planner.usedKeys.union(sharing.usedKeys)
        for (key, entry) in overrides.entries.sorted(by: { $0.key < $1.key }) where !used.contains(key) {
            all.warning(.unusedName, "the name key '\(key)' names nothing in these pages; the entry is unused", at: entry.location)
        }
        diagnostics = all.sorted
    }

    /// The operation names, in schema order (the client's methods).
    public var operations: [String] { plans.map(\.operation) }

    /// The client's method names by operation key (`POST /rest/…`).
    public var operationsByKey: [String: String] {
        Dictionary(plans.map { (OperationIdentity.key($0.interface), $0.operation) }, uniquingKeysWith: { first, _ in first })
    }
}
