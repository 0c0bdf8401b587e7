import CMSSchema

/// The one name of each operation: the client method (`callDataQueryDetailCallInfo`), its types' namespace (the same
/// name, capitalised) and the OpenAPI `operationId`. It is decided here, once, and stored in the schema
/// (`Interface.operationId`), so that every consumer reads the same name.
///
/// A name comes, in this order, from the names file (`cmsgen-names.json`, key `METHOD /path`), from the lock file of
/// the generated client (the name it had last time), from the schema itself (a schema file that already carries one),
/// from the vendor's own name on the page (`Interface.vendorOperationName`: `ShowServer` → `showServer`), or from the
/// interface's own method and path (`NameBuilder.operationName`). A derived name never takes a name that
/// one of the others holds, so adding a page renames no operation.
///
/// Two interfaces whose paths read alike are told apart by what differs between them, never by a number: the API
/// version (`getServer`, `getServerV2_1`), then the path's leading words, then the method.
public enum OperationIdentity {
    /// The name key of an operation (`POST /rest/…/querydetailcallinfo`): the key of names files and lock files.
    public static func key(_ interface: Interface) -> String { "\(interface.method) \(interface.path)" }

    /// Sets `operationId` on every interface of `schema`; returns what naming had to say (a name that could not be
    /// used as the path gives it, a name taken by another interface).
    /// - Parameters:
    ///   - overrides: names the maintainer pins (`cmsgen-names.json`).
    ///   - locked: names the generated client already has (its lock file).
    public static func assign(
        _ schema: inout SchemaDocument, overrides: NameOverrides = NameOverrides(), locked: NameOverrides = NameOverrides(),
        naming: ClientNaming = ClientNaming()
    ) -> [Diagnostic] {
        var assigner = Assigner(overrides: overrides, locked: locked, naming: naming)
        let names = assigner.names(for: schema.interfaces)
        for index in schema.interfaces.indices { schema.interfaces[index].operationId = names[index] }
        return assigner.diagnostics.diagnostics
    }

    /// `schema` with every interface named, for a consumer handed a schema that does not carry the names yet.
    public static func assigned(_ schema: SchemaDocument) -> SchemaDocument {
        guard schema.interfaces.contains(where: { $0.operationId == nil }) else { return schema }
        var named = schema
        _ = assign(&named)
        return named
    }

    /// The namespace of an operation's types: its name, capitalised (`callDataQueryDetailCallInfo` →
    /// `CallDataQueryDetailCallInfo`). A name that starts with `_` (`_1st`, from a digit) cannot be capitalised, and
    /// inside `extension CMSClient` the method would hide a namespace of the same name: it becomes `Operation1st`.
    public static func namespace(of operation: String) -> String {
        operation.hasPrefix("_") ? "Operation" + operation.drop { $0 == "_" } : Identifier.camelCase([operation], upper: true)
    }

    /// The numbers of a path's version segments (`/v2.1/…` → 2, 1), for ordering version twins.
    static func versionKey(_ path: String) -> [Int] {
        path.split(separator: "/").filter { NameBuilder.isVersion($0.lowercased()) }
            .flatMap { $0.dropFirst().split(separator: ".").map { Int($0) ?? 0 } }
    }

    private struct Assigner {
        let overrides: NameOverrides
        let locked: NameOverrides
        let naming: ClientNaming
        let names = NameBuilder()
        var diagnostics = DiagnosticBag()
        /// Method names and namespaces taken so far, and by whom.
        private var methods = NameScope(reserved: ReservedNames.operations)
        private var namespaces: NameScope
        private var owners: [String: Interface] = [:]

        init(overrides: NameOverrides, locked: NameOverrides, naming: ClientNaming) {
            self.overrides = overrides
            self.locked = locked
            self.naming = naming
            namespaces = NameScope(reserved: ReservedNames.namespaces(naming))
        }

        /// A pinned name (names file, lock, schema) for `interface`, and where it comes from.
        private func pinned(_ interface: Interface) -> (name: String, source: String)? {
            let key = OperationIdentity.key(interface)
            if let name = overrides[key] { return (name, NameOverrides.fileName) }
            if let name = locked[key] { return (name, NameLock.fileName) }
            if let name = interface.operationId, Identifier.isValid(name) { return (name, "the schema") }
            return nil
        }

