import Foundation

/// A failure result code in a response envelope, with its meaning from the Error Code Reference page.
public struct CMSResultFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The code as sent, leading zeros kept (`0100002`).
    public var code: String
    /// What the Error Code Reference says the code means, when it lists it.
    public var meaning: String?
    /// The server's own words (`resultDesc`, `description` or `message`), when it sent text.
    public var message: String?

    public init(code: String, meaning: String?, message: String?) {
        self.code = code
        self.meaning = meaning
        self.message = message
    }

    public var description: String {
        var text = "result code \(code)"
        if let meaning { text += " (\(meaning))" }
        if let message, message != meaning { text += ": \(message)" }
        return text
    }
}

/// An answer with an HTTP status other than a success (or 401), and what its body says: the error code where the pages
/// document one (`error_code`), its meaning from the reference's error-code appendix, and the server's message.
public struct CMSHTTPFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    /// The error code the body carries, as sent (`GZS.0101`).
    public var code: String?
    /// What the reference's error codes say the code means, when it lists it.
    public var meaning: String?
    /// The server's own words (`error_msg`), when it sent text.
    public var message: String?
    /// The start of the body, for messages.
    public var bodyExcerpt: String

    public init(status: Int, code: String? = nil, meaning: String? = nil, message: String? = nil, bodyExcerpt: String = "") {
        self.status = status
        self.code = code
        self.meaning = meaning
        self.message = message
        self.bodyExcerpt = bodyExcerpt
    }

    public var description: String {
        var text = "HTTP \(status)"
        if let code {
            text += ", error code \(code)"
            if let meaning { text += " (\(meaning))" }
            if let message, message != meaning { text += ": \(message)" }
        } else if !bodyExcerpt.isEmpty {
            text += ": \(bodyExcerpt)"
        }
        return text
    }
}

/// Why a request could not be sent or no complete answer came: a sentence, and the error underneath when there is one
/// (`URLError`, an AsyncHTTPClient or NIO error, `CMSResponseTooLarge`). A string literal makes one, for fakes.
public struct CMSTransportFailure: Error, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public var reason: String
    public var underlying: (any Error)?

    public init(_ reason: String, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { reason }
}

/// An answer larger than the transport accepts; it was not read further.
public struct CMSResponseTooLarge: Error, Sendable, CustomStringConvertible {
    /// The limit, in bytes.
    public var limit: Int
    public init(limit: Int) { self.limit = limit }
    public var description: String { "the response is larger than the limit of \(limit) bytes" }
}

/// Everything a call can fail with.
public enum CMSError: Error, Sendable, CustomStringConvertible {
    /// The request breaks documented rules; nothing was sent.
    case invalidRequest(CMSValidationError)
    /// The request could not be sent or no complete answer came (connection, TLS, timeout, an answer over the
    /// transport's size limit); the failure keeps the error underneath.
    case transport(CMSTransportFailure)
    /// The task that made the call was cancelled.
    case cancelled
    /// HTTP 401: the server rejected the signature (wrong AK/SK, clock skew, or a different signed-header set).
    case authenticationRejected(bodyExcerpt: String)
    /// Any other HTTP status than a success or 401, with the error code of its body when the pages document one.
    case httpStatus(CMSHTTPFailure)
    /// The envelope carries a failure result code.
    case resultFailure(CMSResultFailure)
    /// The body does not decode into the documented types.
    case decoding(path: String, reason: String, bodyExcerpt: String)

    public var description: String {
        switch self {
        case .invalidRequest(let error): "\(error)"
        case .transport(let failure): "transport failure: \(failure.reason)"
        case .cancelled: "the call was cancelled"
        case .authenticationRejected(let excerpt): "HTTP 401: the server rejected the request signature\(excerpt.isEmpty ? "" : ": \(excerpt)")"
        case .httpStatus(let failure): "\(failure)"
        case .resultFailure(let failure): "\(failure)"
        case .decoding(let path, let reason, let excerpt): "cannot decode the response at '\(path)': \(reason); body: \(excerpt)"
        }
    }
}

/// Turns decoding errors into a field path and a short reason.
public enum CMSDecodingFailure {
    public static func path(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "" }
        let context: DecodingError.Context? = switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context
        case .keyNotFound(let key, let context): DecodingError.Context(codingPath: context.codingPath + [key], debugDescription: context.debugDescription)
        @unknown default: nil
        }
        return (context?.codingPath ?? []).map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            .reduce("") { path, part in part.hasPrefix("[") ? path + part : (path.isEmpty ? part : path + "." + part) }
    }

    public static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(let type, let context): return "expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "missing \(type): \(context.debugDescription)"
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .dataCorrupted(let context): return context.debugDescription
        @unknown default: return "\(error)"
        }
    }

    /// At most `limit` characters of a body, for error messages.
    public static func excerpt(_ body: Data, limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
