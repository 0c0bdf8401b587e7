import CMSDiff
import CMSExtraction
import CMSPageTestSupport
import CMSRendering
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The generated API as a contract: a client planned again with its lock file keeps every public name it had, when
/// pages are added that make a second shape of a shared name, split a shared shape, add a field to one table of a
/// shared shape, or want an operation name that is taken; and `cmsgen diff` reports each change with its id.
///
/// Runs over the bundled pages, the torture corpus and seeded random schemas: input the rules were not tuned on.
@Suite struct NameContractTests {
    /// The corpora: their schemas, by name.
    static func corpora() -> [(String, SchemaDocument)] {
        var random = RandomSchema(seed: 20_261_206)
        return [
            ("specs", SchemaBuilder.build(paths: ["specs"], relativeTo: TestSupport.packageRoot).schema),
            ("torture", SchemaBuilder.build(paths: ["Tests/Torture/specs"], relativeTo: TestSupport.packageRoot).schema),
            ("published cloud", SchemaBuilder.build(paths: ["Tests/Published/cloud"], relativeTo: TestSupport.packageRoot).schema),
            ("random", random.schema(interfaces: 40)),
        ]
    }

    /// A shared type of a plan: its name in `CMSTypes` and the type keys of its users.
    static func sharedTypes(_ lock: NameLock) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (key, name) in lock.names where key.hasPrefix("shared ") { result[name, default: []].append(String(key.dropFirst("shared ".count))) }
        return result.mapValues { $0.sorted() }
    }

    /// The field a type key (`POST /p response a.b (type)`) names, in `interface`: the object it refers to, if any.
    static func objectID(of typeKey: String, in interface: Interface) -> String? {
        let words = typeKey.split(separator: " ", maxSplits: 3).map(String.init)
        guard words.count == 4, words[3].hasSuffix(" (type)") else { return nil }
        let body = words[2] == "request" ? interface.request : interface.response
        var fields = body?.fields ?? []
        var object: String?
        for segment in words[3].dropLast(" (type)".count).split(separator: ".") {
            guard let field = fields.first(where: { $0.name == segment }) else { return nil }
            object = field.object
            fields = field.object.flatMap { interface.object($0)?.fields } ?? []
        }
        return object
    }

    /// A copy of `interface` under another path (`/contract{n}` before its last segment), so its names want the same.
    static func copy(_ interface: Interface, tag: String) -> Interface {
        var copy = interface
        var segments = interface.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        segments.insert("contract\(tag)", at: max(1, segments.count - 1))
        copy.path = segments.joined(separator: "/")
        copy.operationId = nil
        return copy
    }

    /// The edits a maintainer's new edition brings, applied to `schema` around its first shared object type.
    enum Edit: String, CaseIterable {
        case secondShapeOfASharedName = "a second shape of a shared name"
        case splitASharedShape = "a shared shape split"
        case fieldAddedToOneTable = "a field added to one table of a shared shape"
        case pageWantsATakenName = "a page whose operation name is taken"
    }

    static func edit(_ schema: SchemaDocument, _ edit: Edit, shared: [String: [String]]) -> SchemaDocument? {
        var schema = schema
        let extra = Field(name: "contractExtra", type: FieldType(kind: .string, raw: "String"), location: SourceLocation(file: "contract.html", line: 1))
        // A shared object type and one of its users.
        let candidates = shared.sorted { $0.key < $1.key }.compactMap { name, keys -> (String, Int, String)? in
            for key in keys {
                guard let index = schema.interfaces.firstIndex(where: { key.hasPrefix(OperationIdentity.key($0) + " ") }),
                      let object = objectID(of: key, in: schema.interfaces[index]) else { continue }
                return (name, index, object)
            }
            return nil
        }
        switch edit {
        case .pageWantsATakenName:
            // An interface whose path names a resource (not the API's version discovery).
            guard let first = schema.interfaces.first(where: { $0.path.split(separator: "/").count > 2 }) else { return nil }
            var twin = first
            // The same path in another version of the API.
            var segments = first.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if let version = segments.lastIndex(where: { $0.range(of: "^v[0-9.]+$", options: .regularExpression) != nil }) {
                segments[version] = "v9"
            } else {
                segments.insert("v9", at: 1)
            }
            twin.path = segments.joined(separator: "/")
            twin.operationId = nil
            schema.interfaces.append(twin)
            return schema
        case .secondShapeOfASharedName:
            // Two new pages that share an object of the same name but another shape.
            guard let (_, index, object) = candidates.first else { return nil }
            for tag in ["A", "B"] {
                var page = copy(schema.interfaces[index], tag: tag)
                if let at = page.objects.firstIndex(where: { $0.id == object }) { page.objects[at].fields.append(extra) }
                schema.interfaces.append(page)
            }
            return schema
        case .splitASharedShape, .fieldAddedToOneTable:
            guard let (_, index, object) = candidates.first, let at = schema.interfaces[index].objects.firstIndex(where: { $0.id == object }) else { return nil }
            if edit == .fieldAddedToOneTable {
                schema.interfaces[index].objects[at].fields.append(extra)
            } else {
                // Another type for one field: the shape is no longer the others'.
                guard !schema.interfaces[index].objects[at].fields.isEmpty else { return nil }
                schema.interfaces[index].objects[at].fields[0].type = FieldType(kind: .boolean, raw: "Boolean")
                schema.interfaces[index].objects[at].fields[0].enumeration = nil
                schema.interfaces[index].objects[at].fields[0].object = nil
            }
            return schema
        }
    }

    @Test(arguments: Edit.allCases)
    func everyPublicNameStillResolvesAndDiffSaysWhatChanged(edit: Edit) throws {
        var exercised = 0
        for (corpus, schema) in Self.corpora() {
            let before = ClientPlan(schema: schema)
            guard let edited = Self.edit(schema, edit, shared: Self.sharedTypes(before.lock)) else { continue }
            exercised += 1
            let after = ClientPlan(schema: edited, locked: before.lock.pins)
            // Every name of the old client still resolves (the edits remove no interface).
            let unresolved = before.symbols.map(\.name).filter { !Self.resolves($0, in: after.symbols) }
            #expect(unresolved.isEmpty, "\(corpus), \(edit.rawValue): gone \(unresolved.sorted().prefix(10))")
            // Every locked name is kept for its key.
            #expect(before.lock.renames(to: after.lock).isEmpty, "\(corpus), \(edit.rawValue): \(before.lock.renames(to: after.lock).prefix(5))")
            #expect(!after.lock.names.values.contains { $0.contains("_") && $0.range(of: "_[0-9a-f]{8}$", options: .regularExpression) != nil },
                    "\(corpus): no name carries a hash")

            let checks = Set(SchemaDiff(old: schema, new: edited).changes.map(\.check))
            switch edit {
            case .pageWantsATakenName:
                #expect(checks.contains(.interfaceAdded), "\(corpus): \(checks)")
                let names = after.operationsByKey
                let twin = try #require(edited.interfaces.last)
                let original = try #require(edited.interfaces.first { $0.path.split(separator: "/").count > 2 })
                let taken = try #require(names[OperationIdentity.key(original)])
                #expect(names[OperationIdentity.key(twin)] == taken + "V9", "\(corpus): named by its version, not numbered: \(names[OperationIdentity.key(twin)] ?? "none")")
            case .secondShapeOfASharedName:
                #expect(checks.contains(.interfaceAdded), "\(corpus): \(checks)")
            case .splitASharedShape:
                #expect(checks.contains(.fieldTypeChanged), "\(corpus): \(checks)")
                #expect(checks.contains(.sharedTypeSplit), "\(corpus): \(checks)")
            case .fieldAddedToOneTable:
                #expect(checks.contains(.responseFieldAdded) || checks.contains(.optionalFieldAdded), "\(corpus): \(checks)")
                #expect(checks.contains(.sharedTypeSplit), "\(corpus): \(checks)")
            }
        }
        #expect(exercised >= 2, "the edit found a shared type to work on in at least two corpora")
    }

    /// Whether `name` (`CMSTypes.Agent.workNo`) is declared in `symbols`, directly or through a typealias on its way
    /// (`CMSTypes.Agent` = `X.Response.Agent`, which declares `workNo`).
    static func resolves(_ name: String, in symbols: [APISymbol]) -> Bool {
        let byName = Dictionary(symbols.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var current = name
        for _ in 0..<8 {
            if byName[current] != nil { return true }
            let parts = current.split(separator: ".").map(String.init)
            guard let index = (1..<max(parts.count, 1)).reversed().first(where: { byName[parts[0..<$0].joined(separator: ".")]?.declaration.hasPrefix("typealias ") == true }),
                  let alias = byName[parts[0..<index].joined(separator: ".")], let target = alias.declaration.split(separator: "=").last
            else { return false }
            current = ([target.trimmingCharacters(in: .whitespaces)] + parts[index...]).joined(separator: ".")
        }
        return false
    }

    /// A shared type that merges with another keeps both names: the one that goes is a typealias, and diff says so.
    @Test func mergedSharedTypesKeepBothNames() throws {
        typealias Shared = Snippets
        let other = [Snippets.field("workNo", .string)]
        let before = SchemaDocument(interfaces: [
            Shared.interface("a/one", agent: Shared.agent), Shared.interface("b/two", agent: Shared.agent),
            Shared.interface("c/three", agent: other), Shared.interface("d/four", agent: other),
        ])
        let old = ClientPlan(schema: before)
        let oldShared = Self.sharedTypes(old.lock)
        #expect(oldShared.keys.contains("Agent"))
        #expect(oldShared.keys.count == 3, "Agent, a second Agent named after its first interface, State: \(oldShared.keys.sorted())")
        #expect(!oldShared.keys.contains { $0.contains("_") }, "no hash: \(oldShared.keys.sorted())")
        // The second shape is now the first: the two are one type.
        var after = before
        after.interfaces[2] = Shared.interface("c/three", agent: Shared.agent)
        after.interfaces[3] = Shared.interface("d/four", agent: Shared.agent)
        let new = ClientPlan(schema: after, locked: old.lock.pins)
        let gone = Set(old.symbols.map(\.name)).subtracting(new.symbols.map(\.name))
        #expect(gone.allSatisfy { !$0.hasPrefix("CMSTypes.") || $0.split(separator: ".").count > 2 }, "every CMSTypes name resolves: \(gone.sorted())")
        let renamed = oldShared.keys.filter { $0 != "Agent" && $0 != "State" }
        for name in renamed {
            #expect(new.symbols.contains { $0.name == "CMSTypes.\(name)" && $0.declaration == "typealias CMSTypes.\(name) = CMSTypes.Agent" })
        }
        let changes = SchemaDiff(old: before, new: after).changes
        #expect(changes.contains { $0.check == .sharedTypeMerged }, "\(changes.map(\.check))")
    }
}
