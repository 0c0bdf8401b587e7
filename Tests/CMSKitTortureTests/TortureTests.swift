import CMSExtraction
@_spi(Testing) import CMSKitTorture
import CMSMock
import CMSRuntime
import CMSSchema
import Foundation
import Testing

/// The client generated from the torture corpus (`Tests/Torture/specs`, pages written to break generators): it
/// builds with warnings as errors (the target's setting), and here it is shown to send what the pages define.
@Suite struct TortureTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let result = SchemaBuilder.build(paths: ["Tests/Torture/specs"], relativeTo: root)
    static var schema: SchemaDocument { result.schema }

    static func interface(_ method: String, _ tail: String) throws -> Interface {
        try #require(schema.interfaces.first { $0.method == method && $0.path.hasSuffix("/" + tail) }, "no \(method) …/\(tail)")
    }

    static func body(_ request: CMSHTTPRequest) -> String { String(decoding: request.body, as: UTF8.self) }

    static func sortedJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func everyPageGeneratesWithoutAnError() {
        #expect(!Self.result.hasErrors, "\(Self.result.diagnostics.filter { $0.severity == .error })")
        let paths = Set(Self.schema.interfaces.map { "\($0.method) \($0.path)" })
        #expect(Set(CMSOperations.all.map { "\($0.method) \($0.path)" }) == paths, "one operation per interface")
    }

    // MARK: Requests as the pages define them

    /// auth.md's third vector, end to end: the generated client signs `GET …/calledconfigs/1/170?a=&b=x y` with no body
    /// line, byte for byte as the vector, and the local CC-CMS verifies it and answers.
    @Test func authVectorThreeEndToEnd() async throws {
        let vectorDate = try #require(CMSC2Signer.date(fromTimestamp: "2024-10-31T14:06:52Z"))
        let credentials = CMSCredentials(accessKey: "globalaktest", secretKey: "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")
        let server = CMSMockServer(schema: Self.schema, configuration: CMSMockConfiguration(
            credentials: credentials, signedHost: "10.22.26.181:28080", now: { vectorDate }
        ))
        let url = try await server.start()
        let recorder = RecordingTransport(upstream: CMSURLSessionTransport(baseURL: url))
        let client = CMSClient(
            configuration: CMSConfiguration(baseURL: URL(string: "https://10.22.26.181:28080")!, credentials: credentials, now: { vectorDate }),
            transport: recorder
        )
        let response = try await client.getConfiguresCalledConfig(ccId: 1, vdn: 170, a: "", b: "x y")
        #expect(response.resultCode == .init(rawValue: "0100000"))
        let sent = try #require(await recorder.requests.first)
        #expect(sent.method == "GET")
        #expect(sent.path == "/rest/cmsapp/v1/openapi/configures/calledconfigs/1/170")
        #expect(sent.query.map { "\($0.name)=\($0.value)" } == ["a=", "b=x y"])
        #expect(sent.body.isEmpty, "a GET sends no body")
        #expect(sent.headers["Authorization"] == "auth-v2/globalaktest/2024-10-31T14:06:52Z/host/0e8c1a67e40a4a040a46913aa70bb597aae1485646c24e5ac2ee417efbe2a759")
        #expect(CMSC2Signer.canonicalRequest(sent, host: "10.22.26.181:28080", signedHeaderNames: ["host"])
            == "GET\n/rest/cmsapp/v1/openapi/configures/calledconfigs/1/170\na=&b=x%20y\nhost\nhost:10.22.26.181%3A28080\n")
        #expect(await server.statistics() == CMSMockStatistics(received: 1, unauthorized: 0, invalid: 0, served: 1))
        await server.stop()
    }

    @Test func bodilessRequestsSendNoBody() throws {
        let agents = try GetTortureAgent.Request().makeHTTPRequest(ccId: 1, vdn: 170)
        #expect(agents.method == "GET")
        #expect(agents.path == "/rest/cmsapp/v1/openapi/torture/agents/1/170")
        #expect(agents.body.isEmpty)
        let empty = try TortureEmptyBody.Request().makeHTTPRequest()
        #expect(empty.method == "POST", "a POST whose body table has no row")
        #expect(empty.body.isEmpty)
        #expect(empty.headers == ["Content-Type": "application/json; charset=UTF-8"], "the header table's fixed fields, nothing more")
    }

    @Test func pathParametersAreEncodedAndValidatedUnderTheirWireNames() throws {
        do {
            _ = try GetTortureAgent.Request().makeHTTPRequest(ccId: 0, vdn: 170)
            Issue.record("an out-of-range path parameter was accepted")
        } catch {
            guard case .invalidRequest(let violations) = error else { Issue.record("\(error)"); return }
            #expect(violations.violations.map(\.description) == ["{ccId}: must be between 1 and 65535, got 0"])
        }
        let request = try GetTortureKeywordParam.Request().makeHTTPRequest(
            class: 1, default: 2, request: "a/b c", validationValue: "v", validator: 101, body: 10, path: "p?"
        )
        #expect(request.path == "/rest/cmsapp/v1/openapi/torture/keywordparams/1/2/a%2Fb%20c/v/101/10/p%3F",
                "each keyword-named parameter fills its own segment; {body} is the argument, not the request body")
    }

    @Test func queryParametersFromTablesAndURLs() throws {
        let table = try GetTortureQueryParams.Request().makeHTTPRequest(agentId: 101, keyword: "vip")
        #expect(table.query.map { "\($0.name)=\($0.value)" } == ["agentId=101", "keyword=vip"], "absent optional parameters are left out")
        let url = try GetTortureUrlQuery.Request().makeHTTPRequest(limit: 10)
        #expect(url.query.map(\.name) == ["limit"])
        let fixed = try GetTortureFixedQuery.Request().makeHTTPRequest(page: 3)
        #expect(fixed.query.map { "\($0.name)=\($0.value)" } == ["version=2", "page=3"], "the URL's fixed value is always sent")
        do {
            _ = try GetTortureUrlQuery.Request().makeHTTPRequest(limit: 1000)
            Issue.record("an out-of-range query parameter was accepted")
        } catch {
            guard case .invalidRequest(let violations) = error else { Issue.record("\(error)"); return }
            #expect(violations.violations.map(\.description) == ["?limit: must be between 1 and 100, got 1000"])
        }
    }

    @Test func pathsWrittenInQuotesBracketsOrWithCodeAreData() throws {
        let paths = Dictionary(uniqueKeysWithValues: CMSOperations.all.map { ($0.name, $0.path) })
        #expect(paths["tortureQuoted"] == "/rest/cmsapp/v1/openapi/torture/quoted")
        #expect(paths["tortureBracketed"] == "/rest/cmsapp/v1/openapi/torture/bracketed")
        #expect(paths["tortureSquareBracketed"] == "/rest/cmsapp/v1/openapi/torture/squarebracketed")
        #expect(paths["tortureAngleBracketed"] == "/rest/cmsapp/v1/openapi/torture/anglebracketed")
        #expect(paths["tortureInjectPrintInjected"] == "/rest/cmsapp/v1/openapi/torture/inject%5C(print(%22INJECTED%22))")
        #expect(paths["tortureUnicodeU41"] == "/rest/cmsapp/v1/openapi/torture/unicode%5Cu%7B41%7D")
        #expect(paths["tortureQuoteMark"] == "/rest/cmsapp/v1/openapi/torture/quote%22mark")
        #expect(paths["tortureBackSlash"] == "/rest/cmsapp/v1/openapi/torture/back%5Cslash")
        let injected = try TortureInjectPrintInjected.Request(ccId: 1).makeHTTPRequest()
        #expect(injected.path == "/rest/cmsapp/v1/openapi/torture/inject%5C(print(%22INJECTED%22))")
        // A wire name that looks like a Swift escape is sent as written, not as "aA".
        let escaped = try TortureUnicodeU41.Request(ccId: 1, aU41: "x").makeHTTPRequest()
        #expect(Self.body(escaped) == #"{"a\\u{41}":"x","ccId":1}"#)
    }

    // MARK: Names that are keywords or the generator's own

    @Test func keywordAndGeneratorNamedFieldsKeepTheirWireNames() throws {
        let json = """
        {"CodingKeys":"k","Type":2,"any":{"any":1},"body":"b","class":3,"container":"box","core":5,"data":{"data":"d","self":"s"},\
        "decoder":"de","default":"x","description":"desc","encoder":"en","explicitNulls":true,"hashValue":4,"init":true,"inout":6,\
        "mode":"strict","path":"p","problems":3,"rawValue":"r","request":"rq","response":"rs","return":"rt","self":"me","string":{"string":"s"},\
        "stringValue":"sv","validation":"va","validator":"vr"}
        """
        let request = try JSONDecoder().decode(TortureKeywords.Request.self, from: Data(json.utf8))
        #expect(request.default == "x")
        #expect(request.selfValue == "me")
        #expect(request.type == 2)
        #expect(request.initValue == true)
        #expect(request.path == "p", "a field named path is the field, not the validation path")
        #expect(request.container == "box" && request.problems == 3 && request.explicitNulls == true && request.codingKeys == "k")
        #expect(request.data?.selfValue == "s")
        #expect(try Self.sortedJSON(request) == json, "every wire name is sent as the page writes it")
        let sent = try request.makeHTTPRequest()
        #expect(Self.body(sent) == json)
    }

    @Test func enumerationValuesThatAreHardToName() throws {
        #expect(TortureEnums.Request.Code(rawValue: "1a") == .firstVariant)
        #expect(TortureEnums.Request.State(rawValue: "unknown") == .unknownValue, "a documented value named unknown is not the catch-all")
        #expect(TortureEnums.Request.State(rawValue: "sleeping") == .unknown("sleeping"))
        #expect(TortureEnums.Request.Level.documentedValues == [1], "1, 01 and +1 are one value")
        #expect(TortureEnums.Request.Level(rawValue: 1) == .levelOne)
        #expect(TortureEnums.Request.Grade(rawValue: "A") != TortureEnums.Request.Grade(rawValue: "a"))
        #expect(TortureEnums.Request.Route(rawValue: "self") == .selfValue)
        #expect(TortureEnums.Request.Route.default.rawValue == "default")
    }

    // MARK: Shapes

    @Test func referencesBetweenTablesStayLinear() throws {
        let clique = try Self.interface("POST", "clique")
        #expect(clique.objects.count == 10, "ten tables, read once each")
        let length = try SchemaJSON.encode(clique).count
        let page = try #require(FileManager.default.contents(atPath: Self.root + "/Tests/Torture/specs/torture-clique.html")).count
        #expect(length < page * 4, "schema \(length) bytes for a page of \(page)")
        let selfReference = try Self.interface("GET", "selfref/{unitId}")
        #expect(selfReference.objects.allSatisfy { object in object.fields.allSatisfy { $0.object != object.id } }, "a table never contains itself")
        let cut = selfReference.objects.flatMap(\.fields).filter { $0.recursiveReference != nil }
        #expect(Set(cut.map(\.name)) == ["children", "parent"])
    }

    @Test func responsesWithoutATableAreUntypedJSON() throws {
        let bare = try JSONDecoder().decode(TortureBareArray.Response.self, from: Data("[101, 102, 205]".utf8))
        #expect(bare == .array([.integer(101), .integer(102), .integer(205)]))
        let primitive = try JSONDecoder().decode(TorturePrimitiveArray.Response.self, from: Data(#"{"resultCode":"0100000","resultDesc":["a","b"],"waiting":[1,2]}"#.utf8))
        #expect(primitive.resultDesc == ["a", "b"])
        #expect(primitive.waiting == [1, 2])
    }

    @Test func withoutAnErrorCodePageTheMeaningsAreEmpty() {
        #expect(CMSResultCodes.meanings.isEmpty)
    }

    @Test func namesThatCollideStayApart() throws {
        let names = CMSOperations.all.filter { $0.path.hasSuffix("/query_status") || $0.path.hasSuffix("/queryStatus") }
        #expect(Set(names.map(\.name)) == ["tortureQueryStatus", "tortureQueryStatus2"])
        let both = CMSOperations.all.filter { $0.path.hasSuffix("/bothmethods/{ccId}") }
        #expect(Set(both.map(\.name)) == ["tortureBothMethods", "getTortureBothMethod"])
        let same = try GetTortureSame.Request().makeHTTPRequest(agentId: 101, agentId2: 102)
        #expect(same.path == "/rest/cmsapp/v1/openapi/torture/same/101/102", "{agent_id} and {agentId} are two parameters")
        let twice = try GetTortureTwice.Request().makeHTTPRequest(id: 7)
        #expect(twice.path == "/rest/cmsapp/v1/openapi/torture/twice/7/7", "{id} named twice is one parameter")
    }

    // MARK: Every documented example, through the generated types and against the local CC-CMS

    /// Every documented example decodes into its generated type and re-encodes to equal JSON.
    @Test func documentedExamplesRoundTrip() throws {
        for operation in CMSOperations.all {
            let interface = try #require(Self.schema.interfaces.first { $0.method == operation.method && $0.path == operation.path })
            for example in interface.examples {
                guard let json = example.json else { continue }
                let type: any Decodable.Type = example.role == .response ? operation.responseType : operation.requestType
                guard example.role != .requestHeaders, example.role == .response || interface.hasRequestBody else { continue }
                var input = json
                if example.role == .request, let wrapper = operation.requestWrapper, case .object(let members) = json, let inner = members[wrapper] { input = inner }
                let data = try JSONEncoder().encode(input)
                do {
                    let decoded = try JSONDecoder().decode(type, from: data)
                    guard let encodable = decoded as? any Encodable else { continue }
                    let again = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(encodable))
                    #expect(again == input, "\(operation.name) \(example.role.phrase) example does not round-trip")
                } catch {
                    Issue.record("\(operation.name): the \(example.role.phrase) example does not decode: \(error)")
                }
            }
        }
    }
}

/// Records what reaches it (after signing), then sends it on.
actor RecordingTransport: CMSTransport {
    let upstream: any CMSTransport
    private(set) var requests: [CMSHTTPRequest] = []

    init(upstream: any CMSTransport) { self.upstream = upstream }

    func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        requests.append(request)
        return try await upstream.send(request)
    }
}
