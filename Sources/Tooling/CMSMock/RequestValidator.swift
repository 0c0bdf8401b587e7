@_spi(Generated) import CMSRuntime
import CMSSchema
import Foundation

/// Checks a request body against the interface's documented request fields: the rules the generated client enforces
/// before it sends, applied on the server side.
///
/// - Required fields (`requirement == .required`) must be present and not `null`.
/// - Each value must have the JSON type of its kind: integers and longs accept JSON integers (and integral numbers) and
///   numeric strings, numbers accept numbers and numeric strings, strings accept strings, booleans accept `true`/`false`
///   (and the forms the client decodes tolerantly), objects and arrays their own types; unknown kinds accept anything.
/// - Numeric bounds (`minimum`/`maximum`, or several `ranges`), string lengths in Characters, element counts, element
///   bounds of numeric arrays, closed enumerations (compared by text), fixed values.
/// - Nested objects and arrays of objects recursively, with paths such as `filter.skillId` and `agentIds[2]`.
///
/// Messages use the wording of `CMSValidator` ("must be between 1 and 65535, got 0", "is required", …).
public enum CMSMockRequestValidator {
    /// The violations of `json` (the exact request body) against `interface`'s request fields; empty when it is valid.
    ///
    /// The body may be the documented object itself or that object wrapped in `interface.request?.exampleWrapper`
    /// (for example `{"queryParam": {...}}`); paths are relative to the documented object either way.
    /// Text that is not JSON gives one violation with the path `body`. An interface whose request documents no field
    /// takes no body, and what comes is not checked.
    public static func violations(of json: Data, for interface: Interface) -> [CMSValidationViolation] {
        guard interface.hasRequestBody, let request = interface.request else { return [] }
        if let violations = textViolations(of: json) { return violations }
        let value: JSONValue
        do {
            // No positions are needed here: Foundation's decoder reads the body, as a client's would.
            value = try JSONDecoder().decode(JSONValue.self, from: json)
        } catch {
            return [CMSValidationViolation(path: "body", message: "is not valid JSON (\(CMSDecodingFailure.summary(of: error)))")]
        }
        return violations(of: value, for: request, in: interface)
    }

