import Foundation

/// A transport for tests of code that uses a client: it keeps every request it is given and answers each with one
/// set response (or fails with one set reason), without a network.
///
/// ```swift
/// let transport = CMSStubTransport(status: 200, body: #"{"resultCode": "0100000", "resultDesc": "ok"}"#)
/// let client = CMSClient(transport: transport)
/// ```
public actor CMSStubTransport: CMSTransport {
    /// What `send` does.
    public enum Answer: Sendable {
        case response(CMSHTTPResponse)
        case failure(String)
    }

    /// The error `send` throws for `.failure(reason)`.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Every request given to `send`, in order, as the client signed it.
    public private(set) var requests: [CMSHTTPRequest] = []
    private var answer: Answer

    public init(_ answer: Answer) {
        self.answer = answer
    }

    /// Answers every request with `status`, `body` and `headers`.
    public init(status: Int = 200, body: String, headers: [String: String] = ["Content-Type": "application/json;charset=UTF-8"]) {
        self.init(.response(CMSHTTPResponse(status: status, headers: headers, body: Data(body.utf8))))
    }

    /// Changes the answer to later requests.
    public func answer(with answer: Answer) {
        self.answer = answer
    }

    public func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        requests.append(request)
        switch answer {
        case .response(let response): return response
        case .failure(let reason): throw Failure(description: reason)
        }
    }
}
