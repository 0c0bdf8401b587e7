import CMSSchema

/// Compares a message example with the tables that document it, and records every disagreement as an observation
/// (for tolerant decoding later) and a warning (for the maintainer now).
struct ExampleChecker {
    let file: String
    var diagnostics = DiagnosticBag()
    private(set) var observations: [Observation] = []
    /// The wrapper key of the example being checked, for finding the lines of its keys.
    private var keyPrefix = ""
    /// The objects of the interface, by id; array element kinds the examples show are written into them.
    private(set) var objects: [String: ObjectType]

    init(file: String, objects: [ObjectType]) {
        self.file = file
        self.objects = Dictionary(objects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks `found` against `fields`; returns the fields with array element kinds the example shows,
    /// and the wrapper key the example adds, if any.
    mutating func check(_ found: ExampleExtractor.Found, against body: Body, tableName: String) -> (fields: [Field], wrapper: String?) {
        guard case .object(var members)? = found.example.json else {
            if found.example.json != nil {
                note(.typeMismatch, found, path: "", documented: "object", observed: found.example.json?.typeName,
                     message: "the \(found.example.role.phrase) example is a \(found.example.json!.typeName), but \(tableName) documents an object")
            }
            return (body.fields, nil)
        }
        var wrapper: String?
        let documented = Set(body.fields.map(\.name))
        if members.count == 1, let (key, value) = members.first, !documented.contains(key), case .object(let inner) = value,
           !documented.isDisjoint(with: inner.keys) {
            wrapper = key
            note(.wrapper, found, path: key, documented: nil, observed: key,
                 message: "the \(found.example.role.phrase) example wraps its fields in '\(key)', which \(tableName) does not show")
            members = inner
        }
        keyPrefix = wrapper.map { $0 + "." } ?? ""
        defer { keyPrefix = "" }
        let fields = compare(body.fields, with: members, path: "", found: found)
        return (fields, wrapper)
    }

    private mutating func compare(_ fields: [Field], with members: [String: JSONValue], path: String, found: ExampleExtractor.Found) -> [Field] {
        var fields = fields
        let role = found.example.role.phrase
        for index in fields.indices {
            let field = fields[index]
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            guard let value = members[field.name] else {
                note(.missingInExample, found, path: fieldPath, documented: field.name, observed: nil,
                     message: "'\(fieldPath)' is documented but missing from the \(role) example", at: field.location)
                continue
            }
            if case .null = value { continue }
            // A table without a Type column leaves the type to the example.
            if field.type.kind == .unknown, field.type.raw.isEmpty, case let observed = ExampleChecker.kind(of: value), observed != .unknown, observed != .object {
                fields[index].type.kind = observed
            }
            if !ExampleChecker.compatible(field.type.kind, value) {
                note(.typeMismatch, found, path: fieldPath, documented: field.type.description, observed: value.typeName,
                     message: "'\(fieldPath)' is documented as \(field.type.raw.isEmpty ? field.type.description : field.type.raw) but the \(role) example sends \(describe(value))",
                     context: field.location)
                continue
            }
            switch value {
            case .object(let inner):
                compareObject(field.object, with: inner, path: fieldPath, found: found)
            case .array(let elements):
                fields[index] = checkElements(of: field, elements, path: fieldPath, found: found)
            default:
                break
            }
        }
        let documented = Set(fields.map(\.name))
        for key in members.keys.sorted() where !documented.contains(key) {
            let keyPath = path.isEmpty ? key : path + "." + key
            note(.undocumentedField, found, path: keyPath, documented: nil, observed: members[key]?.typeName,
                 message: "the \(role) example carries '\(keyPath)', which the tables do not document")
        }
        return fields
    }

    private mutating func checkElements(of field: Field, _ elements: [JSONValue], path: String, found: ExampleExtractor.Found) -> Field {
        var field = field
        let present = elements.filter { if case .null = $0 { false } else { true } }
        guard let first = present.first else { return field }
        if let element = field.type.element {
            if let wrong = present.first(where: { !ExampleChecker.compatible(element, $0) }) {
                note(.typeMismatch, found, path: path, documented: field.type.description, observed: "array<\(wrong.typeName)>",
                     message: "the elements of '\(path)' are documented as \(element.rawValue) but the \(found.example.role.phrase) example sends \(describe(wrong))",
                     context: field.location)
                return field
            }
        } else {
            // The page does not say what the array holds: the example does.
            let kind = ExampleChecker.kind(of: first)
            if present.allSatisfy({ ExampleChecker.kind(of: $0) == kind }) {
                field.type.element = kind
                note(.elementTypeFromExample, found, path: path, documented: nil, observed: kind.rawValue,
                     message: "the element type of '\(path)' is not documented; the \(found.example.role.phrase) example shows \(kind.rawValue)",
                     diagnose: false)
            }
        }
        for element in present {
            guard case .object(let inner) = element else { continue }
            compareObject(field.object, with: inner, path: path, found: found)
        }
        return field
    }

    /// Compares the members of an example object with the object that documents them, and keeps what it learns.
    private mutating func compareObject(_ id: String?, with members: [String: JSONValue], path: String, found: ExampleExtractor.Found) {
        guard let id, let object = objects[id] else { return }
        let fields = compare(object.fields, with: members, path: path, found: found)
        objects[id]?.fields = fields
    }

    private mutating func note(
        _ kind: Observation.Kind, _ found: ExampleExtractor.Found, path: String, documented: String?, observed: String?,
        message: String, at fieldLocation: SourceLocation? = nil, context: SourceLocation? = nil, diagnose: Bool = true
    ) {
        var location = found.example.location
        if let line = found.keyLines[kind == .wrapper ? path : keyPrefix + path] { location.line = line; location.column = 1 }
        if let context { location = location.inTable(context.table, row: context.row) }
        let key = "\(kind)|\(path)"
        guard !observations.contains(where: { "\($0.kind)|\($0.path)" == key && $0.role == found.example.role }) else { return }
        observations.append(Observation(kind: kind, role: found.example.role, path: path, documented: documented, observed: observed, message: message, location: location))
        if diagnose { diagnostics.warning(kind.diagnosticKind, message, at: fieldLocation ?? location) }
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "a string (\"\(text.prefix(24))\")"
        case .integer(let number): "a number (\(number))"
        case .double(let number): "a number (\(number))"
        case .bool(let flag): "a boolean (\(flag))"
        default: "\(value.typeName == "array" || value.typeName == "object" ? "an" : "a") \(value.typeName)"
        }
    }

    /// Whether a JSON value fits a documented kind.
    static func compatible(_ kind: FieldType.Kind, _ value: JSONValue) -> Bool {
        switch (kind, value) {
        case (_, .null), (.unknown, _): true
        case (.string, .string): true
        case (.integer, .integer), (.long, .integer): true
        case (.number, .integer), (.number, .double): true
        case (.boolean, .bool): true
        case (.date, .string), (.date, .integer): true
        case (.object, .object), (.map, .object): true
        case (.array, .array): true
        default: false
        }
    }

    static func kind(of value: JSONValue) -> FieldType.Kind {
        switch value {
        case .string: .string
        case .integer(let number): number > Int64(Int32.max) || number < Int64(Int32.min) ? .long : .integer
        case .double: .number
        case .bool: .boolean
        case .object: .object
        case .array: .array
        case .null: .unknown
        }
    }
}

extension Observation.Kind {
    /// The diagnostic id under which an observation of this kind is reported.
    var diagnosticKind: DiagnosticKind {
        switch self {
        case .typeMismatch: .exampleTypeMismatch
        case .missingInExample: .exampleMissingField
        case .undocumentedField: .exampleUndocumentedField
        case .wrapper: .exampleWrapper
        case .invalidJSON: .exampleInvalidJSON
        case .elementTypeFromExample: .exampleElementType
        }
    }
}
