import Foundation

/// Silent connections held open against a server that come back when the server closes them, the way a client that
/// means to keep a server's connection slots busy behaves.
///
/// The caller opens the closed ones again in rounds (`reopenClosed`), so that a test knows what the server has seen
/// when it makes its own request: a thread that reopened them on its own would race with it. Blocking: keep it off
/// Swift's cooperative thread pool.
public final class ReopeningConnections: Sendable {
    private let port: Int
    private let state: Locked

    /// Opens `count` connections to `port` on loopback, and keeps them open until this value goes.
    public init(count: Int, port: Int) throws {
        var clients: [RawClient] = []
        for _ in 0..<count { clients.append(try RawClient(port: port)) }
        self.port = port
        state = Locked(clients: clients)
    }

    /// How many connections were opened again after the server closed them.
    public var reopened: Int { state.withLock { $0.reopened } }

    /// How many of the connections the server has closed, right now.
    public var closedCount: Int { state.withLock { $0.clients.filter { !$0.isOpen }.count } }

    /// Waits until the server has closed at least `count` of the connections; false when `seconds` pass first.
    public func waitUntilClosed(atLeast count: Int, within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while closedCount < count {
            guard Date() < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    /// Opens again, one after the other, up to `limit` of the connections the server had closed when it was called
    /// (not those it closes meanwhile to make room for them); returns how many.
    @discardableResult
    public func reopenClosed(upTo limit: Int = .max) throws -> Int {
        try state.withLock { state in
            let closed = state.clients.indices.filter { !state.clients[$0].isOpen }.prefix(limit)
            for index in closed { state.clients[index] = try RawClient(port: port) }
            state.reopened += closed.count
            return closed.count
        }
    }

    /// The connections and the count, behind a lock.
    final class Locked: @unchecked Sendable {
        struct State {
            var clients: [RawClient]
            var reopened = 0
        }

        private let lock = NSLock()
        private var state: State

        init(clients: [RawClient]) {
            state = State(clients: clients)
        }

        func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
            try lock.withLock { try body(&state) }
        }
    }
}
