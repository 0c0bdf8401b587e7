import Logging

/// The one path by which the server says why it refused a request. Every refusal goes through it, whichever part of
/// the server makes it: the HTTP/1 checks (`RequestFramingGuard`, 400), the header deadline (`HeaderDeadlineHandler`,
/// 408), the body limits (`BodyReader`: 408, 413, 503, 400) and the engine (401, 404, 405, 415, invalid parameters).
/// Each is one line at `notice`, with the method, the path, the status and the reason.
struct RefusalLog: Sendable {
    let logger: Logger

    /// The longest path quoted in a line; a request line may be far longer.
    static let maximumPathLength = 512

    /// Logs a refused request; `method` and `path` are nil when the request was never read that far.
    func refused(status: Int, method: String?, path: String?, reason: String) {
        let path = path.map { $0.count > Self.maximumPathLength ? String($0.prefix(Self.maximumPathLength)) + "…" : $0 }
        logger.notice("request refused", metadata: [
            "method": "\(method ?? "-")", "path": "\(path ?? "-")", "status": "\(status)", "reason": "\(reason)",
        ])
    }
}
