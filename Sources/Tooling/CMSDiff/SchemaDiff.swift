import CMSRendering
import CMSSchema

/// Compares two schemas, interface by interface and field by field, and reports each change with its check id, its
/// severity and its effect on the generated Swift API.
public struct SchemaDiff: Sendable {
    public private(set) var changes: [SchemaChange] = []

    private let oldSurface: SymbolTable
    private let newSurface: SymbolTable

    /// - Parameters:
    ///   - oldNames, newNames: the Swift names each edition pins, so that the API is the one each would generate.
    ///   - oldLock: the lock file of the client generated from the old edition; without it, the names the old edition
    ///     generates. The new edition keeps its names, as `cmsgen generate` would.
    public init(
        old: SchemaDocument, new: SchemaDocument, oldNames: NameOverrides = NameOverrides(), newNames: NameOverrides = NameOverrides(),
        oldLock: NameLock? = nil
    ) {
        let oldPlan = ClientPlan(schema: old, overrides: oldNames, locked: oldLock?.pins ?? NameOverrides())
        let newPlan = ClientPlan(schema: new, overrides: newNames, locked: oldPlan.lock.pins)
        oldSurface = SymbolTable(oldPlan)
        newSurface = SymbolTable(newPlan)
        compareInterfaces(old.interfaces, new.interfaces)
        compareResultCodes(old.resultCodes, new.resultCodes)
        compareStatusCodes(old.statusCodes, new.statusCodes)
        compareNames(oldPlan.lock, newPlan.lock, old: old, new: new)
        changes.sort { ($0.location, $0.check.rawValue, $0.field) < ($1.location, $1.check.rawValue, $1.field) }
    }

    static func key(_ interface: Interface) -> String { "\(interface.method) \(interface.path)" }

    /// The primary page's file name: an interface whose path or method changed is still documented by the same page.
    static func pageName(_ interface: Interface) -> String {
        let file = (interface.sources.first(where: \.primary) ?? interface.sources.first)?.file ?? interface.location.file
        return String(file.split(separator: "/").last ?? Substring(file))
    }

    // MARK: Interfaces

    private mutating func compareInterfaces(_ old: [Interface], _ new: [Interface]) {
        var newByKey: [String: Interface] = [:]
        for interface in new { newByKey[Self.key(interface)] = newByKey[Self.key(interface)] ?? interface }
        var oldByKey: [String: Interface] = [:]
        for interface in old { oldByKey[Self.key(interface)] = oldByKey[Self.key(interface)] ?? interface }
        var unmatchedOld = old.filter { newByKey[Self.key($0)] == nil }
        var unmatchedNew = new.filter { oldByKey[Self.key($0)] == nil }
        var pairs: [(Interface, Interface)] = old.compactMap { interface in newByKey[Self.key(interface)].map { (interface, $0) } }
        // The same page, now with another path or method.
        for candidate in unmatchedOld {
            guard let index = unmatchedNew.firstIndex(where: { Self.pageName($0) == Self.pageName(candidate) }) else { continue }
            pairs.append((candidate, unmatchedNew.remove(at: index)))
            unmatchedOld.removeAll { Self.key($0) == Self.key(candidate) }
        }
        for interface in unmatchedOld {
            add(.interfaceRemoved, old: interface, new: nil, part: "interface", field: "", before: Self.key(interface), after: nil,
                message: "'\(interface.title)' is no longer documented", at: interface.location)
        }
        for interface in unmatchedNew {
            add(.interfaceAdded, old: nil, new: interface, part: "interface", field: "", before: nil, after: Self.key(interface),
                message: "'\(interface.title)' is new", at: interface.location)
        }
        for (before, after) in pairs { compare(before, after) }
    }

