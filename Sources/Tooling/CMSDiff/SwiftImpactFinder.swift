import CMSRendering

/// A client's public symbols, listed and by name.
struct SymbolTable: Sendable {
    let symbols: [APISymbol]
    let byName: [String: APISymbol]

    init(_ plan: ClientPlan) {
        symbols = plan.symbols
        byName = Dictionary(symbols.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `symbol` with every type it names written as what it stands for (`X.Response.Status`, a typealias of
    /// `CMSTypes.Status`, is `CMSTypes.Status`), so that two declarations compare by their types, not their spelling.
    func canonical(_ symbol: APISymbol) -> APISymbol {
        var result = symbol
        result.declaration = canonicalTypes(in: symbol.declaration, keeping: symbol.name)
        result.returnType = symbol.returnType.map { canonicalTypes(in: $0, keeping: "") }
        result.parameters = symbol.parameters?.map { parameter in
            var parameter = parameter
            parameter.type = canonicalTypes(in: parameter.type, keeping: "")
            return parameter
        }
        return result
    }

    /// `text` with each qualified name that is a typealias of a type replaced by its target, but for `keeping`.
    private func canonicalTypes(in text: String, keeping: String) -> String {
        var result = ""
        var token = ""
        func flush() {
            var name = token
            var steps = 0
            while name != keeping, steps < 8, let alias = byName[name], alias.kind == .type, alias.declaration.hasPrefix("typealias "),
                  let target = alias.declaration.split(separator: "=").last?.trimmingCharacters(in: .whitespaces) {
                name = target
                steps += 1
            }
            result += name
            token = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "." {
                token.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// The symbol `name` stands for: declared under it, or reached through a typealias on its way
    /// (`CMSTypes.Agent.init`, where `CMSTypes.Agent` = `X.Response.Agent`, is `X.Response.Agent.init`).
    func resolve(_ name: String) -> APISymbol? {
        var current = name
        for _ in 0..<8 {
            if let symbol = byName[current] { return symbol }
            let parts = current.split(separator: ".").map(String.init)
            guard parts.count > 1 else { return nil }
            let prefix = (1..<parts.count).reversed().first { byName[parts[0..<$0].joined(separator: ".")]?.declaration.hasPrefix("typealias ") == true }
            guard let prefix, let alias = byName[parts[0..<prefix].joined(separator: ".")],
                  let target = alias.declaration.split(separator: "=").last?.trimmingCharacters(in: .whitespaces) else { return nil }
            current = ([target] + parts[prefix...]).joined(separator: ".")
        }
        return nil
    }
}

/// Finds the public symbols a change touches in the two generated APIs, and whether the change breaks code that uses
/// them.
struct SwiftImpactFinder {
    let old: SymbolTable
    let new: SymbolTable

    func impact(of check: CheckID, oldKey: String?, newKey: String?, part: String, field: String) -> SwiftImpact {
        let oldSymbols = related(old, key: oldKey, check: check, part: part, field: field)
        let newSymbols = related(new, key: newKey, check: check, part: part, field: field)
        let oldByName = Dictionary(oldSymbols.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newByName = Dictionary(newSymbols.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // A symbol may fall outside the change's reach in one API but exist in both (a renamed path keeps the types'
        // names): look it up in the whole other surface before calling it added or removed.
        let allOld = old.byName
        let allNew = new.byName
        var changes: [SwiftImpact.SymbolChange] = []
        for name in Set(oldByName.keys).union(newByName.keys).sorted() {
            // A name that is now a typealias's (a shared type split or merged) is compared with what it stands for.
            let before = oldByName[name] ?? allOld[name] ?? old.resolve(name)
            let after = newByName[name] ?? allNew[name] ?? new.resolve(name)
            switch (before.map(old.canonical), after.map(new.canonical)) {
            case let (before?, nil):
                changes.append(.init(kind: .removed, symbol: name, old: before.declaration, new: nil, sourceBreaking: true, reason: nil))
            case let (nil, after?):
                let breaksSwitches = after.kind == .enumCase && !name.hasPrefix("CMSTypes.ResultCode ")
                changes.append(.init(kind: .added, symbol: name, old: nil, new: after.declaration, sourceBreaking: breaksSwitches,
                                     reason: breaksSwitches ? "an exhaustive switch over the enumeration needs the new case" : nil))
            case let (before?, after?) where before.declaration != after.declaration:
                let (breaking, reason) = Self.compatibility(before, after)
                changes.append(.init(kind: .changed, symbol: name, old: before.declaration, new: after.declaration, sourceBreaking: breaking, reason: reason))
            default:
                continue
            }
        }
        return SwiftImpact(symbols: changes)
    }

    /// The symbols of `surface` that come from the changed fact.
    private func related(_ surface: SymbolTable, key: String?, check: CheckID, part: String, field: String) -> [APISymbol] {
        if part == "result-codes" {
            return surface.symbols.filter { $0.origin.part == .resultCodes && $0.origin.path == field }
        }
        guard let key else { return [] }
        let mine = surface.symbols.filter { $0.origin.interface == key }
        switch part {
        case "interface":
            switch check {
            case .interfaceAdded, .interfaceRemoved, .pathChanged, .methodChanged:
                // The namespace and the method: the rest of the interface's symbols follow them.
                return mine.filter { $0.origin.part == .interface }
            default:
                return mine.filter { $0.kind == .method }
            }
        case "parameter":
            return mine.filter { $0.kind == .method }
        default:
            let symbolPart: APISymbol.Part = part == "request" ? .request : .response
            let (path, value) = Self.split(field)
            let parent = path.split(separator: ".").dropLast().joined(separator: ".")
            return mine.filter { symbol in
                guard symbol.origin.part == symbolPart else { return false }
                let origin = symbol.origin.path
                if let value { return origin == "\(path)=\(value)" }
                if origin == path { return true }
                if symbol.kind == .initializer, origin == parent { return true }
                // A field that is gone takes what was nested in it along.
                if check == .requestFieldRemoved || check == .responseFieldRemoved || check == .fieldTypeChanged {
                    return origin.hasPrefix(path + ".") || origin.hasPrefix(path + "=")
                }
                return false
            }
            // The method returns the payload: a change to it shows on the method too.
            + (symbolPart == .response && isPayloadPath(path, in: mine) ? mine.filter { $0.kind == .method } : [])
        }
    }

    private func isPayloadPath(_ path: String, in symbols: [APISymbol]) -> Bool {
        guard !path.contains("."), let method = symbols.first(where: { $0.kind == .method }), let returnType = method.returnType else { return false }
        return symbols.contains { $0.kind == .property && $0.origin.path == path && $0.declaration.hasSuffix(": \(returnType)?") }
    }

    /// `status=3` → (`status`, `3`); `status` → (`status`, nil).
    static func split(_ field: String) -> (String, String?) {
        guard let index = field.firstIndex(of: "=") else { return (field, nil) }
        return (String(field[..<index]), String(field[field.index(after: index)...]))
    }

    /// Whether code written against `before` still compiles against `after`: an initializer or method may gain
    /// arguments that have defaults; any other change of a declaration breaks its users.
    static func compatibility(_ before: APISymbol, _ after: APISymbol) -> (breaking: Bool, reason: String?) {
        switch before.kind {
        case .initializer, .method:
            guard before.returnType == after.returnType else { return (true, "the return type changed") }
            var remaining = after.parameters ?? []
            for parameter in before.parameters ?? [] {
                guard let index = remaining.firstIndex(where: { $0.label == parameter.label }) else {
                    return (true, "the argument '\(parameter.label)' is gone")
                }
                let counterpart = remaining[index]
                if counterpart.type == parameter.type + "?" { return (true, "the argument '\(parameter.label)' became optional") }
                if counterpart.type + "?" == parameter.type { return (true, "the argument '\(parameter.label)' is no longer optional") }
                if counterpart.type != parameter.type { return (true, "the argument '\(parameter.label)' changed type") }
                if parameter.hasDefault && !counterpart.hasDefault { return (true, "the argument '\(parameter.label)' lost its default") }
                if remaining[..<index].contains(where: { !$0.hasDefault }) { return (true, "a new argument without a default") }
                remaining.removeSubrange(...index)
            }
            if let added = remaining.first(where: { !$0.hasDefault }) { return (true, "the new argument '\(added.label)' has no default") }
            return (false, "new arguments have defaults")
        case .type:
            // One interface's name for a shared type becomes a type of its own, or the other way: values of the
            // interfaces that shared it are no longer of one type.
            let wasAlias = before.declaration.hasPrefix("typealias "), isAlias = after.declaration.hasPrefix("typealias ")
            if wasAlias && !isAlias { return (true, "no longer the same type as the one it stood for") }
            if !wasAlias && isAlias { return (true, "now stands for another interface's type") }
            return (false, nil)
        case .enumCase:
            // The same case name for another documented value: code compiles; what it matches changed.
            return (false, "the case now stands for another value")
        case .property:
            return (true, nil)
        }
    }
}
