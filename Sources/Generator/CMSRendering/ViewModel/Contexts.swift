/// The values the templates receive: names, escaped literals, constraint values, path segments and type descriptions,
/// all computed in Swift from the interface's plan. The templates hold all the Swift text; these hold none.
/// `Templates/README.md` documents every key, and a test keeps the two in step.

/// An item of a list that a template joins: the text and whether a separator follows.
struct ListItem: Encodable, Hashable {
    var text: String
    var isLast: Bool

    static func list(_ texts: [String]) -> [ListItem] {
        texts.enumerated().map { ListItem(text: $0.element, isLast: $0.offset == texts.count - 1) }
    }
}

/// `interface.mustache`: one file per interface.
struct InterfaceFileContext: Encodable {
    /// The pages the file comes from, for the header line (safe inside a `//` comment).
    var sources: [ListItem]
    /// The enum that holds the interface's types.
    var namespace: String
    /// Its doc comment: title, scenario, method and path.
    var docLines: [String]
    /// The request, the response and their nested types, each declared in an extension of its parent.
    var types: [TypeContext]
    var operation: OperationContext
    /// The result code the success body carries, as the schema decided; nil when the body is the answer as it is.
    var envelope: EnvelopeContext?
    /// Where a failure's body carries its error code, as the schema decided; nil when the pages say nothing.
    var errorBody: ErrorBodyContext?
}

/// `CMSRuntime.CMSErrorBody` of an interface: the field paths as literals (`nil` for no message field).
struct ErrorBodyContext: Encodable {
    var codeLiteral: String
    /// The field of the server's message as a literal; absent when there is none (the template writes `nil`).
    var messageLiteral: String?
}

/// `CMSRuntime.CMSEnvelope` of an interface: the code fields in the order they are checked, and the message fields.
struct EnvelopeContext: Encodable {
    var codes: [EnvelopeCodeContext]
    /// Field names as string literals.
    var messageLiterals: [ListItem]
}

/// A field that carries a result code, and the values that mean success, as literals.
struct EnvelopeCodeContext: Encodable {
    var nameLiteral: String
    var successLiterals: [ListItem]
    var isLast: Bool
}

/// A type declared in `extension {{parent}} { … }`: exactly one of `request`, `response`, `enumeration`, `alias`.
struct TypeContext: Encodable {
    /// The qualified type the declaration extends (`QueryCalls`, `QueryCalls.Response`).
    var parent: String
    var name: String
    var docLines: [String]
    var request: RequestStructContext?
    var response: ResponseStructContext?
    var enumeration: EnumerationContext?
    var alias: AliasContext?
}

/// A type as a property, parameter or return value uses it.
struct TypeUsageContext: Encodable, Hashable {
    /// The qualified element type: `Swift.Int`, `QueryCalls.Response.ResultDesc`, `CMSRuntime.CMSJSONValue`.
    var name: String
    /// `[name]`.
    var isList: Bool
    /// `[Swift.String: name]`.
    var isMap: Bool
    /// `name?`.
    var isOptional: Bool
    /// A generated object held by a property: stored behind `@CMSRuntime.CMSIndirect`, so that nesting never grows a
    /// value's size.
    var isIndirect: Bool
}

/// Inclusive bounds as Swift literals (`1`, `nil`).
struct BoundsContext: Encodable, Hashable {
    var min: String
    var max: String
    var isLast: Bool
}

/// The documented rules of a value, for `validate(into:path:)` and the request builder. Each is present only when
/// the page states it.
struct RulesContext: Encodable, Hashable {
    /// A numeric range.
    var range: BoundsContext?
    /// A range of a `Double` whose bounds are not whole (`0.5`).
    var decimalRange: BoundsContext?
    /// Several disjoint integer ranges (`hasRanges`).
    var ranges: [BoundsContext]
    var hasRanges: Bool
    /// A string's length in characters.
    var length: BoundsContext?
    /// A list's element count.
    var count: BoundsContext?
    /// A range on each element of a list of numbers.
    var elementRange: BoundsContext?
    /// A length limit on each element of a list of strings.
    var elementLength: BoundsContext?
    /// The only allowed value, as a string literal.
    var fixedLiteral: String?
    /// A closed enumeration type: the value must be a documented one.
    var isDocumentedValue: Bool
    /// A closed list of values of a parameter (sent as text), as string literals.
    var allowedLiterals: [ListItem]
    var hasAllowedValues: Bool
    /// An object (`isNested`) or list of objects (`isNestedList`) whose own rules apply.
    var isNested: Bool
    var isNestedList: Bool
}

/// `request.mustache`: the request body or an object inside it.
struct RequestStructContext: Encodable {
    /// `CMSRequestBody` for the body itself, `CMSRequestPart` for its objects.
    var isRoot: Bool
    var properties: [RequestPropertyContext]
    var hasProperties: Bool
    /// The request builder, for the body itself.
    var builder: BuilderContext?
}

