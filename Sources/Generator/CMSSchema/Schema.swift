/// The intermediate schema: everything the pages say about the CC-CMS interfaces, as plain Codable values.
///
/// It is the contract between the reading half (pages → schema) and the rendering half (schema → Swift, OpenAPI).
/// `cmsgen parse` prints it as stable JSON (see `SchemaJSON`).
public struct SchemaDocument: Codable, Sendable, Hashable {
    /// Bumped whenever the shape of the schema changes incompatibly.
    /// Version 2: query parameters, parameters as fields, nested tables as `objects` referred to by id.
    /// Version 3: one response per documented status, header parameters, the authentication scheme, the envelope, maps.
    /// Version 4: the kind of every page, appendices (status codes, common request headers, error codes with their
    /// HTTP status), AK/SK and no authentication, schemes accepted alike, the fields of a failure's body.
    public static let currentVersion = 4

    public var schemaVersion: Int
    /// Every page read and what it is, sorted by file.
    public var pages: [PageSummary]
    /// Interfaces, sorted by path then method.
    public var interfaces: [Interface]
    /// The result codes from the Error Code Reference page (CC-CMS) or an error-code appendix, sorted by code.
    public var resultCodes: [ResultCode]
    /// The HTTP statuses a status-code appendix documents, sorted by status.
    public var statusCodes: [StatusCode]
    /// The request headers an appendix documents for every interface. Each interface's `headers` already holds those
    /// its own page does not document otherwise.
    public var commonHeaders: [Field]

    public init(
        schemaVersion: Int = SchemaDocument.currentVersion, pages: [PageSummary] = [], interfaces: [Interface] = [], resultCodes: [ResultCode] = [],
        statusCodes: [StatusCode] = [], commonHeaders: [Field] = []
    ) {
        self.schemaVersion = schemaVersion
        self.pages = pages
        self.interfaces = interfaces
        self.resultCodes = resultCodes
        self.statusCodes = statusCodes
        self.commonHeaders = commonHeaders
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, pages, interfaces, resultCodes, statusCodes, commonHeaders
    }

    /// A hand-written schema may leave out what it has none of: pages, result codes, statuses, common headers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        interfaces = try container.decode([Interface].self, forKey: .interfaces)
        pages = try container.decodeIfPresent([PageSummary].self, forKey: .pages) ?? []
        resultCodes = try container.decodeIfPresent([ResultCode].self, forKey: .resultCodes) ?? []
        statusCodes = try container.decodeIfPresent([StatusCode].self, forKey: .statusCodes) ?? []
        commonHeaders = try container.decodeIfPresent([Field].self, forKey: .commonHeaders) ?? []
    }
}

