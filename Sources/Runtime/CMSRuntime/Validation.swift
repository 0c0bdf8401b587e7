/// One way a request breaks the documented rules.
public struct CMSValidationViolation: Sendable, Hashable, CustomStringConvertible {
    /// The field path, for example `ccId`, `agentIds[2]`, `filter.skillId`.
    public var path: String
    /// What is wrong, for example `must be between 1 and 65535, got 0`.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// All the violations of a request, reported at once.
public struct CMSValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var violations: [CMSValidationViolation]

    public init(violations: [CMSValidationViolation]) { self.violations = violations }

    public var description: String {
        "invalid request: " + violations.map(\.description).joined(separator: "; ")
    }
}

/// Whether a request is validated before it is sent.
public enum CMSRequestValidation: Sendable, Hashable {
    /// Validate, and send nothing when a rule is broken. The default.
    case enforced
    /// Send the request as it is. For testing how a server answers invalid requests.
    case skippedForTesting
}

/// Collects violations while generated `validate()` methods walk a request.
public struct CMSValidator: Sendable {
    public private(set) var violations: [CMSValidationViolation] = []

    public init() {}

    public mutating func fail(_ path: @autoclosure () -> String, _ message: String) {
        violations.append(CMSValidationViolation(path: path(), message: message))
    }

    /// A mandatory field that is absent.
    public mutating func required<Value>(_ value: Value?, _ path: @autoclosure () -> String) {
        if value == nil { fail(path(), "is required") }
    }

    /// An inclusive range on an integer.
    @inlinable
    public mutating func range<Value: BinaryInteger>(_ value: Value?, _ path: @autoclosure () -> String, min: Int64?, max: Int64?) {
        guard let value else { return }
        let number = Int64(clamping: value)
        checkRange(Double(number), description: String(number), path(), min: min, max: max)
    }

    /// An inclusive range on a number.
    @inlinable
    public mutating func range(_ value: Double?, _ path: @autoclosure () -> String, min: Int64?, max: Int64?) {
        guard let value else { return }
        checkRange(value, description: String(value), path(), min: min, max: max)
    }

    /// An inclusive range on a number whose documented bounds are not whole (`Minimum: 0.5`).
    public mutating func decimalRange(_ value: Double?, _ path: @autoclosure () -> String, min: Double?, max: Double?) {
        guard let value else { return }
        switch (min, max) {
        case let (min?, max?) where value < min || value > max:
            fail(path(), "must be between \(min) and \(max), got \(value)")
        case let (min?, nil) where value < min:
            fail(path(), "must be at least \(min), got \(value)")
        case let (nil, max?) where value > max:
            fail(path(), "must be at most \(max), got \(value)")
        default:
            break
        }
    }

    /// Several allowed ranges ("from 101 to 59999 and from 70000 to 999999").
    @inlinable
    public mutating func ranges<Value: BinaryInteger>(_ value: Value?, _ path: @autoclosure () -> String, _ allowed: [ClosedRange<Int64>]) {
        guard let value else { return }
        let number = Int64(clamping: value)
        guard !allowed.contains(where: { $0.contains(number) }) else { return }
        let text = allowed.map { "\($0.lowerBound)…\($0.upperBound)" }.joined(separator: " or ")
        fail(path(), "must be in \(text), got \(number)")
    }

    @usableFromInline
    mutating func checkRange(_ value: Double, description: String, _ path: @autoclosure () -> String, min: Int64?, max: Int64?) {
        switch (min, max) {
        case let (min?, max?) where value < Double(min) || value > Double(max):
            fail(path(), "must be between \(min) and \(max), got \(description)")
        case let (min?, nil) where value < Double(min):
            fail(path(), "must be at least \(min), got \(description)")
        case let (nil, max?) where value > Double(max):
            fail(path(), "must be at most \(max), got \(description)")
        default:
            break
        }
    }

    /// Length limits on a string, counted in characters.
    @inlinable
    public mutating func length(_ value: String?, _ path: @autoclosure () -> String, min: Int?, max: Int?) {
        guard let value else { return }
        let count = value.count
        switch (min, max) {
        case let (min?, max?) where count < min || count > max:
            fail(path(), "must have \(min) to \(max) characters, got \(count)")
        case let (min?, nil) where count < min:
            fail(path(), "must have at least \(min) characters, got \(count)")
        case let (nil, max?) where count > max:
            fail(path(), "must have at most \(max) characters, got \(count)")
        default:
            break
        }
    }