    private mutating func compare(_ old: Interface, _ new: Interface) {
        if old.path != new.path {
            add(.pathChanged, old: old, new: new, part: "interface", field: "", before: old.path, after: new.path,
                message: "the path changed from \(old.path) to \(new.path)", at: new.location)
        }
        if old.method != new.method {
            add(.methodChanged, old: old, new: new, part: "interface", field: "", before: old.method, after: new.method,
                message: "the method changed from \(old.method) to \(new.method)", at: new.location)
        }
        let oldSchemes = old.authentication.accepted.map(\.scheme)
        let newSchemes = new.authentication.accepted.map(\.scheme)
        for scheme in oldSchemes where !newSchemes.contains(scheme) && scheme != .unspecified {
            add(.authenticationRemoved, old: old, new: new, part: "interface", field: "", before: scheme.rawValue, after: newSchemes.map(\.rawValue).joined(separator: ", "),
                message: "requests are no longer accepted signed with \(scheme.rawValue); the page documents \(newSchemes.map(\.rawValue).joined(separator: " or "))", at: new.location)
        }
        for scheme in newSchemes where !oldSchemes.contains(scheme) && scheme != .unspecified {
            add(.authenticationAdded, old: old, new: new, part: "interface", field: "", before: oldSchemes.map(\.rawValue).joined(separator: ", "), after: scheme.rawValue,
                message: "requests are now accepted \(scheme == .none ? "without authentication" : "signed with \(scheme.rawValue)")", at: new.location)
        }
        if old.errorBody != new.errorBody {
            add(.errorBodyChanged, old: old, new: new, part: "interface", field: "", before: Self.describe(old.errorBody), after: Self.describe(new.errorBody),
                message: "a failure's error code is read from \(Self.describe(new.errorBody)), not \(Self.describe(old.errorBody))", at: new.location)
        }
        if old.envelope != new.envelope {
            add(.envelopeChanged, old: old, new: new, part: "interface", field: "", before: Self.describe(old.envelope), after: Self.describe(new.envelope),
                message: "the envelope changed from \(Self.describe(old.envelope)) to \(Self.describe(new.envelope))", at: new.location)
        }
        let prose = [(old.title, new.title, "title"), (old.scenario ?? "", new.scenario ?? "", "scenario")]
        for (before, after, what) in prose where before != after {
            add(.descriptionChanged, old: old, new: new, part: "interface", field: "", before: before, after: after,
                message: "the \(what) changed", at: new.location)
        }
        let parameters: [(String, [Field], [Field])] = [
            ("path", old.pathParameters, new.pathParameters),
            ("query", old.queryParameters, new.queryParameters),
            ("header", old.headerParameters, new.headerParameters),
        ]
        for (location, before, after) in parameters {
            compareFields(
                FieldWalk.flatten(before, in: old, prefix: "\(location) "), FieldWalk.flatten(after, in: new, prefix: "\(location) "),
                old: old, new: new, part: "parameter"
            )
        }
        compareFields(
            FieldWalk.flatten(old.request?.fields ?? [], in: old), FieldWalk.flatten(new.request?.fields ?? [], in: new),
            old: old, new: new, part: "request"
        )
        compareFields(
            FieldWalk.flatten(old.response?.fields ?? [], in: old), FieldWalk.flatten(new.response?.fields ?? [], in: new),
            old: old, new: new, part: "response"
        )
    }

    static func describe(_ errorBody: ErrorBody?) -> String {
        guard let errorBody else { return "nothing" }
        return errorBody.messageField.map { "\(errorBody.codeField) and \($0)" } ?? errorBody.codeField
    }

    static func describe(_ envelope: Envelope?) -> String {
        guard let envelope else { return "none" }
        let codes = envelope.codes.map { "\($0.name) = \($0.successValues.joined(separator: "|"))" }.joined(separator: ", ")
        let payload = envelope.payloadFields.isEmpty ? "" : "; payload \(envelope.payloadFields.joined(separator: ", "))"
        return "[\(codes)\(payload)]"
    }

    // MARK: Fields