/// A stored property of a request type.
struct RequestPropertyContext: Encodable {
    /// The Swift name as declared and after a dot (backticked when a keyword).
    var declaration: String
    /// The name as the memberwise initializer's argument label in its declaration (`inout`, `var` and `let`
    /// backticked).
    var label: String
    /// The same label where the initializer is called: bare, as Swift wants every keyword there but `inout`.
    var callLabel: String
    /// The wire name as a string literal.
    var wireLiteral: String
    /// The local that holds the decoded value in `init(from:)`.
    var local: String
    var type: TypeUsageContext
    /// Mandatory: non-optional, no default in `init`, reported when missing.
    var isRequired: Bool
    /// How it decodes: a tolerant scalar, a list of them, or any other value.
    var decoding: DecodingContext
    var isLast: Bool
    var docLines: [String]
    var rules: RulesContext
}

/// `response.mustache`: the response or an object inside it. Every property is optional and decodes tolerantly.
struct ResponseStructContext: Encodable {
    var properties: [ResponsePropertyContext]
    var hasProperties: Bool
    /// A property is documented mandatory: decoding reads `decoder.cmsDecodingMode` into `mode`.
    var usesDecodingMode: Bool
    /// The answer of an interface with an envelope: it checks the result code itself, from the container it decodes
    /// (`CMSEnvelopeChecking`), so that the client reads the answer once.
    var checksEnvelope: Bool
}

/// A stored property of a response type.
struct ResponsePropertyContext: Encodable {
    var declaration: String
    var label: String
    var wireLiteral: String
    var type: TypeUsageContext
    /// Documented mandatory: missing is an error in strict decoding.
    var isMandatory: Bool
    /// How it decodes: a tolerant scalar, a list of them, a single documented-values type (its raw value through the
    /// decoder's fast path), or any other value.
    var decoding: DecodingContext
    var isLast: Bool
    var docLines: [String]
}

/// How a property decodes, one choice of four; each has its own runtime helper, so the compiler resolves no overload.
/// Encoded as an object with the one key of the choice (`{"scalar": true}`), for the templates' sections
/// (`{{#decoding.scalar}}`).
enum DecodingContext: Encodable, Equatable {
    /// A tolerant scalar (`cmsDecodeScalar`, `cmsRequestScalar`).
    case scalar
    /// A list of tolerant scalars.
    case scalars
    /// A single documented-values type (responses only).
    case enumeration
    /// Any other value.
    case value

    private enum Key: String, CodingKey { case scalar, scalars, enumeration, value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let key: Key = switch self {
        case .scalar: .scalar
        case .scalars: .scalars
        case .enumeration: .enumeration
        case .value: .value
        }
        try container.encode(true, forKey: key)
    }
}

/// `enumeration.mustache`: documented values that keep the undocumented ones (`unknown`).
struct EnumerationContext: Encodable {
    /// `Swift.String` or `Swift.Int`.
    var rawType: String
    var cases: [CaseContext]
}

/// A documented value.
struct CaseContext: Encodable {
    var declaration: String
    /// The raw value as a literal: `"0100000"` or `4`.
    var rawLiteral: String
    var isLast: Bool
    var docLines: [String]
}

/// `alias.mustache`: a type that is another (`Response` when the page documents no response table).
struct AliasContext: Encodable {
    var target: String
}

/// A path, query or header parameter of the request builder and the client method.
struct ParameterContext: Encodable {
    /// The argument label as declared (`inout`, `var` and `let` backticked).
    var label: String
    /// The same label where the function is called: bare, as Swift wants every keyword there but `inout`.
    var callLabel: String
    /// The parameter's name inside the function (never one of its locals).
    var internalName: String
    /// The internal name differs from the label: the declaration writes both.
    var isRenamedInside: Bool
    var type: TypeUsageContext
    var isRequired: Bool
    /// Where it is sent: exactly one is true.
    var isPath: Bool
    var isQuery: Bool
    var isHeader: Bool
    /// The wire name (key or header name) as a string literal.
    var wireLiteral: String
    /// How violations name it, as a string literal: `"{ccId}"`, `"?limit"`, `"X-Language:"`.
    var pathLiteral: String
    /// The value the page fixes for it, as a string literal; such a parameter is sent, never asked for.
    var fixedValueLiteral: String?
    var rules: RulesContext
    var docLine: String
    var isLast: Bool
    /// The last argument of the client method: the last parameter of an operation that takes no request body.
    var isLastArgument: Bool
}

/// A piece of the request path: fixed text (escaped for a string literal) or a parameter's internal name.
struct PathSegmentContext: Encodable {
    var literal: String?
    var parameter: String?
}

/// A header field: its name as a literal, and either a fixed value (a literal) or the parameter that gives it.
struct HeaderContext: Encodable {
    var nameLiteral: String
    var valueLiteral: String?
    /// The internal name of the header parameter.
    var parameter: String?
    var isLast: Bool
}

