import Foundation

/// A result code that a response body carries beside the HTTP status, as the schema decided it for one interface:
/// which fields carry the code (checked in order; the first present decides), which of their values mean success, and
/// which fields carry the server's words on a failure.
///
/// A failure envelope carries text where a success carries the payload, so the envelope is checked before the typed
/// response is decoded. Interfaces without one (`nil`) return their body as it is.
public struct CMSEnvelope: Sendable, Hashable {
    /// A field that carries a result code, and its success values.
    public struct Code: Sendable, Hashable {
        public var name: String
        public var successValues: Set<String>

        public init(name: String, successValues: Set<String>) {
            self.name = name
            self.successValues = successValues
        }
    }

    public var codes: [Code]
    public var messageFields: [String]

    public init(codes: [Code], messageFields: [String] = []) {
        self.codes = codes
        self.messageFields = messageFields
    }

    /// Throws `CMSResultFailure` when the body is a failure envelope; does nothing for a success or for a body that
    /// carries none of the code fields.
    public func check(_ body: Data, meanings: [String: String]) throws(CMSResultFailure) {
        guard let envelope = try? JSONDecoder().decode(CMSJSONValue.self, from: body), case .object = envelope else { return }
        for field in codes {
            guard let code = envelope[field.name]?.text else { continue }
            if field.successValues.contains(code) { return }
            let message = messageFields.lazy.compactMap { key -> String? in
                if case .string(let text)? = envelope[key] { return text }
                return nil
            }.first
            throw CMSResultFailure(code: code, meaning: meanings[code], message: message)
        }
    }
}

/// Where the body of a failed call (a status other than a success) carries its error code and the server's message, as
/// the schema decided it for one interface: dotted field paths (`error_code`, `error.code`).
public struct CMSErrorBody: Sendable, Hashable {
    public var codeField: String
    public var messageField: String?

    public init(codeField: String, messageField: String? = nil) {
        self.codeField = codeField
        self.messageField = messageField
    }

    /// The failure of an answer with `status`: the code and message its JSON body carries, if any, and the code's
    /// meaning from `meanings`.
    public func failure(status: Int, body: Data, meanings: [String: String]) -> CMSHTTPFailure {
        var failure = CMSHTTPFailure(status: status, bodyExcerpt: CMSDecodingFailure.excerpt(body))
        guard let json = try? JSONDecoder().decode(CMSJSONValue.self, from: body) else { return failure }
        func value(at path: String) -> CMSJSONValue? {
            path.split(separator: ".").reduce(Optional(json)) { value, key in value?[String(key)] }
        }
        failure.code = value(at: codeField)?.text
        failure.meaning = failure.code.flatMap { meanings[$0] }
        if let messageField, case .string(let text)? = value(at: messageField) { failure.message = text }
        return failure
    }
}

/// The shared machinery of generated clients: validation, encoding, sending, envelope checks and decoding.
public struct CMSClientCore: Sendable {
    public var transport: any CMSTransport
    public var decodingMode: CMSDecodingMode
    /// Result code → meaning, from the Error Code Reference page (generated).
    public var resultCodeMeanings: [String: String]

    public init(transport: any CMSTransport, decodingMode: CMSDecodingMode = .lenient, resultCodeMeanings: [String: String] = [:]) {
        self.transport = transport
        self.decodingMode = decodingMode
        self.resultCodeMeanings = resultCodeMeanings
    }