    private mutating func compareFields(_ old: [FieldWalk.Entry], _ new: [FieldWalk.Entry], old oldInterface: Interface, new newInterface: Interface, part: String) {
        let isRequest = part != "response"
        let noun = part == "parameter" ? "parameter" : "\(part) field"
        let oldByPath = Dictionary(old.map { ($0.path, $0.field) }, uniquingKeysWith: { first, _ in first })
        let newByPath = Dictionary(new.map { ($0.path, $0.field) }, uniquingKeysWith: { first, _ in first })
        func add(_ check: CheckID, _ path: String, _ before: String?, _ after: String?, _ message: String, at location: SourceLocation) {
            self.add(check, old: oldInterface, new: newInterface, part: part, field: path, before: before, after: after, message: message, at: location)
        }
        for entry in old where newByPath[entry.path] == nil {
            add(isRequest ? .requestFieldRemoved : .responseFieldRemoved, entry.path, entry.field.type.description, nil,
                "\(noun) '\(entry.path)' is gone", at: entry.field.location)
        }
        for entry in new where oldByPath[entry.path] == nil {
            let mandatory = entry.field.requirement == .required
            let check: CheckID = isRequest ? (mandatory ? .requestFieldAddedMandatory : .optionalFieldAdded) : .responseFieldAdded
            add(check, entry.path, nil, entry.field.type.description,
                "\(isRequest ? (mandatory ? "mandatory " : "optional ") : "")\(noun) '\(entry.path)' is new", at: entry.field.location)
        }
        for entry in new {
            guard let before = oldByPath[entry.path] else { continue }
            let after = entry.field
            let path = entry.path
            let at = after.location
            var changed = false
            if before.type.description != after.type.description {
                changed = true
                add(.fieldTypeChanged, path, before.type.description, after.type.description,
                    "\(noun) '\(path)' changed type from \(before.type.description) to \(after.type.description)", at: at)
            }
            if before.requirement != after.requirement, (before.requirement == .required) != (after.requirement == .required) {
                changed = true
                let nowMandatory = after.requirement == .required
                let check: CheckID = isRequest ? (nowMandatory ? .requestFieldBecameMandatory : .requestFieldBecameOptional)
                    : (nowMandatory ? .responseFieldBecameMandatory : .responseFieldBecameOptional)
                add(check, path, before.requirement.rawValue, after.requirement.rawValue,
                    "\(noun) '\(path)' became \(nowMandatory ? "mandatory" : "optional")", at: at)
            }
            for bound in Bound.allCases {
                let (was, now) = (bound.interval(before.constraints), bound.interval(after.constraints))
                guard was != now else { continue }
                changed = true
                let narrowed = now.narrows(was)
                let check: CheckID = isRequest ? bound.check(narrowed: narrowed) : .responseConstraintChanged
                add(check, path, was.description, now.description,
                    "\(noun) '\(path)': the \(bound.noun) \(isRequest ? (narrowed ? "narrowed" : "widened") : "changed") from \(was) to \(now)", at: at)
            }
            let beforeValues = before.enumeration?.values.map(\.value) ?? []
            let afterValues = after.enumeration?.values.map(\.value) ?? []
            for value in beforeValues where !afterValues.contains(value) {
                changed = true
                add(.enumValueRemoved, path + "=" + value, value, nil, "\(noun) '\(path)': the documented value '\(value)' is gone", at: at)
            }
            for value in afterValues where !beforeValues.contains(value) {
                changed = true
                add(.enumValueAdded, path + "=" + value, nil, value, "\(noun) '\(path)': '\(value)' is a new documented value", at: at)
            }
            if !changed, before.description != after.description || before.notes != after.notes {
                add(.descriptionChanged, path, before.description, after.description, "\(noun) '\(path)': the description changed", at: at)
            }
        }
    }

    // MARK: Result codes

