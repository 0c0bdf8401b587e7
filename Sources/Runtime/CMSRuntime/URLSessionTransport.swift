import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends requests with URLSession (FoundationNetworking on Linux).
///
/// The answer is read as it arrives and given up as soon as it is larger than `maximumResponseBytes` (or says it will
/// be): a peer cannot make the client buffer more. A cancelled task cancels its request and the call throws
/// `CMSError.cancelled`.
///
/// On Linux, URLSession trusts only the system's certificate bundle and cannot be told to trust another CA. An NSLB that
/// presents a certificate from a private CA needs `CMSAsyncHTTPClientTransport` (product `CMSAsyncHTTPClient`) instead.
public struct CMSURLSessionTransport: CMSTransport {
    /// The largest response body accepted by default: 16 MiB.
    public static let defaultMaximumResponseBytes = 16 * 1024 * 1024

    public var baseURL: URL
    public var timeout: TimeInterval
    /// The largest response body accepted.
    public let maximumResponseBytes: Int
    private let connection: Connection

    /// - Parameter session: a session of your own (its delegate must not be replaced). Its answers are read whole by
    ///   URLSession and checked against the limit afterwards; the default session reads them as they arrive.
    public init(baseURL: URL, timeout: TimeInterval = 30, maximumResponseBytes: Int = CMSURLSessionTransport.defaultMaximumResponseBytes, session: URLSession? = nil) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
        if let session {
            connection = Connection(session: session, streaming: nil)
        } else {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = timeout
            configuration.timeoutIntervalForResource = timeout
            configuration.httpMaximumConnectionsPerHost = 8
            let streaming = StreamingDelegate()
            connection = Connection(session: URLSession(configuration: configuration, delegate: streaming, delegateQueue: nil), streaming: streaming)
        }
    }

    public func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse {
        if Task.isCancelled { throw CMSError.cancelled }
        var urlRequest = URLRequest(url: try request.url(relativeTo: baseURL), timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        if let streaming = connection.streaming {
            return try await streaming.send(urlRequest, on: connection.session, limit: maximumResponseBytes)
        }
        let (data, response) = try await Self.translatingErrors { try await connection.session.data(for: urlRequest) }
        guard data.count <= maximumResponseBytes else { throw CMSError.transport(Self.tooLarge(maximumResponseBytes)) }
        return try Self.response(response, body: data)
    }

    static func response(_ response: URLResponse?, body: Data) throws -> CMSHTTPResponse {
        guard let http = response as? HTTPURLResponse else { throw CMSError.transport("not an HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
        return CMSHTTPResponse(status: http.statusCode, headers: headers, body: body)
    }

    static func tooLarge(_ limit: Int) -> CMSTransportFailure {
        CMSTransportFailure("the response is larger than the limit of \(limit) bytes; it was not read further", underlying: CMSResponseTooLarge(limit: limit))
    }

    /// URLSession's errors as `CMSError`: a cancelled request is `.cancelled`, anything else `.transport` with the
    /// `URLError` underneath.
    static func translate(_ error: any Error) -> CMSError {
        if let error = error as? CMSError { return error }
        if error is CancellationError { return .cancelled }
        if let error = error as? URLError, error.code == .cancelled { return .cancelled }
        return .transport(CMSTransportFailure(String(describing: error), underlying: error))
    }

    static func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw translate(error) }
    }

    /// The session, and the delegate that reads its answers; the session is invalidated with the last copy of the
    /// transport.
    private final class Connection: Sendable {
        let session: URLSession
        let streaming: StreamingDelegate?

        init(session: URLSession, streaming: StreamingDelegate?) {
            self.session = session
            self.streaming = streaming
        }

        deinit {
            if streaming != nil { session.finishTasksAndInvalidate() }
        }
    }
}

/// Reads each answer as it arrives, up to a limit, and hands it to the task that asked.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private final class Exchange {
        let limit: Int
        let continuation: CheckedContinuation<CMSHTTPResponse, any Error>
        var body = Data()
        var response: URLResponse?
        var tooLarge = false

        init(limit: Int, continuation: CheckedContinuation<CMSHTTPResponse, any Error>) {
            self.limit = limit
            self.continuation = continuation
        }
    }

    private let lock = NSLock()
    private var exchanges: [Int: Exchange] = [:]

    func send(_ request: URLRequest, on session: URLSession, limit: Int) async throws -> CMSHTTPResponse {
        let task = session.dataTask(with: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<CMSHTTPResponse, any Error>) in
                lock.withLock { exchanges[task.taskIdentifier] = Exchange(limit: limit, continuation: continuation) }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    private func exchange(_ task: URLSessionTask) -> Exchange? {
        lock.withLock { exchanges[task.taskIdentifier] }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse, completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        guard let exchange = exchange(dataTask) else { return completionHandler(.cancel) }
        exchange.response = response
        // An answer that announces more than the limit is not read at all.
        if response.expectedContentLength > Int64(exchange.limit) {
            exchange.tooLarge = true
            // FoundationNetworking keeps reading after a `.cancel` disposition alone; cancelling the task stops it.
            dataTask.cancel()
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask), !exchange.tooLarge else { return }
        if exchange.body.count + data.count > exchange.limit {
            exchange.tooLarge = true
            exchange.body = Data()
            dataTask.cancel()
            return
        }
        exchange.body.append(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let exchange = lock.withLock({ exchanges.removeValue(forKey: task.taskIdentifier) }) else { return }
        if exchange.tooLarge {
            exchange.continuation.resume(throwing: CMSError.transport(CMSURLSessionTransport.tooLarge(exchange.limit)))
        } else if let error {
            exchange.continuation.resume(throwing: CMSURLSessionTransport.translate(error))
        } else {
            do {
                exchange.continuation.resume(returning: try CMSURLSessionTransport.response(exchange.response, body: exchange.body))
            } catch {
                exchange.continuation.resume(throwing: error)
            }
        }
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
