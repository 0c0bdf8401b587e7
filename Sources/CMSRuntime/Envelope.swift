import Foundation

/// The result envelopes CC-CMS answers with, and how success is told from failure.
///
/// - `resultCode` (`"0100000"` is success) with `resultDesc`, and the legacy `result` (`"0"` is success) with `resultDatas`;
/// - `returnCode` with `description` and `data`;
/// - only `result`/`resultDatas`.
/// A failure envelope carries text where a success carries the payload, so the envelope is checked before the typed
/// response is decoded.
public enum CMSEnvelope {
    public static let successCodes: Set<String> = ["0100000", "0"]

    /// Throws `CMSResultFailure` when the body is a failure envelope; does nothing for success or for bodies without one.
    public static func check(_ body: Data, meanings: [String: String]) throws(CMSResultFailure) {
        guard let envelope = try? JSONDecoder().decode(CMSJSONValue.self, from: body), case .object = envelope else { return }
        for key in ["resultCode", "returnCode", "result", "retCode", "code"] {
            guard let code = envelope[key]?.text else { continue }
            if successCodes.contains(code) { return }
            let message = ["resultDesc", "description", "message", "resultMsg", "retMsg"].lazy.compactMap { key -> String? in
                if case .string(let text)? = envelope[key] { return text }
                return nil
            }.first
            throw CMSResultFailure(code: code, meaning: meanings[code], message: message)
        }
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
    public static func requestBody<Body: Encodable>(_ body: Body, wrapper: String?) throws(CMSError) -> Data {
        do {
            return try encodeBody(body, wrapper: wrapper)
        } catch {
            throw .invalidRequest(CMSValidationError(violations: [CMSValidationViolation(path: "", message: "cannot be encoded as JSON: \(error)")]))
        }
    }

    /// Sends a built request and returns the body of a successful answer; maps every failure to `CMSError`.
    public func execute(_ request: CMSHTTPRequest) async throws(CMSError) -> Data {
        let response: CMSHTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as CMSError {
            throw error
        } catch {
            throw .transport(String(describing: error))
        }
        switch response.status {
        case 200..<300: break
        case 401: throw .authenticationRejected(bodyExcerpt: CMSDecodingFailure.excerpt(response.body))
        default: throw .httpStatus(response.status, bodyExcerpt: CMSDecodingFailure.excerpt(response.body))
        }
        do {
            try CMSEnvelope.check(response.body, meanings: resultCodeMeanings)
        } catch {
            throw .resultFailure(error)
        }
        return response.body
    }

    /// Decodes a response body with this client's decoding mode.
    public func decode<Value: Decodable>(_ type: Value.Type, from body: Data) throws(CMSError) -> Value {
        do {
            return try CMSClientCore.decoder(mode: decodingMode).decode(type, from: body)
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

    /// The payload of a successful response: the first present candidate (`resultDesc`, then `resultDatas`, …).
    public static func payload<Value>(_ candidates: Value?..., names: [String], body: Data) throws(CMSError) -> Value {
        for candidate in candidates {
            if let candidate { return candidate }
        }
        throw .decoding(path: names.joined(separator: "|"), reason: "a successful response carries none of \(names.joined(separator: ", "))", bodyExcerpt: CMSDecodingFailure.excerpt(body))
    }
}
