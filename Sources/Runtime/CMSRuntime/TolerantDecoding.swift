import Foundation

/// How strictly responses are decoded.
public enum CMSDecodingMode: Sendable, Hashable {
    /// A documented mandatory field that is absent decodes as nil. The default: servers omit fields.
    case lenient
    /// A documented mandatory field that is absent is a decoding error.
    case strict
}

extension CodingUserInfoKey {
    /// Set to a `CMSDecodingMode` in a decoder's `userInfo`; absent means `.lenient`.
    public static let cmsDecodingMode = CodingUserInfoKey(rawValue: "CMSRuntime.decodingMode")!
}

extension Decoder {
    public var cmsDecodingMode: CMSDecodingMode { userInfo[.cmsDecodingMode] as? CMSDecodingMode ?? .lenient }
}

/// The JSON form a scalar arrived in, so that it can be written back the same way.
public enum CMSWireForm: String, Sendable, Hashable, Codable {
    case string, number, boolean
}

/// A scalar that decodes from the forms the vendor is inconsistent about: numbers sent as strings, strings sent as numbers,
/// and "true"/"false" (or 0/1) as booleans.
public protocol CMSTolerantScalar: Codable, Sendable, Hashable {
    /// The form the documentation gives.
    static var documentedForm: CMSWireForm { get }
    static func decodeTolerantly(from container: any SingleValueDecodingContainer) throws -> (value: Self, form: CMSWireForm)
    func encode(as form: CMSWireForm, to container: inout any SingleValueEncodingContainer) throws
    /// The value at `key` in its documented form, through the container's own overload for this type (the decoder's
    /// fast path); throws when it arrived in another form.
    static func decodeDocumented<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Self?
}

extension String {
    @inlinable public static func decodeDocumented<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> String? {
        try container.decodeIfPresent(String.self, forKey: key)
    }
}

extension Int {
    @inlinable public static func decodeDocumented<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Int? {
        try container.decodeIfPresent(Int.self, forKey: key)
    }
}

extension Int64 {
    @inlinable public static func decodeDocumented<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Int64? {
        try container.decodeIfPresent(Int64.self, forKey: key)
    }
}

extension Double {
    @inlinable public static func decodeDocumented<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Double? {
        try container.decodeIfPresent(Double.self, forKey: key)
    }
}

extension Bool {
    @inlinable public static func decodeDocumented<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Bool? {
        try container.decodeIfPresent(Bool.self, forKey: key)
    }
}

extension String: CMSTolerantScalar {
    public static var documentedForm: CMSWireForm { .string }

    public static func decodeTolerantly(from container: any SingleValueDecodingContainer) throws -> (value: String, form: CMSWireForm) {
        if let text = try? container.decode(String.self) { return (text, .string) }
        if let integer = try? container.decode(Int64.self) { return (String(integer), .number) }
        if let number = try? container.decode(Double.self) { return (String(number), .number) }
        if let flag = try? container.decode(Bool.self) { return (String(flag), .boolean) }
        throw DecodingError.typeMismatch(String.self, .init(codingPath: container.codingPath, debugDescription: "expected a string"))
    }

    public func encode(as form: CMSWireForm, to container: inout any SingleValueEncodingContainer) throws {
        switch form {
        case .number where Int64(self) != nil: try container.encode(Int64(self)!)
        case .number where Double(self) != nil: try container.encode(Double(self)!)
        case .boolean where Bool(self) != nil: try container.encode(Bool(self)!)
        default: try container.encode(self)
        }
    }
}

extension Int: CMSTolerantScalar {
    public static var documentedForm: CMSWireForm { .number }

    public static func decodeTolerantly(from container: any SingleValueDecodingContainer) throws -> (value: Int, form: CMSWireForm) {
        let (value, form) = try Int64.decodeTolerantly(from: container)
        guard let exact = Int(exactly: value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(value) does not fit an Int")
        }
        return (exact, form)
    }

    public func encode(as form: CMSWireForm, to container: inout any SingleValueEncodingContainer) throws {
        try Int64(self).encode(as: form, to: &container)
    }
}

extension Int64: CMSTolerantScalar {
    public static var documentedForm: CMSWireForm { .number }

