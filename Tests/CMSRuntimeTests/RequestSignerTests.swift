@_spi(Generated) import CMSRuntime
import Foundation
import Synchronization
import Testing

/// Request signing as a protocol, the envelope as data, and the small runtime pieces the second layout needs.
@Suite struct RequestSignerTests {
    static let request = CMSHTTPRequest(method: "DELETE", path: "/v3/p/widgets/w")

    @Test func aTokenSignerAsksForTheTokenBeforeEveryRequestAndNeverShowsIt() async throws {
        let calls = Mutex(0)
        let signer = CMSTokenSigner(header: "X-Auth-Token") {
            calls.withLock { $0 += 1 }
            return "secret-\(calls.withLock { $0 })"
        }
        let upstream = CMSStubTransport(status: 204, body: "")
        let transport = CMSSignedTransport(upstream: upstream, signer: signer)
        _ = try await transport.send(Self.request)
        _ = try await transport.send(Self.request)
        let sent = await upstream.requests
        #expect(sent.map { $0.headers["X-Auth-Token"] } == ["secret-1", "secret-2"])
        #expect(sent.allSatisfy { $0.headers["Authorization"] == nil })
        #expect(!"\(signer)".contains("secret"))
        #expect(!"\(sent[0])".contains("secret"), "a request's description redacts token headers")
        #expect("\(sent[0])".contains("X-Auth-Token: <redacted>"))
    }

    /// A signer that fails stops the request before it is sent.
    @Test func aFailingSignerSendsNothing() async throws {
        struct Expired: Error {}
        let upstream = CMSStubTransport(status: 200, body: "{}")
        let transport = CMSSignedTransport(upstream: upstream, signer: CMSTokenSigner { throw Expired() })
        await #expect(throws: Expired.self) { _ = try await transport.send(Self.request) }
        #expect(await upstream.requests.isEmpty)
    }

    /// Any scheme plugs in: a signer of its own, given to the client core, is what signs.
    @Test func aCustomSchemePlugsIn() async throws {
        struct Stamp: CMSRequestSigner {
            func sign(_ request: CMSHTTPRequest) async throws -> CMSHTTPRequest {
                var signed = request
                signed.headers["X-Stamp"] = "\(request.method) \(request.path)"
                return signed
            }
        }
        let upstream = CMSStubTransport(status: 200, body: "{}")
        let core = CMSClientCore(baseURL: URL(string: "https://example.invalid")!, signer: Stamp(), transport: upstream)
        _ = try await core.execute(Self.request)
        #expect(await upstream.requests.first?.headers["X-Stamp"] == "DELETE /v3/p/widgets/w")
    }

    /// The envelope is the schema's decision: its code fields in order (the first present decides), its success values
    /// and message fields; a body that carries none of the fields is not an envelope.
    @Test func theEnvelopeChecksWhatTheSchemaDecided() throws {
        let envelope = CMSEnvelope(
            codes: [.init(name: "resultCode", successValues: ["0100000"]), .init(name: "result", successValues: ["0"])],
            messageFields: ["resultDesc", "resultDatas"]
        )
        func check(_ json: String) -> CMSResultFailure? {
            do {
                try envelope.check(Data(json.utf8), meanings: ["0100002": "A parameter in the request is invalid."])
                return nil
            } catch {
                return error
            }
        }
        #expect(check(#"{"resultCode":"0100000","resultDesc":{}}"#) == nil)
        #expect(check(#"{"result":"0","resultDatas":[]}"#) == nil)
        #expect(check(#"{"items":[]}"#) == nil)
        #expect(check(#"[1,2]"#) == nil)
        #expect(check(#"{"resultCode":"0100002","resultDesc":"bad ccId"}"#) == CMSResultFailure(code: "0100002", meaning: "A parameter in the request is invalid.", message: "bad ccId"))
        #expect(check(#"{"result":"1","resultDatas":"busy"}"#) == CMSResultFailure(code: "1", meaning: nil, message: "busy"))
        // resultCode is checked first: its success wins over a legacy failure value.
        #expect(check(#"{"resultCode":"0100000","result":"1"}"#) == nil)
        // Codes are compared as text, whatever their JSON type.
        #expect(check(#"{"result":0}"#) == nil)
    }

    /// Without an envelope, any 2xx is success and the body is returned as it is; an empty answer decodes as `null`
    /// where the page documents nothing.
    @Test func answersWithoutAnEnvelope() async throws {
        let core = CMSClientCore(transport: CMSStubTransport(status: 202, body: #"{"resultCode":"0100002"}"#))
        let body = try await core.execute(Self.request)
        #expect(String(decoding: body, as: UTF8.self) == #"{"resultCode":"0100002"}"#)
        #expect(try core.decode(CMSJSONValue.self, from: Data()) == .null)
        #expect(try core.decode(CMSJSONValue.self, from: Data(" \n".utf8)) == .null)
    }

    @Test func headerFieldsLeaveOutWhatIsNotGiven() {
        let language: String? = nil
        #expect(CMSHTTPRequest.headerFields(("Content-Type", "application/json"), ("X-Language", language), ("X-Count", 3)) == [
            "Content-Type": "application/json", "X-Count": "3",
        ])
    }

    @Test func boundsThatAreNotWhole() {
        var validator = CMSValidator()
        validator.decimalRange(0.4, "weight", min: 0.5, max: 2.5)
        validator.decimalRange(2.6, "ratio", min: nil, max: 2.5)
        validator.decimalRange(1.0, "fine", min: 0.5, max: 2.5)
        validator.decimalRange(nil, "absent", min: 0.5, max: nil)
        #expect(validator.violations.map(\.description) == ["weight: must be between 0.5 and 2.5, got 0.4", "ratio: must be at most 2.5, got 2.6"])
    }
}
