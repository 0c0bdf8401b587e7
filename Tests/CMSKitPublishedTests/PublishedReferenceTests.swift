import CMSExtraction
import CMSGenerator
@_spi(Testing) import CMSKitGizmo
@_spi(Testing) import CMSKitWallboard
import CMSMock
import CMSRuntime
import CMSSchema
import Foundation
import Testing

/// Two references of our own, as a maintainer downloads them: every page of a service, interface pages mixed with
/// overviews, permission matrices, appendices and fragments (`Tests/Published/cloud`, the second layout;
/// `Tests/Published/cms`, the CC-CMS layout). Each page's kind, the interfaces and what the appendices and fragments
/// give are written by hand in the folder (`expected-pages.txt`, `expected-interfaces.txt`, `README.md`). The clients
/// generated from them (`CMSKitGizmo`, `CMSKitWallboard`, with client names of their own) are called against local
/// servers built from the same folders, signed as each page says.
@Suite struct PublishedReferenceTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let cloudFolder = "Tests/Published/cloud"
    static let cmsFolder = "Tests/Published/cms"
    static let cloud = SchemaBuilder.build(paths: [cloudFolder], relativeTo: root)
    static let cms = SchemaBuilder.build(paths: [cmsFolder], relativeTo: root)

    static func result(_ folder: String) -> SchemaBuilder.Result { folder == cloudFolder ? cloud : cms }

    static func lines(_ folder: String, _ file: String) throws -> [String] {
        try String(contentsOfFile: "\(root)/\(folder)/\(file)", encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    // MARK: - Every page understood

    @Test(arguments: [cloudFolder, cmsFolder])
    func everyPageHasItsExpectedKind(_ folder: String) throws {
        let result = Self.result(folder)
        #expect(!result.hasErrors, "\(result.diagnostics.filter { $0.severity == .error })")
        let actual = result.schema.pages.map { "\(($0.file as NSString).lastPathComponent) \($0.kind.rawValue)" }
        #expect(actual == (try Self.lines(folder, "expected-pages.txt")))
        // Each page that is not an interface has a note saying what it is and why, and nothing else is said of it.
        for page in result.schema.pages where page.kind != .interface {
            let said = result.diagnostics.filter { $0.location.file == page.file }
            #expect(said.map(\.kind) == [.pageNotInterface], "\(page.file): \(said)")
            #expect(said.first?.severity == .note)
            #expect(said.first?.message.hasPrefix("\(page.kind == .interface ? "an" : page.kind == .fragment ? "a" : "an") \(page.kind.rawValue), not an interface: ") == true, "\(said)")
        }
    }

    @Test func theInterfacesOfTheSecondLayoutAreTheExpectedOnes() throws {
        let actual = Self.cloud.schema.interfaces.map { "\($0.method) \($0.path) \($0.success?.status ?? 0)" }.sorted()
        #expect(actual == (try Self.lines(Self.cloudFolder, "expected-interfaces.txt")))
    }

    @Test func theInterfacesOfTheCCCMSLayoutAreTheExpectedOnes() throws {
        let actual = Self.cms.schema.interfaces.map { "\($0.method) \($0.path)" }.sorted()
        #expect(actual == (try Self.lines(Self.cmsFolder, "expected-interfaces.txt")))
    }

    /// `cmsgen generate` on a whole reference exits 0; its summary counts the pages by kind; the committed clients are
    /// what it makes.
    @Test(arguments: [(cloudFolder, "Gizmo"), (cmsFolder, "Wallboard")])
    func generateOnTheWholeReferenceSucceedsAndCountsThePages(_ folder: String, _ clientName: String) throws {
        let printed = Printed()
        let options = GeneratorPipeline.Options(
            specs: [folder], output: "Tests/Published/Generated/\(clientName)", clientName: clientName, check: true, workingDirectory: Self.root
        )
        let outcome = GeneratorPipeline(options).run(reporter: Reporter(verbosity: .normal, isTerminal: false, write: printed.append))
        #expect(outcome.exitCode == 0, "\(printed.text)")
        let expected = try Self.lines(folder, "expected-pages.txt").map { $0.split(separator: " ")[1] }
        let kinds = PageKind.allCases.compactMap { kind -> String? in
            let count = expected.filter { $0 == kind.rawValue }.count
            return count == 0 ? nil : "\(count) \(kind.rawValue)"
        }
        let interfaces = try Self.lines(folder, "expected-interfaces.txt").count
        let summary = "cmsgen: \(expected.count) pages (\(kinds.joined(separator: ", "))), \(interfaces) interfaces; 0 errors, "
        #expect(printed.text.split(separator: "\n").contains { $0.hasPrefix(summary) }, "\(printed.text)")
        #expect(!printed.text.contains("[#page-not-interface]"), "one line per page only with --verbose")
        #expect(printed.text.contains(" up to date"), "Tests/Published/Generated/\(clientName) is not what cmsgen generates: \(printed.text)")
    }

    @Test func verboseGivesOneLinePerPageThatIsNotAnInterface() throws {
        let printed = Printed()
        let options = GeneratorPipeline.Options(specs: [Self.cloudFolder], output: "unused", check: true, workingDirectory: Self.root)
        _ = GeneratorPipeline(options).run(reporter: Reporter(verbosity: .verbose, isTerminal: false, write: printed.append))
        let notes = printed.text.split(separator: "\n").filter { $0.hasSuffix("[#page-not-interface]") }
        let others = try Self.lines(Self.cloudFolder, "expected-pages.txt").filter { !$0.hasSuffix(" interface") }
        #expect(notes.count == others.count, "\(printed.text)")
        #expect(notes.contains { $0.contains("gzs_02_0400.html") && $0.contains("an overview, not an interface: no request line; a table that lists APIs or pages (Permission | API | Action | Dependent Permission)") })
    }

    // MARK: - Fragments and appendices are used

    static func interface(_ result: SchemaBuilder.Result, _ method: String, _ path: String) throws -> Interface {
        try #require(result.schema.interfaces.first { $0.method == method && $0.path == path })
    }

    @Test func aResponseOnAFragmentPageIsTakenFromIt() throws {
        let fragment = "\(Self.cloudFolder)/gzs_02_0107.html"
        for (method, path) in [("DELETE", "/v2/{project_id}/gizmos/{gizmo_id}"), ("POST", "/v2/{project_id}/gizmos/{gizmo_id}/action")] {
            let interface = try Self.interface(Self.cloud, method, path)
            let success = try #require(interface.success)
            #expect(success.status == 202)
            #expect(success.body?.fields.map(\.name) == ["job_id"], "\(method) \(path)")
            #expect(success.body?.location.file == fragment)
            #expect(success.body?.fields.first?.type.kind == .string)
        }
        #expect(Self.cloud.schema.pages.first { $0.file == fragment }?.kind == .fragment)

        // The CC-CMS layout: "The response parameters are described in Common Response Parameters."
        let cmsFragment = "\(Self.cmsFolder)/cec_09_1012.html"
        for path in ["/rest/cmsapp/v1/openapi/wallboard/deletetile", "/rest/cmsapp/v1/openapi/wallboard/resettile"] {
            let interface = try Self.interface(Self.cms, "POST", path)
            #expect(interface.response?.fields.map(\.name) == ["resultCode", "resultDesc"], "\(path)")
            #expect(interface.response?.location.file == cmsFragment)
            #expect(interface.envelope?.codes.first?.name == "resultCode", "the envelope reads the fragment's fields")
        }
    }

    @Test func commonHeadersApplyWhereAPageDoesNotSayOtherwise() throws {
        // No header table of its own: the appendix's headers, and both schemes it documents.
        let update = try Self.interface(Self.cloud, "PUT", "/v2/{project_id}/gizmos/{gizmo_id}")
        #expect(update.authentication.accepted.map(\.scheme) == [.token, .akSk])
        #expect(update.headerParameters.map(\.name) == ["X-Language"])
        #expect(update.headers.first { $0.name == "X-Language" }?.location.file == "\(Self.cloudFolder)/gzs_02_0504.html")
        // A token page keeps its own scheme, and gains the appendix's other headers but no other credentials.
        let list = try Self.interface(Self.cloud, "GET", "/v2/{project_id}/gizmos")
        #expect(list.authentication.accepted == [.init(scheme: .token, header: "X-Auth-Token")])
        #expect(list.headerParameters.map(\.name) == ["X-Language"])
        #expect(!list.headers.contains { $0.name == "X-Sdk-Date" })
        // AK/SK pages.
        for (method, path) in [("POST", "/v2/{project_id}/gizmos"), ("POST", "/v2/{project_id}/gizmos/{gizmo_id}/action")] {
            #expect(try Self.interface(Self.cloud, method, path).authentication.accepted.map(\.scheme) == [.akSk], "\(method) \(path)")
        }
        // Pages that say they need no authentication get no credential headers.
        for path in ["/", "/v2"] {
            let version = try Self.interface(Self.cloud, "GET", path)
            #expect(version.authentication.scheme == .none, "\(path)")
            #expect(!version.headers.contains { ["x-auth-token", "authorization", "x-sdk-date"].contains($0.name.lowercased()) }, "\(path)")
        }
        #expect(Self.cloud.schema.commonHeaders.map(\.name) == ["Content-Type", "X-Auth-Token", "X-Sdk-Date", "Authorization", "X-Language"])
    }

    @Test func errorAndStatusCodesAreRecorded() throws {
        let codes = Self.cloud.schema.resultCodes
        #expect(codes.count >= 10)
        #expect(codes.allSatisfy { $0.status != nil && $0.code.hasPrefix("GZS.") && !$0.description.isEmpty }, "\(codes)")
        #expect(codes.allSatisfy { $0.message?.isEmpty == false })
        let statuses = Self.cloud.schema.statusCodes
        #expect(statuses.map(\.status) == statuses.map(\.status).sorted())
        #expect(Set([200, 202, 204, 400, 401, 404]).isSubset(of: statuses.map(\.status)))
        // An interface's statuses are described from the appendix where its page does not describe them.
        for interface in Self.cloud.schema.interfaces {
            #expect(interface.errorBody == ErrorBody(codeField: "error_code", messageField: "error_msg"), "\(interface.path)")
            for response in interface.responses {
                #expect(response.description?.isEmpty == false, "\(interface.method) \(interface.path) \(response.status)")
            }
        }
        // The CC-CMS Error Code Reference: result codes without statuses, and envelopes, not error bodies.
        #expect(Self.cms.schema.resultCodes.map(\.code).contains("0109001"))
        #expect(Self.cms.schema.resultCodes.allSatisfy { $0.status == nil })
        #expect(Self.cms.schema.interfaces.allSatisfy { $0.errorBody == nil })
    }

    @Test func aFieldTakesItsValuesFromAnAppendix() throws {
        let show = try Self.interface(Self.cloud, "GET", "/v2/{project_id}/gizmos/{gizmo_id}")
        let gizmo = try #require(show.response?.fields.first { $0.name == "gizmo" })
        let status = try #require(show.fields(of: gizmo).first { $0.name == "status" })
        #expect(status.enumeration?.values.map(\.value) == ["BUILDING", "ACTIVE", "RESIZING", "ERROR", "DELETED"])
        #expect(status.enumeration?.location.file == "\(Self.cloudFolder)/gzs_02_0505.html")
        #expect(Self.cloud.schema.pages.first { $0.file.hasSuffix("gzs_02_0505.html") }?.kind == .appendix)
    }

    // MARK: - The clients, against the local servers

    static let token = "published-test-token"
    static let credentials = CMSCredentials(accessKey: "GZSAK0001", secretKey: "gzs-published-secret")
    static let project = "2f6d3c8e1a7b4c5d9e0f1a2b3c4d5e6f"
    static let gizmo = "8d2e4f60-1b3a-4c5d-9e7f-a0b1c2d3e4f5"

    static func withServer(
        _ schema: SchemaDocument, answers: [String: Data] = [:], _ body: @Sendable (URL, CMSRecordingTransport, CMSMockServer) async throws -> Void
    ) async throws {
        let server = CMSMockServer(schema: schema, configuration: CMSMockConfiguration(credentials: credentials, tokens: [token], answers: answers))
        let url = try await server.start()
        let recorder = CMSRecordingTransport(upstream: CMSURLSessionTransport(baseURL: url, timeout: 60))
        do {
            try await body(url, recorder, server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The documented success example of `method path`, decoded as `type`.
    static func documented<Value: Decodable>(_ type: Value.Type, _ schema: SchemaDocument, _ method: String, _ path: String) throws -> Value {
        let interface = try #require(schema.interfaces.first { $0.method == method && $0.path == path })
        let example = try #require(interface.examples.first { $0.role == .response && $0.json != nil && ($0.status == nil || $0.status == interface.success?.status) })
        return try JSONDecoder().decode(type, from: Data(example.text.utf8))
    }

    @Test func everyInterfaceOfTheSecondLayoutIsCalledSignedAsItsPageSays() async throws {
        let schema = Self.cloud.schema
        try await Self.withServer(schema) { url, recorder, server in
            let tokenClient = GizmoClient(baseURL: url, token: { Self.token }, transport: recorder)
            let akSkClient = GizmoClient(baseURL: url, credentials: Self.credentials, transport: recorder)
            let anonymous = GizmoClient(transport: recorder)
            var signed: [String: String] = [:]
            func record(_ name: String) async {
                let headers = await recorder.exchanges.last?.request.headers ?? [:]
                signed[name] = headers["X-Auth-Token"] != nil ? "token" : headers["Authorization"]?.hasPrefix("SDK-HMAC-SHA256 ") == true ? "aksk" : "none"
            }

            #expect(try await anonymous.listApiVersions() == (try Self.documented(ListApiVersions.Response.self, schema, "GET", "/")))
            await record("listApiVersions")
            #expect(try await anonymous.getApiVersionV2() == (try Self.documented(GetApiVersionV2.Response.self, schema, "GET", "/v2")))
            await record("getApiVersionV2")
            let created = try await akSkClient.createGizmo(projectId: Self.project, .init(gizmo: .init(name: "demo", flavorRef: "gz.small", size: 10, tags: ["a"], metadata: ["team": "alpha"])))
            #expect(created == (try Self.documented(CreateGizmo.Response.self, schema, "POST", "/v2/{project_id}/gizmos")))
            await record("createGizmo")
            #expect(try await tokenClient.listGizmos(projectId: Self.project, limit: 10, status: .active, xLanguage: "en-us")
                == (try Self.documented(ListGizmos.Response.self, schema, "GET", "/v2/{project_id}/gizmos")))
            await record("listGizmos")
            #expect(await recorder.exchanges.last?.request.headers["X-Language"] == "en-us", "a common header is a parameter of every method")
            #expect(try await tokenClient.getGizmo(projectId: Self.project, gizmoId: Self.gizmo)
                == (try Self.documented(GetGizmo.Response.self, schema, "GET", GetGizmo.operation.path)))
            await record("getGizmo")
            #expect(try await tokenClient.getGizmoV2_1(projectId: Self.project, gizmoId: Self.gizmo)
                == (try Self.documented(GetGizmoV2_1.Response.self, schema, "GET", GetGizmoV2_1.operation.path)))
            await record("getGizmoV2_1")
            // Token or AK/SK: the page takes both from the common headers.
            for client in [tokenClient, akSkClient] {
                #expect(try await client.updateGizmo(projectId: Self.project, gizmoId: Self.gizmo, .init(gizmo: .init(name: "renamed")))
                    == (try Self.documented(UpdateGizmo.Response.self, schema, "PUT", "/v2/{project_id}/gizmos/{gizmo_id}")))
            }
            await record("updateGizmo")
            let job = try await tokenClient.deleteGizmo(projectId: Self.project, gizmoId: Self.gizmo)
            let documentedJob = try Self.documented(DeleteGizmo.Response.self, schema, "DELETE", "/v2/{project_id}/gizmos/{gizmo_id}")
            #expect(job.jobId != nil)
            #expect(job == documentedJob)
            await record("deleteGizmo")
            let resized = try await akSkClient.gizmoAction(projectId: Self.project, gizmoId: Self.gizmo, .init(resize: .init(newSize: 20)))
            #expect(resized.jobId != nil)
            await record("gizmoAction")
            let status = try await tokenClient.getJob(projectId: Self.project, jobId: try #require(job.jobId))
            #expect(status == (try Self.documented(GetJob.Response.self, schema, "GET", "/v1/{project_id}/jobs/{job_id}")))
            await record("getJob")
            #expect(try await tokenClient.listGizmoTags(projectId: Self.project, gizmoId: Self.gizmo)
                == (try Self.documented(ListGizmoTags.Response.self, schema, "GET", "/v2/{project_id}/gizmos/{gizmo_id}/tags")))
            await record("listGizmoTags")
            try await tokenClient.gizmoTagsAction(projectId: Self.project, gizmoId: Self.gizmo, .init(action: .create, tags: [.init(key: "team", value: "alpha")]))
            await record("gizmoTagsAction")
            #expect(try await tokenClient.listQuotas(projectId: Self.project)
                == (try Self.documented(ListQuotas.Response.self, schema, "GET", "/v2/{project_id}/quotas")))
            await record("listQuotas")

            #expect(Set(signed.keys) == Set(GizmoOperations.all.map(\.name)), "every interface was called")
            #expect(signed == [
                "listApiVersions": "none", "getApiVersionV2": "none", "createGizmo": "aksk", "gizmoAction": "aksk", "updateGizmo": "aksk", "listGizmos": "token", "getGizmo": "token",
                "getGizmoV2_1": "token", "deleteGizmo": "token", "getJob": "token", "listGizmoTags": "token", "gizmoTagsAction": "token", "listQuotas": "token",
            ])
            let calls = await recorder.exchanges.count
            #expect(await server.statistics() == CMSMockStatistics(received: calls, unauthorized: 0, invalid: 0, served: calls))
        }
    }

    @Test func theServerRefusesWhatThePageDoesNotAccept() async throws {
        try await Self.withServer(Self.cloud.schema) { url, recorder, server in
            let wrongKey = GizmoClient(baseURL: url, credentials: CMSCredentials(accessKey: Self.credentials.accessKey, secretKey: "wrong"), transport: recorder)
            let tokenClient = GizmoClient(baseURL: url, token: { Self.token }, transport: recorder)
            let anonymous = GizmoClient(transport: recorder)
            func rejected(_ call: () async throws -> Void) async -> Bool {
                do {
                    try await call()
                    return false
                } catch {
                    if case .authenticationRejected? = error as? CMSError { return true }
                    Issue.record("expected a 401, got \(error)")
                    return false
                }
            }
            #expect(await rejected { _ = try await wrongKey.createGizmo(projectId: Self.project, .init(gizmo: .init(name: "x", flavorRef: "f", size: 1))) })
            #expect(await rejected { _ = try await tokenClient.createGizmo(projectId: Self.project, .init(gizmo: .init(name: "x", flavorRef: "f", size: 1))) },
                    "a token where the page documents AK/SK only")
            #expect(await rejected { _ = try await anonymous.listQuotas(projectId: Self.project) })
            #expect(await rejected { _ = try await wrongKey.updateGizmo(projectId: Self.project, gizmoId: Self.gizmo, .init(gizmo: .init(size: 2))) })
            // No authentication is no authentication: any client will do.
            _ = try await wrongKey.listApiVersions()
            #expect(await server.statistics().unauthorized == 4)
            // The 401 body is the reference's error body, and names nothing secret.
            let body = try #require(await recorder.exchanges.first?.body)
            #expect(!String(decoding: body, as: UTF8.self).contains("gzs-published-secret"))
        }
    }

    @Test func aFailureCarriesItsDocumentedErrorCode() async throws {
        try await Self.withServer(Self.cloud.schema) { url, recorder, _ in
            let client = GizmoClient(baseURL: url, token: { Self.token }, transport: recorder).skippingValidationForTesting()
            do {
                _ = try await client.listGizmos(projectId: Self.project, limit: 5000)
                Issue.record("the server accepted limit=5000")
            } catch {
                guard case .httpStatus(let failure)? = error as? CMSError else { Issue.record("\(error)"); return }
                #expect(failure.status == 400)
                let code = try #require(failure.code)
                let documented = try #require(Self.cloud.schema.resultCodes.first { $0.code == code })
                #expect(documented.status == 400)
                #expect(failure.meaning == documented.description)
                #expect(failure.meaning == GizmoResultCodes.meanings[code])
                // Typed: a case of the reference's error codes.
                let typed = try #require(GizmoTypes.ResultCode(failure))
                #expect(typed.isDocumented && typed.rawValue == code, "\(typed)")
                #expect(failure.message?.contains("limit") == true, "\(failure)")
            }
        }
    }

    @Test func everyInterfaceOfTheCCCMSLayoutIsCalledWithC2() async throws {
        let schema = Self.cms.schema
        try await Self.withServer(schema) { url, recorder, server in
            let client = WallboardClient(configuration: CMSConfiguration(baseURL: url, credentials: Self.credentials), transport: recorder)
            let base = "/rest/cmsapp/v1/openapi"
            let tiles = try await client.wallBoardQueryTiles(.init(ccId: 1, vdn: 12, wallBoardId: "wb-ops-01"))
            #expect(tiles == (try Self.documented(WallBoardQueryTiles.Response.self, schema, "POST", base + "/wallboard/querytiles").resultDesc))
            let tile = try await client.wallBoardCreateTile(.init(ccId: 1, vdn: 12, wallBoardId: "wb-ops-01", title: "Queue", kind: .queue))
            #expect(tile == (try Self.documented(WallBoardCreateTile.Response.self, schema, "POST", base + "/wallboard/createtile").resultDesc))
            let deleted = try await client.wallBoardDeleteTile(.init(ccId: 1, vdn: 12, wallBoardId: "wb-ops-01", tileId: "t-1"))
            #expect(deleted.resultCode == "0100000")
            let reset = try await client.wallBoardResetTile(.init(ccId: 1, vdn: 12, wallBoardId: "wb-ops-01", tileId: "t-1", clearHistory: true))
            #expect(reset.resultCode == "0100000")
            let snapshots = try await client.query(.init(ccId: 1, vdn: 12))
            #expect(snapshots == (try Self.documented(Query.Response.self, schema, "POST", base + "/queuesnapshot/v1/query").resultDatas))
            let snapshots2 = try await client.queryV2(.init(ccId: 1, vdn: 12, queueIds: [3]))
            #expect(snapshots2 == (try Self.documented(QueryV2.Response.self, schema, "POST", base + "/queuesnapshot/v2/query").resultDatas))
            let sent = await recorder.exchanges
            #expect(sent.count == WallboardOperations.all.count)
            #expect(sent.allSatisfy { $0.request.headers["Authorization"]?.hasPrefix("auth-v2/GZSAK0001/") == true })
            #expect(await server.statistics() == CMSMockStatistics(received: sent.count, unauthorized: 0, invalid: 0, served: sent.count))
        }
    }

    /// One rule for both layouts: a payload the page does not mark mandatory may be absent. A query with no rows
    /// returns an empty list, a success without an object payload returns nil, and an empty success body is an answer
    /// whose fields are all absent.
    @Test func anEmptyAnswerIsNoError() async throws {
        let base = "POST /rest/cmsapp/v1/openapi"
        let cmsAnswers = [
            base + "/queuesnapshot/v1/query": Data(#"{"resultCode":"0100000","resultDesc":"success"}"#.utf8),
            base + "/wallboard/createtile": Data(#"{"resultCode":"0100000"}"#.utf8),
            base + "/wallboard/querytiles": Data(#"{"resultCode":"0100000","resultDesc":[]}"#.utf8),
        ]
        try await Self.withServer(Self.cms.schema, answers: cmsAnswers) { url, _, _ in
            let client = WallboardClient(configuration: CMSConfiguration(baseURL: url, credentials: Self.credentials))
            let snapshots = try await client.query(.init(ccId: 1, vdn: 12))
            #expect(snapshots.isEmpty)
            let tile = try await client.wallBoardCreateTile(.init(ccId: 1, vdn: 12, wallBoardId: "w", title: "t", kind: .agent))
            #expect(tile == nil)
            let tiles = try await client.wallBoardQueryTiles(.init(ccId: 1, vdn: 12, wallBoardId: "w"))
            #expect(tiles.isEmpty)
        }
        let cloudAnswers = [
            "GET /v2/{project_id}/gizmos": Data(#"{"gizmos":[],"count":0}"#.utf8),
            "GET /v2/{project_id}/gizmos/{gizmo_id}/tags": Data(),
        ]
        try await Self.withServer(Self.cloud.schema, answers: cloudAnswers) { url, _, _ in
            let client = GizmoClient(baseURL: url, token: { Self.token })
            let none = try await client.listGizmos(projectId: Self.project)
            #expect(none == ListGizmos.Response(gizmos: [], count: 0))
            let empty = try await client.listGizmoTags(projectId: Self.project, gizmoId: Self.gizmo)
            #expect(empty == ListGizmoTags.Response())
        }
    }

    /// Two generated services in one module, without qualifying a name: each has its own client, types, operations,
    /// result codes and protocol.
    @Test func twoServicesLiveSideBySide() {
        func names(_ gizmos: some GizmoClientProtocol, _ wallboards: some WallboardClientProtocol) -> [String] {
            [String(describing: type(of: gizmos)), String(describing: type(of: wallboards))]
        }
        let gizmos = GizmoClient(transport: CMSRecordingTransport(upstream: CMSURLSessionTransport(baseURL: URL(string: "http://127.0.0.1:9")!, timeout: 1)))
        let wallboards = WallboardClient(transport: CMSRecordingTransport(upstream: CMSURLSessionTransport(baseURL: URL(string: "http://127.0.0.1:9")!, timeout: 1)))
        #expect(names(gizmos, wallboards) == ["GizmoClient", "WallboardClient"])
        // One operation per interface of each reference (whose interfaces are pinned by expected-interfaces.txt).
        #expect(!GizmoOperations.all.isEmpty && !WallboardOperations.all.isEmpty)
        #expect(GizmoOperations.all.count == Self.cloud.schema.interfaces.count)
        #expect(WallboardOperations.all.count == Self.cms.schema.interfaces.count)
        #expect(GizmoOperations.all.count == ((try? Self.lines(Self.cloudFolder, "expected-interfaces.txt")) ?? []).count)
        #expect(WallboardOperations.all.count == ((try? Self.lines(Self.cmsFolder, "expected-interfaces.txt")) ?? []).count)
        #expect(GizmoResultCodes.meanings.keys.allSatisfy { $0.hasPrefix("GZS.") })
        #expect(WallboardResultCodes.meanings["0109001"] != nil)
        let shared: [Any.Type] = [GizmoTypes.self, WallboardTypes.self]
        #expect(shared.count == 2)
    }
}

/// Collects what a reporter prints.
final class Printed: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [String] = []

    func append(_ text: String) {
        lock.lock()
        chunks.append(text)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return chunks.joined()
    }
}