/// The request builder of the request body.
struct BuilderContext: Encodable {
    /// `"POST"`.
    var methodLiteral: String
    var method: String
    /// The arguments: path parameters, then the query parameters that are not fixed, then header parameters.
    var parameters: [ParameterContext]
    var hasParameters: Bool
    var pathSegments: [PathSegmentContext]
    /// Every query parameter, fixed ones included.
    var queryParameters: [ParameterContext]
    /// The fixed header fields, `Content-Type` when a body is sent, then the header parameters.
    var headers: [HeaderContext]
    /// False for a GET and for any request whose table documents no field: nothing is sent or signed as a body.
    var hasBody: Bool
    /// `nil`, or the object the documented example wraps the body in, as a literal (`"queryParam"`).
    var wrapperLiteral: String?
}

/// The client method of an interface, and its operation descriptor (`Namespace.operation`).
struct OperationContext: Encodable {
    /// The client type the method extends (`CMSClient`, or the `--client-name` one), and its registry of operations.
    var clientType: String
    var operationsType: String
    /// The method's name as declared and after a dot (backticked when a keyword).
    var name: String
    /// The method's name as a string literal.
    var nameLiteral: String
    var namespace: String
    /// The method and path as text for a doc comment.
    var method: String
    var pathText: String
    var methodLiteral: String
    var pathLiteral: String
    var titleLiteral: String
    /// `nil`, or the object the documented example wraps the body in, as a literal.
    var wrapperLiteral: String?
    /// `ListItem`s of wire names as literals.
    var pathParameterNames: [ListItem]
    var queryParameterNames: [ListItem]
    var headerParameterNames: [ListItem]
    var docLines: [String]
    var parameters: [ParameterContext]
    /// Whether the method takes the request body.
    var hasBody: Bool
    /// The method takes an argument (a parameter or the body): its arguments are written one per line.
    var hasArguments: Bool
    /// Every request property is optional: the body defaults to `.init()`.
    var hasDefaultRequest: Bool
    /// The payload type, or the whole response; `Swift.Void` when the success answer has no body.
    var returnType: TypeUsageContext
    var returnsPayload: Bool
    /// How the payload is returned, by one rule for both layouts: as it is when the page marks it mandatory
    /// (`payloadIsRequired`: a success without it is a decoding error); otherwise a list is empty when absent
    /// (`payloadIsList`) and anything else optional (`payloadIsOptional`: the method returns `T?`).
    var payloadIsRequired: Bool
    var payloadIsList: Bool
    var payloadIsOptional: Bool
    /// The interface's namespace declares `errorBody`.
    var hasErrorBody: Bool
    /// The success answer has no body (HTTP 204, "None"): nothing is decoded.
    var returnsNothing: Bool
    /// The payload properties in order (`resultDesc`, `resultDatas`), as declared, and their wire names as literals.
    var payloadCandidates: [ListItem]
    var payloadNames: [ListItem]
}

/// `sharedType.mustache`: a type several interfaces declare alike, declared once in `CMSTypes`.
struct SharedTypeFileContext: Encodable {
    /// The folders of pages, for the header line.
    var sources: [ListItem]
    /// The type's name in `CMSTypes`, which is also the file's.
    var name: String
    /// Its declaration, in `extension CMSTypes { … }`.
    var type: TypeContext
}

/// `client.mustache` and `clientProtocol.mustache`: the client type, the operation registry and the client's protocol.
struct ClientFileContext: Encodable {
    var sources: [ListItem]
    /// The module's own type names: `CMSClient`, `CMSTypes`, `CMSOperations`, `CMSResultCodes`, `CMSClientProtocol`
    /// (another prefix with `--client-name`).
    var clientType: String
    var typesType: String
    var operationsType: String
    var resultCodesType: String
    var protocolType: String
    /// Every interface's operation, for one line each in the registry and the protocol.
    var operations: [OperationContext]
    /// How many there are.
    var operationCount: Int
    /// Some interface is signed with C2 (auth-v2): the client gets the `CMSConfiguration` initializer.
    var usesC2: Bool
    /// The header that the interfaces' token travels in (`"X-Auth-Token"`), as a literal, when some interface uses
    /// one; the client gets a token initializer for it.
    var tokenHeaderLiteral: String?
    /// The header name as plain text for doc comments.
    var tokenHeader: String?
    /// Some interface is signed with AK/SK through the API gateway (SDK-HMAC-SHA256): the client gets the AK/SK
    /// initializer.
    var usesAKSK: Bool
}

/// `resultCodes.mustache`: the Error Code Reference.
struct ResultCodesFileContext: Encodable {
    var sources: [ListItem]
    /// `CMSResultCodes`, or the `--client-name` one.
    var resultCodesType: String
    /// The shared enumeration of the codes (`CMSTypes.ResultCode`), when it is declared: the file gives it
    /// initializers from a failure.
    var resultCodeType: String?
    var codes: [ResultCodeContext]
}

struct ResultCodeContext: Encodable {
    var codeLiteral: String
    var meaningLiteral: String
    var isLast: Bool
}
