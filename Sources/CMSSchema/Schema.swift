/// The intermediate schema: everything the pages say about the CC-CMS interfaces, as plain Codable values.
///
/// It is the contract between the reading half (pages → schema) and the rendering half (schema → Swift, OpenAPI).
/// `cmsgen parse` prints it as stable JSON (see `SchemaJSON`).
public struct SchemaDocument: Codable, Sendable, Hashable {
    /// Bumped whenever the shape of the schema changes incompatibly.
    /// Version 2: query parameters, parameters as fields, nested tables as `objects` referred to by id.
    /// Version 3: one response per documented status, header parameters, the authentication scheme, the envelope, maps.
    public static let currentVersion = 3

    public var schemaVersion: Int
    /// Interfaces, sorted by path then method.
    public var interfaces: [Interface]
    /// The result codes from the Error Code Reference page, sorted by code.
    public var resultCodes: [ResultCode]

    public init(schemaVersion: Int = SchemaDocument.currentVersion, interfaces: [Interface] = [], resultCodes: [ResultCode] = []) {
        self.schemaVersion = schemaVersion
        self.interfaces = interfaces
        self.resultCodes = resultCodes
    }
}

/// One CC-CMS REST interface, possibly documented by several pages.
public struct Interface: Codable, Sendable, Hashable {
    /// The page title, for example "Querying Private Call Details of a Specified Agent".
    public var title: String
    /// The "Scenario" (or "Description") paragraphs.
    public var scenario: String?
    /// Upper-case HTTP method, for example `POST`.
    public var method: String
    /// The URL path without scheme, host and query, with `{name}` path parameters, for example
    /// `/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo`. Characters that may not stand in a URL path are
    /// percent-encoded.
    public var path: String
    /// The `{name}` segments of `path`, in order, each once. Always `required`.
    public var pathParameters: [Field]
    /// The parameters of the query string, from a query-parameter table and from the URL's query part, in order.
    public var queryParameters: [Field]
    /// The internal BMS interfaces the page names ("Internal Encapsulation Interfaces").
    public var bmsInterfaces: [String]
    /// Rows of the request-header table, as documented.
    public var headers: [Field]
    /// The header rows a caller gives: the documented headers but those the runtime sets (`Content-Type`, the
    /// authentication header) and those the page fixes.
    public var headerParameters: [Field]
    /// How requests are authenticated, as the header table says.
    public var authentication: Authentication
    /// The request body, when the page documents one. A body without fields is sent as no body at all.
    public var request: Body?
    /// One response per documented status, in the order the page gives them; `isSuccess` marks the answer of a call
    /// that worked.
    public var responses: [Response]
    /// Where the body carries a result code beside the HTTP status, which values mean success, and which fields hold
    /// the payload; nil when the response is the payload itself.
    public var envelope: Envelope?
    /// The objects that nested tables document, each once, in the order the page first refers to them. Fields refer
    /// to them by `Field.object`; one object can serve several fields.
    public var objects: [ObjectType]
    /// The documented message examples.
    public var examples: [Example]
    /// Where the examples and the tables disagree, and other facts the code generator needs to decode tolerantly.
    public var observations: [Observation]
    /// Every page that documents this interface; the primary one first.
    public var sources: [Source]
    /// Where the interface is documented on the primary page (its title).
    public var location: SourceLocation

    public init(
        title: String, scenario: String? = nil, method: String, path: String, pathParameters: [Field] = [],
        queryParameters: [Field] = [], bmsInterfaces: [String] = [], headers: [Field] = [], headerParameters: [Field] = [],
        authentication: Authentication = Authentication(), request: Body? = nil, response: Body? = nil, responses: [Response]? = nil,
        envelope: Envelope? = nil, objects: [ObjectType] = [], examples: [Example] = [], observations: [Observation] = [],
        sources: [Source] = [], location: SourceLocation
    ) {
        self.title = title
        self.scenario = scenario
        self.method = method
        self.path = path
        self.pathParameters = pathParameters
        self.queryParameters = queryParameters
        self.bmsInterfaces = bmsInterfaces
        self.headers = headers
        self.headerParameters = headerParameters
        self.authentication = authentication
        self.request = request
        self.responses = responses ?? (response.map { [Response(status: 200, isSuccess: true, body: $0)] } ?? [])
        self.envelope = envelope
        self.objects = objects
        self.examples = examples
        self.observations = observations
        self.sources = sources
        self.location = location
    }