    /// The JSON body of a request: sorted keys, no escaped slashes, wrapped in `wrapper` when the documentation's example is.
    public static func encodeBody<Body: Encodable>(_ body: Body, wrapper: String?) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let wrapper { return try encoder.encode([wrapper: body]) }
        return try encoder.encode(body)
    }

    /// The JSON body of a request, as `encodeBody`; a value that cannot be encoded is an invalid request.
    @_spi(Generated) public static func requestBody<Body: Encodable>(_ body: Body, wrapper: String?) throws(CMSError) -> Data {
        do {
            return try encodeBody(body, wrapper: wrapper)
        } catch {
            throw .invalidRequest(CMSValidationError(violations: [CMSValidationViolation(path: "", message: "cannot be encoded as JSON: \(error)")]))
        }
    }

    /// Sends a built request and returns the body of a successful answer (any 2xx status whose body, when `envelope`
    /// is given, carries a success code); maps every failure to `CMSError`. The envelope check parses the body; the
    /// generated methods use `send(_:envelope:decoding:)`, which parses it once.
    public func execute(_ request: CMSHTTPRequest, envelope: CMSEnvelope? = nil, errorBody: CMSErrorBody? = nil) async throws(CMSError) -> Data {
        let body = try await successBody(request, errorBody: errorBody)
        do {
            try envelope?.check(body, meanings: resultCodeMeanings)
        } catch {
            throw .resultFailure(error)
        }
        return body
    }

    /// Sends a built request and decodes the answer as `type` in one pass over the body: the envelope's result code is
    /// read first, a failure code throws `.resultFailure`, and only a success is decoded as `type`.
    /// A success without a body (`Content-Length: 0`) is an answer with no fields: `{}` for a documented object, whose
    /// fields are then absent (nil, or an error in strict mode for a mandatory one); `null` for an undocumented answer.
    @_spi(Generated) public func send<Response: Decodable>(
        _ request: CMSHTTPRequest, envelope: CMSEnvelope?, errorBody: CMSErrorBody? = nil, decoding type: Response.Type
    ) async throws(CMSError) -> Response {
        let body = try await successBody(request, errorBody: errorBody)
        let decoder = CMSClientCore.decoder(mode: decodingMode)
        let isBlank = body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        let json = isBlank ? Data((Response.self == CMSJSONValue.self ? "null" : "{}").utf8) : body
        do {
            guard let envelope else { return try decoder.decode(type, from: json) }
            decoder.userInfo[.cmsEnvelope] = CMSEnvelopeCheck(envelope: envelope, meanings: resultCodeMeanings)
            if Response.self is any CMSEnvelopeChecking.Type { return try decoder.decode(type, from: json) }
            return try decoder.decode(CMSEnveloped<Response>.self, from: json).value
        } catch let failure as CMSResultFailure {
            throw .resultFailure(failure)
        } catch {
            throw .decoding(path: CMSDecodingFailure.path(of: error), reason: CMSDecodingFailure.summary(of: error), bodyExcerpt: CMSDecodingFailure.excerpt(body))
        }
    }

    /// Sends a built request whose success answer has no body; only the status is checked.
    @_spi(Generated) public func send(_ request: CMSHTTPRequest, envelope: CMSEnvelope?, errorBody: CMSErrorBody? = nil) async throws(CMSError) {
        _ = try await execute(request, envelope: envelope, errorBody: errorBody)
    }

    /// The body of a 2xx answer; 401 and other statuses (with the error code `errorBody` finds), and transport
    /// failures, as `CMSError`.
    private func successBody(_ request: CMSHTTPRequest, errorBody: CMSErrorBody?) async throws(CMSError) -> Data {
        let response: CMSHTTPResponse
        do {
            try Task.checkCancellation()
            response = try await transport.send(request)
        } catch let error as CMSError {
            throw error
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .transport(CMSTransportFailure(String(describing: error), underlying: error))
        }
        // A transport that ignored the cancellation: its answer is not wanted.
        if Task.isCancelled { throw .cancelled }
        switch response.status {
        case 200..<300: return response.body
        case 401: throw .authenticationRejected(bodyExcerpt: CMSDecodingFailure.excerpt(response.body))
        default:
            throw .httpStatus(errorBody?.failure(status: response.status, body: response.body, meanings: resultCodeMeanings)
                ?? CMSHTTPFailure(status: response.status, bodyExcerpt: CMSDecodingFailure.excerpt(response.body)))
        }
    }

    /// Decodes a response body with this client's decoding mode.
    public func decode<Value: Decodable>(_ type: Value.Type, from body: Data) throws(CMSError) -> Value {
        do {
            // An empty body is JSON `null`: an undocumented answer decodes as `CMSJSONValue.null`, not as a failure.
            let json = body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) && Value.self == CMSJSONValue.self ? Data("null".utf8) : body
            return try CMSClientCore.decoder(mode: decodingMode).decode(type, from: json)
        } catch {
            throw .decoding(path: CMSDecodingFailure.path(of: error), reason: CMSDecodingFailure.summary(of: error), bodyExcerpt: CMSDecodingFailure.excerpt(body))
        }
    }

    /// A JSON decoder set to `mode`.
    public static func decoder(mode: CMSDecodingMode) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[.cmsDecodingMode] = mode
        return decoder
    }

    /// The payload of a successful response that the page marks mandatory: the first present candidate (`resultDesc`,
    /// then `resultDatas`, …); a success without one is a decoding error.
    @_spi(Generated) public static func payload<Value>(_ candidates: Value?..., names: [String]) throws(CMSError) -> Value {
        for candidate in candidates {
            if let candidate { return candidate }
        }
        throw .decoding(path: names.joined(separator: "|"), reason: "a successful response carries none of \(names.joined(separator: ", "))", bodyExcerpt: "")
    }

    /// The payload of a successful response that may be absent (the page does not mark it mandatory): the first present
    /// candidate, or nil.
    @_spi(Generated) public static func optionalPayload<Value>(_ candidates: Value?...) -> Value? {
        candidates.lazy.compactMap { $0 }.first
    }

    /// A list payload that may be absent: the first present candidate, or an empty list (a query with no rows).
    @_spi(Generated) public static func listPayload<Element>(_ candidates: [Element]?...) -> [Element] {
        candidates.lazy.compactMap { $0 }.first ?? []
    }
}

