import CMSExtraction
@_spi(Testing) import CMSKit
import CMSMock
import CMSPageTestSupport
import CMSRuntime
import CMSSchema
import CMSTestSupport
import Foundation
import Logging
import Testing

/// The generated client against the local CC-CMS, over loopback, for every interface in specs/: signed calls that
/// decode the documented answer, a wrong secret that gets 401, invalid requests stopped before a byte is sent, and
/// the server's 0100002 for requests that skip validation.
@Suite struct EndToEndTests {
    static let credentials = CMSCredentials(accessKey: "e2e-ak", secretKey: "e2e-sk-0123456789")
    static let schema = TestSupport.specsResult.schema
    static let operationNames = CMSOperations.all.map(\.name)

    /// A running local CC-CMS and a client signed for it.
    struct Harness {
        let server: CMSMockServer
        let url: URL

        /// A server at `priority`: high, as by default, unless the test loads it on purpose.
        static func start(priority: TaskPriority = .high) async throws -> Harness {
            var configuration = CMSMockConfiguration(credentials: EndToEndTests.credentials)
            configuration.priority = priority
            let server = CMSMockServer(schema: EndToEndTests.schema, configuration: configuration)
            return Harness(server: server, url: try await server.start())
        }

        func client(secret: String = EndToEndTests.credentials.secretKey, logger: Logger = CMSConfiguration.silentLogger) -> CMSClient {
            let credentials = CMSCredentials(accessKey: EndToEndTests.credentials.accessKey, secretKey: secret)
            return CMSClient(configuration: CMSConfiguration(baseURL: url, credentials: credentials, timeout: 60, logger: logger))
        }
    }

    static func interface(of operation: CMSOperation) throws -> Interface {
        try #require(schema.interfaces.first { $0.path == operation.path && $0.method == operation.method })
    }

    /// The documented request example, without the wrapper the client adds itself.
    static func requestExample(_ interface: Interface, wrapper: String?) throws -> JSONValue {
        guard let example = interface.examples.first(where: { $0.role == .request && $0.json != nil })?.json else { return .object([:]) }
        if let wrapper, case .object(let members) = example, let inner = members[wrapper] { return inner }
        return example
    }

    static func data(_ value: JSONValue) throws -> Data { try JSONEncoder().encode(value) }

    /// The example with one documented rule broken (a number above its maximum, a string over its length, a list
    /// element above its maximum, a list too long, a value a closed list does not document), with the path the
    /// violation names.
    static func broken(_ example: JSONValue, _ interface: Interface) -> (JSONValue, field: String)? {
        guard case .object(var members) = example else { return nil }
        for field in interface.request?.fields ?? [] {
            if let maximum = field.constraints.items?.maximum, field.type.kind == .array {
                members[field.name] = .array([.integer(maximum + 1)])
                return (.object(members), field.name + "[0]")
            }
            if let maximum = field.constraints.maximum, [.integer, .long].contains(field.type.kind) {
                members[field.name] = .integer(maximum + 1)
                return (.object(members), field.name)
            }
            if let maxLength = field.constraints.maxLength, field.type.kind == .string {
                members[field.name] = .string(String(repeating: "9", count: maxLength + 1))
                return (.object(members), field.name)
            }
            if let maxItems = field.constraints.maxItems, case .array(let elements)? = members[field.name], let first = elements.first {
                members[field.name] = .array(Array(repeating: first, count: maxItems + 1))
                return (.object(members), field.name)
            }
        }
        for field in interface.request?.fields ?? [] where field.enumeration?.closed == true {
            members[field.name] = field.type.kind == .string ? .string("NOT-DOCUMENTED") : .integer(-987_654)
            return (.object(members), field.name)
        }
        return nil
    }

    @Test(arguments: operationNames)
    func everyInterfaceEndToEnd(name: String) async throws {
        let operation = try #require(CMSOperations.all.first { $0.name == name })
        let interface = try Self.interface(of: operation)
        let harness = try await Harness.start()
        do {
            try await Self.exercise(operation, interface, harness)
        } catch {
            Issue.record("\(error)")
        }
        await harness.server.stop()
    }