    /// What is wrong with the body as text (not UTF-8, blank, a key given twice), or nil. The text is made once, here,
    /// and is gone before Foundation's decoder reads the body: each copy of a body counts against the body budget
    /// (`CMSMockBodyCost`). Every duplicate key is returned; the engine reports the first few (`CMSMockEngine.report`).
    static func textViolations(of json: Data) -> [CMSValidationViolation]? {
        guard let text = String(data: json, encoding: .utf8) else {
            return [CMSValidationViolation(path: "body", message: "is not UTF-8 text")]
        }
        if json.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return [CMSValidationViolation(path: "body", message: "is empty, expected a JSON object")]
        }
        // A key given twice is read differently by different decoders (the first value or the last): refused.
        guard let parsed = try? JSONText.parse(text) else { return nil }
        let kept = "; the first value is kept"
        let duplicates = parsed.warnings.filter { $0.message.hasPrefix("duplicate key") }
        guard !duplicates.isEmpty else { return nil }
        return duplicates.map { warning in
            let message = warning.message.hasSuffix(kept) ? String(warning.message.dropLast(kept.count)) : warning.message
            return CMSValidationViolation(path: "body", message: "has a \(message) at line \(warning.line), column \(warning.column)")
        }
    }

    /// The violations of a parsed body against `body`'s fields (unwrapping `exampleWrapper` when the value carries it);
    /// nested objects are those of `interface`.
    public static func violations(of value: JSONValue, for body: Body, in interface: Interface) -> [CMSValidationViolation] {
        guard case .object(var members) = value else {
            return [CMSValidationViolation(path: "body", message: "must be a JSON object, got \(describe(value))")]
        }
        if let wrapper = body.exampleWrapper, !body.fields.contains(where: { $0.name == wrapper }), let wrapped = members[wrapper] {
            guard case .object(let inner) = wrapped else {
                return [CMSValidationViolation(path: wrapper, message: "must be an object, got \(describe(wrapped))")]
            }
            members = inner
        }
        var collector = Collector(interface: interface)
        collector.check(object: members, fields: body.fields, path: "")
        return collector.violations
    }

    /// The violations of the `{name}` segments of a request path (values already percent-decoded), paths `{name}`.
    public static func violations(ofPathParameters values: [String: String], for interface: Interface) -> [CMSValidationViolation] {
        var collector = Collector(interface: interface)
        for parameter in interface.pathParameters {
            let path = "{\(parameter.name)}"
            guard let text = values[parameter.name] else {
                collector.fail(path, "is required")
                continue
            }
            // A path segment is text; numeric kinds read it as a number, as the generated client's `LosslessStringConvertible` does.
            collector.check(value: .string(text), field: parameter, path: path)
        }
        return collector.violations
    }

    /// The violations of the query items (percent-decoded, in order) against the documented query parameters, paths
    /// `?name`. Undocumented items are let through.
    public static func violations(ofQuery items: [(name: String, value: String)], for interface: Interface) -> [CMSValidationViolation] {
        var collector = Collector(interface: interface)
        for parameter in interface.queryParameters {
            let path = "?\(parameter.name)"
            guard let item = items.first(where: { $0.name == parameter.name }) else {
                if parameter.requirement == .required { collector.fail(path, "is required") }
                continue
            }
            collector.check(value: .string(item.value), field: parameter, path: path)
        }
        return collector.violations
    }

    /// The violations of the request's header fields against the documented header parameters (names compared without
    /// case), paths `Name (header)`. Undocumented fields are let through.
    public static func violations(ofHeaders headers: [String: String], for interface: Interface) -> [CMSValidationViolation] {
        var collector = Collector(interface: interface)
        for parameter in interface.headerParameters {
            let path = "\(parameter.name) (header)"
            guard let value = headers.first(where: { $0.key.lowercased() == parameter.name.lowercased() })?.value else {
                if parameter.requirement == .required { collector.fail(path, "is required") }
                continue
            }
            collector.check(value: .string(value), field: parameter, path: path)
        }
        return collector.violations
    }

    /// A short description of a JSON value for messages: its type and, for scalars, its text.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "boolean \(flag)"
        case .integer(let number): "integer \(number)"
        case .double(let number): "number \(number)"
        case .string(let text): "string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
        case .array(let elements): "array of \(elements.count) element\(elements.count == 1 ? "" : "s")"
        case .object: "object"
        }
    }

    /// Walks a value and collects violations in document order.
    /// Walks the JSON; the rules' wording comes from `CMSValidator`, the same checks the generated client runs.
    struct Collector {
        let interface: Interface
        var validator = CMSValidator()

        init(interface: Interface) { self.interface = interface }

        var violations: [CMSValidationViolation] { validator.violations }

        mutating func fail(_ path: String, _ message: String) {
            validator.fail(path, message)
        }

        mutating func check(object members: [String: JSONValue], fields: [Field], path: String) {
            for field in fields {
                let fieldPath = cmsPath(path, field.name)
                let value = members[field.name]
                if value == nil || value == .null {
                    if field.requirement == .required { fail(fieldPath, "is required") }
                    continue
                }
                check(value: value!, field: field, path: fieldPath)
            }
        }

        mutating func check(value: JSONValue, field: Field, path: String) {
            let constraints = field.constraints
            switch field.type.kind {
            case .integer, .long:
                guard let number = Self.integer(value) else { return fail(path, "must be an integer, got \(describe(value))") }
                checkInteger(number, constraints, path)
                checkFixed(String(number), constraints, path)
                checkEnumeration(String(number), field, path)
            case .number:
                guard let number = Self.number(value) else { return fail(path, "must be a number, got \(describe(value))") }
                // As the generated client does for `Double`: the overall bounds, not the disjoint ranges.
                if constraints.decimalMinimum != nil || constraints.decimalMaximum != nil {
                    validator.decimalRange(number, path, min: constraints.decimalMinimum ?? constraints.minimum.map(Double.init),
                                           max: constraints.decimalMaximum ?? constraints.maximum.map(Double.init))
                } else {
                    checkRange(number, constraints.minimum, constraints.maximum, path)
                }
                checkFixed(Self.text(number), constraints, path)
            case .string:
                guard case .string(let text) = value else { return fail(path, "must be a string, got \(describe(value))") }
                checkString(text, constraints, path)
                checkEnumeration(text, field, path)
            case .date:
                // Dates come as text (`2024-10-31 14:06:52`, `2024-10-31`) or as timestamps.
                switch value {
                case .string(let text):
                    checkString(text, constraints, path)
                case .integer(let number):
                    checkInteger(number, constraints, path)
                default:
                    fail(path, "must be a date (string or timestamp), got \(describe(value))")
                }
            case .boolean:
                guard let flag = Self.boolean(value) else { return fail(path, "must be a boolean, got \(describe(value))") }
                checkFixed(String(flag), constraints, path)
            case .object:
                guard case .object(let members) = value else { return fail(path, "must be an object, got \(describe(value))") }
                check(object: members, fields: interface.fields(of: field), path: path)
            case .array:
                guard case .array(let elements) = value else { return fail(path, "must be an array, got \(describe(value))") }
                checkArray(elements, field: field, path: path)
            case .map:
                guard case .object(let members) = value else { return fail(path, "must be an object, got \(describe(value))") }
                // Each value is of the documented value kind.
                let element = Field(name: field.name, type: FieldType(kind: field.type.element ?? .unknown, raw: ""), requirement: .optional, location: field.location)
                for key in members.keys.sorted() where members[key] != .null {
                    check(value: members[key]!, field: element, path: path + "." + key)
                }
            case .unknown:
                // A type the normaliser does not know: any JSON is accepted, nested fields are still checked.
                if case .object(let members) = value, field.object != nil { check(object: members, fields: interface.fields(of: field), path: path) }
            }
        }

        mutating func checkArray(_ elements: [JSONValue], field: Field, path: String) {
            let constraints = field.constraints
            validator.count(elements, path, min: constraints.minItems, max: constraints.maxItems)
            let items = constraints.items
            let elementKind: FieldType.Kind? = field.type.element ?? (field.object == nil ? nil : .object)
            for (index, element) in elements.enumerated() {
                let elementPath = path + "[\(index)]"
                if element == .null { fail(elementPath, "must not be null"); continue }
                switch elementKind {
                case .integer?, .long?:
                    guard let number = Self.integer(element) else { fail(elementPath, "must be an integer, got \(describe(element))"); continue }
                    checkRange(Double(number), items?.minimum, items?.maximum, elementPath)
                case .number?:
                    guard let number = Self.number(element) else { fail(elementPath, "must be a number, got \(describe(element))"); continue }
                    checkRange(number, items?.minimum, items?.maximum, elementPath)
                case .string?:
                    guard case .string(let text) = element else { fail(elementPath, "must be a string, got \(describe(element))"); continue }
                    validator.length(text, elementPath, min: nil, max: items?.maxLength)
                case .boolean?:
                    if Self.boolean(element) == nil { fail(elementPath, "must be a boolean, got \(describe(element))") }
                case .date?:
                    switch element {
                    case .string, .integer: break
                    default: fail(elementPath, "must be a date (string or timestamp), got \(describe(element))")
                    }
                case .object?:
                    guard case .object(let members) = element else { fail(elementPath, "must be an object, got \(describe(element))"); continue }
                    check(object: members, fields: interface.fields(of: field), path: elementPath)
                case .map?:
                    if case .object = element {} else { fail(elementPath, "must be an object, got \(describe(element))") }
                case .array?:
                    if case .array = element {} else { fail(elementPath, "must be an array, got \(describe(element))") }
                case .unknown?, nil:
                    // Element type not documented: check what can be checked.
                    if case .object(let members) = element, field.object != nil {
                        check(object: members, fields: interface.fields(of: field), path: elementPath)
                    } else if let items, items.minimum != nil || items.maximum != nil, let number = Self.number(element) {
                        checkRange(number, items.minimum, items.maximum, elementPath)
                    }
                }
            }
        }

        mutating func checkInteger(_ number: Int64, _ constraints: Constraints, _ path: String) {
            if let ranges = constraints.ranges, !ranges.isEmpty {
                validator.ranges(number, path, ranges.map { $0.minimum...$0.maximum })
            } else {
                validator.range(number, path, min: constraints.minimum, max: constraints.maximum)
            }
        }

        mutating func checkRange(_ value: Double, _ minimum: Int64?, _ maximum: Int64?, _ path: String) {
            if let integer = Int64(exactly: value) {
                validator.range(integer, path, min: minimum, max: maximum)
            } else {
                validator.range(value, path, min: minimum, max: maximum)
            }
        }

        mutating func checkString(_ text: String, _ constraints: Constraints, _ path: String) {
            validator.length(text, path, min: constraints.minLength, max: constraints.maxLength)
            checkFixed(text, constraints, path)
        }

        mutating func checkFixed(_ text: String, _ constraints: Constraints, _ path: String) {
            guard let fixed = constraints.fixedValue else { return }
            validator.fixed(text, path, fixed)
        }

        /// Closed enumerations, where the generated client has an enumeration type: strings, and integers whose
        /// documented values are all integers.
        mutating func checkEnumeration(_ text: String, _ field: Field, _ path: String) {
            guard let enumeration = field.enumeration, enumeration.closed, !enumeration.values.isEmpty else { return }
            let values = enumeration.values.map(\.value)
            switch field.type.kind {
            case .string:
                break
            case .integer, .long:
                guard values.allSatisfy({ Int64($0) != nil }) else { return }
                if values.contains(where: { Int64($0) == Int64(text) }) { return }
            default:
                return
            }
            validator.documented(text, path, allowed: values)
        }

        // MARK: JSON readings, as tolerant as the generated client's decoding.

        static func integer(_ value: JSONValue) -> Int64? {
            switch value {
            case .integer(let number): number
            // An integral number within 64 bits. A literal beyond them reaches here as a double, and -2^63 - 1 rounds
            // to exactly -2^63: it must not pass for that value (a real -2^63 arrives as `.integer`).
            case .double(let number): number > -0x1p63 ? Int64(exactly: number) : nil
            case .string(let text): Int64(text.trimmingCharacters(in: .whitespaces))
            default: nil
            }
        }

        static func number(_ value: JSONValue) -> Double? {
            switch value {
            case .integer(let number): Double(number)
            case .double(let number): number
            case .string(let text): Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
            default: nil
            }
        }

        static func boolean(_ value: JSONValue) -> Bool? {
            switch value {
            case .bool(let flag): flag
            case .integer(0): false
            case .integer(1): true
            case .string(let text):
                switch text.lowercased() {
                case "true", "1", "y", "yes": true
                case "false", "0", "n", "no": false
                default: nil
                }
            default: nil
            }
        }

        static func text(_ number: Double) -> String {
            if let integer = Int64(exactly: number) { return String(integer) }
            return String(number)
        }
    }
}
