import HTTPTypes
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// The connections open at once, and which one gives way when they go over the cap (`maximumConnections`), so that
/// connections held open and silent cannot keep a fresh client waiting in the listen queue until they time out.
///
/// Every connection is accepted (the listener's own gate stands at twice the cap, a bound on descriptors only). When
/// one more than the cap is open, the connection that has gone longest without progress (being opened, a request's
/// header arriving, an answer going out) and has no request in progress is closed at once. A fresh client is therefore
/// accepted and served as long as it sends its request before as many newer connections have come as the cap allows.
/// When every other connection has a request in progress, the new one is closed instead.
///
/// This is fairness for a local development tool, not protection against denial of service: a client that reopens
/// every connection closed this way still takes the server's time, and nothing limits connections per client address.
final class ConnectionSlots: Sendable {
    /// Connections open at once.
    let maximum: Int
    let logger: Logger
    private let state = NIOLockedValueBox(State())

    struct Entry: Sendable {
        let channel: any Channel
        /// When it was opened, or when a request's header or an answer last passed.
        var progress: NIODeadline
        /// Requests whose header has arrived and whose answer is not written in full.
        var requestsInProgress: Int
    }

    struct State: Sendable {
        var nextID = 0
        var entries: [Int: Entry] = [:]
    }

    init(maximum: Int, logger: Logger) {
        self.maximum = maximum
        self.logger = logger
    }

    /// Records a new connection and returns its id; over the cap, closes the connection idle longest (or this one).
    func opened(_ channel: any Channel) -> Int {
        let maximum = maximum
        let (id, closing): (Int, [(channel: any Channel, isNewcomer: Bool)]) = state.withLockedValue { state in
            let id = state.nextID
            state.nextID += 1
            state.entries[id] = Entry(channel: channel, progress: .now(), requestsInProgress: 0)
            var closing: [(channel: any Channel, isNewcomer: Bool)] = []
            while state.entries.count > maximum {
                let idle = state.entries.filter { $0.key != id && $0.value.requestsInProgress == 0 }
                let oldest = idle.min { ($0.value.progress, $0.key) < ($1.value.progress, $1.key) }?.key ?? id
                if let entry = state.entries.removeValue(forKey: oldest) { closing.append((entry.channel, oldest == id)) }
                if oldest == id { break }
            }
            return (id, closing)
        }
        for (channel, isNewcomer) in closing {
            let peer = channel.remoteAddress.map { "\($0)" } ?? "-"
            let reason = isNewcomer ? "\(maximum) connections are open, each with a request in progress" : "\(maximum) connections are open; this one went longest without a request"
            logger.info("connection closed to make room", metadata: ["reason": "\(reason)", "peer": "\(peer)"])
            channel.close(promise: nil)
        }
        return id
    }

    /// A request's header arrived on connection `id`.
    func requestBegan(_ id: Int) {
        state.withLockedValue { state in
            state.entries[id]?.requestsInProgress += 1
            state.entries[id]?.progress = .now()
        }
    }

    /// An answer on connection `id` was written in full.
    func requestAnswered(_ id: Int) {
        state.withLockedValue { state in
            if let count = state.entries[id]?.requestsInProgress { state.entries[id]?.requestsInProgress = max(count - 1, 0) }
            state.entries[id]?.progress = .now()
        }
    }

    /// Connection `id` closed.
    func closed(_ id: Int) {
        _ = state.withLockedValue { $0.entries.removeValue(forKey: id) }
    }
}

/// Tells `ConnectionSlots` about its connection: opened, each request begun and answered, closed.
final class ConnectionSlotHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let slots: ConnectionSlots
    private var id: Int?

    init(slots: ConnectionSlots) {
        self.slots = slots
    }

    func handlerAdded(context: ChannelHandlerContext) {
        id = slots.opened(context.channel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        leave()
    }

    func channelInactive(context: ChannelHandlerContext) {
        leave()
        context.fireChannelInactive()
    }

    private func leave() {
        if let id { slots.closed(id) }
        id = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data), let id { slots.requestBegan(id) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), let id { slots.requestAnswered(id) }
        context.write(data, promise: promise)
    }
}