    static func exercise(_ operation: CMSOperation, _ interface: Interface, _ harness: Harness) async throws {
        let example = try requestExample(interface, wrapper: operation.requestWrapper)
        let client = harness.client()

        // 1. A signed call decodes the documented answer.
        let payload = try await client.perform(operation.name, requestJSON: data(example))
        guard let encodable = payload as? any Encodable else {
            Issue.record("\(operation.name): the payload is not Encodable")
            return
        }
        let encoded = try JSONEncoder().encode(encodable)
        let response = try #require(interface.examples.first { $0.role == .response && $0.json != nil }?.json)
        // What the generated method returns (InterfacePlanner.payload, Templates/operation.mustache): when the envelope
        // names payload fields (`resultDesc`, then `resultDatas`), the first of them the answer carries; otherwise the
        // whole answer. Where the example contradicts the table, the documented type is what comes back ("0" for 0).
        let decoded = JSONValue.parse(String(decoding: encoded, as: UTF8.self))
        let forms = ExampleComparison.documentedForms(interface, .response)
        let payloadFields = interface.envelope?.payloadFields ?? []
        let returnsWhole = ObjectIdentifier(type(of: payload)) == ObjectIdentifier(operation.responseType)
        if payloadFields.isEmpty {
            #expect(returnsWhole, "\(operation.name): no payload field, so the method returns the whole answer, not \(type(of: payload))")
            let differences = ExampleComparison.differences(decoded, response, documentedForms: forms)
            #expect(differences.isEmpty, "\(operation.name): the decoded answer differs from the example: \(differences)")
        } else {
            #expect(!returnsWhole, "\(operation.name): the envelope names \(payloadFields), so the method returns the payload, not the whole answer")
            guard case .object(let members) = response,
                  let field = payloadFields.first(where: { members[$0] != nil }), let part = members[field] else {
                Issue.record("\(operation.name): the response example carries none of \(payloadFields)")
                return
            }
            let payloadForms = Set(forms.compactMap { $0.hasPrefix(field + ".") ? String($0.dropFirst(field.count + 1)) : nil })
            let differences = ExampleComparison.differences(decoded, part, documentedForms: payloadForms)
            #expect(differences.isEmpty, "\(operation.name): the decoded answer differs from the example's \(field): \(differences)")
        }
        #expect(await harness.server.statistics().served == 1)

        // 2. A wrong secret is refused with 401.
        do {
            _ = try await harness.client(secret: "wrong-secret").perform(operation.name, requestJSON: data(example))
            Issue.record("\(operation.name): a wrong SK was accepted")
        } catch let error as CMSError {
            guard case .authenticationRejected = error else { Issue.record("\(operation.name): expected 401, got \(error)"); return }
        }
        #expect(await harness.server.statistics().unauthorized == 1)

        // 3. An invalid request never leaves the client; 4. sent anyway, the server answers 0100002.
        guard let (invalid, field) = broken(example, interface) else {
            Issue.record("\(operation.name): no documented rule to break")
            return
        }
        let before = await harness.server.statistics().received
        do {
            _ = try await client.perform(operation.name, requestJSON: data(invalid))
            Issue.record("\(operation.name): an invalid request was sent")
        } catch let error as CMSError {
            guard case .invalidRequest(let validation) = error else { Issue.record("\(operation.name): expected invalidRequest, got \(error)"); return }
            #expect(validation.violations.map(\.path) == [field])
        }
        #expect(await harness.server.statistics().received == before, "\(operation.name): the server saw the invalid request")
        do {
            let skipping = client.skippingValidationForTesting()
            _ = try await skipping.perform(operation.name, requestJSON: data(invalid))
            Issue.record("\(operation.name): the server accepted an invalid request")
        } catch let error as CMSError {
            guard case .resultFailure(let failure) = error else { Issue.record("\(operation.name): expected 0100002, got \(error)"); return }
            #expect(failure.code == "0100002")
            #expect(failure.meaning == "A parameter in the request is invalid.")
            #expect(failure.message?.contains(field) == true, "\(failure)")
        }
        #expect(await harness.server.statistics().invalid == 1)
    }

    /// 2,000 signed requests from 8 concurrent tasks all succeed and none is lost (correctness only; `cmsloadbench` prints the rate).
    @Test func twoThousandSignedRequestsFromEightTasks() async throws {
        // At the tests' own priority: the load would otherwise go before every other in-process server's requests.
        let harness = try await Harness.start(priority: .medium)
        let client = harness.client()
        let succeeded = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var count = 0
                    for index in 0..<250 {
                        let callId = "\(task)-\(index)"
                        let details = try await client.callDataQueryDetailCallInfo(.init(ccId: 1 + task, vdn: 1 + index % 5000, callId: callId))
                        if details?.callingNum == "88881363" { count += 1 }
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let statistics = await harness.server.statistics()
        await harness.server.stop()
        #expect(succeeded == 2000)
        #expect(statistics.received == 2000 && statistics.served == 2000 && statistics.unauthorized == 0 && statistics.invalid == 0)
    }

    /// Logging is off by default; switched on, it never shows the secret or the signature.
    @Test func logsNeverShowCredentials() async throws {
        let harness = try await Harness.start()
        let sink = LogSink()
        var logger = Logger(label: "test", factory: { _ in sink })
        logger.logLevel = .trace
        let client = harness.client(logger: logger)
        _ = try await client.callDataQueryDetailCallInfo(.init(ccId: 1, vdn: 1, callId: "1453723531-574"))
        _ = try? await harness.client(secret: "another-secret", logger: logger).callDataQueryDetailCallInfo(.init(ccId: 1, vdn: 1, callId: "1"))
        await harness.server.stop()
        let lines = sink.lines
        #expect(lines.contains { $0.contains("/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo") && $0.contains("status=200") }, "\(lines)")
        for line in lines {
            #expect(!line.contains(Self.credentials.secretKey) && !line.contains("another-secret") && !line.contains("auth-v2/"), "\(line)")
        }
        let configuration = CMSConfiguration(baseURL: harness.url, credentials: Self.credentials)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in ["\(configuration)", String(reflecting: configuration), dumped] {
            #expect(!text.contains(Self.credentials.secretKey), "\(text)")
        }
        let signed = CMSC2Signer(credentials: Self.credentials).sign(CMSHTTPRequest(method: "POST", path: "/p"), host: "h:1")
        var dumpedRequest = ""
        dump(signed, to: &dumpedRequest)
        for text in ["\(signed)", dumpedRequest] {
            #expect(!text.contains("auth-v2/") && text.contains("<redacted>"), "\(text)")
        }
    }
}

extension JSONValue {
    var isString: Bool { if case .string = self { true } else { false } }
}

