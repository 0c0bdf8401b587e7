import CMSSchema
import Foundation

/// The JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of documented fields.
///
/// The schema says what the tables document. What JSON Schema cannot say (option meanings, notes, conditional
/// requirements, what the examples show) goes into `description` and `x-cms-*` keywords.
enum SchemaObject {
    typealias Object = [String: JSONValue]

    /// The objects of one interface and how its schemas refer to them: an object one field refers to is written in
    /// place, an object several fields share becomes a component that each refers to, so that the document grows
    /// linearly with the page.
    final class Objects {
        let interface: Interface
        let prefix: String
        private let references: [String: Int]
        private var componentNames: [String: String] = [:]
        /// The shared objects' schemas, by component name.
        private(set) var components: Object = [:]

        init(interface: Interface, operationId: String) {
            self.interface = interface
            prefix = operationId
            var references: [String: Int] = [:]
            func count(_ fields: [Field]) { for field in fields { if let id = field.object { references[id, default: 0] += 1 } } }
            count(interface.request?.fields ?? [])
            for response in interface.responses { count(response.body?.fields ?? []) }
            for object in interface.objects { count(object.fields) }
            self.references = references
        }

        /// No objects (parameters and headers refer to none).
        static func none(_ interface: Interface) -> Objects { Objects(interface: interface, operationId: "") }

        /// The schema of the object `id` reached at `path`: in place, or a `$ref` to its component.
        func schema(of id: String, path: String, findings: Findings) -> Object {
            guard let object = interface.object(id) else { return ["type": .string("object")] }
            guard (references[id] ?? 0) > 1 else { return SchemaObject.object(fields: object.fields, path: path, findings: findings, objects: self) }
            let name: String
            if let known = componentNames[id] {
                name = known
            } else {
                name = "\(prefix).object\(componentNames.count + 1)"
                componentNames[id] = name
                var schema = SchemaObject.object(fields: object.fields, path: path, findings: findings, objects: self)
                schema["title"] = .string(object.table)
                components[name] = .object(schema)
            }
            return ["$ref": .string("#/components/schemas/\(name)")]
        }
    }