    public static func decodeTolerantly(from container: any SingleValueDecodingContainer) throws -> (value: Int64, form: CMSWireForm) {
        if let integer = try? container.decode(Int64.self) { return (integer, .number) }
        if let number = try? container.decode(Double.self), let integer = Int64(exactly: number) { return (integer, .number) }
        if let text = try? container.decode(String.self), let integer = Int64(text.trimmingCharacters(in: .whitespaces)) { return (integer, .string) }
        throw DecodingError.typeMismatch(Int64.self, .init(codingPath: container.codingPath, debugDescription: "expected an integer"))
    }

    public func encode(as form: CMSWireForm, to container: inout any SingleValueEncodingContainer) throws {
        if form == .string { try container.encode(String(self)) } else { try container.encode(self) }
    }
}

extension Double: CMSTolerantScalar {
    public static var documentedForm: CMSWireForm { .number }

    public static func decodeTolerantly(from container: any SingleValueDecodingContainer) throws -> (value: Double, form: CMSWireForm) {
        if let number = try? container.decode(Double.self) { return (number, .number) }
        if let text = try? container.decode(String.self), let number = Double(text.trimmingCharacters(in: .whitespaces)) { return (number, .string) }
        throw DecodingError.typeMismatch(Double.self, .init(codingPath: container.codingPath, debugDescription: "expected a number"))
    }

    public func encode(as form: CMSWireForm, to container: inout any SingleValueEncodingContainer) throws {
        if form == .string { try container.encode(String(self)) } else { try container.encode(self) }
    }
}

extension Bool: CMSTolerantScalar {
    public static var documentedForm: CMSWireForm { .boolean }

    public static func decodeTolerantly(from container: any SingleValueDecodingContainer) throws -> (value: Bool, form: CMSWireForm) {
        if let flag = try? container.decode(Bool.self) { return (flag, .boolean) }
        if let text = try? container.decode(String.self) {
            switch text.lowercased() {
            case "true", "1", "y", "yes": return (true, .string)
            case "false", "0", "n", "no": return (false, .string)
            default: break
            }
        }
        if let integer = try? container.decode(Int64.self), integer == 0 || integer == 1 { return (integer == 1, .number) }
        throw DecodingError.typeMismatch(Bool.self, .init(codingPath: container.codingPath, debugDescription: "expected a boolean"))
    }

    public func encode(as form: CMSWireForm, to container: inout any SingleValueEncodingContainer) throws {
        switch form {
        case .string: try container.encode(self ? "true" : "false")
        case .number: try container.encode(self ? 1 : 0)
        case .boolean: try container.encode(self)
        }
    }
}

/// A scalar that decodes tolerantly; used for the elements of lists and by the container helpers.
public struct CMSTolerant<Value: CMSTolerantScalar>: Codable, Sendable, Hashable {
    public var value: Value
    public var form: CMSWireForm

    public init(_ value: Value, form: CMSWireForm = Value.documentedForm) {
        self.value = value
        self.form = form
    }

    public init(from decoder: any Decoder) throws {
        (value, form) = try Value.decodeTolerantly(from: decoder.singleValueContainer())
    }

    public func encode(to encoder: any Encoder) throws {
        var container: any SingleValueEncodingContainer = encoder.singleValueContainer()
        try value.encode(as: form, to: &container)
    }
}