    /// The body of the success response (the first one marked `isSuccess`); setting it adds a 200 response when there
    /// is none.
    public var response: Body? {
        get { responses.first(where: \.isSuccess)?.body }
        set {
            if let index = responses.firstIndex(where: \.isSuccess) {
                responses[index].body = newValue
            } else if newValue != nil {
                responses.insert(Response(status: 200, isSuccess: true, body: newValue), at: 0)
            }
        }
    }

    /// The success response, if the page documents one.
    public var success: Response? { responses.first(where: \.isSuccess) }

    /// The object with this id.
    public func object(_ id: String) -> ObjectType? {
        objects.first { $0.id == id }
    }

    /// The fields of an object field, or of each element of an array field: those of the object it refers to.
    public func fields(of field: Field) -> [Field] {
        field.object.flatMap(object)?.fields ?? []
    }

    /// Whether the body sends anything: a request whose table documents no field is sent without a body.
    public var hasRequestBody: Bool { !(request?.fields.isEmpty ?? true) }
}

/// A documented HTTP status of an interface and what comes with it.
public struct Response: Codable, Sendable, Hashable {
    /// The status code; 200 when a page of a layout without statuses documents the answer.
    public var status: Int
    /// What the page says the status means ("Normal response to POST requests.").
    public var description: String?
    /// The answer of a call that worked.
    public var isSuccess: Bool
    /// The body, when a table documents it.
    public var body: Body?
    /// The page says the answer has no body ("None", 204 No Content): there is nothing to decode.
    public var isEmpty: Bool
    public var location: SourceLocation?

    public init(status: Int, description: String? = nil, isSuccess: Bool, body: Body? = nil, isEmpty: Bool = false, location: SourceLocation? = nil) {
        self.status = status
        self.description = description
        self.isSuccess = isSuccess
        self.body = body
        self.isEmpty = isEmpty
        self.location = location
    }
}

/// How requests are authenticated, as the request-header table says.
public struct Authentication: Codable, Sendable, Hashable {
    public enum Scheme: String, Codable, Sendable, Hashable {
        /// C2 (auth-v2) signatures in `Authorization`, as CC-CMS documents them.
        case c2
        /// A token in a header of its own (`X-Auth-Token`).
        case token
        /// The page does not say.
        case unspecified
    }

    public var scheme: Scheme
    /// The header the credential travels in (`Authorization`, `X-Auth-Token`).
    public var header: String?

    public init(scheme: Scheme = .unspecified, header: String? = nil) {
        self.scheme = scheme
        self.header = header
    }
}

/// A result code carried in the response body beside the HTTP status, decided once from the page's own value lists
/// and the Error Code Reference.
public struct Envelope: Codable, Sendable, Hashable {
    /// A field that carries a result code, and the values that mean success.
    public struct CodeField: Codable, Sendable, Hashable {
        public var name: String
        public var successValues: [String]

        public init(name: String, successValues: [String]) {
            self.name = name
            self.successValues = successValues
        }
    }

    /// The result-code fields, in the order they are checked (`resultCode` before the legacy `result`).
    public var codes: [CodeField]
    /// Fields that carry the server's own words on a failure (`resultDesc`, `description`).
    public var messageFields: [String]
    /// The fields that carry the payload of a success, in the order they are tried (`resultDesc`, then `resultDatas`):
    /// what a client method returns, whatever else stands beside them.
    public var payloadFields: [String]

    public init(codes: [CodeField], messageFields: [String] = [], payloadFields: [String] = []) {
        self.codes = codes
        self.messageFields = messageFields
        self.payloadFields = payloadFields
    }
}

/// An object documented by a table (or by the dotted rows under one row of a table), referred to by id.
public struct ObjectType: Codable, Sendable, Hashable {
    /// Stable within the interface: the caption of the table (`Table 4 Parameters of resultDesc`), or for dotted rows
    /// the table and the row (`Table 3 Parameters in the message body, row 2`).
    public var id: String
    /// The caption of the table that documents the fields.
    public var table: String
    public var fields: [Field]
    public var location: SourceLocation

    public init(id: String, table: String, fields: [Field], location: SourceLocation) {
        self.id = id
        self.table = table
        self.fields = fields
        self.location = location
    }
}

/// A request or response body: the top-level table and, through `Field.object`, the nested ones.
public struct Body: Codable, Sendable, Hashable {
    /// The caption of the top-level table (for example "Table 2 Parameters in the message body"), if it has one.
    public var table: String?
    public var fields: [Field]
    /// A wrapper object the example puts around the documented fields (for example `queryParam`), which the table does not show.
    public var exampleWrapper: String?
    public var location: SourceLocation

    public init(table: String?, fields: [Field], exampleWrapper: String? = nil, location: SourceLocation) {
        self.table = table
        self.fields = fields
        self.exampleWrapper = exampleWrapper
        self.location = location
    }
}

