import CMSSchema

/// Everything the generated code of one interface names and types, decided once: the name table that the view model,
/// the templates' contexts and the doc comments all read. Nothing downstream derives a name again.
struct InterfacePlan {
    let interface: Interface
    /// The client method (`callDataQueryDetailCallInfo`).
    var operation: String
    /// The enum that holds the interface's types (`CallDataQueryDetailCallInfo`).
    var namespace: String
    /// Path parameters, then query parameters, then header parameters, in the order the page gives them.
    var parameters: [PlannedParameter]
    /// `Namespace.Request`, always a struct (empty when the page documents no body field).
    var request: PlannedStruct
    /// `Namespace.Response`: a struct, or nil when the page documents no response table (the body is untyped JSON).
    var response: PlannedStruct?
    /// Types nested in the request or response, in the order they are first referred to.
    var nestedTypes: [PlannedType]
    /// The fields of the response whose value the client method returns (`resultDesc`, then `resultDatas`), if it
    /// returns a payload rather than the whole response.
    var payload: [PlannedProperty]
    /// Nested types that are declared once for several interfaces: their qualified name here → the shared type
    /// (`CMSTypes.Status`). The file declares them as typealiases.
    var aliases: [String: String] = [:]
    /// Every name the plan gives, by the key that pins it (`POST /rest/… response resultDesc.callId` → `callId`): what
    /// the lock file records.
    var names: [String: String] = [:]
}

/// Which half of the exchange a type belongs to: request types validate, response types decode tolerantly.
enum Part: String, Hashable, Sendable {
    case request, response
}

/// The Swift scalars a documented type can have.
enum ScalarType: String, Hashable, Sendable {
    case int = "Swift.Int"
    case int64 = "Swift.Int64"
    case double = "Swift.Double"
    case string = "Swift.String"
    case bool = "Swift.Bool"

    var isNumeric: Bool { self == .int || self == .int64 || self == .double }
    var isInteger: Bool { self == .int || self == .int64 }
}

/// A Swift type as used by a property or parameter, as data: what its element is, and whether it is a list or a
/// map of them. Decisions read the element's case, never its spelling.
struct TypeReference: Hashable, Sendable {
    enum Element: Hashable, Sendable {
        /// `Swift.Int`, `Swift.Int64`, `Swift.Double`, `Swift.String`, `Swift.Bool`.
        case scalar(ScalarType)
        /// An enumeration of documented values, by its qualified name.
        case enumeration(String)
        /// A struct of a nested table, by its qualified name.
        case object(String)
        /// `CMSRuntime.CMSJSONValue`: a value whose structure the page does not give.
        case json
    }

    /// The kind of element, without its name.
    enum Kind: Hashable, Sendable { case scalar, enumeration, object, json }

    var element: Element
    var isList: Bool
    /// `[Swift.String: element]`: a map with string keys.
    var isMap: Bool = false

    static func scalar(_ type: ScalarType, isList: Bool = false, isMap: Bool = false) -> TypeReference {
        TypeReference(element: .scalar(type), isList: isList, isMap: isMap)
    }

    static func json(isList: Bool = false, isMap: Bool = false) -> TypeReference { TypeReference(element: .json, isList: isList, isMap: isMap) }

    var kind: Kind {
        switch element {
        case .scalar: .scalar
        case .enumeration: .enumeration
        case .object: .object
        case .json: .json
        }
    }

    /// The element type as Swift spells it, qualified: `Swift.Int`, `X.Response.ResultDesc`, `CMSRuntime.CMSJSONValue`.
    var name: String {
        switch element {
        case .scalar(let scalar): scalar.rawValue
        case .enumeration(let name), .object(let name): name
        case .json: "CMSRuntime.CMSJSONValue"
        }
    }

    /// The element's scalar type, if it is one.
    var scalar: ScalarType? {
        if case .scalar(let scalar) = element { return scalar }
        return nil
    }

