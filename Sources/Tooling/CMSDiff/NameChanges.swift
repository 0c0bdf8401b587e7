import CMSRendering
import CMSSchema

/// The names of the generated client, compared through the two editions' locks: the new edition is planned keeping
/// the old one's names, as `cmsgen generate` would, so a name changes only when the names file renames it or the lock
/// cannot keep it; and shared types of `CMSTypes` that split apart or merge.
extension SchemaDiff {
    /// A name key taken apart: the interface (`METHOD /path`), the part and the field, as changes report them.
    struct NameKey {
        var interface: String
        var part: String
        var field: String

        init(_ key: String) {
            var text = Substring(key)
            for prefix in ["shared ", "alias "] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
            if text.hasPrefix("result-code ") {
                (interface, part, field) = ("", "result-codes", String(text.dropFirst("result-code ".count)))
                return
            }
            let words = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            interface = words.prefix(2).joined(separator: " ")
            guard words.count > 2 else {
                (part, field) = ("interface", "")
                return
            }
            var rest = words.count > 3 ? words[3] : ""
            if rest.hasSuffix(" (type)") { rest = String(rest.dropLast(" (type)".count)) }
            switch words[2] {
            case "request", "response": (part, field) = (words[2], rest)
            default: (part, field) = ("parameter", "\(words[2]) \(rest)")
            }
        }
    }

    mutating func compareNames(_ oldLock: NameLock, _ newLock: NameLock, old: SchemaDocument, new: SchemaDocument) {
        var oldInterfaces: [String: Interface] = [:]
        for interface in old.interfaces { oldInterfaces[Self.key(interface)] = oldInterfaces[Self.key(interface)] ?? interface }
        var newInterfaces: [String: Interface] = [:]
        for interface in new.interfaces { newInterfaces[Self.key(interface)] = newInterfaces[Self.key(interface)] ?? interface }
        let fallback = new.interfaces.first?.location ?? old.interfaces.first?.location ?? SourceLocation(file: "", line: 1)
        func report(_ check: CheckID, key: String, before: String?, after: String?, message: String) {
            let parsed = NameKey(key)
            let oldInterface = oldInterfaces[parsed.interface]
            let newInterface = newInterfaces[parsed.interface]
            add(check, old: oldInterface, new: newInterface, part: parsed.part, field: parsed.field, before: before, after: after,
                message: message, at: (newInterface ?? oldInterface)?.location ?? fallback, interface: parsed.interface)
        }
        // Names of interfaces, members, types, cases and result codes.
        for rename in oldLock.renames(to: newLock) where !rename.key.hasPrefix("shared ") && !rename.key.hasPrefix("alias ") {
            report(.symbolRenamed, key: rename.key, before: rename.old, after: rename.new,
                   message: "the Swift name '\(rename.old)' is now '\(rename.new)' (\(rename.key))")
        }
        // Shared types: which type keys each name of `CMSTypes` stands for, before and after.
        func groups(_ lock: NameLock) -> (byName: [String: [String]], byKey: [String: String]) {
            var byName: [String: [String]] = [:]
            var byKey: [String: String] = [:]
            for (key, name) in lock.names where key.hasPrefix("shared ") {
                let typeKey = String(key.dropFirst("shared ".count))
                byName[name, default: []].append(typeKey)
                byKey[typeKey] = name
            }
            return (byName.mapValues { $0.sorted() }, byKey)
        }
        let before = groups(oldLock)
        let after = groups(newLock)
        for (name, keys) in before.byName.sorted(by: { $0.key < $1.key }) {
            // The types that are still generated, and what each is now: a shared type, or its interface's own.
            let surviving = keys.filter { newLock.names[$0] != nil }
            let now = Set(surviving.map { after.byKey[$0] ?? "" })
            // Apart: in several types now, or no longer shared by any two.
            if now.count > 1 || surviving.count > 1 && now == [""] {
                let apart = surviving.filter { after.byKey[$0] != name }
                report(.sharedTypeSplit, key: apart.first ?? keys[0], before: name, after: now.sorted().map { $0.isEmpty ? "(own types)" : $0 }.joined(separator: ", "),
                       message: "the interfaces that shared CMSTypes.\(name) no longer declare it alike: \(apart.count) of \(surviving.count) now have types of their own (\(apart.prefix(3).joined(separator: "; "))\(apart.count > 3 ? "; …" : ""))")
            } else if let single = now.first, !single.isEmpty, single != name {
                let sources = Set((after.byName[single] ?? []).compactMap { before.byKey[$0] })
                if sources.count < 2 {
                    report(.symbolRenamed, key: keys[0], before: name, after: single,
                           message: "the shared type '\(name)' is now '\(single)'")
                }
            }
        }
        for (name, keys) in after.byName.sorted(by: { $0.key < $1.key }) {
            let sources = Set(keys.compactMap { before.byKey[$0] })
            guard sources.count > 1 else { continue }
            let others = sources.subtracting([name]).sorted()
            report(.sharedTypeMerged, key: keys[0], before: sources.sorted().joined(separator: ", "), after: name,
                   message: "the shared types \(sources.sorted().joined(separator: ", ")) are now one type, \(name); \(others.joined(separator: ", ")) stay\(others.count == 1 ? "s" : "") as a typealias")
        }
    }
}
