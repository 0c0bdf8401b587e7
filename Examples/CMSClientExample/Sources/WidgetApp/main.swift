import CMSRuntime
import Foundation
import GadgetClient
import WidgetClient

// Two generated services in one app. Each client has a name of its own (`clientName` in its cmsgen.json), so nothing
// here is qualified by module: WidgetsClient and GadgetsClient, WidgetsClientProtocol and GadgetsClientProtocol.

/// App code, written against `WidgetsClientProtocol` so that its tests can hand it a fake.
func ownerOfWidget(_ client: some WidgetsClientProtocol, ccId: Int, vdn: Int) async -> String {
    do {
        guard let details = try await client.widgetQueryDetail(.init(ccId: ccId, vdn: vdn)) else {
            // The page does not mark the payload mandatory: a success without one is nil, not an error.
            return "no such widget"
        }
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

/// App code of the second service, against `GadgetsClientProtocol`.
func gadgetNames(_ client: some GadgetsClientProtocol, project: String) async -> [String] {
    do {
        return try await client.listGadgets(projectId: project, limit: 2, marker: nil, kind: nil).gadgets?.compactMap(\.name) ?? []
    } catch .httpStatus(let failure) {
        // Any status but a success: the failure carries the error code its body documents, and the code's meaning.
        return ["failed: \(failure)"]
    } catch {
        return ["failed: \(error)"]
    }
}

/// A fake of the first client for tests: it answers the one call the app makes, and fails the rest.
struct FakeWidgets: WidgetsClientProtocol {
    func widgetQueryDetail(_ request: WidgetQueryDetail.Request) async throws(CMSError) -> WidgetQueryDetail.Response.ResultDatas? {
        WidgetQueryDetail.Response.ResultDatas(widgetId: 7, status: .idle, ownerName: "owner of \(request.ccId)/\(request.vdn)")
    }

    func widgetDelete(_ request: WidgetDelete.Request) async throws(CMSError) -> WidgetDelete.Response {
        throw .transport("not faked")
    }
}

/// A fake of the second client.
struct FakeGadgets: GadgetsClientProtocol {
    func listGadgets(projectId: String, limit: Int?, marker: String?, kind: ListGadgets.Request.Kind?) async throws(CMSError) -> ListGadgets.Response {
        ListGadgets.Response(gadgets: (0..<(limit ?? 0)).map { ListGadgets.Response.Gadget(name: "\(projectId)-gadget-\($0)") })
    }

    func getGadget(projectId: String, gadgetId: String) async throws(CMSError) -> GetGadget.Response {
        throw .transport("not faked")
    }
}

let environment = ProcessInfo.processInfo.environment
if let base = environment["CMS_BASE_URL"].flatMap(URL.init(string:)), let accessKey = environment["CMS_ACCESS_KEY"], let secretKey = environment["CMS_SECRET_KEY"] {
    // A real CC-CMS (or `swift run cmsmock` of the CMSKit package, pointed at Docs/cms).
    let widgets = WidgetsClient(configuration: CMSConfiguration(
        baseURL: base, credentials: CMSCredentials(accessKey: accessKey, secretKey: secretKey), timeout: 10
    ))
    print(await ownerOfWidget(widgets, ccId: 1, vdn: 1))
} else {
    print(await ownerOfWidget(FakeWidgets(), ccId: 1, vdn: 1))
}
if let base = environment["GADGETS_BASE_URL"].flatMap(URL.init(string:)), let token = environment["GADGETS_TOKEN"] {
    // The second service, with the token its pages document.
    let gadgets = GadgetsClient(baseURL: base, token: { token })
    print(await gadgetNames(gadgets, project: "demo").joined(separator: ", "))
} else {
    print(await gadgetNames(FakeGadgets(), project: "demo").joined(separator: ", "))
}
