import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends requests with URLSession (FoundationNetworking on Linux).
///
/// On Linux, URLSession trusts only the system's certificate bundle and cannot be told to trust another CA. An NSLB that
/// presents a certificate from a private CA needs `CMSAsyncHTTPClientTransport` (product `CMSAsyncHTTPClient`) instead.
public struct CMSURLSessionTransport: CMSTransport {
    public var baseURL: URL
    public var timeout: TimeInterval
    private let session: URLSession

    public init(baseURL: URL, timeout: TimeInterval = 30, session: URLSession? = nil) {
        self.baseURL = baseURL
        self.timeout = timeout
        if let session {
            self.session = session
        } else {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = timeout
            configuration.timeoutIntervalForResource = timeout
            configuration.httpMaximumConnectionsPerHost = 8
            self.session = URLSession(configuration: configuration)
        }
    }

    public func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        var urlRequest = URLRequest(url: try request.url(relativeTo: baseURL), timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else { throw CMSError.transport("not an HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
        return CMSHTTPResponse(status: http.statusCode, headers: headers, body: data)
    }
}

extension CMSHTTPRequest {
    /// The full URL: `baseURL` + path + query (query percent-encoded as RFC 3986 unreserved).
    public func url(relativeTo baseURL: URL) throws -> URL {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            text += "?" + query.map { "\(CMSPathEncoding.encodeSegment($0.name))=\(CMSPathEncoding.encodeSegment($0.value))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw CMSError.transport("invalid URL \(text)") }
        return url
    }
}
