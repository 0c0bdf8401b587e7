import Foundation

/// Silent connections held open against a server that come back: a thread of its own looks at them every `interval`
/// seconds and opens again each one the server has closed, the way a client that means to keep a server's connection
/// slots busy behaves, until `release()`.
public final class ReopeningConnections: Sendable {
    private let shared: Shared
    private let done = DispatchSemaphore(value: 0)

    /// Opens `count` connections to `port` on loopback, and keeps them open.
    public init(count: Int, port: Int, interval: TimeInterval = 0.05) throws {
        var clients: [RawClient] = []
        for _ in 0..<count { clients.append(try RawClient(port: port)) }
        let shared = Shared(clients: clients)
        self.shared = shared
        let done = done
        Thread {
            while shared.isRunning {
                for index in 0..<count where !shared.client(at: index).isOpen {
                    guard shared.isRunning, let fresh = try? RawClient(port: port) else { continue }
                    shared.replace(at: index, with: fresh)
                }
                usleep(useconds_t(interval * 1_000_000))
            }
            done.signal()
        }.start()
    }

    /// How many connections were opened again after the server closed them.
    public var reopened: Int { shared.reopened }

    /// Stops reopening (the connections close when this value goes).
    public func release() {
        if shared.stop() { done.wait() }
    }

    deinit { release() }

    /// The connections and the count, shared with the reopening thread.
    final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var clients: [RawClient]
        private var reopenings = 0
        private var running = true

        init(clients: [RawClient]) {
            self.clients = clients
        }

        var isRunning: Bool { lock.withLock { running } }

        var reopened: Int { lock.withLock { reopenings } }

        func client(at index: Int) -> RawClient { lock.withLock { clients[index] } }

        func replace(at index: Int, with fresh: RawClient) {
            lock.withLock {
                clients[index] = fresh
                reopenings += 1
            }
        }

        /// Stops the thread; true when it was running.
        func stop() -> Bool {
            lock.withLock {
                defer { running = false }
                return running
            }
        }
    }
}