    /// The same reference to a named type under another name (a shared type's); scalars and JSON stay.
    func renamed(_ rename: [String: String]) -> TypeReference {
        var copy = self
        switch element {
        case .enumeration(let name): if let target = rename[name] { copy.element = .enumeration(target) }
        case .object(let name): if let target = rename[name] { copy.element = .object(target) }
        case .scalar, .json: break
        }
        return copy
    }

    var isNumeric: Bool { !isMap && scalar?.isNumeric == true }
    var isInteger: Bool { !isMap && scalar?.isInteger == true }
    var isString: Bool { !isMap && scalar == .string }
}

/// A stored property of a generated struct.
struct PlannedProperty {
    var field: Field
    /// The Swift name, without backticks.
    var name: String
    /// The local that holds the decoded value while a request is decoded; never one of the generator's own locals.
    var local: String
    var type: TypeReference
    /// Request fields the table marks mandatory: non-optional in Swift.
    var isRequired: Bool
    /// Response fields the table marks mandatory: checked in strict decoding.
    var isMandatory: Bool
    /// The dotted wire path by which the field was first reached (`resultDesc.callId`).
    var wirePath: String
    /// How the name came from the wire name.
    var naming: NameBuilder.Name
    /// What the examples show against the table, for the doc comment.
    var mismatches: [Observation]
}

/// A path, query or header parameter: an argument of the client method and of the request builder.
struct PlannedParameter {
    enum Location: String { case path, query, header }

    var field: Field
    var location: Location
    /// The argument label (`ccId`, `class`).
    var label: String
    /// The parameter's name inside the function, never one of the function's own locals (`ccId`, `classValue`).
    var internalName: String
    /// A scalar or an enumeration; other documented types are sent as text.
    var type: TypeReference
    var isRequired: Bool
    var naming: NameBuilder.Name

    /// A query parameter the page fixes (`?version=2`, "The value is fixed at …"): sent with that value on every
    /// request, never an argument.
    var fixedValue: String? { location == .query ? field.constraints.fixedValue : nil }
    /// The header name or the key of the path or query parameter, as sent.
    var wireName: String { field.name }
}

/// A struct: the request or response itself, or an object of a nested table.
struct PlannedStruct {
    var name: String
    /// `X.Response.ResultDesc`.
    var qualifiedName: String
    /// The type it is declared in (`X` for the roots, `X.Response` for types nested in the response).
    var parent: String
    var part: Part
    var isRoot: Bool
    /// The object documented by a nested table, nil for the roots.
    var object: ObjectType?
    /// The wire path by which it was first reached (empty for the roots), and the field that named it.
    var wirePath: String
    var properties: [PlannedProperty]
}

/// A documented list of values.
struct PlannedEnumeration {
    var part: Part
    var name: String
    var qualifiedName: String
    var parent: String
    var field: Field
    var wirePath: String
    /// `.string` or `.int`.
    var rawType: ScalarType
    var cases: [PlannedCase]
    var enumeration: Enumeration
    /// The key that pins its name (`POST /rest/… response resultDesc.status (type)`, `GET /v3/… query sort (type)`).
    var nameKey: String
}

/// One documented value.
struct PlannedCase {
    var name: String
    /// The value as sent: the documented text, or the canonical integer (`01` and `+1` are `1`).
    var rawValue: String
    var value: EnumValue
}

/// A type nested in the request or the response.
enum PlannedType {
    case structure(PlannedStruct)
    case enumeration(PlannedEnumeration)
}

/// How a client method returns its payload, by one rule for both layouts: as it is when the page marks a payload field
/// mandatory (a success without it is then a decoding error); otherwise it may be absent, as in a query with no rows:
/// a list comes back empty and anything else as nil.
enum PayloadRule: Equatable {
    /// The method returns the whole response (no envelope, or no payload field).
    case none
    case required
    case list
    case optional

    init(_ payload: [PlannedProperty]) {
        guard let first = payload.first else {
            self = .none
            return
        }
        if payload.contains(where: { $0.field.requirement == .required }) {
            self = .required
        } else {
            self = first.type.isList ? .list : .optional
        }
    }
}