    private mutating func compareResultCodes(_ old: [ResultCode], _ new: [ResultCode]) {
        let oldCodes = Set(old.map(\.code))
        let newCodes = Set(new.map(\.code))
        for code in old where !newCodes.contains(code.code) {
            add(.resultCodeRemoved, old: nil, new: nil, part: "result-codes", field: code.code, before: code.code, after: nil,
                message: "result code \(code.code) ('\(code.description)') is no longer documented", at: code.location, interface: "")
        }
        for code in new where !oldCodes.contains(code.code) {
            add(.resultCodeAdded, old: nil, new: nil, part: "result-codes", field: code.code, before: nil, after: code.code,
                message: "result code \(code.code) ('\(code.description)') is new", at: code.location, interface: "")
        }
        let oldByCode = Dictionary(old.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for code in new {
            guard let before = oldByCode[code.code] else { continue }
            func text(_ code: ResultCode) -> String {
                [code.status.map { "HTTP \($0)" }, code.message.map { "'\($0)'" }, "'\(code.description)'"].compactMap { $0 }.joined(separator: ", ")
            }
            guard text(before) != text(code) else { continue }
            add(.resultCodeChanged, old: nil, new: nil, part: "result-codes", field: code.code, before: text(before), after: text(code),
                message: "result code \(code.code) changed from \(text(before)) to \(text(code))", at: code.location, interface: "")
        }
    }

    // MARK: Status codes

    private mutating func compareStatusCodes(_ old: [StatusCode], _ new: [StatusCode]) {
        let oldStatuses = Set(old.map(\.status))
        let newStatuses = Set(new.map(\.status))
        for status in old where !newStatuses.contains(status.status) {
            add(.statusCodeRemoved, old: nil, new: nil, part: "status-codes", field: String(status.status), before: String(status.status), after: nil,
                message: "status \(status.status) ('\(status.description)') is no longer documented", at: status.location, interface: "")
        }
        for status in new where !oldStatuses.contains(status.status) {
            add(.statusCodeAdded, old: nil, new: nil, part: "status-codes", field: String(status.status), before: nil, after: String(status.status),
                message: "status \(status.status) ('\(status.description)') is new", at: status.location, interface: "")
        }
    }

    // MARK: Recording

    mutating func add(
        _ check: CheckID, old: Interface?, new: Interface?, part: String, field: String, before: String?, after: String?,
        message: String, at location: SourceLocation, interface: String? = nil
    ) {
        let impact = SwiftImpactFinder(old: oldSurface, new: newSurface).impact(
            of: check, oldKey: old.map(Self.key), newKey: new.map(Self.key), part: part, field: field
        )
        changes.append(SchemaChange(
            check: check, severity: check.severity, interface: interface ?? (new ?? old).map(Self.key) ?? "", part: part, field: field,
            old: before, new: after, message: message, location: location, swift: impact
        ))
    }
}

/// The fields of a body, flattened to wire paths (`resultDatas.details.reqRestDura`), through the nested tables.
enum FieldWalk {
    struct Entry {
        var path: String
        var field: Field
    }

    /// How many paths a body may list before an object that several fields share is listed under its first path
    /// only: tables shared at every level (each table's two fields refer to the next) have paths exponential in their
    /// depth, although their fields are linear.
    static let pathLimit = 10_000

    static func flatten(_ fields: [Field], in interface: Interface, prefix: String = "") -> [Entry] {
        var entries: [Entry] = []
        var visiting: Set<String> = []
        var listed: Set<String> = []
        func walk(_ fields: [Field], _ prefix: String) {
            for field in fields {
                let path = prefix + field.name
                entries.append(Entry(path: path, field: field))
                guard field.recursiveReference == nil, let id = field.object, !visiting.contains(id), let object = interface.object(id) else { continue }
                guard listed.insert(id).inserted || entries.count < pathLimit else { continue }
                visiting.insert(id)
                walk(object.fields, path + ".")
                visiting.remove(id)
            }
        }
        walk(fields, prefix)
        return entries
    }
}

/// A documented range of values or of lengths, as `[min, max]` with open ends.
struct Interval: Equatable, CustomStringConvertible {
    var minimum: Double?
    var maximum: Double?

    /// Whether `self` admits less than `other` on either end.
    func narrows(_ other: Interval) -> Bool {
        if let minimum, other.minimum.map({ minimum > $0 }) ?? true { return true }
        if let maximum, other.maximum.map({ maximum < $0 }) ?? true { return true }
        return false
    }

    var description: String {
        func text(_ value: Double?) -> String {
            guard let value else { return "…" }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        return minimum == nil && maximum == nil ? "none" : "\(text(minimum))–\(text(maximum))"
    }
}

/// The kinds of documented bounds a field can have.
enum Bound: CaseIterable {
    case value, length, items

    var noun: String {
        switch self {
        case .value: "range"
        case .length: "length"
        case .items: "number of items"
        }
    }

    func interval(_ constraints: Constraints) -> Interval {
        switch self {
        case .value:
            Interval(minimum: constraints.minimum.map(Double.init) ?? constraints.decimalMinimum,
                     maximum: constraints.maximum.map(Double.init) ?? constraints.decimalMaximum)
        case .length: Interval(minimum: constraints.minLength.map(Double.init), maximum: constraints.maxLength.map(Double.init))
        case .items: Interval(minimum: constraints.minItems.map(Double.init), maximum: constraints.maxItems.map(Double.init))
        }
    }

    func check(narrowed: Bool) -> CheckID {
        switch self {
        case .value: narrowed ? .rangeNarrowed : .rangeWidened
        case .length, .items: narrowed ? .lengthNarrowed : .lengthWidened
        }
    }
}
