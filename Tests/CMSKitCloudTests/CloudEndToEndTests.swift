import CMSExtraction
@_spi(Testing) import CMSKitCloud
import CMSMock
import CMSRuntime
import CMSSchema
import Foundation
import Testing

/// The client generated from pages in the vendor's second layout (`Tests/Cloud/specs`: a URI section with
/// `METHOD /path`, an `X-Auth-Token` header, statuses 201, 202 and 204), against a local server built from the same
/// pages. The server checks the token, the path, the query, the headers and the body it receives; the client signs
/// with a token header instead of C2.
@Suite struct CloudEndToEndTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let schema = SchemaBuilder.build(paths: [root + "/Tests/Cloud/specs"], relativeTo: root).schema
    static let token = "cloud-test-token"
    static let project = "0b1e2d3c4f5a6b7c8d9e0f1a2b3c4d5e"
    static let widget = "6f1c5a2e-8b3d-4e7f-9a10-2c4d6e8f0a1b"

    /// A client that sends `token` through a recorder to a fresh local server, which accepts only `CloudEndToEndTests.token`.
    static func withServer(token: String = CloudEndToEndTests.token, _ body: (CMSClient, CMSRecordingTransport, CMSMockServer) async throws -> Void) async throws {
        let configuration = CMSMockConfiguration(credentials: CMSCredentials(accessKey: "unused", secretKey: "unused"), tokens: [Self.token])
        let server = CMSMockServer(schema: schema, configuration: configuration)
        let url = try await server.start()
        let recorder = CMSRecordingTransport(upstream: CMSURLSessionTransport(baseURL: url, timeout: 60))
        let client = CMSClient(baseURL: url, token: { token }, transport: recorder)
        do {
            try await body(client, recorder, server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The documented response example of `method path` for `status`, decoded as `type`.
    static func documented<Value: Decodable>(_ type: Value.Type, _ method: String, _ path: String) throws -> Value {
        let interface = try #require(schema.interfaces.first { $0.method == method && $0.path == path })
        let example = try #require(interface.examples.first { $0.role == .response && ($0.status == nil || $0.status == interface.success?.status) })
        return try JSONDecoder().decode(type, from: Data(example.text.utf8))
    }

    static func json(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    @Test func theOperationsAreNamedAfterWhatTheyDo() {
        #expect(Set(CMSOperations.all.map(\.name)) == ["createWidget", "listWidgets", "getWidget", "updateWidget", "deleteWidget", "widgetAction"])
        #expect(Self.schema.interfaces.allSatisfy { $0.authentication == Authentication(scheme: .token, header: "X-Auth-Token") })
        #expect(Self.schema.interfaces.allSatisfy { $0.envelope == nil }, "no page documents a result code")
    }

    @Test func createSendsTheWrappedBodyAndDecodesThe201() async throws {
        try await Self.withServer { client, recorder, server in
            let request = CreateWidget.Request(widget: .init(name: "demo", size: 10, kind: .small, enabled: true, tags: ["blue"], labels: ["team": "alpha"]))
            let created = try await client.createWidget(projectId: Self.project, request)
            #expect(created == (try Self.documented(CreateWidget.Response.self, "POST", "/v3/{project_id}/widgets")))
            #expect(created.widget?.labels == ["team": "alpha"])
            let sent = try #require(await recorder.exchanges.last)
            #expect(sent.request.method == "POST")
            #expect(sent.request.path == "/v3/\(Self.project)/widgets")
            #expect(sent.request.headers["X-Auth-Token"] == Self.token)
            #expect(sent.request.headers["Authorization"] == nil, "no C2 signature where the pages document a token")
            #expect(sent.request.headers["Content-Type"] == "application/json; charset=UTF-8")
            #expect(try Self.json(sent.request.body) == .object(["widget": .object([
                "name": .string("demo"), "size": .integer(10), "kind": .string("SMALL"), "enabled": .bool(true),
                "tags": .array([.string("blue")]), "labels": .object(["team": .string("alpha")]),
            ])]))
            #expect(sent.status == 201)
            #expect(await server.statistics() == CMSMockStatistics(received: 1, unauthorized: 0, invalid: 0, served: 1))
        }
    }

    @Test func listSendsTheQueryAndTheServerChecksIt() async throws {
        try await Self.withServer { client, recorder, server in
            let list = try await client.listWidgets(projectId: Self.project, limit: 10, marker: "m-1", kind: .small)
            #expect(list == (try Self.documented(ListWidgets.Response.self, "GET", "/v3/{project_id}/widgets")))
            #expect(list.widgets?.first?.kind == .small)
            let sent = try #require(await recorder.exchanges.last)
            #expect(sent.request.query.map(\.name) == ["limit", "marker", "kind"])
            #expect(sent.request.query.map(\.value) == ["10", "m-1", "SMALL"])
            #expect(sent.request.body.isEmpty)
            #expect(sent.request.headers["Content-Type"] == nil, "a GET sends no body and no media type")

            // The client refuses what the page forbids before sending ("The value range is [1, 1000].")...
            await #expect(throws: CMSError.self) { try await client.listWidgets(projectId: Self.project, limit: 0) }
            #expect(await recorder.exchanges.count == 1)
            // ... and the server refuses it too: an interface without an envelope answers 400.
            do {
                let skipping = client.skippingValidationForTesting()
                _ = try await skipping.listWidgets(projectId: Self.project, limit: 5000)
                Issue.record("the server accepted limit=5000")
            } catch {
                guard let error = error as? CMSError, case .httpStatus(let failure) = error, failure.status == 400 else { Issue.record("\(error)"); return }
                #expect(failure.bodyExcerpt.contains("?limit: must be between 1 and 1000, got 5000"), "\(failure.bodyExcerpt)")
            }
            #expect(await server.statistics() == CMSMockStatistics(received: 2, unauthorized: 0, invalid: 1, served: 1))
        }
    }

    @Test func getAndUpdateAnItem() async throws {
        try await Self.withServer { client, recorder, _ in
            let shown = try await client.getWidget(projectId: Self.project, widgetId: Self.widget)
            #expect(shown == (try Self.documented(GetWidget.Response.self, "GET", "/v3/{project_id}/widgets/{widget_id}")))
            let updated = try await client.updateWidget(projectId: Self.project, widgetId: Self.widget, .init(widget: .init(name: "demo-renamed", size: 20)))
            #expect(updated.widget?.name == "demo-renamed")
            let sent = await recorder.exchanges.map(\.request)
            #expect(sent.map(\.method) == ["GET", "PUT"])
            #expect(sent.map(\.path) == ["/v3/\(Self.project)/widgets/\(Self.widget)", "/v3/\(Self.project)/widgets/\(Self.widget)"])
            #expect(try Self.json(sent[1].body) == .object(["widget": .object(["name": .string("demo-renamed"), "size": .integer(20)])]))
        }
    }

    @Test func deleteAnswers204WithNothingToDecode() async throws {
        try await Self.withServer { client, recorder, _ in
            let result: Void = try await client.deleteWidget(projectId: Self.project, widgetId: Self.widget)
            _ = result
            let exchange = try #require(await recorder.exchanges.last)
            #expect(exchange.request.method == "DELETE")
            #expect(exchange.request.body.isEmpty)
            #expect(exchange.status == 204)
            #expect(exchange.body.isEmpty)
        }
    }

    @Test func anActionAccepted202ReturnsItsUndocumentedBodyAsJSON() async throws {
        try await Self.withServer { client, recorder, _ in
            let answer = try await client.widgetAction(projectId: Self.project, widgetId: Self.widget, .init(resize: .init(newSize: 20)))
            #expect(answer == .object(["job_id": .string("3b5d7f91-2a4c-4e6b-8d0f-1a3c5e7b9d24")]))
            let exchange = try #require(await recorder.exchanges.last)
            #expect(exchange.status == 202)
            #expect(try Self.json(exchange.request.body) == .object(["resize": .object(["new_size": .integer(20)])]))
        }
    }

    @Test func aWrongTokenIsRejected() async throws {
        try await Self.withServer(token: "not-the-token") { client, _, server in
            do {
                try await client.deleteWidget(projectId: Self.project, widgetId: Self.widget)
                Issue.record("the server accepted a wrong token")
            } catch {
                guard let error = error as? CMSError, case .authenticationRejected = error else { Issue.record("\(error)"); return }
            }
            #expect(await server.statistics().unauthorized == 1)
        }
    }
}