    /// The object schema of a table: `properties`, and `required` with the fields the table marks mandatory.
    /// `path` is the dotted path of the table in its body (empty for the top-level table).
    static func object(fields: [Field], path: String, findings: Findings, objects: Objects) -> Object {
        var schema: Object = ["type": .string("object")]
        var properties: Object = [:]
        var required: [JSONValue] = []
        for field in fields where properties[field.name] == nil {
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            var schema = property(field, path: fieldPath, findings: findings, objects: objects)
            if field.requirement == .required {
                required.append(.string(field.name))
            } else {
                // The pages' examples write `null` for fields they leave empty, and the client reads it as absent.
                schema = nullable(schema)
            }
            properties[field.name] = .object(schema)
        }
        if !properties.isEmpty { schema["properties"] = .object(properties) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return schema
    }

    /// The schema of one field; `path` is its dotted path in the body (array elements add no segment).
    static func property(_ field: Field, path: String, findings: Findings, objects: Objects) -> Object {
        let constraints = field.constraints
        var (schema, json) = base(for: field.type.kind, constraints: constraints)
        var notes: [String] = []
        if !field.description.isEmpty { notes.append(field.description) }

        switch field.type.kind {
        case .object:
            if let id = field.object { schema.merge(objects.schema(of: id, path: path, findings: findings)) { _, nested in nested } }
        case .array:
            let items = items(of: field, path: path, findings: findings, objects: objects)
            if !items.isEmpty { schema["items"] = .object(items) }
        case .map:
            // String keys; each value of the documented kind (any JSON when the page does not say).
            let value = field.type.element.map { base(for: $0, constraints: Constraints()).0 } ?? [:]
            schema["additionalProperties"] = value.isEmpty ? .bool(true) : .object(value)
        case .date:
            if json == .integer {
                let unit = constraints.format == "timestamp-s" ? "seconds" : "milliseconds"
                notes.append("The page documents the type as \(field.type.raw); the value is a Unix timestamp in \(unit), so the schema types it as an integer.")
            }
        case .unknown:
            schema["x-cms-raw-type"] = .string(field.type.raw)
        default:
            break
        }
        if let name = field.type.name, field.type.kind == .object || field.type.kind == .array {
            schema["x-cms-type-name"] = .string(name)
        }

        applyBounds(minimum: constraints.minimum, maximum: constraints.maximum, to: &schema, applies: json.takesBounds)
        if let minimum = constraints.decimalMinimum { schema[json.takesBounds ? "minimum" : "x-cms-minimum"] = .double(minimum) }
        if let maximum = constraints.decimalMaximum { schema[json.takesBounds ? "maximum" : "x-cms-maximum"] = .double(maximum) }
        if let ranges = constraints.ranges, ranges.count > 1 {
            let list = ranges.map { "\($0.minimum) to \($0.maximum)" }.joined(separator: ", ")
            notes.append("Allowed ranges: \(list).")
            let encoded = ranges.map { range -> JSONValue in
                .object(["minimum": .integer(range.minimum), "maximum": .integer(range.maximum)])
            }
            schema[json.takesBounds ? "anyOf" : "x-cms-ranges"] = .array(encoded)
        }
        let takesLength = json == .string || json == .untyped
        if let minLength = constraints.minLength { schema[takesLength ? "minLength" : "x-cms-minLength"] = .integer(Int64(minLength)) }
        if let maxLength = constraints.maxLength { schema[takesLength ? "maxLength" : "x-cms-maxLength"] = .integer(Int64(maxLength)) }
        let takesItems = json == .array || json == .untyped
        if let minItems = constraints.minItems { schema[takesItems ? "minItems" : "x-cms-minItems"] = .integer(Int64(minItems)) }
        if let maxItems = constraints.maxItems { schema[takesItems ? "maxItems" : "x-cms-maxItems"] = .integer(Int64(maxItems)) }
        if let format = constraints.format { schema["x-cms-format"] = .string(format) }

        if let fixed = constraints.fixedValue {
            if let value = typedValue(fixed, as: json) { schema["const"] = value } else { schema["x-cms-fixed-value"] = .string(fixed) }
        }
        if let defaultValue = field.defaultValue {
            if let value = typedValue(defaultValue, as: json) { schema["default"] = value } else { schema["x-cms-default"] = .string(defaultValue) }
        }
        if let enumeration = field.enumeration {
            applyEnumeration(enumeration, json: json, to: &schema, notes: &notes)
        }

        if field.requirement == .conditional {
            notes.append("Mandatory only under the conditions this description states.")
        }
        notes.append(contentsOf: field.notes.map { "Note: \($0)" })
        applyFindings(findings.at(path), to: &schema, notes: &notes)

        if !notes.isEmpty { schema["description"] = .string(notes.joined(separator: "\n\n")) }
        return schema
    }

    /// `schema`, also admitting `null`: `null` joins the type (and the values, when they are listed); a reference
    /// becomes one of two alternatives.
    static func nullable(_ schema: Object) -> Object {
        var schema = schema
        if let reference = schema["$ref"] {
            // The object's type is the referenced schema's; beside it, it would refuse `null`.
            schema["$ref"] = nil
            schema["type"] = nil
            schema["anyOf"] = .array([.object(["$ref": reference]), .object(["type": .string("null")])])
            return schema
        }
        switch schema["type"] {
        case .string(let type)?: schema["type"] = .array([.string(type), .string("null")])
        case .array(let types)? where !types.contains(.string("null")): schema["type"] = .array(types + [.string("null")])
        default: return schema
        }
        if case .array(let values)? = schema["enum"] { schema["enum"] = .array(values + [.null]) }
        if let fixed = schema["const"] {
            schema["const"] = nil
            schema["enum"] = .array([fixed, .null])
        }
        // Bounds and ranges (`anyOf` of bounds) apply to numbers only: `null` passes them.
        return schema
    }

    /// The schema of each element of an array field.
    static func items(of field: Field, path: String, findings: Findings, objects: Objects) -> Object {
        let element = field.type.element ?? (field.object == nil ? nil : .object)
        var schema: Object
        var json: JSONKind
        switch element {
        case nil:
            (schema, json) = ([:], .untyped)
        case .object?:
            (schema, json) = (field.object.map { objects.schema(of: $0, path: path, findings: findings) } ?? ["type": .string("object")], .object)
        case let kind?:
            (schema, json) = base(for: kind, constraints: Constraints())
        }
        if let items = field.constraints.items {
            if case .integer? = element { schema = base(for: .integer, constraints: Constraints(minimum: items.minimum, maximum: items.maximum)).0 }
            applyBounds(minimum: items.minimum, maximum: items.maximum, to: &schema, applies: json.takesBounds)
            let takesLength = json == .string || json == .untyped
            if let maxLength = items.maxLength { schema[takesLength ? "maxLength" : "x-cms-maxLength"] = .integer(Int64(maxLength)) }
        }
        return schema
    }

    // MARK: - Types and values

    /// The JSON type a schema gives a value; `untyped` when the page's type is unknown.
    enum JSONKind: Equatable {
        case string, integer, number, boolean, object, array, untyped

        /// Whether `minimum`, `maximum` and `anyOf` ranges apply (an untyped value may be a number).
        var takesBounds: Bool { self == .integer || self == .number || self == .untyped }
    }

    /// `type` (and `format`) of a documented kind.
    static func base(for kind: FieldType.Kind, constraints: Constraints) -> (Object, JSONKind) {
        switch kind {
        case .string:
            return (["type": .string("string")], .string)
        case .integer:
            // `int32` only where the documented bounds keep the value in 32 bits: the client holds any 64-bit value,
            // and the format must not refuse what neither the client nor the mock refuses.
            let int32 = Int64(Int32.min)...Int64(Int32.max)
            let fits = [constraints.minimum, constraints.maximum].allSatisfy { $0.map(int32.contains) ?? false }
            return (["type": .string("integer"), "format": .string(fits ? "int32" : "int64")], .integer)
        case .long:
            return (["type": .string("integer"), "format": .string("int64")], .integer)
        case .number:
            return (["type": .string("number")], .number)
        case .boolean:
            return (["type": .string("boolean")], .boolean)
        case .date:
            if constraints.format == "timestamp-ms" || constraints.format == "timestamp-s" {
                return (["type": .string("integer"), "format": .string("int64")], .integer)
            }
            return (["type": .string("string")], .string)
        case .object, .map:
            return (["type": .string("object")], .object)
        case .array:
            return (["type": .string("array")], .array)
        case .unknown:
            return ([:], .untyped)
        }
    }

    /// A documented value as JSON of the given type; nil when it is not a value of that type.
    static func typedValue(_ text: String, as json: JSONKind) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch json {
        case .string:
            return .string(text)
        case .integer:
            return Int64(trimmed).map(JSONValue.integer)
        case .number:
            if let integer = Int64(trimmed) { return .integer(integer) }
            let numeric = !trimmed.isEmpty && trimmed.allSatisfy { "0123456789.-+eE".contains($0) }
            guard numeric, let double = Double(trimmed), double.isFinite else { return nil }
            return .double(double)
        case .boolean:
            switch trimmed.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case .object, .array, .untyped:
            return nil
        }
    }

