@_spi(Testing) import CMSKit
import CMSPageTestSupport
@_spi(Generated) import CMSRuntime
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The generated client (Generated/, module CMSKit) against the documentation it was generated from: every documented
/// example decodes and re-encodes unchanged, requests are validated and built as documented, and operations behave
/// end to end over a mock transport.
@Suite struct GeneratedClientTests {
    static let schema = TestSupport.specsResult.schema

    /// `METHOD path` of every interface in specs/, the arguments of the parameterized example test.
    static let interfaceKeys: [String] = schema.interfaces.map(key)

    static let seedPath = "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo"
    static let wrappedPath = "/rest/cmsapp/v1/openapi/agentgroup/agentbyconfigedskill"
    static let seedRequest = CallDataQueryDetailCallInfo.Request(ccId: 1, vdn: 1, callId: "1453723531-574")

    static func key(_ interface: Interface) -> String { "\(interface.method) \(interface.path)" }

    static func interface(_ key: String) -> Interface? {
        schema.interfaces.first { Self.key($0) == key }
    }

    static func interface(path: String) -> Interface? {
        schema.interfaces.first { $0.path == path }
    }

    static func operation(for interface: Interface) -> CMSOperation? {
        CMSOperations.all.first { $0.path == interface.path && $0.method == interface.method }
    }

    /// The text of the documented example of `role` on the page of `path`.
    static func exampleText(_ path: String, _ role: Example.Role) throws -> String {
        let page = try #require(Self.interface(path: path), "no interface \(path) in specs/")
        let example = try #require(page.examples.first { $0.role == role }, "no \(role) example for \(path)")
        return example.text
    }

    // MARK: - Helpers

