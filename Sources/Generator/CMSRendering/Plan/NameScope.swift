/// The names that generated code or Swift itself owns, by the kind of identifier they would clash with.
enum ReservedNames {
    /// Type names: modules and standard types the generated code names, the generated types of every file, and the
    /// types of the standard library and Foundation that app code names unqualified (a generated `Result` would shadow
    /// `Swift.Result` in an extension of its namespace). A documented name among them gets the suffix `Type`
    /// (`ResultType`).
    static let types = Set([
        "Swift", "Foundation", "FoundationNetworking", "FoundationEssentials", "CMSRuntime", "CodingKeys", "Type", "Protocol",
        "Self", "Any", "AnyObject", "Request", "Response",
    ]).union(standardTypes)

    /// The standard library's and Foundation's types and protocols an app names most.
    static let standardTypes: Set<String> = [
        "Result", "Error", "Optional", "Array", "Dictionary", "Set", "String", "Substring", "Character", "Unicode", "Int",
        "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Double", "Float", "Bool", "Never",
        "Void", "Range", "ClosedRange", "Sequence", "Collection", "Codable", "Encodable", "Decodable", "Hashable",
        "Equatable", "Comparable", "Identifiable", "Sendable", "Task", "Actor", "Duration", "Data", "Date", "URL", "UUID",
        "Decimal", "Locale", "TimeZone", "Calendar", "Measurement", "Notification", "Operation", "Bundle", "Process",
        "Thread", "Timer", "JSONEncoder", "JSONDecoder", "NSObject",
    ]
    /// Namespaces (one per interface) share the module with the client's own types.
    static func namespaces(_ naming: ClientNaming) -> Set<String> { types.union(naming.all) }
    /// Members of `CMSClient`: an operation cannot be named like them.
    static let operations: Set<String> = ["core", "perform", "init", "self", "Self", "Type", "super"]
    /// Stored properties of generated structs. (A field stored through `@CMSIndirect` also has `_name`; no other member
    /// starts with `_` and a letter, so those never meet.)
    static let structMembers: Set<String> = Identifier.unusable.union(["hashValue"])
    /// Cases of generated enumerations, which also have these members.
    static let enumCases: Set<String> = Identifier.unusable.union([
        "unknown", "rawValue", "documentedValues", "isDocumented", "description", "hashValue", "hash", "allCases",
    ])
    /// Argument labels of the client methods and request builders, which end in `validation:`.
    static let parameterLabels: Set<String> = Identifier.unusable.union(["validation"])
    /// Parameter names inside the client methods and request builders, which also hold these.
    static let parameterNames: Set<String> = Identifier.unusable.union([
        "validation", "validator", "request", "response", "body", "error", "decoder", "encoder", "core",
    ])
    /// Locals of a request's `init(from:)`.
    static let requestLocals: Set<String> = Identifier.unusable.union(["container", "problems", "decoder"])
}

/// The names already taken in one scope (a type's members, a file's types, a function's parameters), and the names
/// held for keys that pin them (the names file, the lock file): a name held for one key is taken for every other.
struct NameScope {
    private(set) var taken: Set<String>
    let reserved: Set<String>
    /// Name → the key it is held for.
    private var held: [String: String] = [:]

    init(reserved: Set<String>) {
        self.reserved = reserved
        taken = reserved
    }

    /// Keeps `name` for `key`: no other key's claim gets it.
    mutating func hold(_ name: String, for key: String) {
        if held[name] == nil { held[name] = key }
    }

    /// Claims `candidate`, or `candidate2`, `candidate3`… when it is taken (or held for a key other than `key`); says
    /// whether it had to number it.
    mutating func claim(_ candidate: String, key: String? = nil) -> (name: String, numbered: Bool) {
        var name = candidate
        var counter = 2
        while !isFree(name, for: key) {
            name = "\(candidate)\(counter)"
            counter += 1
        }
        taken.insert(name)
        return (name, name != candidate)
    }

    /// Whether `name` is neither taken nor held for a key other than `key`.
    func isFree(_ name: String, for key: String? = nil) -> Bool {
        !taken.contains(name) && (held[name] == nil || held[name] == key)
    }

    func contains(_ name: String) -> Bool { taken.contains(name) }
}