extension KeyedDecodingContainer {
    /// A tolerant scalar, nil when absent or null.
    @_spi(Generated) @inlinable public func cmsDecodeScalar<Value: CMSTolerantScalar>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        // The documented form first, through the decoder's own fast path; only a value in another form pays for the
        // tolerant one (which also throws the error that names what was expected).
        do {
            return try Value.decodeDocumented(from: self, forKey: key)
        } catch {
            return try decodeIfPresent(CMSTolerant<Value>.self, forKey: key)?.value
        }
    }

    /// A list of tolerant scalars, nil when absent or null.
    @_spi(Generated) @inlinable public func cmsDecodeScalars<Value: CMSTolerantScalar>(_ type: [Value].Type, forKey key: Key) throws -> [Value]? {
        try decodeIfPresent([CMSTolerant<Value>].self, forKey: key)?.map(\.value)
    }

    /// A documented-values type, nil when absent or null: its raw value in the documented form through the
    /// container's own overload, any other form tolerantly.
    @_spi(Generated) @inlinable public func cmsDecodeEnumeration<Value: CMSOpenEnumeration>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        do {
            return try Value.RawValue.decodeDocumented(from: self, forKey: key).map(Value.init(rawValue:))
        } catch {
            return try decodeIfPresent(Value.self, forKey: key)
        }
    }

    /// Any other decodable value (nested objects, enumerations, maps, lists of them), nil when absent or null.
    @_spi(Generated) @inlinable public func cmsDecodeValue<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        try decodeIfPresent(type, forKey: key)
    }

    /// Throws in strict mode when a field the documentation marks mandatory is absent (or null).
    @_spi(Generated) public func cmsCheckMandatory(_ key: Key, mode: CMSDecodingMode) throws {
        guard mode == .strict, (try? decodeNil(forKey: key)) ?? true else { return }
        throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "the mandatory field '\(key.stringValue)' is missing (strict decoding)"))
    }

    /// A request field, decoded so that decoding a request reports every problem at once: a missing mandatory field
    /// ("is required") or a value of the wrong type is recorded in `problems` instead of thrown.
    @_spi(Generated) public func cmsRequestScalar<Value: CMSTolerantScalar>(_ type: Value.Type, forKey key: Key, required: Bool, problems: inout CMSValidator) -> Value? {
        record(key, &problems, required: required) { try cmsDecodeScalar(type, forKey: key) }
    }

    /// A request list of scalars, as `cmsRequestScalar`.
    @_spi(Generated) public func cmsRequestScalars<Value: CMSTolerantScalar>(_ type: [Value].Type, forKey key: Key, required: Bool, problems: inout CMSValidator) -> [Value]? {
        record(key, &problems, required: required) { try cmsDecodeScalars(type, forKey: key) }
    }

    /// A request value of any other type, as `cmsRequestScalar`.
    @_spi(Generated) public func cmsRequestValue<Value: Decodable>(_ type: Value.Type, forKey key: Key, required: Bool, problems: inout CMSValidator) -> Value? {
        record(key, &problems, required: required) { try cmsDecodeValue(type, forKey: key) }
    }

    private func record<Value>(_ key: Key, _ problems: inout CMSValidator, required: Bool, _ decode: () throws -> Value?) -> Value? {
        let path = { (codingPath.map(\.stringValue) + [key.stringValue]).filter { !$0.isEmpty }.joined(separator: ".") }
        do {
            let value = try decode()
            if value == nil, required { problems.fail(path(), "is required") }
            return value
        } catch let error as CMSValidationError {
            for violation in error.violations { problems.fail(violation.path, violation.message) }
            return nil
        } catch {
            problems.fail(path(), "has the wrong type (\(CMSDecodingFailure.summary(of: error)))")
            return nil
        }
    }

    /// An optional object held behind `CMSIndirect`: absent or null is nil (what synthesized decoding of an optional
    /// property does, which a property wrapper would otherwise lose).
    public func decode<Value: Decodable & Sendable & Hashable>(_ type: CMSIndirect<Value?>.Type, forKey key: Key) throws -> CMSIndirect<Value?> {
        CMSIndirect(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// An optional object held behind `CMSIndirect`: nil is left out, as for any optional property.
    public mutating func encode<Value: Encodable & Sendable & Hashable>(_ value: CMSIndirect<Value?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}

/// A documented list of values that keeps the values the documentation does not list.
public protocol CMSOpenEnumeration: Codable, Sendable, Hashable, RawRepresentable, CustomStringConvertible where RawValue: CMSTolerantScalar {
    init(rawValue: RawValue)
    /// The values the documentation lists, in its order.
    static var documentedValues: [RawValue] { get }
    /// False for `.unknown(_)`.
    var isDocumented: Bool { get }
}

extension CMSOpenEnumeration {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try RawValue.decodeTolerantly(from: decoder.singleValueContainer()).value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container: any SingleValueEncodingContainer = encoder.singleValueContainer()
        try rawValue.encode(as: RawValue.documentedForm, to: &container)
    }

    public var description: String { "\(rawValue)" }
}