/// One documented parameter: a row of a header, body, nested-object, path or query table, or a parameter the
/// request URL names.
public struct Field: Codable, Sendable, Hashable {
    /// The wire name, exactly as documented (`citStatus` stays `citStatus`).
    public var name: String
    public var type: FieldType
    public var requirement: Requirement
    public var defaultValue: String?
    /// The description prose, paragraphs joined by newlines, without option lists and notes.
    public var description: String
    /// The NOTE blocks of the description.
    public var notes: [String]
    public var constraints: Constraints
    public var enumeration: Enumeration?
    /// The id of the object (in `Interface.objects`) that documents the fields of this object, or of each element
    /// of this array.
    public var object: String?
    /// The object this field refers to but does not expand, because the reference closes a cycle of tables
    /// (a table that refers to itself, or to a table above it). The value is untyped JSON.
    public var recursiveReference: String?
    public var location: SourceLocation

    public init(
        name: String, type: FieldType, requirement: Requirement = .unspecified, defaultValue: String? = nil,
        description: String = "", notes: [String] = [], constraints: Constraints = Constraints(),
        enumeration: Enumeration? = nil, object: String? = nil, recursiveReference: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.requirement = requirement
        self.defaultValue = defaultValue
        self.description = description
        self.notes = notes
        self.constraints = constraints
        self.enumeration = enumeration
        self.object = object
        self.recursiveReference = recursiveReference
        self.location = location
    }
}

/// Whether a parameter must be present, as the Mandatory column says.
public enum Requirement: String, Codable, Sendable, Hashable {
    /// Yes, True, 是, 必选, 必填.
    case required
    /// No, False, 否, 可选, 选填.
    case optional
    /// "True/False": mandatory only under conditions the description states.
    case conditional
    /// The table has no Mandatory column (response tables) or the cell is empty.
    case unspecified
}

/// The normalised type of a field, with the spelling it was written in.
public struct FieldType: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case string, integer, long, number, boolean, date, object, array
        /// String keys, values of `element` (unknown when the page does not say).
        case map
        /// A spelling the normaliser does not know; `raw` keeps it.
        case unknown
    }

    public var kind: Kind
    /// For arrays: the kind of each element, when the page says or an example shows it; for maps: the kind of each value.
    public var element: Kind?
    /// For arrays and objects: a type name the page gives (`callinDetial` in `array<callinDetial>`).
    public var name: String?
    /// The type cell exactly as written (`List <Integer>`, `String(1-25)`).
    public var raw: String

    public init(kind: Kind, element: Kind? = nil, name: String? = nil, raw: String) {
        self.kind = kind
        self.element = element
        self.name = name
        self.raw = raw
    }

    /// `array<integer>`, `map<string>`, `string`, …
    public var description: String {
        if kind == .array { return "array<\(element?.rawValue ?? "?")>" }
        if kind == .map { return "map<\(element?.rawValue ?? "?")>" }
        return kind.rawValue
    }
}

/// Value constraints mined from the type cell and the description prose.
public struct Constraints: Codable, Sendable, Hashable {
    /// Inclusive lower bound of a numeric value.
    public var minimum: Int64?
    /// Inclusive upper bound of a numeric value.
    public var maximum: Int64?
    /// Inclusive bounds of a number that are not whole (`Minimum: 0.5`); whole bounds are `minimum` and `maximum`.
    public var decimalMinimum: Double?
    public var decimalMaximum: Double?
    /// When the page allows several disjoint ranges ("from 101 to 59999 and from 70000 to 999999"), all of them.
    public var ranges: [ValueRange]?
    public var minLength: Int?
    public var maxLength: Int?
    public var minItems: Int?
    public var maxItems: Int?
    /// The only allowed value ("The value is fixed at …").
    public var fixedValue: String?
    /// A value format the prose states: `timestamp-ms`, `timestamp-s`, `date-time`, `date`, `time`, `digits`.
    public var format: String?
    /// Constraints on each element of an array.
    public var items: ItemConstraints?

    public init(
        minimum: Int64? = nil, maximum: Int64? = nil, ranges: [ValueRange]? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        minItems: Int? = nil, maxItems: Int? = nil, fixedValue: String? = nil, format: String? = nil, items: ItemConstraints? = nil,
        decimalMinimum: Double? = nil, decimalMaximum: Double? = nil
    ) {
        self.minimum = minimum
        self.maximum = maximum
        self.decimalMinimum = decimalMinimum
        self.decimalMaximum = decimalMaximum
        self.ranges = ranges
        self.minLength = minLength
        self.maxLength = maxLength
        self.minItems = minItems
        self.maxItems = maxItems
        self.fixedValue = fixedValue
        self.format = format
        self.items = items
    }