/// The client's protocol.
extension CloudEndToEndTests {
    /// App code, written against the protocol as an app would write it.
    static func widgetNames(_ client: some CMSClientProtocol, project: String) async throws(CMSError) -> [String] {
        try await client.listWidgets(projectId: project, limit: 2, marker: nil, kind: nil).widgets?.compactMap(\.name) ?? []
    }

    /// A test double for that app code: it answers `listWidgets` from what it is asked, and fails the rest.
    struct FakeWidgets: CMSClientProtocol {
        func listWidgets(projectId: String, limit: Int?, marker: String?, kind: ListWidgets.Request.Kind?) async throws(CMSError) -> ListWidgets.Response {
            #expect(marker == nil && kind == nil)
            return ListWidgets.Response(widgets: (0..<(limit ?? 0)).map { ListWidgets.Response.Widget(name: "\(projectId)-\($0)") })
        }
        func widgetAction(projectId: String, widgetId: String, _ request: WidgetAction.Request) async throws(CMSError) -> WidgetAction.Response { throw .transport("not faked") }
        func createWidget(projectId: String, _ request: CreateWidget.Request) async throws(CMSError) -> CreateWidget.Response { throw .transport("not faked") }
        func deleteWidget(projectId: String, widgetId: String) async throws(CMSError) { throw .transport("not faked") }
        func getWidget(projectId: String, widgetId: String) async throws(CMSError) -> GetWidget.Response { throw .transport("not faked") }
        func updateWidget(projectId: String, widgetId: String, _ request: UpdateWidget.Request) async throws(CMSError) -> UpdateWidget.Response { throw .transport("not faked") }
    }

    /// The same app code runs on a fake in a test and on the real client against a server.
    @Test func appCodeRunsOnAFakeAndOnTheRealClient() async throws {
        #expect(try await Self.widgetNames(FakeWidgets(), project: "p") == ["p-0", "p-1"])
        try await Self.withServer { client, recorder, _ in
            let names = try await Self.widgetNames(client, project: Self.project)
            let documented = try Self.documented(ListWidgets.Response.self, "GET", "/v3/{project_id}/widgets")
            #expect(names == documented.widgets?.compactMap(\.name))
            #expect(await recorder.exchanges.last?.request.query.contains { $0.name == "limit" && $0.value == "2" } == true)
        }
    }
}
