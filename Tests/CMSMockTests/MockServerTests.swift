import CMSExtraction
import CMSHostileClients
import CMSMock
import CMSPageTestSupport
import CMSRuntime
import CMSSchema
import CMSTestSupport
import Foundation
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local CC-CMS: real HTTP over loopback, signed with the runtime's signer; its validator; the `cmsmock` executable.
@Suite struct MockServerTests {
    static let credentials = CMSCredentials(accessKey: "mock-test-ak", secretKey: "mock-test-sk")
    static var schema: SchemaDocument { TestSupport.specsResult.schema }

    static let detailPath = "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo"
    static let seedBody = #"{"ccId":1,"vdn":1,"callId":"1453723531-574"}"#

    static func interface(_ path: String, in schema: SchemaDocument = MockServerTests.schema) throws -> Interface {
        try #require(schema.interfaces.first { $0.path == path }, "no interface \(path) in the bundled schema")
    }

    /// The text the server should answer with: the first response example that is valid JSON.
    static func documentedResponse(_ path: String) throws -> Data {
        let example = try #require(try interface(path).examples.first { $0.role == .response && $0.json != nil })
        return Data(example.text.utf8)
    }

    static func post(_ path: String, _ body: String) -> CMSHTTPRequest {
        CMSHTTPRequest(method: "POST", path: path, headers: ["Content-Type": "application/json;charset=UTF-8"], body: Data(body.utf8))
    }

    /// A transport that signs like the generated client does, for the server at `url`.
    static func transport(_ url: URL, credentials: CMSCredentials = MockServerTests.credentials, now: @escaping @Sendable () -> Date = { Date() }) -> CMSSignedTransport {
        // A minute: a hang fails the test, a machine busy with the other tests does not.
        let configuration = CMSConfiguration(baseURL: url, credentials: credentials, timeout: 60)
        return CMSSignedTransport(
            upstream: CMSURLSessionTransport(baseURL: url, timeout: 60),
            signer: CMSC2Signer(credentials: credentials, now: now),
            host: configuration.host
        )
    }

    /// Runs `body` against a fresh server on a free loopback port, and stops it afterwards.
    static func withServer(
        _ schema: SchemaDocument = MockServerTests.schema, timeWindow: TimeInterval = 900,
        _ body: (CMSMockServer, URL) async throws -> Void
    ) async throws {
        let server = CMSMockServer(schema: schema, configuration: CMSMockConfiguration(credentials: credentials, timeWindow: timeWindow))
        let url = try await server.start()
        do {
            try await body(server, url)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static func envelope(_ response: CMSHTTPResponse) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: response.body)
    }

    // MARK: Over HTTP

    @Test func signedSeedRequestGetsTheDocumentedExample() async throws {
        try await Self.withServer { _, url in
            #expect(url.absoluteString.hasPrefix("http://127.0.0.1:"))
            #expect((url.port ?? 0) > 0)
            let response = try await Self.transport(url).send(Self.post(Self.detailPath, Self.seedBody))
            #expect(response.status == 200)
            #expect(response.body == (try Self.documentedResponse(Self.detailPath)))
            let contentType = response.headers.first { $0.key.lowercased() == "content-type" }?.value
            #expect(contentType == "application/json;charset=UTF-8")
        }
    }

    @Test func wrongSecretKeyGets401() async throws {
        try await Self.withServer { server, url in
            let wrong = CMSCredentials(accessKey: Self.credentials.accessKey, secretKey: "not-the-secret")
            let response = try await Self.transport(url, credentials: wrong).send(Self.post(Self.detailPath, Self.seedBody))
            #expect(response.status == 401)
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(text.contains("signature does not match"))
            #expect(!text.contains("mock-test-sk") && !text.contains("not-the-secret"))
            #expect(await server.statistics().unauthorized == 1)
        }
    }

    @Test func unknownAccessKeyAndMissingAuthorizationGet401() async throws {
        try await Self.withServer { _, url in
            let stranger = CMSCredentials(accessKey: "someone-else", secretKey: Self.credentials.secretKey)
            let response = try await Self.transport(url, credentials: stranger).send(Self.post(Self.detailPath, Self.seedBody))
            #expect(response.status == 401)
            let unsigned = try await CMSURLSessionTransport(baseURL: url, timeout: 60).send(Self.post(Self.detailPath, Self.seedBody))
            #expect(unsigned.status == 401)
            #expect(String(decoding: unsigned.body, as: UTF8.self).contains("missing Authorization"))
        }
    }

    @Test func timestampOutsideTheWindowGets401() async throws {
        try await Self.withServer { _, url in
            let twoHoursAgo = Date().addingTimeInterval(-7200)
            let response = try await Self.transport(url, now: { twoHoursAgo }).send(Self.post(Self.detailPath, Self.seedBody))
            #expect(response.status == 401)
            #expect(String(decoding: response.body, as: UTF8.self).contains("window"))
            // Within the window the same skew is fine.
            let fiveMinutesAhead = Date().addingTimeInterval(300)
            let accepted = try await Self.transport(url, now: { fiveMinutesAhead }).send(Self.post(Self.detailPath, Self.seedBody))
            #expect(accepted.status == 200)
        }
    }

