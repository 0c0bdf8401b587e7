import Foundation

/// Connections held open against a server the way hostile clients hold them: half send nothing at all, half send the
/// header of a request one byte every `interval` seconds, so that they are never idle. A thread of its own feeds the
/// slow ones until `release()`.
public final class HeldConnections: Sendable {
    public let idle: [RawClient]
    public let slow: [RawClient]
    private let running = Flag()
    private let done = DispatchSemaphore(value: 0)

    /// Opens `count` connections to `port` on loopback (the first half idle, the rest slow) for requests to `path`.
    public init(count: Int, port: Int, path: String, interval: TimeInterval = 0.5) throws {
        var clients: [RawClient] = []
        for _ in 0..<count { clients.append(try RawClient(port: port)) }
        let idle = Array(clients[..<(count / 2)])
        let slow = Array(clients[(count / 2)...])
        self.idle = idle
        self.slow = slow
        let header = Array("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: \(String(repeating: "s", count: 100_000))".utf8)
        let running = running
        let done = done
        Thread {
            var position = 0
            while running.isSet {
                for client in slow { client.send([header[position % header.count]]) }
                position += 1
                usleep(useconds_t(interval * 1_000_000))
            }
            done.signal()
        }.start()
    }

    /// The connections the server has closed so far.
    public var closedByServer: Int { (idle + slow).filter { !$0.isOpen }.count }

    /// Stops feeding the slow connections (the connections close when this value goes).
    public func release() {
        if running.clear() { done.wait() }
    }

    deinit { release() }

    /// A flag shared with the feeding thread.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = true

        var isSet: Bool { lock.withLock { value } }

        /// Clears the flag; true when it was set.
        func clear() -> Bool {
            lock.withLock {
                defer { value = false }
                return value
            }
        }
    }
}