        private func isFree(_ name: String) -> Bool {
            !methods.contains(name) && !namespaces.contains(OperationIdentity.namespace(of: name))
        }

        private mutating func claim(_ name: String, for interface: Interface) {
            _ = methods.claim(name)
            _ = namespaces.claim(OperationIdentity.namespace(of: name))
            owners[name] = interface
        }

        /// Pinned names first (in schema order), so that no derived name takes one; then the derived names.
        mutating func names(for interfaces: [Interface]) -> [String] {
            var result = [String?](repeating: nil, count: interfaces.count)
            for (index, interface) in interfaces.enumerated() {
                guard let (name, source) = pinned(interface) else { continue }
                if isFree(name) {
                    claim(name, for: interface)
                    result[index] = name
                } else {
                    let other = owners[name].map { "\(OperationIdentity.key($0)), \($0.location)" } ?? "a name the generated client reserves"
                    diagnostics.warning(.operationNameTaken,
                        "the operation name '\(name)' from \(source) is taken (\(other)); this interface gets a name of its own",
                        at: interface.location
                    )
                }
            }
            // Derived names in the order of the paths' API versions, so that of version twins the oldest has the
            // plain name and the others their version (`getServer`, `getServerV2_1`), whatever the order of the pages.
            let derivedOrder = interfaces.indices.filter { result[$0] == nil }.sorted { a, b in
                let (first, second) = (OperationIdentity.versionKey(interfaces[a].path), OperationIdentity.versionKey(interfaces[b].path))
                return first.lexicographicallyPrecedes(second) || first == second && a < b
            }
            for index in derivedOrder {
                result[index] = derivedName(interfaces[index])
            }
            return result.map { $0! }
        }

        /// The path's name, or, when another interface holds it, the first of its distinct readings that is free.
        private mutating func derivedName(_ interface: Interface) -> String {
            let key = OperationIdentity.key(interface)
            let pin = "(pin it in \(NameOverrides.fileName) as \"\(key)\")"
            var derived = names.operationName(method: interface.method, path: interface.path)
            // The vendor's own name, where the page carries one, reads better than any reading of the path.
            if let vendor = interface.vendorOperationName {
                let (name, change) = Identifier.sanitized(Identifier.camelCase(Identifier.humps(vendor), upper: false), fallback: derived.name)
                if change == nil { derived = NameBuilder.Name(name: name, corrections: [], change: nil) }
            }
            if let change = derived.change {
                diagnostics.emit(.note, .operationName, "the path's words give an operation name that \(change.replacingOccurrences(of: "gives a name that ", with: "")); the client method is '\(derived.name)' \(pin)", at: interface.location)
            }
            let holder = owners[derived.name]
            let readings = [derived.name] + (holder.map {
                names.distinctOperationNames(method: interface.method, path: interface.path, base: derived.name, holderMethod: $0.method, holderPath: $0.path)
            } ?? [Identifier.camelCase([interface.method.lowercased(), derived.name], upper: false)])
            if let free = readings.first(where: isFree) {
                claim(free, for: interface)
                if free != derived.name {
                    let other = owners[derived.name].map { " by \(OperationIdentity.key($0)) (\($0.location))" } ?? " (a name the generated client reserves)"
                    diagnostics.emit(.note, .operationNameTaken,
                        "the operation name '\(derived.name)' is taken\(other); this interface's is '\(free)' \(pin)",
                        at: interface.location
                    )
                }
                return free
            }
            // Two interfaces no reading tells apart (their paths differ only in punctuation): the last resort.
            var counter = 2
            while !isFree("\(derived.name)\(counter)") { counter += 1 }
            let name = "\(derived.name)\(counter)"
            claim(name, for: interface)
            diagnostics.warning(.operationNameTaken,
                "no reading of the path tells this interface from another that is named '\(derived.name)'; its name is '\(name)' \(pin)",
                at: interface.location
            )
            return name
        }
    }
}
