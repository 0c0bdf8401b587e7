import CMSKitSnippets
import CMSRuntime
import Foundation
import Testing

/// Lenient and strict decoding of the snippet's response (Table 3 and 4 have a Mandatory column: resultCode, resultDesc,
/// resultDesc.citStatus and resultDesc.total are mandatory), tolerant scalars, and the path-parameter request builder.
@Suite struct DecodingTests {
    static let complete = #"{"resultCode":"0100000","resultDesc":{"citStatus":1,"mediaKind":"AUDIO","orgiCalledNum":"650550","total":12}}"#
    static let withoutTotal = #"{"resultCode":"0100000","resultDesc":{"citStatus":2,"orgiCalledNum":"650550"}}"#

    static func decode<T: Decodable>(_ type: T.Type, _ json: String, with decoder: JSONDecoder) throws -> T {
        try decoder.decode(type, from: Data(json.utf8))
    }

    static func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The coding path of a `keyNotFound` error, with its key, as `resultDesc.total`; nil for any other error.
    static func missingKeyPath(_ error: (any Error)?) -> String? {
        guard case .keyNotFound(let key, let context)? = error as? DecodingError else { return nil }
        return (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
    }

    // MARK: Lenient and strict

    @Test(arguments: ["JSONDecoder()", "decoder(mode: .lenient)"])
    func lenientDecodingLeavesAMissingMandatoryFieldNil(_ decoderName: String) throws {
        let decoder = decoderName == "JSONDecoder()" ? JSONDecoder() : CMSClientCore.decoder(mode: .lenient)
        let response = try Self.decode(SnippetQueryNamingCases.Response.self, Self.withoutTotal, with: decoder)
        #expect(response.resultCode == .success)
        #expect(response.resultDesc?.total == nil)
        #expect(response.resultDesc?.ctiStatus == .busy)
        #expect(response.resultDesc?.origCalledNum == "650550")

        // Every mandatory field absent: still decodes leniently.
        let bare = try Self.decode(SnippetQueryNamingCases.Response.self, "{}", with: decoder)
        #expect(bare == SnippetQueryNamingCases.Response())
        let emptyDesc = try Self.decode(SnippetQueryNamingCases.Response.self, #"{"resultCode":"0100000","resultDesc":{}}"#, with: decoder)
        #expect(emptyDesc.resultDesc == SnippetQueryNamingCases.Response.ResultDesc())
    }

    @Test func strictDecodingRejectsAMissingMandatoryField() throws {
        let strict = CMSClientCore.decoder(mode: .strict)
        let error = #expect(throws: DecodingError.self) {
            try Self.decode(SnippetQueryNamingCases.Response.self, Self.withoutTotal, with: strict)
        }
        #expect(Self.missingKeyPath(error) == "resultDesc.total", "\(String(describing: error))")

        // A mandatory field sent as null is missing too.
        let null = #expect(throws: DecodingError.self) {
            try Self.decode(SnippetQueryNamingCases.Response.self, #"{"resultCode":"0100000","resultDesc":{"citStatus":1,"total":null}}"#, with: strict)
        }
        #expect(Self.missingKeyPath(null) == "resultDesc.total")

        // The other mandatory fields, each missing on its own.
        let noStatus = #expect(throws: DecodingError.self) {
            try Self.decode(SnippetQueryNamingCases.Response.self, #"{"resultCode":"0100000","resultDesc":{"total":3}}"#, with: strict)
        }
        #expect(Self.missingKeyPath(noStatus) == "resultDesc.citStatus")
        let noCode = #expect(throws: DecodingError.self) {
            try Self.decode(SnippetQueryNamingCases.Response.self, #"{"resultDesc":{"citStatus":1,"total":3}}"#, with: strict)
        }
        #expect(Self.missingKeyPath(noCode) == "resultCode")
        let noDesc = #expect(throws: DecodingError.self) {
            try Self.decode(SnippetQueryNamingCases.Response.self, #"{"resultCode":"0100000"}"#, with: strict)
        }
        #expect(Self.missingKeyPath(noDesc) == "resultDesc")
    }

    @Test func strictDecodingAcceptsACompleteResponseAndOptionalFieldsMayBeAbsent() throws {
        let strict = CMSClientCore.decoder(mode: .strict)
        let response = try Self.decode(SnippetQueryNamingCases.Response.self, Self.complete, with: strict)
        #expect(response.resultDesc?.total == 12)
        #expect(response.resultDesc?.ctiStatus == .idle)
        #expect(response.resultDesc?.mediaKind == .audio)
        #expect(try Self.encoded(response) == Self.complete)

        // origCalledNum and mediaKind are not mandatory.
        let minimal = try Self.decode(SnippetQueryNamingCases.Response.self, #"{"resultCode":"0100000","resultDesc":{"citStatus":1,"total":0}}"#, with: strict)
        #expect(minimal.resultDesc == .init(ctiStatus: .idle, total: 0))
    }

    @Test(arguments: [CMSDecodingMode.lenient, .strict])
    func unknownResponseFieldsAreIgnored(_ mode: CMSDecodingMode) throws {
        let json = #"{"extra":[1,{"a":null}],"resultCode":"0100000","resultDesc":{"citStatus":1,"nested":{"x":"y"},"surprise":true,"total":12},"trace":"abc"}"#
        let response = try Self.decode(SnippetQueryNamingCases.Response.self, json, with: CMSClientCore.decoder(mode: mode))
        #expect(response == SnippetQueryNamingCases.Response(resultCode: .success, resultDesc: .init(ctiStatus: .idle, total: 12)))
    }

    @Test(arguments: [CMSDecodingMode.lenient, .strict])
    func numbersSentAsStringsDecode(_ mode: CMSDecodingMode) throws {
        let json = #"{"resultCode":"0100000","resultDesc":{"citStatus":"2","total":"12"}}"#
        let response = try Self.decode(SnippetQueryNamingCases.Response.self, json, with: CMSClientCore.decoder(mode: mode))
        #expect(response.resultDesc?.total == 12)
        #expect(response.resultDesc?.ctiStatus == .busy)

        // A string that is not a number is still an error, in either mode.
        #expect(throws: DecodingError.self) {
            try Self.decode(SnippetQueryNamingCases.Response.self, #"{"resultCode":"0100000","resultDesc":{"citStatus":1,"total":"twelve"}}"#, with: CMSClientCore.decoder(mode: mode))
        }
    }

    /// A decoder that was given no mode (a plain `JSONDecoder`) behaves as `.lenient` and not as `.strict`: on a response
    /// without the mandatory `resultDesc.total`, the plain and the lenient decoder give the same value (total nil), and
    /// the strict one refuses it naming that field. A complete response decodes the same in all three.
    @Test func decodingModeDefaultsToLenient() throws {
        let plain = try Self.decode(SnippetQueryNamingCases.Response.self, Self.withoutTotal, with: JSONDecoder())
        let lenient = try Self.decode(SnippetQueryNamingCases.Response.self, Self.withoutTotal, with: CMSClientCore.decoder(mode: .lenient))
        #expect(plain.resultDesc?.total == nil)
        #expect(plain.resultDesc?.ctiStatus == .busy)
        #expect(plain == lenient)
        let refused = #expect(throws: DecodingError.self) {
            try Self.decode(SnippetQueryNamingCases.Response.self, Self.withoutTotal, with: CMSClientCore.decoder(mode: .strict))
        }
        #expect(Self.missingKeyPath(refused) == "resultDesc.total", "\(String(describing: refused))")

        let complete = try Self.decode(SnippetQueryNamingCases.Response.self, Self.complete, with: JSONDecoder())
        #expect(complete.resultDesc?.total == 12)
        #expect(try Self.decode(SnippetQueryNamingCases.Response.self, Self.complete, with: CMSClientCore.decoder(mode: .lenient)) == complete)
        #expect(try Self.decode(SnippetQueryNamingCases.Response.self, Self.complete, with: CMSClientCore.decoder(mode: .strict)) == complete)
    }

    /// The client applies its decoding mode: strict reports the missing mandatory field as `.decoding` with its path.
    @Test func clientDecodingModes() async throws {
        let transport = FixedTransport(body: Self.withoutTotal)
        let request = SnippetQueryNamingCases.Request(ccId: 1)

        let lenient = try await CMSClient(transport: transport).snippetQueryNamingCases(ccId: 7, request)
        #expect(lenient.total == nil)
        #expect(lenient.ctiStatus == .busy)

        do {
            _ = try await CMSClient(transport: transport, decodingMode: .strict).snippetQueryNamingCases(ccId: 7, request)
            Issue.record("strict decoding accepted a response without resultDesc.total")
        } catch {
            guard case .decoding(let path, let reason, _) = error else {
                Issue.record("expected .decoding, got \(error)")
                return
            }
            #expect(path == "resultDesc.total")
            #expect(reason == "missing field 'total'")
        }
        #expect(transport.paths == Array(repeating: "/rest/cmsapp/v1/openapi/snippet/querynamingcases/7", count: 2))
    }

    // MARK: Tolerant booleans (the snippet has no Bool field, so the runtime type is tested directly)

    @Test func tolerantBooleans() throws {
        let values = try JSONDecoder().decode([CMSTolerant<Bool>].self, from: Data(#"["true", false, 1, "false", 0, true, "FALSE"]"#.utf8))
        #expect(values.map(\.value) == [true, false, true, false, false, true, false])
        #expect(values.map(\.form) == [.string, .boolean, .number, .string, .number, .boolean, .string])
        // Each goes back out in the form it came in.
        #expect(try Self.encoded(values) == #"["true",false,1,"false",0,true,"false"]"#)

        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CMSTolerant<Bool>.self, from: Data(#""maybe""#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CMSTolerant<Bool>.self, from: Data("2".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CMSTolerant<Bool>.self, from: Data("{}".utf8)) }
    }

    @Test func tolerantNumbersAndStrings() throws {
        let integers = try JSONDecoder().decode([CMSTolerant<Int64>].self, from: Data(#"[12, "12", " 7", 3.0]"#.utf8))
        #expect(integers.map(\.value) == [12, 12, 7, 3])
        #expect(try JSONDecoder().decode(CMSTolerant<Int64>.self, from: Data(#""12""#.utf8)).form == .string)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CMSTolerant<Int64>.self, from: Data("1.5".utf8)) }

        // A documented string sent as a number is that string.
        let texts = try JSONDecoder().decode([CMSTolerant<String>].self, from: Data(#"["a", 0, 88881363]"#.utf8))
        #expect(texts.map(\.value) == ["a", "0", "88881363"])
    }

    // MARK: The path-parameter request builder

    @Test func pathParameterBuilder() throws {
        let request = try SnippetQueryNamingCases.Request(ccId: 1).makeHTTPRequest(ccId: 7)
        #expect(request.method == "POST")
        #expect(request.path == "/rest/cmsapp/v1/openapi/snippet/querynamingcases/7")
        #expect(request.headers == ["Content-Type": "application/json; charset=UTF-8"])
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"ccId":1}"#)
        #expect(try SnippetQueryNamingCases.Request(ccId: 1).makeHTTPRequest(ccId: 65535).path == "/rest/cmsapp/v1/openapi/snippet/querynamingcases/65535")

        // The segment encoder the builder uses: unreserved characters kept, everything else percent-encoded as UTF-8.
        #expect(CMSPathEncoding.encodeSegment("7") == "7")
        #expect(CMSPathEncoding.encodeSegment("a b/c?d#é") == "a%20b%2Fc%3Fd%23%C3%A9")
        #expect(CMSPathEncoding.encodeSegment("A-z_0.9~") == "A-z_0.9~")
    }

    /// The violations `build` is refused with, or none when it succeeds.
    static func violations(_ build: () throws(CMSError) -> CMSHTTPRequest) -> [CMSValidationViolation] {
        do {
            _ = try build()
            return []
        } catch {
            guard case .invalidRequest(let validation) = error else {
                Issue.record("expected .invalidRequest, got \(error)")
                return []
            }
            return validation.violations
        }
    }

    @Test func pathParameterIsValidated() throws {
        #expect(Self.violations { () throws(CMSError) in try SnippetQueryNamingCases.Request(ccId: 1).makeHTTPRequest(ccId: 0) }
            == [CMSValidationViolation(path: "{ccId}", message: "must be between 1 and 65535, got 0")])
        #expect(Self.violations { () throws(CMSError) in try SnippetQueryNamingCases.Request(ccId: 1).makeHTTPRequest(ccId: 65536) }
            == [CMSValidationViolation(path: "{ccId}", message: "must be between 1 and 65535, got 65536")])
        // The path segment and the body field of the same name are told apart.
        #expect(Self.violations { () throws(CMSError) in try SnippetQueryNamingCases.Request(ccId: 0).makeHTTPRequest(ccId: 0) }.map(\.path) == ["{ccId}", "ccId"])

        let skipped = try SnippetQueryNamingCases.Request(ccId: 1).makeHTTPRequest(ccId: 0, validation: .skippedForTesting)
        #expect(skipped.path == "/rest/cmsapp/v1/openapi/snippet/querynamingcases/0")
    }
}

/// Answers every request with a 200 and a fixed body; remembers the paths it was sent.
final class FixedTransport: CMSTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sentPaths: [String] = []
    let body: Data

    init(body: String) { self.body = Data(body.utf8) }

    var paths: [String] { lock.withLock { sentPaths } }

    func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        lock.withLock { sentPaths.append(request.path) }
        return CMSHTTPResponse(status: 200, body: body)
    }
}