    // MARK: - Constraints, values, findings

    /// `minimum`/`maximum` where the type takes them, `x-cms-minimum`/`x-cms-maximum` where it does not.
    static func applyBounds(minimum: Int64?, maximum: Int64?, to schema: inout Object, applies: Bool) {
        if let minimum { schema[applies ? "minimum" : "x-cms-minimum"] = .integer(minimum) }
        if let maximum { schema[applies ? "maximum" : "x-cms-maximum"] = .integer(maximum) }
    }

    /// A closed list of values valid for the type becomes `enum`; otherwise the values go to `x-cms-values`.
    /// The meanings always go to the description.
    static func applyEnumeration(_ enumeration: Enumeration, json: JSONKind, to schema: inout Object, notes: inout [String]) {
        guard !enumeration.values.isEmpty || enumeration.otherValues != nil else { return }
        if !enumeration.values.isEmpty {
            let lines = enumeration.values.map { value in
                value.meaning.isEmpty ? "- \(value.value)" : "- \(value.value): \(value.meaning)"
            }
            notes.append((["Values:"] + lines).joined(separator: "\n"))
        }
        if !enumeration.closed {
            notes.append("Other values are possible" + (enumeration.otherValues.map { " and mean: \($0)." } ?? "."))
        }
        let typed = enumeration.values.map { typedValue($0.value, as: json) }
        if enumeration.closed, !typed.isEmpty, typed.allSatisfy({ $0 != nil }) {
            var seen = Set<JSONValue>()
            schema["enum"] = .array(typed.compactMap { $0 }.filter { seen.insert($0).inserted })
        } else {
            schema["x-cms-values"] = .array(enumeration.values.map { value in
                .object(["value": .string(value.value), "meaning": .string(value.meaning)])
            })
            if !enumeration.closed, let otherValues = enumeration.otherValues {
                schema["x-cms-other-values"] = .string(otherValues)
            }
        }
    }

