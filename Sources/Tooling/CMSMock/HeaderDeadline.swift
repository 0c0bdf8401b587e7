import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Closes a connection whose request header takes too long, however steadily its bytes trickle in (the idle timeout
/// restarts on every byte, so it alone keeps a client that sends one byte every half second), and closes a connection
/// once a response that says `Connection: close` is written.
///
/// The deadline starts with the first byte of a request, not when the connection opens or the last answer went out:
/// a kept-alive connection may stay silent for as long as the idle timeout allows. At the deadline the server answers
/// `408 Request Timeout` and closes, and logs the refusal (`RefusalLog`). The body has a deadline of its own, kept
/// where the body is read (`BodyReader`).
///
/// It sits after the HTTP decoder, where requests are whole parts. To see a request's first byte it places a companion,
/// `FirstByteWatcher`, before the HTTP codec (after TLS, when there is TLS), which reports every read.
final class HeaderDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timeout: TimeAmount
    let refusals: RefusalLog
    /// Requests whose header has arrived and whose response has not been written in full.
    private var openRequests = 0
    /// Running from the first byte of a request until its header is complete.
    private var deadline: Scheduled<Void>?
    private var closeAfterResponse = false
    private var watcher: FirstByteWatcher?

    init(timeout: TimeAmount, refusals: RefusalLog) {
        self.timeout = timeout
        self.refusals = refusals
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let watcher = FirstByteWatcher(owner: self)
        self.watcher = watcher
        // Before the response encoder, so that what the watcher writes (the 408) goes out as bytes.
        let pipeline = context.pipeline.syncOperations
        if let encoder = try? pipeline.handler(type: HTTPResponseEncoder.self) {
            try? pipeline.addHandler(watcher, position: .before(encoder))
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    /// Bytes arrived: a new request begins when none is open and no header is being read.
    fileprivate func bytesArrived(context watcherContext: ChannelHandlerContext) {
        guard openRequests == 0, deadline == nil else { return }
        let timeout = timeout
        deadline = watcherContext.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            deadline = nil
            guard openRequests == 0 else { return }
            let seconds = Double(timeout.nanoseconds) / 1_000_000_000
            let reason = "the request header did not arrive within \(seconds) s"
            refusals.refused(status: 408, method: nil, path: nil, reason: reason)
            let body = #"{"error":"Request Timeout","reason":"\#(reason)"}"#
            let answer = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            watcherContext.writeAndFlush(NIOAny(watcherContext.channel.allocator.buffer(string: answer))).assumeIsolated().whenComplete { _ in
                watcherContext.close(promise: nil)
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            deadline?.cancel()
            deadline = nil
            openRequests += 1
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased() == "close" { closeAfterResponse = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            openRequests = max(openRequests - 1, 0)
            if closeAfterResponse {
                context.writeAndFlush(data, promise: promise)
                context.close(promise: nil)
            } else {
                context.write(data, promise: promise)
            }
        }
    }
}

/// Reports every read to its `HeaderDeadlineHandler`, and passes the bytes on untouched.
final class FirstByteWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private weak var owner: HeaderDeadlineHandler?

    init(owner: HeaderDeadlineHandler) {
        self.owner = owner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        owner?.bytesArrived(context: context)
        context.fireChannelRead(data)
    }
}