    /// Decodes `data` as `T` with a plain `JSONDecoder` and encodes the value back (sorted keys, slashes unescaped).
    func roundTrip<T: Codable>(_ type: T.Type, _ data: Data) throws -> Data {
        let value = try JSONDecoder().decode(T.self, from: data)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes `data` as the request `T`, then returns its validation violations and the body `makeHTTPRequest` sends.
    func requestFacts<T: CMSRequestBody>(_ type: T.Type, _ data: Data, wrapper: String?) throws -> (violations: [CMSValidationViolation], body: Data) {
        let value = try JSONDecoder().decode(T.self, from: data)
        var validator = CMSValidator()
        value.validate(into: &validator, path: "")
        return (validator.violations, try CMSClientCore.encodeBody(value, wrapper: wrapper))
    }

    static func data(_ value: JSONValue) throws -> Data {
        try JSONEncoder().encode(value)
    }

    static func parse(_ data: Data) -> JSONValue? {
        JSONValue.parse(String(decoding: data, as: UTF8.self))
    }

    /// Decodes and re-encodes every request and response example of `interface` through the generated types of `operation`.
    /// Returns how many examples were exercised and every problem found.
    func exercise(_ interface: Interface, _ operation: CMSOperation) -> (exercised: Int, problems: [String]) {
        var exercised = 0
        var problems: [String] = []
        for example in interface.examples where example.role == .request || example.role == .response {
            let label = "\(example.role.phrase) example of \(Self.key(interface)) (\(example.location))"
            guard let json = example.json else {
                problems.append("\(label) is not valid JSON")
                continue
            }
            exercised += 1
            do {
                switch example.role {
                case .request:
                    var input = json
                    if let wrapper = operation.requestWrapper {
                        guard case .object(let members) = json, members.count == 1, let inner = members[wrapper] else {
                            problems.append("\(label) is not wrapped in exactly one '\(wrapper)' object: \(ExampleComparison.render(json))")
                            continue
                        }
                        input = inner
                    }
                    let output = try roundTrip(operation.requestType, Self.data(input))
                    let forms = ExampleComparison.documentedForms(interface, .request)
                    problems += ExampleComparison.differences(Self.parse(output), input, documentedForms: forms).map { "\(label) does not round-trip: \($0)" }
                    // What the client would send for this request: the documented example, wrapper included.
                    let facts = try requestFacts(operation.requestType, Self.data(input), wrapper: operation.requestWrapper)
                    problems += ExampleComparison.differences(Self.parse(facts.body), json, documentedForms: forms).map { "\(label): the request body sent differs: \($0)" }
                    problems += facts.violations.map { "\(label) breaks a documented rule: \($0)" }
                case .response:
                    let output = try roundTrip(operation.responseType, Data(example.text.utf8))
                    let forms = ExampleComparison.documentedForms(interface, .response)
                    problems += ExampleComparison.differences(Self.parse(output), json, documentedForms: forms).map { "\(label) does not round-trip: \($0)" }
                case .requestHeaders:
                    break
                }
            } catch {
                problems.append("\(label) does not decode: \(error)")
            }
        }
        return (exercised, problems)
    }

    // MARK: - 1a. Documented examples

    @Test("Documented examples decode and re-encode to equal JSON", arguments: interfaceKeys)
    func documentedExamplesRoundTrip(_ key: String) throws {
        let interface = try #require(Self.interface(key))
        let operation = try #require(Self.operation(for: interface), "no operation in CMSOperations.all for \(key)")
        let (exercised, problems) = exercise(interface, operation)
        #expect(exercised == 2, "\(key): expected one request and one response example, exercised \(exercised)")
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }

    @Test func everyInterfaceHasAnOperationAndEveryExampleIsExercised() throws {
        // One operation per interface of the pages (SpecsTests checks the interfaces against the pages on disk).
        #expect(!Self.schema.interfaces.isEmpty)
        #expect(CMSOperations.all.count == Self.schema.interfaces.count)
        let routes = CMSOperations.all.map { "\($0.method) \($0.path)" }
        #expect(Set(routes).count == routes.count, "two operations share a route")
        #expect(Set(routes) == Set(Self.interfaceKeys))
        #expect(Set(CMSOperations.all.map(\.name)).count == CMSOperations.all.count, "operation names are not unique")

        var requests = 0, responses = 0, exercised = 0
        for interface in Self.schema.interfaces {
            guard let operation = Self.operation(for: interface) else {
                Issue.record("no operation for \(Self.key(interface))")
                continue
            }
            #expect(operation.title == interface.title)
            #expect(operation.requestWrapper == interface.request?.exampleWrapper, "\(Self.key(interface))")
            requests += interface.examples.count { $0.role == .request }
            responses += interface.examples.count { $0.role == .response }
            exercised += exercise(interface, operation).exercised
        }
        // Each interface documents one request and one response example, and every one of them is exercised.
        #expect(requests == Self.schema.interfaces.count)
        #expect(responses == Self.schema.interfaces.count)
        #expect(exercised == requests + responses)
    }

    /// The seed's response example sends `callFeature: 0` where the table documents a String: it decodes as the
    /// documented type, so `callFeature == "0"` holds whatever form the server used.
    @Test func seedCallFeatureIsTheDocumentedString() throws {
        let text = try Self.exampleText(Self.seedPath, .response)
        let response = try JSONDecoder().decode(CallDataQueryDetailCallInfo.Response.self, from: Data(text.utf8))
        #expect(response.resultDesc?.callFeature == "0")
        #expect(response.resultDatas?.callFeature == "0")
        #expect(ExampleComparison.documentedForms(try #require(Self.interface("POST \(Self.seedPath)")), .response).contains("resultDesc.callFeature"))

        let output = Self.parse(try roundTrip(CallDataQueryDetailCallInfo.Response.self, Data(text.utf8)))
        guard case .object(let members)? = output, case .object(let desc)? = members["resultDesc"] else {
            Issue.record("no resultDesc object in \(ExampleComparison.render(output))")
            return
        }
        #expect(desc["callFeature"] == .string("0"))
        // The comparison the round-trip test relies on tells 0 from "0" and 1 from 1.0.
        #expect(JSONValue.parse(#"{"a":0}"#) != JSONValue.parse(#"{"a":"0"}"#))
        #expect(JSONValue.parse("1") != JSONValue.parse("1.0"))
        #expect(ExampleComparison.differences(.object(["a": .string("0")]), .object(["a": .integer(0)])) == [#"$.a: got "0" (string), expected 0 (integer)"#])
    }

    @Test func resultCodeMeaningsComeFromTheErrorCodePage() {
        let documented = Dictionary(Self.schema.resultCodes.map { ($0.code, $0.description) }, uniquingKeysWith: { first, _ in first })
        #expect(CMSResultCodes.meanings == documented)
        #expect(CMSResultCodes.meanings["0100002"] == "A parameter in the request is invalid.")
    }

    // MARK: - 1b. Validation of the seed request

    func violations(_ request: CallDataQueryDetailCallInfo.Request) -> [CMSValidationViolation] {
        do {
            try request.validate()
            return []
        } catch {
            return error.violations
        }
    }

    @Test func seedValidationReportsEachBrokenRule() {
        #expect(violations(.init(ccId: 0, vdn: 1, callId: "1")) == [.init(path: "ccId", message: "must be between 1 and 65535, got 0")])
        #expect(violations(.init(ccId: 65536, vdn: 1, callId: "1")) == [.init(path: "ccId", message: "must be between 1 and 65535, got 65536")])
        #expect(violations(.init(ccId: 1, vdn: 5001, callId: "1")) == [.init(path: "vdn", message: "must be between 1 and 5000, got 5001")])
        #expect(violations(.init(ccId: 1, vdn: 0, callId: "1")) == [.init(path: "vdn", message: "must be between 1 and 5000, got 0")])
        let callId21 = String(repeating: "1", count: 21)
        #expect(violations(.init(ccId: 1, vdn: 1, callId: callId21)) == [.init(path: "callId", message: "must have at most 20 characters, got 21")])
    }

    @Test func seedValidationAcceptsTheBounds() {
        #expect(violations(Self.seedRequest).isEmpty)
        #expect(violations(.init(ccId: 1, vdn: 1, callId: "")).isEmpty)
        #expect(violations(.init(ccId: 65535, vdn: 5000, callId: String(repeating: "9", count: 20))).isEmpty)
        #expect(throws: Never.self) { try Self.seedRequest.validate() }
    }

    @Test func seedValidationReportsEveryViolationAtOnce() {
        let request = CallDataQueryDetailCallInfo.Request(ccId: 0, vdn: 5001, callId: String(repeating: "x", count: 21))
        #expect(violations(request) == [
            .init(path: "ccId", message: "must be between 1 and 65535, got 0"),
            .init(path: "vdn", message: "must be between 1 and 5000, got 5001"),
            .init(path: "callId", message: "must have at most 20 characters, got 21"),
        ])
        let error = CMSValidationError(violations: violations(request))
        #expect(error.description == "invalid request: ccId: must be between 1 and 65535, got 0; vdn: must be between 1 and 5000, got 5001; callId: must have at most 20 characters, got 21")
    }

    @Test func decodingARequestReportsMissingFields() throws {
        let error = #expect(throws: CMSValidationError.self) {
            try JSONDecoder().decode(CallDataQueryDetailCallInfo.Request.self, from: Data(#"{"ccId":1,"vdn":1}"#.utf8))
        }
        #expect(error?.violations == [.init(path: "callId", message: "is required")])

        let none = #expect(throws: CMSValidationError.self) {
            try JSONDecoder().decode(CallDataQueryDetailCallInfo.Request.self, from: Data("{}".utf8))
        }
        #expect(none?.violations == ["ccId", "vdn", "callId"].map { CMSValidationViolation(path: $0, message: "is required") })

        let null = #expect(throws: CMSValidationError.self) {
            try JSONDecoder().decode(CallDataQueryDetailCallInfo.Request.self, from: Data(#"{"ccId":1,"vdn":1,"callId":null}"#.utf8))
        }
        #expect(null?.violations == [.init(path: "callId", message: "is required")])
    }

    @Test func decodingARequestReportsWrongTypes() throws {
        let error = #expect(throws: CMSValidationError.self) {
            try JSONDecoder().decode(CallDataQueryDetailCallInfo.Request.self, from: Data(#"{"ccId":1,"vdn":"abc","callId":"1"}"#.utf8))
        }
        let violations = error?.violations ?? []
        #expect(violations.map(\.path) == ["vdn"])
        #expect(violations.first?.message.hasPrefix("has the wrong type") == true, "\(violations)")

        // A wrong type and a missing field together.
        let both = #expect(throws: CMSValidationError.self) {
            try JSONDecoder().decode(CallDataQueryDetailCallInfo.Request.self, from: Data(#"{"ccId":1,"vdn":"abc"}"#.utf8))
        }
        #expect(both?.violations.map(\.path) == ["vdn", "callId"])
        #expect(both?.violations.last == .init(path: "callId", message: "is required"))

        // Numbers sent as strings are tolerated, and go out as numbers.
        let tolerated = try JSONDecoder().decode(CallDataQueryDetailCallInfo.Request.self, from: Data(#"{"ccId":"1","vdn":" 2","callId":"x"}"#.utf8))
        #expect(tolerated == .init(ccId: 1, vdn: 2, callId: "x"))
    }

    @Test func makeHTTPRequestValidatesUnlessSkipped() throws {
        let invalid = CallDataQueryDetailCallInfo.Request(ccId: 0, vdn: 1, callId: "1453723531-574")
        do {
            _ = try invalid.makeHTTPRequest()
            Issue.record("an invalid request was built")
        } catch {
            guard case .invalidRequest(let validation) = error else {
                Issue.record("expected .invalidRequest, got \(error)")
                return
            }
            #expect(validation.violations == [.init(path: "ccId", message: "must be between 1 and 65535, got 0")])
        }
        let skipped = try invalid.makeHTTPRequest(validation: .skippedForTesting)
        #expect(String(decoding: skipped.body, as: UTF8.self) == #"{"callId":"1453723531-574","ccId":0,"vdn":1}"#)
        #expect(skipped.path == Self.seedPath)
    }

    // MARK: - 1c. The request builder

    @Test func seedRequestBuilder() throws {
        let request = try Self.seedRequest.makeHTTPRequest()
        #expect(request.method == "POST")
        #expect(request.path == "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo")
        #expect(request.query.isEmpty)
        #expect(request.headers == ["Content-Type": "application/json; charset=UTF-8"])
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"callId":"1453723531-574","ccId":1,"vdn":1}"#)
        #expect(Self.parse(request.body) == JSONValue.parse(try Self.exampleText(Self.seedPath, .request)))
    }

    @Test func wrappedRequestBuilder() throws {
        let request = try AgentGroupAgentByConfigedSkill.Request(ccId: 1, vdn: 1, skillId: 1).makeHTTPRequest()
        #expect(request.method == "POST")
        #expect(request.path == "/rest/cmsapp/v1/openapi/agentgroup/agentbyconfigedskill")
        #expect(request.headers == ["Content-Type": "application/json; charset=UTF-8"])
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"queryParam":{"ccId":1,"skillId":1,"vdn":1}}"#)
        #expect(Self.parse(request.body) == JSONValue.parse(try Self.exampleText(Self.wrappedPath, .request)))
        let operation = try #require(CMSOperations.all.first { $0.path == Self.wrappedPath })
        #expect(operation.requestWrapper == "queryParam")
        #expect(operation.name == "agentGroupAgentByConfigedSkill")

        // The wrapped builder validates too, with paths relative to the body.
        do {
            _ = try AgentGroupAgentByConfigedSkill.Request(ccId: 1, vdn: 1, skillId: 2001).makeHTTPRequest()
            Issue.record("an invalid request was built")
        } catch {
            guard case .invalidRequest(let validation) = error else {
                Issue.record("expected .invalidRequest, got \(error)")
                return
            }
            #expect(validation.violations == [.init(path: "skillId", message: "must be between 1 and 2000, got 2001")])
        }
    }

    // MARK: - 1d. Operations end to end

    @Test func seedOperationReturnsTheDocumentedPayload() async throws {
        let transport = CMSStubTransport(body: try Self.exampleText(Self.seedPath, .response))
        let client = CMSClient(transport: transport)
        let details = try #require(try await client.callDataQueryDetailCallInfo(Self.seedRequest))
        #expect(details.callingNum == "88881363")
        #expect(details.calledNum == "650550")
        #expect(details.callFeature == "0")
        #expect(details.origCalledNum == "")
        #expect(details.time == 1606120429)
        #expect(details.mediaType == "MEDIA_TYPE_PHONE")
        #expect(details.callSkill == "defaultAudioSkill")

        let sent = await transport.requests
        #expect(sent.count == 1)
        #expect(sent.first == (try Self.seedRequest.makeHTTPRequest()))
        #expect(sent.first.map { String(decoding: $0.body, as: UTF8.self) } == #"{"callId":"1453723531-574","ccId":1,"vdn":1}"#)
    }

    @Test func payloadPrefersResultDescAndFallsBackToResultDatas() async throws {
        let both = CMSStubTransport(body: #"{"resultCode":"0100000","resultDesc":{"callingNum":"A"},"resultDatas":{"callingNum":"B"}}"#)
        #expect(try await CMSClient(transport: both).callDataQueryDetailCallInfo(Self.seedRequest)?.callingNum == "A")
        let legacy = CMSStubTransport(body: #"{"result":"0","resultDatas":{"callingNum":"B"}}"#)
        #expect(try await CMSClient(transport: legacy).callDataQueryDetailCallInfo(Self.seedRequest)?.callingNum == "B")

        // The page does not mark the payload mandatory: a success without one (no rows) is nil, not an error.
        let empty = CMSStubTransport(body: #"{"resultCode":"0100000"}"#)
        #expect(try await CMSClient(transport: empty).callDataQueryDetailCallInfo(Self.seedRequest) == nil)
        // A list payload the page does not mark mandatory is empty when absent.
        let noRows = CMSStubTransport(body: #"{"resultCode":"0100000"}"#)
        #expect(try await CMSClient(transport: noRows).agentOprInfo(.init(currentAgentId: 101, beginTime: "2024-01-01 00:00:00", endTime: "2024-01-01 01:00:00")) == [])
    }

    @Test func failureEnvelopeBecomesResultFailure() async throws {
        let transport = CMSStubTransport(body: #"{"resultCode":"0100002","resultDesc":"Invalid parameter"}"#)
        do {
            _ = try await CMSClient(transport: transport).callDataQueryDetailCallInfo(Self.seedRequest)
            Issue.record("a failure envelope returned a value")
        } catch {
            guard case .resultFailure(let failure) = error else {
                Issue.record("expected .resultFailure, got \(error)")
                return
            }
            #expect(failure.code == "0100002")
            #expect(failure.meaning == "A parameter in the request is invalid.")
            #expect(failure.message == "Invalid parameter")
            #expect(failure == CMSResultFailure(code: "0100002", meaning: "A parameter in the request is invalid.", message: "Invalid parameter"))
        }
        #expect(await transport.requests.count == 1)

        // The legacy envelope: `result` other than "0".
        let legacy = CMSStubTransport(body: #"{"result":"0100999","resultDatas":"Internal error"}"#)
        do {
            _ = try await CMSClient(transport: legacy).callDataQueryDetailCallInfo(Self.seedRequest)
            Issue.record("a failure envelope returned a value")
        } catch {
            guard case .resultFailure(let failure) = error else {
                Issue.record("expected .resultFailure, got \(error)")
                return
            }
            #expect(failure.code == "0100999")
            #expect(failure.meaning == "An unknown error or exception occurred.")
        }
    }

    /// A code field that the answer's type does not declare is read through a container of any key, and an answer
    /// without a generated type (untyped JSON) is checked through the wrapper: either way one decode of the body.
    @Test func envelopeCodesOutsideTheAnswersFieldsAreCheckedToo() async throws {
        let envelope = CMSEnvelope(codes: [CMSEnvelope.Code(name: "retCode", successValues: ["0"])], messageFields: ["retMsg"])
        let failure = CMSClientCore(transport: CMSStubTransport(body: #"{"retCode":7,"retMsg":"busy"}"#))
        let request = CMSHTTPRequest(method: "POST", path: "/x", query: [], headers: [:], body: Data("{}".utf8))
        for type in [AgentByWorkNo.Response.self, CMSJSONValue.self] as [any Decodable.Type] {
            do {
                _ = try await failure.send(request, envelope: envelope, decoding: type)
                Issue.record("\(type): a failure code returned a value")
            } catch {
                guard case .resultFailure(let result) = error else { Issue.record("\(type): expected .resultFailure, got \(error)"); continue }
                #expect(result.code == "7" && result.message == "busy", "\(type)")
            }
        }
        let success = CMSClientCore(transport: CMSStubTransport(body: #"{"retCode":"0","resultDesc":{"workNo":101}}"#))
        let answer = try await success.send(request, envelope: envelope, decoding: AgentByWorkNo.Response.self)
        #expect(answer.resultDesc?.workNo == 101)
        #expect((AgentByWorkNo.Response.self as Any) is any CMSEnvelopeChecking.Type, "the answer checks its own envelope")
        #expect(!((CMSJSONValue.self as Any) is any CMSEnvelopeChecking.Type))
    }

    @Test func http401IsAuthenticationRejected() async throws {
        let transport = CMSStubTransport(status: 401, body: #"{"error":"signature mismatch"}"#)
        do {
            _ = try await CMSClient(transport: transport).callDataQueryDetailCallInfo(Self.seedRequest)
            Issue.record("HTTP 401 returned a value")
        } catch {
            guard case .authenticationRejected(let excerpt) = error else {
                Issue.record("expected .authenticationRejected, got \(error)")
                return
            }
            #expect(excerpt == #"{"error":"signature mismatch"}"#)
        }
    }

    @Test func http500IsHTTPStatus() async throws {
        let transport = CMSStubTransport(status: 500, body: "Internal Server Error")
        do {
            _ = try await CMSClient(transport: transport).callDataQueryDetailCallInfo(Self.seedRequest)
            Issue.record("HTTP 500 returned a value")
        } catch {
            guard case .httpStatus(let failure) = error else {
                Issue.record("expected .httpStatus, got \(error)")
                return
            }
            #expect(failure == CMSHTTPFailure(status: 500, bodyExcerpt: "Internal Server Error"), "a page without error codes reads none from the body")
        }
    }

    @Test func transportFailureIsTransport() async throws {
        let transport = CMSStubTransport(.failure("connection refused"))
        do {
            _ = try await CMSClient(transport: transport).callDataQueryDetailCallInfo(Self.seedRequest)
            Issue.record("a transport failure returned a value")
        } catch {
            guard case .transport(let reason) = error else {
                Issue.record("expected .transport, got \(error)")
                return
            }
            #expect(reason.reason.contains("connection refused"))
        }
    }

    @Test func undecodableBodyIsDecodingWithAPath() async throws {
        let body = #"{"resultCode":"0100000","resultDesc":{"callingNum":"88881363","cb":{"unexpected":true}}}"#
        let transport = CMSStubTransport(body: body)
        do {
            _ = try await CMSClient(transport: transport).callDataQueryDetailCallInfo(Self.seedRequest)
            Issue.record("an undecodable body returned a value")
        } catch {
            guard case .decoding(let path, let reason, let excerpt) = error else {
                Issue.record("expected .decoding, got \(error)")
                return
            }
            #expect(path.contains("cb"), "\(path)")
            #expect(path == "resultDesc.cb")
            #expect(!reason.isEmpty)
            #expect(excerpt == body)
        }
    }

    @Test func invalidRequestIsNotSent() async throws {
        let transport = CMSStubTransport(body: try Self.exampleText(Self.seedPath, .response))
        let client = CMSClient(transport: transport)
        let invalid = CallDataQueryDetailCallInfo.Request(ccId: 1, vdn: 5001, callId: "1453723531-574")
        do {
            _ = try await client.callDataQueryDetailCallInfo(invalid)
            Issue.record("an invalid request returned a value")
        } catch {
            guard case .invalidRequest(let validation) = error else {
                Issue.record("expected .invalidRequest, got \(error)")
                return
            }
            #expect(validation.violations == [.init(path: "vdn", message: "must be between 1 and 5000, got 5001")])
        }
        #expect(await transport.requests.isEmpty)

        // Skipping validation sends it as it is.
        let skipping = client.skippingValidationForTesting()
        let details = try await skipping.callDataQueryDetailCallInfo(invalid)
        #expect(details?.callingNum == "88881363")
        let sent = await transport.requests
        #expect(sent.count == 1)
        #expect(sent.first.map { String(decoding: $0.body, as: UTF8.self) } == #"{"callId":"1453723531-574","ccId":1,"vdn":5001}"#)
    }

    @Test func arrayPayloadOfAWrappedInterface() async throws {
        let transport = CMSStubTransport(body: try Self.exampleText(Self.wrappedPath, .response))
        let client = CMSClient(transport: transport)
        let agents = try await client.agentGroupAgentByConfigedSkill(.init(ccId: 1, vdn: 1, skillId: 1))
        #expect(agents.count == 1)
        let first = try #require(agents.first)
        #expect(first.status == .idle)
        #expect(first.status?.rawValue == 4)
        #expect(first.status?.isDocumented == true)
        #expect(first.workNo == 20011)
        #expect(first.ctiStatus == 1)
        #expect(first.phoneNumber == "70942")
        #expect(first.loginDate == 1501125758000)

        let sent = await transport.requests
        #expect(sent.map(\.path) == [Self.wrappedPath])
        #expect(sent.first.map { String(decoding: $0.body, as: UTF8.self) } == #"{"queryParam":{"ccId":1,"skillId":1,"vdn":1}}"#)
    }

    // MARK: - 1e. Enumerations

    typealias AgentStatus = AgentGroupAgentByConfigedSkill.Response.Status

    func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func integerEnumerationKeepsUnknownValues() throws {
        let agent = try JSONDecoder().decode(AgentGroupAgentByConfigedSkill.Response.ResultData.self, from: Data(#"{"status":42}"#.utf8))
        #expect(agent.status == .unknown(42))
        #expect(agent.status?.isDocumented == false)
        #expect(try encoded(agent) == #"{"status":42}"#)

        let documented = try JSONDecoder().decode(AgentGroupAgentByConfigedSkill.Response.ResultData.self, from: Data(#"{"status":4}"#.utf8))
        #expect(documented.status == .idle)
        #expect(try encoded(documented) == #"{"status":4}"#)

        #expect(AgentStatus(rawValue: 42) == .unknown(42))
        #expect(AgentStatus(rawValue: 8) == .resting)
        #expect(AgentStatus.documentedValues == [0, 2, 3, 4, 5, 7, 8])
        for value in AgentStatus.documentedValues {
            let status = try JSONDecoder().decode(AgentStatus.self, from: Data("\(value)".utf8))
            #expect(status.isDocumented)
            #expect(status.rawValue == value)
            #expect(try encoded(status) == "\(value)")
        }
    }

    @Test func stringEnumerationKeepsUnknownValues() throws {
        let json = #"{"agentIds":[1099],"indexIds":["IDX_COUNT_AGENT_CALLIN"],"timeGrain":"%@","vdn":170}"#
        let listed = try JSONDecoder().decode(HisIndexAgent.Request.self, from: Data(json.replacingOccurrences(of: "%@", with: "15MIN").utf8))
        #expect(listed.timeGrain == .fifteenMinuteInterval)
        #expect(try encoded(listed) == json.replacingOccurrences(of: "%@", with: "15MIN"))

        let unlisted = try JSONDecoder().decode(HisIndexAgent.Request.self, from: Data(json.replacingOccurrences(of: "%@", with: "5MIN").utf8))
        #expect(unlisted.timeGrain == .unknown("5MIN"))
        #expect(unlisted.timeGrain?.isDocumented == false)
        #expect(try encoded(unlisted) == json.replacingOccurrences(of: "%@", with: "5MIN"))
    }

    /// The schema says timeGrain (and enableOffset) of hisindex/agent are closed enumerations: a value the documentation
    /// does not list decodes, but the request does not validate and is not sent.
    @Test func closedEnumerationRejectsUnknownValuesInRequests() async throws {
        let interface = try #require(Self.interface(path: "/rest/cmsapp/v1/openapi/hisindex/agent"))
        let timeGrain = try #require(interface.request?.fields.first { $0.name == "timeGrain" }?.enumeration)
        #expect(timeGrain.closed)
        #expect(timeGrain.values.map(\.value) == HisIndexAgent.Request.TimeGrain.documentedValues)
        let enableOffset = try #require(interface.request?.fields.first { $0.name == "enableOffset" }?.enumeration)
        #expect(enableOffset.closed)

        var request = HisIndexAgent.Request(vdn: 170, agentIds: [1099], timeGrain: .unknown("5MIN"), indexIds: ["IDX_COUNT_AGENT_CALLIN"])
        let error = #expect(throws: CMSValidationError.self) { try request.validate() }
        #expect(error?.violations == [.init(path: "timeGrain", message: "must be one of 15MIN, 30MIN, 60MIN, got 5MIN")])

        request.enableOffset = .unknown("X")
        let both = #expect(throws: CMSValidationError.self) { try request.validate() }
        #expect(both?.violations == [
            .init(path: "timeGrain", message: "must be one of 15MIN, 30MIN, 60MIN, got 5MIN"),
            .init(path: "enableOffset", message: "must be one of Y, N, got X"),
        ])

        let transport = CMSStubTransport(body: try Self.exampleText("/rest/cmsapp/v1/openapi/hisindex/agent", .response))
        do {
            _ = try await CMSClient(transport: transport).hisIndexAgent(request)
            Issue.record("a request with an undocumented closed-enumeration value was sent")
        } catch {
            guard case .invalidRequest = error else {
                Issue.record("expected .invalidRequest, got \(error)")
                return
            }
        }
        #expect(await transport.requests.isEmpty)

        request.timeGrain = .thirtyMinuteInterval
        request.enableOffset = .no
        #expect(throws: Never.self) { try request.validate() }
        let rows = try await CMSClient(transport: transport).hisIndexAgent(request)
        #expect(rows.first?.agentId == 1099)
        #expect(rows.first?.idxs?.first == .init(id: "IDX_COUNT_AGENT_CALLIN", val: "0"))
    }

    /// Response enumerations the documentation leaves open ("other values: failure") are never validated: an unknown
    /// `result` comes back as `.unknown`.
    @Test func openEnumerationKeepsUnknownResultCodes() throws {
        let response = try JSONDecoder().decode(CallDataQueryDetailCallInfo.Response.self, from: Data(#"{"result":"7","resultCode":"0100999"}"#.utf8))
        #expect(response.result == .unknown("7"))
        #expect(response.resultCode == .unknown("0100999"))
        #expect(try encoded(response) == #"{"result":"7","resultCode":"0100999"}"#)
        let success = try JSONDecoder().decode(CallDataQueryDetailCallInfo.Response.self, from: Data(#"{"result":"0","resultCode":"0100000"}"#.utf8))
        #expect(success.result == .success)
        #expect(success.resultCode == .success)
    }
}