    /// Limits on the number of elements of a list.
    public mutating func count<Element>(_ value: [Element]?, _ path: @autoclosure () -> String, min: Int?, max: Int?) {
        guard let value else { return }
        if let max, value.count > max { fail(path(), "must have at most \(max) elements, got \(value.count)") }
        if let min, value.count < min { fail(path(), "must have at least \(min) elements, got \(value.count)") }
    }

    /// A value of a closed enumeration that must be one of the documented ones.
    @inlinable
    public mutating func documented<Value: CMSOpenEnumeration>(_ value: Value?, _ path: @autoclosure () -> String) {
        guard let value, !value.isDocumented else { return }
        documented("\(value.rawValue)", path(), allowed: Value.documentedValues.map { "\($0)" })
    }

    /// A value, as text, that must be one of the documented ones.
    public mutating func documented(_ text: String?, _ path: @autoclosure () -> String, allowed: [String]) {
        guard let text, !allowed.contains(text) else { return }
        fail(path(), "must be one of \(allowed.joined(separator: ", ")), got \(text)")
    }

    /// A range on each element of a list of integers; violations name the element (`ids[2]`).
    public mutating func elementRange<Value: BinaryInteger>(_ values: [Value]?, _ path: @autoclosure () -> String, min: Int64?, max: Int64?) {
        for (index, value) in (values ?? []).enumerated() { range(value, path() + "[\(index)]", min: min, max: max) }
    }

    /// A range on each element of a list of numbers.
    public mutating func elementRange(_ values: [Double]?, _ path: @autoclosure () -> String, min: Int64?, max: Int64?) {
        for (index, value) in (values ?? []).enumerated() { range(value, path() + "[\(index)]", min: min, max: max) }
    }

    /// A length limit on each element of a list of strings.
    public mutating func elementLength(_ values: [String]?, _ path: @autoclosure () -> String, min: Int?, max: Int?) {
        for (index, value) in (values ?? []).enumerated() { length(value, path() + "[\(index)]", min: min, max: max) }
    }

    /// A parameter sent as text that must be one of the documented values.
    public mutating func allowed<Value: CustomStringConvertible>(_ value: Value?, _ path: @autoclosure () -> String, _ allowed: [String]) {
        documented(value.map(\.description), path(), allowed: allowed)
    }

    /// The rules of an object, with paths under `path`.
    @inlinable
    public mutating func nested<Part: CMSRequestPart>(_ value: Part?, _ path: @autoclosure () -> String) {
        value?.validate(into: &self, path: path())
    }

    /// The rules of each object of a list; paths name the element (`agents[2].workNo`).
    public mutating func nested<Part: CMSRequestPart>(_ values: [Part]?, _ path: @autoclosure () -> String) {
        for (index, value) in (values ?? []).enumerated() { value.validate(into: &self, path: path() + "[\(index)]") }
    }

    /// A value fixed by the documentation.
    public mutating func fixed(_ value: String?, _ path: @autoclosure () -> String, _ expected: String) {
        guard let value, value != expected else { return }
        fail(path(), "must be \"\(expected)\", got \"\(value)\"")
    }

    /// Throws the collected violations, if any.
    public func finish() throws(CMSValidationError) {
        if !violations.isEmpty { throw CMSValidationError(violations: violations) }
    }
}

/// A request value the generated code knows how to validate: a body, or an object inside one.
public protocol CMSRequestPart: Codable, Sendable, Hashable {
    /// Adds the violations of this value, with paths under `path`, to `validator`.
    func validate(into validator: inout CMSValidator, path: String)
}

/// A request body the generated code knows how to validate and send.
public protocol CMSRequestBody: CMSRequestPart {}

extension CMSRequestPart {
    /// Checks every documented rule and reports all violations at once.
    public func validate() throws(CMSValidationError) {
        var validator = CMSValidator()
        validate(into: &validator, path: "")
        try validator.finish()
    }
}

/// Joins a field path: `""` + `ccId` = `ccId`, `filter` + `skillId` = `filter.skillId`.
@_spi(Generated) public func cmsPath(_ base: String, _ name: String) -> String {
    base.isEmpty ? name : base + "." + name
}
