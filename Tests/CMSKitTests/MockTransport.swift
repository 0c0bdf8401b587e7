import CMSRuntime
import Foundation

/// A transport for tests: records every request it is given and answers with a configurable response (or error).
actor MockTransport: CMSTransport {
    /// What `send` does.
    enum Answer: Sendable {
        case response(CMSHTTPResponse)
        case failure(String)
    }

    struct TransportFailure: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var requests: [CMSHTTPRequest] = []
    private var answer: Answer

    init(_ answer: Answer) {
        self.answer = answer
    }

    /// Answers every request with `status` and `body`.
    init(status: Int = 200, body: String, headers: [String: String] = ["Content-Type": "application/json;charset=UTF-8"]) {
        self.init(.response(CMSHTTPResponse(status: status, headers: headers, body: Data(body.utf8))))
    }

    func answer(with answer: Answer) {
        self.answer = answer
    }

    func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        requests.append(request)
        switch answer {
        case .response(let response): return response
        case .failure(let reason): throw TransportFailure(description: reason)
        }
    }
}