    @Test func unknownPathGets404() async throws {
        try await Self.withServer { _, url in
            let response = try await Self.transport(url).send(Self.post("/rest/cmsapp/v1/openapi/nothing/here", "{}"))
            #expect(response.status == 404)
            let answer = try Self.envelope(response)
            #expect(answer["error"] == "Not Found")
            #expect(answer["reason"] == "no such interface: POST /rest/cmsapp/v1/openapi/nothing/here")
        }
    }

    /// Connections that send nothing, or stop half-way through a request (`Content-Length: 100` and 20 bytes), are
    /// closed after the idle timeout; while many are held open, signed requests are all served.
    @Test func silentAndHalfSentConnectionsAreClosedAndOthersServed() async throws {
        CMSMockOpenFileLimit.raise()
        let server = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(credentials: Self.credentials, idleTimeout: 1, maximumConnections: 512))
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let port = try #require(url.port)
        let held = try await TestSupport.offPool {
            try (0..<200).map { index in
                let client = try RawClient(port: port)
                if index % 2 == 1 {
                    client.send("POST \(Self.detailPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ccId\": 1, \"vdn\": 1")
                }
                return client
            }
        }
        let transport = Self.transport(url)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 { group.addTask { try await transport.send(Self.post(Self.detailPath, Self.seedBody)).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 40))
        // An upper bound, not a timing: a closed connection answers at once. On a machine busy with every other test the
        // server's 1 s idle timer can fire seconds late, so the bound is generous.
        let closed = try await TestSupport.offPool { held.map { $0.readUntilClosed(within: 60).closed } }
        #expect(closed.allSatisfy { $0 }, "\(closed.filter { !$0 }.count) of \(held.count) connections still open")
    }

    /// A documented path with another method is 405, naming the method to use.
    @Test func aWrongMethodGets405() async throws {
        try await Self.withServer { _, url in
            let get = try await Self.transport(url).send(CMSHTTPRequest(method: "GET", path: Self.detailPath))
            #expect(get.status == 405)
            #expect(get.headers.first { $0.key.lowercased() == "allow" }?.value == "POST")
            #expect(try Self.envelope(get)["reason"] == "GET is not documented for \(Self.detailPath); use POST")
        }
    }

    /// A body that is not declared as JSON (a wrong or missing Content-Type) is 415.
    @Test func aBodyThatIsNotDeclaredJSONGets415() async throws {
        try await Self.withServer { _, url in
            for headers in [["Content-Type": "text/plain"], [:]] {
                let request = CMSHTTPRequest(method: "POST", path: Self.detailPath, headers: headers, body: Data(Self.seedBody.utf8))
                let response = try await Self.transport(url).send(request)
                #expect(response.status == 415, "\(headers)")
                #expect(try Self.envelope(response)["error"] == "Unsupported Media Type")
            }
            let charset = CMSHTTPRequest(method: "POST", path: Self.detailPath, headers: ["Content-Type": "Application/JSON; charset=utf-8"], body: Data(Self.seedBody.utf8))
            #expect(try await Self.transport(url).send(charset).status == 200)
        }
    }

    /// Every answer carries the server's date, as an HTTP date (RFC 9110, section 6.6.1), from the clock the
    /// signature check uses.
    @Test func answersCarryTheDate() async throws {
        let fixed = Date(timeIntervalSince1970: 1_796_552_100) // Sun, 06 Dec 2026 10:15:00 GMT
        let configuration = CMSMockConfiguration(credentials: Self.credentials, now: { fixed })
        let server = CMSMockServer(schema: Self.schema, configuration: configuration)
        let url = try await server.start()
        let response = try await Self.transport(url, now: { fixed }).send(Self.post(Self.detailPath, Self.seedBody))
        await server.stop()
        #expect(response.status == 200)
        let date = response.headers.first { $0.key.lowercased() == "date" }?.value
        #expect(date == "Sun, 06 Dec 2026 10:15:00 GMT", "\(response.headers)")
    }

    /// A key given twice could be read one way by the mock and another by a client: refused, with its place.
    @Test func duplicateKeysAreRefused() async throws {
        try await Self.withServer { _, url in
            let response = try await Self.transport(url).send(Self.post(Self.detailPath, #"{"ccId":1,"vdn":1,"callId":"1453723531-574","ccId":0}"#))
            let envelope = try Self.envelope(response)
            #expect(envelope["resultCode"] == "0100002")
            #expect(envelope["resultDesc"] == "Invalid parameter: body: has a duplicate key 'ccId' at line 1, column 45", "\(envelope)")
        }
    }

    /// 100,000 duplicate keys are one short answer and one short log line: the first 20 problems, then how many more.
    @Test func manyProblemsAreReportedUpToALimit() async throws {
        let sink = LogSink()
        var logger = Logger(label: "test", factory: { _ in sink })
        logger.logLevel = .notice
        let server = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(credentials: Self.credentials, logger: logger))
        let url = try await server.start()
        let body = #"{"ccId":1,"vdn":1,"callId":"x""# + String(repeating: #","ccId":1"#, count: 100_000) + "}"
        let response: CMSHTTPResponse
        do {
            response = try await Self.transport(url).send(Self.post(Self.detailPath, body))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        let description = try #require(try Self.envelope(response)["resultDesc"])
        #expect(response.body.count < 4096, "an answer of \(response.body.count) bytes")
        #expect(description.components(separatedBy: "has a duplicate key 'ccId'").count - 1 == 20, "\(description.prefix(300))")
        #expect(description.hasSuffix("; and 99980 more"), "\(description.suffix(100))")
        let logged = sink.lines.filter { $0.contains("request refused") }
        #expect(logged.count == 1)
        #expect(logged.allSatisfy { $0.utf8.count < 4096 && $0.contains("and 99980 more") }, "\(logged.map { $0.prefix(300) })")
    }

    @Test func outOfRangeFieldGetsTheInvalidParameterEnvelope() async throws {
        try await Self.withServer { _, url in
            let response = try await Self.transport(url).send(Self.post(Self.detailPath, #"{"ccId":0,"vdn":1,"callId":"1453723531-574"}"#))
            #expect(response.status == 200)
            let envelope = try Self.envelope(response)
            #expect(envelope["resultCode"] == "0100002")
            #expect(envelope["resultDesc"] == "Invalid parameter: ccId: must be between 1 and 65535, got 0")
        }
    }

    @Test func everyViolationIsNamedAndBrokenJSONIsInvalid() async throws {
        try await Self.withServer { server, url in
            let transport = Self.transport(url)
            let several = try await transport.send(Self.post(Self.detailPath, #"{"vdn":5001,"callId":"123456789012345678901"}"#))
            let description = try #require(try Self.envelope(several)["resultDesc"])
            #expect(description == "Invalid parameter: ccId: is required; vdn: must be between 1 and 5000, got 5001; callId: must have at most 20 characters, got 21")
            let broken = try await transport.send(Self.post(Self.detailPath, #"{"ccId":1,"#))
            #expect(broken.status == 200)
            #expect(try Self.envelope(broken)["resultCode"] == "0100002")
            #expect(try Self.envelope(broken)["resultDesc"]?.hasPrefix("Invalid parameter: body: is not valid JSON") == true)
            #expect(await server.statistics() == CMSMockStatistics(received: 2, unauthorized: 0, invalid: 2, served: 0))
        }
    }

    @Test func wrappedBodyIsAccepted() async throws {
        let path = "/rest/cmsapp/v1/openapi/agentgroup/agentbyconfigedskill"
        #expect(try Self.interface(path).request?.exampleWrapper == "queryParam")
        try await Self.withServer { _, url in
            let transport = Self.transport(url)
            let wrapped = try await transport.send(Self.post(path, #"{"queryParam":{"ccId":1,"vdn":1,"skillId":1}}"#))
            #expect(wrapped.status == 200)
            #expect(wrapped.body == (try Self.documentedResponse(path)))
            let plain = try await transport.send(Self.post(path, #"{"ccId":1,"vdn":1,"skillId":1}"#))
            #expect(plain.body == (try Self.documentedResponse(path)))
            let invalid = try await transport.send(Self.post(path, #"{"queryParam":{"ccId":1,"vdn":1,"skillId":2001}}"#))
            // This page's envelope is the legacy `result` with `resultDatas`: the failure is told in those fields.
            #expect(try Self.interface(path).envelope?.messageFields == ["resultDatas"])
            #expect(try Self.envelope(invalid)["result"] == "0100002")
            #expect(try Self.envelope(invalid)["resultDatas"] == "Invalid parameter: skillId: must be between 1 and 2000, got 2001")
        }
    }

    @Test func statisticsCountWhatHappened() async throws {
        try await Self.withServer { server, url in
            #expect(await server.statistics() == CMSMockStatistics())
            let transport = Self.transport(url)
            _ = try await transport.send(Self.post(Self.detailPath, Self.seedBody))
            _ = try await transport.send(Self.post(Self.detailPath, Self.seedBody))
            _ = try await transport.send(Self.post(Self.detailPath, #"{"ccId":0,"vdn":1,"callId":"x"}"#))
            _ = try await Self.transport(url, credentials: CMSCredentials(accessKey: Self.credentials.accessKey, secretKey: "wrong")).send(Self.post(Self.detailPath, Self.seedBody))
            _ = try await transport.send(Self.post("/nowhere", "{}"))
            #expect(await server.statistics() == CMSMockStatistics(received: 5, unauthorized: 1, invalid: 1, served: 2))
        }
    }

    @Test func concurrentRequestsAreAllServedAndCounted() async throws {
        try await Self.withServer { server, url in
            let transport = Self.transport(url)
            let expected = try Self.documentedResponse(Self.detailPath)
            let statuses = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let body = index % 4 == 0 ? #"{"ccId":0,"vdn":1,"callId":"x"}"# : Self.seedBody
                        let response = try await transport.send(Self.post(Self.detailPath, body))
                        return index % 4 == 0 ? (try Self.envelope(response)["resultCode"] == "0100002") : response.body == expected
                    }
                }
                var results: [Bool] = []
                for try await result in group { results.append(result) }
                return results
            }
            #expect(statuses.count == 40 && statuses.allSatisfy { $0 })
            #expect(await server.statistics() == CMSMockStatistics(received: 40, unauthorized: 0, invalid: 10, served: 30))
        }
    }

    @Test func pathParametersMatchAnySegmentAndQueryIsSigned() async throws {
        // A schema of one GET interface with a `{vdn}` segment, as some CC-CMS pages document.
        let location = SourceLocation(file: "synthetic.html", line: 1)
        let interface = Interface(
            title: "Synthetic", method: "GET", path: "/rest/cmsapp/v1/openapi/configures/calledconfigs/{ccId}/{vdn}",
            pathParameters: [
                Field(name: "ccId", type: FieldType(kind: .integer, raw: "Integer"), requirement: .required, constraints: Constraints(minimum: 1, maximum: 65535), location: location),
                Field(name: "vdn", type: FieldType(kind: .integer, raw: "Integer"), requirement: .required, location: location),
            ],
            examples: [Example(role: .response, text: #"{"resultCode":"0100000","resultDesc":[]}"#, json: .object(["resultCode": .string("0100000"), "resultDesc": .array([])]), location: location)],
            location: location
        )
        try await Self.withServer(SchemaDocument(interfaces: [interface])) { _, url in
            let transport = Self.transport(url)
            var request = CMSHTTPRequest(method: "GET", path: "/rest/cmsapp/v1/openapi/configures/calledconfigs/1/170", query: [("a", ""), ("b", "x y")])
            let served = try await transport.send(request)
            #expect(served.status == 200)
            #expect(String(decoding: served.body, as: UTF8.self) == #"{"resultCode":"0100000","resultDesc":[]}"#)
            request.path = "/rest/cmsapp/v1/openapi/configures/calledconfigs/0/170"
            // The interface documents no result code: a broken rule is an HTTP 400.
            let invalid = try await transport.send(request)
            #expect(invalid.status == 400)
            #expect(try Self.envelope(invalid)["error_msg"] == "Invalid parameter: {ccId}: must be between 1 and 65535, got 0")
            request.path = "/rest/cmsapp/v1/openapi/configures/calledconfigs/1"
            #expect(try await transport.send(request).status == 404)
        }
    }

    @Test func stopsAndStartsAgain() async throws {
        let server = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(credentials: Self.credentials))
        let first = try await server.start()
        #expect(try await server.start() == first)
        #expect(try await Self.transport(first).send(Self.post(Self.detailPath, Self.seedBody)).status == 200)
        await server.stop()
        await #expect(throws: (any Error).self) {
            _ = try await CMSURLSessionTransport(baseURL: first, timeout: 5).send(Self.post(Self.detailPath, Self.seedBody))
        }
        await server.stop()
        let second = try await server.start()
        #expect(await server.statistics() == CMSMockStatistics())
        #expect(try await Self.transport(second).send(Self.post(Self.detailPath, Self.seedBody)).status == 200)
        #expect(await server.statistics().served == 1)
        await server.stop()
    }

    @Test func busyPortFailsToStart() async throws {
        let server = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(credentials: Self.credentials))
        let url = try await server.start()
        let clash = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(port: try #require(url.port), credentials: Self.credentials))
        await #expect(throws: (any Error).self) { _ = try await clash.start() }
        await server.stop()
    }

    @Test func tlsConfigurationServesHTTPS() async throws {
        guard let (certificate, key) = try Self.selfSignedCertificate() else { return }
        let tls = CMSMockTLS(certificatePath: certificate.path, privateKeyPath: key.path)
        let server = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(credentials: Self.credentials, tls: tls))
        let url = try await server.start()
        #expect(url.absoluteString.hasPrefix("https://127.0.0.1:"))
        await server.stop()
        let missing = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(
            credentials: Self.credentials, tls: CMSMockTLS(certificatePath: "/nonexistent/cert.pem", privateKeyPath: key.path)
        ))
        await #expect(throws: CMSMockError.self) { _ = try await missing.start() }
    }

    // MARK: The validator by itself

    static func violations(_ path: String, _ body: String) throws -> [String] {
        CMSMockRequestValidator.violations(of: Data(body.utf8), for: try interface(path)).map(\.description)
    }

    @Test func validatorAcceptsTheDocumentedRequestExamples() throws {
        for interface in Self.schema.interfaces {
            for example in interface.examples where example.role == .request && example.json != nil {
                let found = CMSMockRequestValidator.violations(of: Data(example.text.utf8), for: interface)
                #expect(found.isEmpty, "\(interface.path): \(found)")
            }
        }
    }

    @Test func validatorRequiredTypesRangesAndLengths() throws {
        let path = Self.detailPath
        #expect(try Self.violations(path, Self.seedBody) == [])
        #expect(try Self.violations(path, #"{"ccId":"5","vdn":1.0,"callId":"x"}"#) == [], "numeric strings and integral numbers are integers")
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1}"#) == ["callId: is required"])
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"callId":null}"#) == ["callId: is required"])
        #expect(try Self.violations(path, #"{"ccId":"abc","vdn":true,"callId":7}"#) == [
            #"ccId: must be an integer, got string "abc""#, "vdn: must be an integer, got boolean true", "callId: must be a string, got integer 7",
        ])
        #expect(try Self.violations(path, #"{"ccId":65536,"vdn":1,"callId":"x"}"#) == ["ccId: must be between 1 and 65535, got 65536"])
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"callId":"座席座席座席座席座席座席座席座席座席座席"}"#) == [], "20 characters, 60 bytes")
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"callId":"123456789012345678901"}"#) == ["callId: must have at most 20 characters, got 21"])
        // Beyond 64 bits is not an integer, not even -2^63 - 1, which a double rounds to -2^63 (schemathesis found it).
        let unbounded = "/rest/cmsapp/v1/openapi/rindex/vdn"
        #expect(try Self.violations(unbounded, #"{"ccId":-9223372036854775809,"indexIds":["IDX_COUNT_VDN_REAL_QUEUE"],"vdnIds":[170]}"#)
            == ["ccId: must be an integer, got number -9.223372036854776e+18"])
        #expect(try Self.violations(unbounded, #"{"ccId":-9223372036854775808,"indexIds":["IDX_COUNT_VDN_REAL_QUEUE"],"vdnIds":[170]}"#) == [])
        #expect(try Self.violations(path, "[1]") == ["body: must be a JSON object, got array of 1 element"])
        #expect(try Self.violations(path, "")  == ["body: is empty, expected a JSON object"])
        #expect(try Self.violations(path, "{\"ccId\":1,").first?.hasPrefix("body: is not valid JSON") == true)
    }

    @Test func validatorDisjointRanges() throws {
        let path = "/rest/cmsapp/v1/openapi/agent/agentbyworkno"
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"agentId":70000}"#) == [])
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"agentId":60000}"#) == ["agentId: must be in 101…59999 or 70000…999999, got 60000"])
    }

    @Test func validatorListsItemsAndCounts() throws {
        let path = "/rest/cmsapp/v1/openapi/agentgroup/rindex"
        let hundredAndOne = "[" + (0..<101).map { _ in "101" }.joined(separator: ",") + "]"
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"agentIds":[101,102],"indexIds":["IDX_COUNT_AGENT_STATUS"]}"#) == [])
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"agentIds":\#(hundredAndOne),"indexIds":["a"]}"#) == ["agentIds: must have at most 100 elements, got 101"])
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"agentIds":[101,"x",50],"indexIds":["a","b","c","d","e"]}"#) == [
            #"agentIds[1]: must be an integer, got string "x""#,
            "agentIds[2]: must be between 101 and 59999, got 50",
            "indexIds: must have at most 4 elements, got 5",
        ])
        #expect(try Self.violations(path, #"{"ccId":1,"vdn":1,"agentIds":101,"indexIds":[1]}"#) == [
            "agentIds: must be an array, got integer 101", "indexIds[0]: must be a string, got integer 1",
        ])
    }

    @Test func validatorClosedEnumerations() throws {
        let byId = "/rest/cmsapp/v1/openapi/calldata/querycalldetailbyid"
        #expect(try Self.violations(byId, #"{"ccId":1,"isCallin":"true","callId":"1"}"#) == [])
        #expect(try Self.violations(byId, #"{"ccId":1,"isCallin":"maybe","callId":"1"}"#) == ["isCallin: must be one of true, false, got maybe"])
        let vdn = "/rest/cmsapp/v1/openapi/hisindex/vdn"
        #expect(try Self.violations(vdn, #"{"vdnIds":[1],"indexIds":["a"],"timeGrain":"15MIN","anonyCall":"1"}"#) == [])
        #expect(try Self.violations(vdn, #"{"vdnIds":[1],"indexIds":["a"],"timeGrain":"5MIN","anonyCall":2}"#) == [
            "timeGrain: must be one of 15MIN, 30MIN, 60MIN, got 5MIN", "anonyCall: must be one of 1, 0, got 2",
        ])
    }

    @Test func validatorWrapper() throws {
        let path = "/rest/cmsapp/v1/openapi/agentgroup/agentbyconfigedskill"
        #expect(try Self.violations(path, #"{"queryParam":{"ccId":1,"vdn":1,"skillId":1}}"#) == [])
        #expect(try Self.violations(path, #"{"queryParam":{"ccId":1,"vdn":1}}"#) == ["skillId: is required"])
        #expect(try Self.violations(path, #"{"queryParam":[]}"#) == ["queryParam: must be an object, got array of 0 elements"])
        // A body without a documented request accepts anything.
        var bare = try Self.interface(path)
        bare.request = nil
        #expect(CMSMockRequestValidator.violations(of: Data("not json".utf8), for: bare).isEmpty)
    }

    @Test func validatorNestedObjectsArraysAndFixedValues() {
        let location = SourceLocation(file: "synthetic.html", line: 1)
        var objects: [ObjectType] = []
        func field(_ name: String, _ kind: FieldType.Kind, element: FieldType.Kind? = nil, _ requirement: Requirement = .required,
                   _ constraints: Constraints = Constraints(), fields: [Field] = []) -> Field {
            var field = Field(name: name, type: FieldType(kind: kind, element: element, raw: kind.rawValue), requirement: requirement,
                              constraints: constraints, location: location)
            if !fields.isEmpty {
                field.object = "Parameters of \(name)"
                objects.append(ObjectType(id: "Parameters of \(name)", table: "Parameters of \(name)", fields: fields, location: location))
            }
            return field
        }
        let body = Body(table: nil, fields: [
            field("version", .string, .optional, Constraints(fixedValue: "v2")),
            field("filter", .object, fields: [
                field("skillId", .integer, .required, Constraints(minimum: 1, maximum: 2000)),
                field("names", .array, element: .string, .optional, Constraints(items: ItemConstraints(maxLength: 3))),
            ]),
            field("agents", .array, .optional, Constraints(minItems: 1), fields: [
                field("workNo", .long, .required, Constraints(minimum: 101)),
                field("ratio", .number, .optional, Constraints(maximum: 1)),
                field("busy", .boolean, .optional),
            ]),
        ], location: location)
        let interface = Interface(title: "Synthetic", method: "POST", path: "/synthetic", request: body, objects: objects, location: location)
        func check(_ json: String) -> [String] {
            CMSMockRequestValidator.violations(of: Data(json.utf8), for: interface).map(\.description)
        }
        #expect(check(#"{"version":"v2","filter":{"skillId":1,"names":["abc"]},"agents":[{"workNo":101,"ratio":0.5,"busy":"true"}]}"#) == [])
        #expect(check(#"{"filter":{}}"#) == ["filter.skillId: is required"])
        #expect(check(#"{"version":"v1","filter":{"skillId":0,"names":["abcd"]},"agents":[]}"#) == [
            #"version: must be "v2", got "v1""#,
            "filter.skillId: must be between 1 and 2000, got 0",
            "filter.names[0]: must have at most 3 characters, got 4",
            "agents: must have at least 1 elements, got 0",
        ])
        #expect(check(#"{"filter":{"skillId":1},"agents":[{"workNo":101},{"workNo":100,"ratio":1.5,"busy":"perhaps"},7]}"#) == [
            "agents[1].workNo: must be at least 101, got 100",
            "agents[1].ratio: must be at most 1, got 1.5",
            #"agents[1].busy: must be a boolean, got string "perhaps""#,
            "agents[2]: must be an object, got integer 7",
        ])
    }

    // MARK: The executable

    /// The `cmsmock` executable of the same build as this test binary.
    static func cmsmock() throws -> URL {
        let url = try CommandRunner.cmsgen().deletingLastPathComponent().appendingPathComponent("cmsmock")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "no cmsmock next to cmsgen at \(url.path)")
        return url
    }

    /// A running `cmsmock`, its stdout read line by line with a deadline.
    final class RunningMock: @unchecked Sendable {
        let process = Process()
        let stdout = Pipe()
        let stderr: URL
        private var buffer = Data()

        /// Runs `cmsmock` with `arguments`, and `environment` over this process's (without the mock's own variables);
        /// through `launcher` when given (a command that execs the rest of its arguments, such as `prlimit`).
        init(arguments: [String], environment: [String: String] = [:], launcher: [String] = []) throws {
            stderr = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmsmock-stderr-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
            let cmsmock = try MockServerTests.cmsmock()
            process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? cmsmock
            process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [cmsmock.path] + arguments
            var inherited = ProcessInfo.processInfo.environment
            for name in ["CMSMOCK_SK", "CMSMOCK_TOKENS"] { inherited[name] = nil }
            process.environment = inherited.merging(environment) { $1 }
            process.currentDirectoryURL = URL(fileURLWithPath: TestSupport.packageRoot)
            process.standardOutput = stdout
            process.standardError = try FileHandle(forWritingTo: stderr)
            try process.run()
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: stderr)
        }

        var errorOutput: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

        /// The next line of stdout, or nil at the deadline or at end of file. (Read on a thread of its own: see
        /// `ChildProcess`. One test at a time reads a mock.)
        func readLine(timeout: TimeInterval) async -> String? {
            (try? await TestSupport.offPool { self.readLineBlocking(timeout: timeout) }) ?? nil
        }

        private func readLineBlocking(timeout: TimeInterval) -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            let descriptor = stdout.fileHandleForReading.fileDescriptor
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    return line
                }
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { return nil }
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&request, 1, Int32(min(remaining, 1) * 1000))
                guard ready > 0 else { continue }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = read(descriptor, &chunk, chunk.count)
                if count <= 0 { return nil }
                buffer.append(contentsOf: chunk[0..<count])
            }
        }

        /// Sends `signal` and waits for the exit; nil when it does not exit in time.
        func stop(signal: Int32 = SIGTERM, timeout: TimeInterval) async -> (status: Int32, reason: Process.TerminationReason)? {
            kill(process.processIdentifier, signal)
            return await waitForExit(timeout: timeout)
        }

        /// Waits for the exit; nil when it does not exit in time.
        func waitForExit(timeout: TimeInterval) async -> (status: Int32, reason: Process.TerminationReason)? {
            let exited = (try? await TestSupport.offPool {
                let deadline = Date().addingTimeInterval(timeout)
                while self.process.isRunning && Date() < deadline { usleep(20_000) }
                return !self.process.isRunning
            }) ?? false
            guard exited else { return nil }
            return (process.terminationStatus, process.terminationReason)
        }
    }

    @Test func executableServesWithDefaultCredentialsAndStopsOnSIGTERM() async throws {
        let mock = try RunningMock(arguments: ["--specs", "specs", "--port", "0"])
        let line = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
        #expect(line.hasPrefix("cmsmock listening on http://127.0.0.1:"))
        let url = try #require(URL(string: String(line.dropFirst("cmsmock listening on ".count))))
        let defaults = CMSCredentials(accessKey: "cmsmock-ak", secretKey: "cmsmock-sk")
        let response = try await Self.transport(url, credentials: defaults).send(Self.post(Self.detailPath, Self.seedBody))
        #expect(response.status == 200)
        #expect(response.body == (try Self.documentedResponse(Self.detailPath)))
        #expect(mock.errorOutput.contains("cmsmock-ak"), "a note says the default credentials are in use")
        let exit = try #require(await mock.stop(timeout: 60), "cmsmock did not exit within 60 s of SIGTERM")
        #expect(exit.reason == .exit && exit.status == 0)
        #expect(await mock.readLine(timeout: 1) == nil, "exactly one line on stdout")
    }

    @Test func executableStopsOnSIGINTAndTakesCredentials() async throws {
        let mock = try RunningMock(arguments: ["--specs", "specs", "--port", "0", "--ak", "other-ak", "--sk", "other-sk", "--time-window", "60"])
        let line = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
        let url = try #require(URL(string: String(line.dropFirst("cmsmock listening on ".count))))
        let response = try await Self.transport(url, credentials: CMSCredentials(accessKey: "other-ak", secretKey: "other-sk")).send(Self.post(Self.detailPath, Self.seedBody))
        #expect(response.status == 200)
        let skewed = Date().addingTimeInterval(-120)
        let late = try await Self.transport(url, credentials: CMSCredentials(accessKey: "other-ak", secretKey: "other-sk"), now: { skewed })
            .send(Self.post(Self.detailPath, Self.seedBody))
        #expect(late.status == 401)
        #expect(!mock.errorOutput.contains("default credentials"))
        let exit = try #require(await mock.stop(signal: SIGINT, timeout: 60), "cmsmock did not exit within 60 s of SIGINT")
        #expect(exit.reason == .exit && exit.status == 0)
    }

    /// cmsmock raises its open-file limit to the hard limit: started with a soft limit of 256, it can still hold the
    /// connections `--max-connections` allows.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func executableRaisesItsOpenFileLimit() async throws {
        let mock = try RunningMock(arguments: ["--specs", "specs", "--port", "0"], launcher: ["/usr/bin/prlimit", "--nofile=256:"])
        _ = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
        let limits = try String(contentsOfFile: "/proc/\(mock.process.processIdentifier)/limits", encoding: .utf8)
        let line = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.count == 2 && numbers[0] == numbers[1] && numbers[0] > 256, "\(line)")
        _ = await mock.stop(timeout: 60)
    }

    /// What `ps` shows of a process: its command line.
    static func commandLine(of pid: Int32) -> String {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The secret key can stay out of `ps`: the first line of `--sk-file`, or `CMSMOCK_SK`; and so can the tokens: the
    /// lines of `--token-file`.
    @Test func executableTakesSecretsFromAFileOrTheEnvironment() async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmsmock-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let skFile = directory.appendingPathComponent("sk")
        try Data("file-sk\nnot the key\n".utf8).write(to: skFile)
        let cases: [(arguments: [String], environment: [String: String], credentials: CMSCredentials)] = [
            (["--ak", "file-ak", "--sk-file", skFile.path], [:], CMSCredentials(accessKey: "file-ak", secretKey: "file-sk")),
            (["--ak", "env-ak"], ["CMSMOCK_SK": "env-sk"], CMSCredentials(accessKey: "env-ak", secretKey: "env-sk")),
        ]
        for (arguments, environment, credentials) in cases {
            let mock = try RunningMock(arguments: ["--specs", "specs", "--port", "0"] + arguments, environment: environment)
            let line = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
            let url = try #require(URL(string: String(line.dropFirst("cmsmock listening on ".count))))
            let response = try await Self.transport(url, credentials: credentials).send(Self.post(Self.detailPath, Self.seedBody))
            #expect(response.status == 200, "\(arguments) \(environment)")
            let shown = Self.commandLine(of: mock.process.processIdentifier)
            #expect(shown.contains("--specs") && !shown.contains(credentials.secretKey), "\(shown)")
            #expect(!mock.errorOutput.contains("default credentials"))
            _ = await mock.stop(timeout: 60)
        }

        let tokenFile = directory.appendingPathComponent("tokens")
        try Data("first-token\r\n\n  second-token  \n".utf8).write(to: tokenFile)
        let mock = try RunningMock(arguments: ["--specs", "Tests/Cloud/specs", "--port", "0", "--token-file", tokenFile.path])
        let line = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
        let url = try #require(URL(string: String(line.dropFirst("cmsmock listening on ".count))))
        let transport = CMSURLSessionTransport(baseURL: url, timeout: 60)
        for (token, accepted) in [("first-token", true), ("second-token", true), ("another-token", false)] {
            let request = CMSHTTPRequest(method: "GET", path: "/v3/0b1e2d3c4f5a6b7c8d9e0f1a2b3c4d5e/widgets", headers: ["X-Auth-Token": token])
            let status = try await transport.send(request).status
            #expect((status != 401) == accepted, "\(token): \(status)")
        }
        let shown = Self.commandLine(of: mock.process.processIdentifier)
        #expect(shown.contains("--token-file") && !shown.contains("first-token"), "\(shown)")
        _ = await mock.stop(timeout: 60)
    }

    /// A secret given two ways, or in a file that cannot be read, stops `cmsmock` with a message that says so.
    @Test func executableRefusesASecretGivenTwoWaysOrUnreadable() async throws {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmsmock-secret-\(UUID().uuidString)")
        try Data("a-secret\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--ak", "a", "--sk", "s", "--sk-file", file.path], [:], "both --sk and --sk-file give the secret key; use only one of them"),
            (["--ak", "a", "--sk", "s"], ["CMSMOCK_SK": "t"], "both --sk and CMSMOCK_SK give the secret key; use only one of them"),
            (["--ak", "a", "--sk", "s", "--sk-file", file.path], ["CMSMOCK_SK": "t"], "--sk, --sk-file and CMSMOCK_SK all give the secret key"),
            (["--ak", "a", "--sk-file", "/nonexistent/cmsmock-sk"], [:], "cannot read --sk-file /nonexistent/cmsmock-sk"),
            (["--ak", "a"], ["CMSMOCK_SK": ""], "CMSMOCK_SK is set but gives nothing for the secret key"),
            (["--token", "t", "--token-file", file.path], [:], "both --token and --token-file give the tokens; use only one of them"),
            (["--sk-file", file.path], [:], "--ak and the secret key (--sk, --sk-file or CMSMOCK_SK) go together"),
        ]
        for (arguments, environment, message) in cases {
            let mock = try RunningMock(arguments: ["--specs", "specs", "--port", "0"] + arguments, environment: environment)
            let exit = try #require(await mock.waitForExit(timeout: 30), "cmsmock \(arguments) did not stop")
            #expect(exit.status != 0, "\(arguments)")
            #expect(mock.errorOutput.contains(message), "\(arguments): \(mock.errorOutput)")
        }
    }

    @Test func executableFailsOnPagesWithErrors() async throws {
        let mock = try RunningMock(arguments: ["--specs", "/nonexistent-specs-folder", "--port", "0"])
        let exit = try #require(await mock.waitForExit(timeout: 30))
        #expect(exit.status == 1)
        #expect(mock.errorOutput.contains("/nonexistent-specs-folder:1:1: error: no such file or folder"))
    }

    @Test func executableServesHTTPSWithTLSFlags() async throws {
        guard let (certificate, key) = try Self.selfSignedCertificate() else { return }
        let mock = try RunningMock(arguments: ["--specs", "specs", "--port", "0", "--tls-cert", certificate.path, "--tls-key", key.path])
        let line = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
        #expect(line.hasPrefix("cmsmock listening on https://127.0.0.1:"))
        let exit = try #require(await mock.stop(timeout: 60))
        #expect(exit.reason == .exit && exit.status == 0)
    }

    /// A self-signed certificate for 127.0.0.1 made with `openssl`, or nil (test skipped) when there is no openssl.
    static func selfSignedCertificate() throws -> (certificate: URL, key: URL)? {
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let openssl else { return nil }
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmsmock-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem"), key = directory.appendingPathComponent("key.pem")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                             "-days", "1", "-keyout", key.path, "-out", certificate.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl req failed")
        return (certificate, key)
    }
}