extension CodingUserInfoKey {
    /// The envelope a response is checked against while it is decoded (`CMSEnvelopeCheck`).
    static let cmsEnvelope = CodingUserInfoKey(rawValue: "CMSRuntime.envelope")!
}

/// What `CMSEnveloped` checks: the envelope, and the meanings of result codes for the failure it throws.
struct CMSEnvelopeCheck: Sendable {
    var envelope: CMSEnvelope
    var meanings: [String: String]
}

/// A response type that checks the envelope's result code itself, first thing in its `init(from:)`, from the container
/// it decodes anyway (`cmsCheckEnvelope`). Generated answers of interfaces with an envelope conform; for any other
/// type `send` reads the code through `CMSEnveloped`.
public protocol CMSEnvelopeChecking: Decodable {}

extension KeyedDecodingContainer {
    /// When the client decodes an answer (`CMSClientCore.send`), throws the `CMSResultFailure` its result code means;
    /// otherwise does nothing.
    @_spi(Generated) public func cmsCheckEnvelope(_ decoder: any Decoder) throws {
        guard let check = decoder.userInfo[.cmsEnvelope] as? CMSEnvelopeCheck else { return }
        try check.verify(self, decoder: decoder)
    }
}

/// Any key by its name.
struct CMSAnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension CMSEnvelopeCheck {
    /// The first code field present decides: a success value passes, any other throws with its meaning and the
    /// server's message. A field the container's keys cannot name is read through a container of any key.
    func verify<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, decoder: any Decoder) throws {
        for field in envelope.codes {
            guard let key = Key(stringValue: field.name) else { return try verify(decoder.container(keyedBy: CMSAnyKey.self), decoder: decoder) }
            guard container.contains(key), let code = Self.text(container, key) else { continue }
            if field.successValues.contains(code) { return }
            let any = try? decoder.container(keyedBy: CMSAnyKey.self)
            let message = envelope.messageFields.lazy.compactMap { name in try? any?.decodeIfPresent(String.self, forKey: CMSAnyKey(stringValue: name)) }.first
            throw CMSResultFailure(code: code, meaning: meanings[code], message: message)
        }
    }

    /// A code as text, whatever its JSON type.
    private static func text<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) -> String? {
        if let text = try? container.decode(String.self, forKey: key) { return text }
        if let integer = try? container.decode(Int64.self, forKey: key) { return String(integer) }
        if let number = try? container.decode(Double.self, forKey: key) { return String(number) }
        if let flag = try? container.decode(Bool.self, forKey: key) { return String(flag) }
        return nil
    }
}

/// A response whose result code is read before the rest, from the same decoder: one parse of the body. For types that
/// do not check it themselves (`CMSEnvelopeChecking`).
struct CMSEnveloped<Value: Decodable>: Decodable {
    var value: Value

    init(from decoder: any Decoder) throws {
        if let check = decoder.userInfo[.cmsEnvelope] as? CMSEnvelopeCheck, let container = try? decoder.container(keyedBy: CMSAnyKey.self) {
            try check.verify(container, decoder: decoder)
        }
        value = try Value(from: decoder)
    }
}
