import CMSRuntime
import Foundation

/// A transport that keeps every request as it was signed and sent, with the answer: for tests that call a generated
/// client against the local server and check what went over the wire (the credentials a page asks for, the query, the
/// body).
public actor CMSRecordingTransport: CMSTransport {
    public struct Exchange: Sendable {
        public var request: CMSHTTPRequest
        public var status: Int
        public var body: Data
    }

    public let upstream: any CMSTransport
    public private(set) var exchanges: [Exchange] = []

    public init(upstream: any CMSTransport) { self.upstream = upstream }

    public func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        let response = try await upstream.send(request)
        exchanges.append(Exchange(request: request, status: response.status, body: response.body))
        return response
    }
}