    public var isEmpty: Bool { self == Constraints() }
}

/// Constraints on the elements of an array.
public struct ItemConstraints: Codable, Sendable, Hashable {
    public var minimum: Int64?
    public var maximum: Int64?
    public var maxLength: Int?

    public init(minimum: Int64? = nil, maximum: Int64? = nil, maxLength: Int? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.maxLength = maxLength
    }
}

/// An inclusive numeric range.
public struct ValueRange: Codable, Sendable, Hashable {
    public var minimum: Int64
    public var maximum: Int64

    public init(_ minimum: Int64, _ maximum: Int64) {
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// Documented values of a field.
public struct Enumeration: Codable, Sendable, Hashable {
    public var values: [EnumValue]
    /// False when the list ends in "Other values: …": other values are expected, and mean what that line says.
    public var closed: Bool
    /// What the "Other values" line says they mean (for example "failure").
    public var otherValues: String?
    /// Where the values are listed: the field's own cell, or a value/description table.
    public var location: SourceLocation

    public init(values: [EnumValue], closed: Bool, otherValues: String? = nil, location: SourceLocation) {
        self.values = values
        self.closed = closed
        self.otherValues = otherValues
        self.location = location
    }
}

/// One documented value and its meaning ("0100000: success").
public struct EnumValue: Codable, Sendable, Hashable {
    public var value: String
    public var meaning: String

    public init(value: String, meaning: String) {
        self.value = value
        self.meaning = meaning
    }
}

/// A documented message example.
public struct Example: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable, Hashable {
        case requestHeaders, request, response

        /// "request", "response", "request header", for messages.
        public var phrase: String {
            switch self {
            case .request: "request"
            case .response: "response"
            case .requestHeaders: "request header"
            }
        }
    }

    public var role: Role
    /// The text as it stands on the page.
    public var text: String
    /// The parsed JSON, when the text is valid JSON.
    public var json: JSONValue?
    /// For responses: the status the page names above the example ("Status code: 201"), if it names one.
    public var status: Int?
    public var location: SourceLocation

    public init(role: Role, text: String, json: JSONValue?, status: Int? = nil, location: SourceLocation) {
        self.role = role
        self.text = text
        self.json = json
        self.status = status
        self.location = location
    }
}

/// Something an example shows that the tables do not say, kept for tolerant decoding.
public struct Observation: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The example sends a value of another JSON type than the table documents.
        case typeMismatch
        /// The table documents a field the example does not carry.
        case missingInExample
        /// The example carries a field the table does not document.
        case undocumentedField
        /// The example wraps the documented fields in an object the table does not show.
        case wrapper
        /// The example is not valid JSON.
        case invalidJSON
        /// The page does not say the element type of an array; the example shows it.
        case elementTypeFromExample
    }

    public var kind: Kind
    public var role: Example.Role
    /// Dotted path of the field in the body, for example `resultDatas.callFeature`; array elements add no segment.
    public var path: String
    /// What the table documents (a type, a field name).
    public var documented: String?
    /// What the example shows (a JSON type).
    public var observed: String?
    public var message: String
    /// Where the example shows it.
    public var location: SourceLocation

    public init(kind: Kind, role: Example.Role, path: String, documented: String? = nil, observed: String? = nil, message: String, location: SourceLocation) {
        self.kind = kind
        self.role = role
        self.path = path
        self.documented = documented
        self.observed = observed
        self.message = message
        self.location = location
    }
}

/// A page that documents an interface.
public struct Source: Codable, Sendable, Hashable {
    public enum Format: String, Codable, Sendable, Hashable { case html, dita }

    public var file: String
    public var format: Format
    /// `en` or `zh`.
    public var language: String
    /// The "Updated on" date or DITA revision, when the page gives one.
    public var edition: String?
    /// The page all other pages of the interface are compared with: the English HTML where there is one.
    public var primary: Bool

    public init(file: String, format: Format, language: String, edition: String? = nil, primary: Bool = false) {
        self.file = file
        self.format = format
        self.language = language
        self.edition = edition
        self.primary = primary
    }
}

/// A row of the Error Code Reference page.
public struct ResultCode: Codable, Sendable, Hashable {
    /// The 7-character code, leading zeros kept (`0100002`).
    public var code: String
    public var description: String
    public var location: SourceLocation

    public init(code: String, description: String, location: SourceLocation) {
        self.code = code
        self.description = description
        self.location = location
    }
}
