import CMSRuntime
import Foundation
import WidgetClient

/// App code, written against `CMSClientProtocol` so that its tests can hand it a fake.
func ownerOfWidget(_ client: some CMSClientProtocol, ccId: Int, vdn: Int) async -> String {
    do {
        let details = try await client.widgetQueryDetail(.init(ccId: ccId, vdn: vdn))
        return details.ownerName ?? "nobody"
    } catch .invalidRequest(let problems) {
        // Caught before anything is sent: the request breaks a documented rule (a range, a length, a value list).
        return "invalid request: \(problems)"
    } catch .resultFailure(let failure) {
        // HTTP 200, but the result code says the call failed; the failure carries the code and its documented meaning.
        return "refused: \(failure)"
    } catch {
        return "failed: \(error)"
    }
}

/// A fake of the client for tests: it answers the one call the app makes, and fails the rest.
struct FakeWidgets: CMSClientProtocol {
    func widgetQueryDetail(_ request: WidgetQueryDetail.Request) async throws(CMSError) -> WidgetQueryDetail.Response.ResultDatas {
        WidgetQueryDetail.Response.ResultDatas(widgetId: 7, status: .idle, ownerName: "owner of \(request.ccId)/\(request.vdn)")
    }

    func widgetDelete(_ request: WidgetDelete.Request) async throws(CMSError) -> WidgetDelete.Response {
        throw .transport("not faked")
    }
}

let environment = ProcessInfo.processInfo.environment
if let base = environment["CMS_BASE_URL"].flatMap(URL.init(string:)), let accessKey = environment["CMS_ACCESS_KEY"], let secretKey = environment["CMS_SECRET_KEY"] {
    // A real CC-CMS (or `swift run cmsmock` of the CMSKit package, pointed at Docs/cms).
    let client = CMSClient(configuration: CMSConfiguration(
        baseURL: base, credentials: CMSCredentials(accessKey: accessKey, secretKey: secretKey), timeout: 10
    ))
    print(await ownerOfWidget(client, ccId: 1, vdn: 1))
} else {
    print(await ownerOfWidget(FakeWidgets(), ccId: 1, vdn: 1))
}
