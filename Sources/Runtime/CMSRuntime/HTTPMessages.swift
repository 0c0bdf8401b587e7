import Foundation

/// An HTTP request as the generated request builders produce it: ready to be signed and sent.
public struct CMSHTTPRequest: Sendable, Hashable {
    public var method: String
    /// The path with its parameters filled in and percent-encoded, for example `/rest/cmsapp/v1/openapi/vdn/querycalls`.
    public var path: String
    /// Query parameters, in order.
    public var query: [(name: String, value: String)]
    /// Header fields, names as written (`Content-Type`).
    public var headers: [String: String]
    /// The exact body bytes to send (and to sign).
    public var body: Data

    public init(method: String, path: String, query: [(name: String, value: String)] = [], headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The query items of the given parameters that have a value, in order: `("limit", 10)` → `limit=10`.
    @_spi(Generated) public static func queryItems(_ items: (String, (any CustomStringConvertible & Sendable)?)...) -> [(name: String, value: String)] {
        items.compactMap { name, value in value.map { (name, $0.description) } }
    }

    /// Header fields of the given names that have a value: `("X-Language", language)`; a nil value sends no field.
    @_spi(Generated) public static func headerFields(_ items: (String, (any CustomStringConvertible & Sendable)?)...) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in items {
            if let value { fields[name] = value.description }
        }
        return fields
    }

    public static func == (lhs: CMSHTTPRequest, rhs: CMSHTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.headers == rhs.headers && lhs.body == rhs.body
            && lhs.query.map(\.name) == rhs.query.map(\.name) && lhs.query.map(\.value) == rhs.query.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        hasher.combine(body)
    }
}

/// What a transport got back.
public struct CMSHTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends requests. The runtime signs nothing itself here; transports receive the final request.
public protocol CMSTransport: Sendable {
    func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse
}

/// Percent-encoding of path segments (RFC 3986 unreserved characters are kept).
public enum CMSPathEncoding {
    /// The value's text with every byte but the unreserved ones percent-encoded, so that it stays one segment.
    public static func encodeSegment(_ value: some CustomStringConvertible) -> String {
        unreserved(value.description)
    }

    /// The UTF-8 bytes of `text` percent-encoded, keeping only the RFC 3986 unreserved `A-Z a-z 0-9 - . _ ~`; upper-case
    /// hex, a space as `%20`. Path segments, C2 and AK/SK signatures all encode this way.
    public static func unreserved(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A generated operation, described for routing, mocking and testing. Each interface's file declares its own
/// (`Namespace.operation`); `CMSOperations` lists them, one line each.
public struct CMSOperation: Sendable {
    /// The client method's name, for example `queryDetailCallInfo`.
    public var name: String
    public var method: String
    /// The documented path, `{name}` for path parameters.
    public var path: String
    /// The page title.
    public var title: String
    public var requestType: any CMSRequestBody.Type
    public var responseType: any (Codable & Sendable).Type
    /// The object the documented example wraps the request body in (`queryParam`), if any.
    public var requestWrapper: String?
    /// The names of the `{name}` segments of `path`, in order.
    public var pathParameters: [String]
    /// The names of the query parameters, in order.
    public var queryParameters: [String]
    /// The names of the header parameters, in order.
    public var headerParameters: [String]
    /// Calls the operation with its inputs given as text and JSON (for tools and tests that drive every operation the
    /// same way); returns what the typed method returns.
    public var perform: @Sendable (CMSClientCore, CMSOperationInput) async throws -> any Sendable

    public init(
        name: String, method: String, path: String, title: String, requestType: any CMSRequestBody.Type,
        responseType: any (Codable & Sendable).Type, requestWrapper: String?, pathParameters: [String] = [], queryParameters: [String] = [],
        headerParameters: [String] = [], perform: @escaping @Sendable (CMSClientCore, CMSOperationInput) async throws -> any Sendable
    ) {
        self.pathParameters = pathParameters
        self.queryParameters = queryParameters
        self.headerParameters = headerParameters
        self.perform = perform
        self.name = name
        self.method = method
        self.path = path
        self.title = title
        self.requestType = requestType
        self.responseType = responseType
        self.requestWrapper = requestWrapper
    }
}

/// The inputs of an operation called by name: the JSON request body, and the path, query and header parameters as
/// text.
public struct CMSOperationInput: Sendable {
    public var requestJSON: Data
    public var pathParameters: [String: String]
    public var queryParameters: [String: String]
    public var headerParameters: [String: String]
    public var validation: CMSRequestValidation

    public init(
        requestJSON: Data = Data("{}".utf8), pathParameters: [String: String] = [:], queryParameters: [String: String] = [:],
        headerParameters: [String: String] = [:], validation: CMSRequestValidation = .enforced
    ) {
        self.requestJSON = requestJSON
        self.pathParameters = pathParameters
        self.queryParameters = queryParameters
        self.headerParameters = headerParameters
        self.validation = validation
    }

    /// The request body, decoded as `type`; a body that does not decode is an invalid request.
    @_spi(Generated) public func request<Request: Decodable>(_ type: Request.Type) throws(CMSError) -> Request {
        do {
            return try JSONDecoder().decode(type, from: requestJSON)
        } catch {
            throw .invalidRequest(CMSValidationError(violations: [CMSValidationViolation(path: CMSDecodingFailure.path(of: error), message: CMSDecodingFailure.summary(of: error))]))
        }
    }
}

/// Path, query and header parameters given as text (by `CMSOperation.perform`), converted to the documented type.
@_spi(Generated) public enum CMSPathArgument {
    /// An optional parameter: nil when absent.
    public static func optionalValue<Value: LosslessStringConvertible>(_ type: Value.Type, _ name: String, in parameters: [String: String]) throws(CMSError) -> Value? {
        guard parameters[name] != nil else { return nil }
        return try value(type, name, in: parameters)
    }

    public static func value<Value: LosslessStringConvertible>(_ type: Value.Type, _ name: String, in parameters: [String: String]) throws(CMSError) -> Value {
        guard let text = parameters[name] else {
            throw .invalidRequest(CMSValidationError(violations: [CMSValidationViolation(path: "{\(name)}", message: "is required")]))
        }
        guard let value = Value(text) else {
            throw .invalidRequest(CMSValidationError(violations: [CMSValidationViolation(path: "{\(name)}", message: "must be a \(Value.self), got \(text)")]))
        }
        return value
    }

    /// A parameter with documented values: its raw value read from the text, then the case (or `.unknown`).
    public static func value<Value: CMSOpenEnumeration>(_ type: Value.Type, _ name: String, in parameters: [String: String]) throws(CMSError) -> Value
    where Value.RawValue: LosslessStringConvertible {
        Value(rawValue: try value(Value.RawValue.self, name, in: parameters))
    }

    /// An optional parameter with documented values: nil when absent.
    public static func optionalValue<Value: CMSOpenEnumeration>(_ type: Value.Type, _ name: String, in parameters: [String: String]) throws(CMSError) -> Value?
    where Value.RawValue: LosslessStringConvertible {
        guard parameters[name] != nil else { return nil }
        return try value(type, name, in: parameters)
    }
}