    /// What the examples show that the table does not say, as notes and `x-cms-observed-types`; the type admits both
    /// what the table documents and what the examples send.
    static func applyFindings(_ observations: [Observation], to schema: inout Object, notes: inout [String]) {
        var observedTypes = Set<String>()
        for observation in observations {
            guard let observed = observation.observed else { continue }
            switch observation.kind {
            case .typeMismatch:
                notes.append("Note: the documented \(observation.role.phrase) example sends \(phrase(forJSONType: observed)).")
                observedTypes.insert(observed)
            case .elementTypeFromExample:
                notes.append("Note: the type column does not give the element type; the documented \(observation.role.phrase) example sends \(plural(ofJSONType: observed)).")
            default:
                break
            }
        }
        if !observedTypes.isEmpty {
            schema["x-cms-observed-types"] = .array(observedTypes.sorted().map(JSONValue.string))
            // The client takes what the example sends as well as what the table says, and so does the schema.
            if case .string(let documented)? = schema["type"] {
                let extra = observedTypes.map { $0.hasPrefix("array<") ? "array" : $0 }.filter { $0 != documented && $0 != "null" }
                let types = [documented] + Set(extra).sorted()
                if types.count > 1 {
                    schema["type"] = .array(types.map(JSONValue.string))
                    if case .array(let values)? = schema["enum"] { schema["enum"] = .array(values + values.compactMap(otherForm)) }
                }
            }
        }
    }

    /// A listed value in the other form an example may send it in: a number as text (`1` → `"1"`), text that is a
    /// whole number as a number (`"1"` → `1`).
    static func otherForm(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .integer(let number): .string(String(number))
        case .double(let number): .string(String(number))
        case .string(let text): Int64(text).map(JSONValue.integer)
        default: nil
        }
    }

    /// "a number", "a string", "an array of numbers"…
    static func phrase(forJSONType type: String) -> String {
        if type.hasPrefix("array<"), type.hasSuffix(">") {
            return "an array of " + plural(ofJSONType: String(type.dropFirst(6).dropLast()))
        }
        switch type {
        case "integer", "number": return "a number"
        case "string": return "a string"
        case "boolean": return "a boolean"
        case "object": return "an object"
        case "array": return "an array"
        case "null": return "null"
        default: return "a value of type \(type)"
        }
    }

    /// "numbers", "strings"…
    static func plural(ofJSONType type: String) -> String {
        switch type {
        case "integer", "number": return "numbers"
        case "string": return "strings"
        case "boolean": return "booleans"
        case "object": return "objects"
        case "array": return "arrays"
        case "null": return "nulls"
        default: return "values of type \(type)"
        }
    }
}