/// What a page of a downloaded reference is, decided from its structure (sections, tables, columns, links), never
/// from its title or file name.
public enum PageKind: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// It documents one or more interfaces: a request line and what goes with it.
    case interface
    /// Other pages link to it for their parameters or responses ("See Responses (Task)").
    case fragment
    /// Reference material: error codes, status codes, common request headers, data types, value lists.
    case appendix
    /// Everything else: category pages that list APIs, permission matrices, change history, prose.
    case overview

    public static func < (lhs: PageKind, rhs: PageKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One page of the reference and what it is.
public struct PageSummary: Codable, Sendable, Hashable {
    public var file: String
    public var kind: PageKind
    /// The page title, if it has one.
    public var title: String?
    /// Why the page is of its kind: the structure that decided it ("no request line; a table of error codes").
    public var reason: String

    public init(file: String, kind: PageKind, title: String? = nil, reason: String) {
        self.file = file
        self.kind = kind
        self.title = title
        self.reason = reason
    }
}

/// An HTTP status and what a status-code appendix says it means.
public struct StatusCode: Codable, Sendable, Hashable {
    public var status: Int
    /// The reason phrase the appendix gives ("Bad Request"), if any.
    public var message: String?
    public var description: String
    public var location: SourceLocation

    public init(status: Int, message: String? = nil, description: String, location: SourceLocation) {
        self.status = status
        self.message = message
        self.description = description
        self.location = location
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
    /// Where a failure's body (a status other than the success) carries its error code and message, when the pages
    /// document error codes that come with HTTP statuses (`error_code`, `error_msg`); nil otherwise.
    public var errorBody: ErrorBody?
    /// Every page that documents this interface; the primary one first.
    public var sources: [Source]
    /// Where the interface is documented on the primary page (its title).
    public var location: SourceLocation
    /// The operation's one name: the client method, its types' namespace (capitalised) and the OpenAPI
    /// `operationId` (`callDataQueryDetailCallInfo`). cmsgen sets it when it reads the pages, from the method and path,
    /// the names file and the generated client's lock file; nil in a schema that no one has named yet.
    public var operationId: String?
    /// The vendor's own name for the operation, where the page carries one (an API Explorer link's `api=ShowServer`);
    /// the operation's name is read from it before the path.
    public var vendorOperationName: String?

    public init(
        title: String, scenario: String? = nil, method: String, path: String, pathParameters: [Field] = [],
        queryParameters: [Field] = [], bmsInterfaces: [String] = [], headers: [Field] = [], headerParameters: [Field] = [],
        authentication: Authentication = Authentication(), request: Body? = nil, response: Body? = nil, responses: [Response]? = nil,
        envelope: Envelope? = nil, objects: [ObjectType] = [], examples: [Example] = [], observations: [Observation] = [],
        errorBody: ErrorBody? = nil, sources: [Source] = [], location: SourceLocation, operationId: String? = nil
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
        self.errorBody = errorBody
        self.sources = sources
        self.location = location
        self.operationId = operationId
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

/// How requests are authenticated, as the request-header table (the page's own, else a common-header appendix) or the
/// page's prose says.
public struct Authentication: Codable, Sendable, Hashable {
    public enum Scheme: String, Codable, Sendable, Hashable, CaseIterable {
        /// C2 (auth-v2) signatures in `Authorization`, as CC-CMS documents them.
        case c2
        /// A token in a header of its own (`X-Auth-Token`).
        case token
        /// AK/SK signatures through the vendor's API gateway: `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…,
        /// Signature=…` with `X-Sdk-Date`.
        case akSk = "aksk"
        /// The page says the interface needs no authentication.
        case none
        /// The page does not say.
        case unspecified
    }

    /// Another scheme the pages accept for the same interface, with its header.
    public struct Alternative: Codable, Sendable, Hashable {
        public var scheme: Scheme
        public var header: String?

        public init(scheme: Scheme, header: String? = nil) {
            self.scheme = scheme
            self.header = header
        }
    }

    /// The scheme documented first.
    public var scheme: Scheme
    /// The header the credential travels in (`Authorization`, `X-Auth-Token`).
    public var header: String?
    /// Other schemes documented alike ("mandatory for token-based authentication", "… for AK/SK-based
    /// authentication"): a request signed with any of them is accepted.
    public var alternatives: [Alternative]

    public init(scheme: Scheme = .unspecified, header: String? = nil, alternatives: [Alternative] = []) {
        self.scheme = scheme
        self.header = header
        self.alternatives = alternatives
    }

    private enum CodingKeys: String, CodingKey { case scheme, header, alternatives }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scheme = try container.decode(Scheme.self, forKey: .scheme)
        header = try container.decodeIfPresent(String.self, forKey: .header)
        alternatives = try container.decodeIfPresent([Alternative].self, forKey: .alternatives) ?? []
    }

    /// Every accepted scheme with its header, the first documented first.
    public var accepted: [Alternative] { [Alternative(scheme: scheme, header: header)] + alternatives }

    /// Whether a request signed with `scheme` is accepted.
    public func accepts(_ scheme: Scheme) -> Bool { accepted.contains { $0.scheme == scheme } }
}

/// Where the body of a failed call (an HTTP status other than the success) carries the error code and the server's
/// message, as dotted field paths (`error_code`, `error.code`).
public struct ErrorBody: Codable, Sendable, Hashable {
    public var codeField: String
    public var messageField: String?

    public init(codeField: String, messageField: String? = nil) {
        self.codeField = codeField
        self.messageField = messageField
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

/// A row of the Error Code Reference page (CC-CMS) or of an error-code appendix.
public struct ResultCode: Codable, Sendable, Hashable {
    /// The code as documented, leading zeros kept (`0100002`, `GZS.0101`).
    public var code: String
    /// What the code means.
    public var description: String
    /// The HTTP status the code comes with, when the appendix says (error codes of the second layout).
    public var status: Int?
    /// The message the server sends with it ("Invalid parameter."), when the appendix gives one.
    public var message: String?
    public var location: SourceLocation

    public init(code: String, description: String, status: Int? = nil, message: String? = nil, location: SourceLocation) {
        self.code = code
        self.description = description
        self.status = status
        self.message = message
        self.location = location
    }
}
