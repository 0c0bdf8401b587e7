import Foundation
import NIOCore
import NIOHTTP1

/// Refuses, with 400 and a closed connection, the requests whose Host header or framing HTTP/1.1 forbids (RFC 9112):
/// - more than one `Host` header line, or none in an HTTP/1.1 request (section 3.2);
/// - `Transfer-Encoding` in an HTTP/1.0 request, whose framing the server must treat as faulty, closing the connection
///   after it answers (section 6.1). Left alone, the decoder would read such a body as chunked.
///
/// It sits right after the HTTP/1 decoder, where the request's version and every header line as sent are still known:
/// Hummingbird's own handlers see requests converted to HTTP types, without the version and with the first Host only.
/// A refused request and whatever follows it on the connection go no further; the refusal is written once the
/// requests before it are answered, then the connection closes. It also logs the parse errors Hummingbird answers
/// with 400 itself. Every refusal is logged through `RefusalLog`.
final class RequestFramingGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let refusals: RefusalLog
    /// Requests passed on whose answer has not been written in full.
    private var unanswered = 0
    /// Whether a request passed on is still arriving (its end has not come).
    private var reading = false
    /// Why the connection's last request is refused; from then on nothing more is read.
    private var refusal: String?
    private var refusalWritten = false

    init(refusals: RefusalLog) {
        self.refusals = refusals
    }

    /// Why `head` is refused, or nil.
    static func fault(of head: HTTPRequestHead) -> String? {
        let hosts = head.headers["Host"].count
        let beforeHTTP11 = head.version.major < 1 || (head.version.major == 1 && head.version.minor < 1)
        if hosts > 1 {
            return "the request has \(hosts) Host header lines; HTTP/1.1 allows exactly one (RFC 9112, section 3.2)"
        }
        if hosts == 0, !beforeHTTP11 {
            return "the request has no Host header; HTTP/1.1 requires one (RFC 9112, section 3.2)"
        }
        if beforeHTTP11, head.headers.contains(name: "Transfer-Encoding") {
            return "an HTTP/\(head.version.major).\(head.version.minor) request with Transfer-Encoding has faulty framing (RFC 9112, section 6.1)"
        }
        return nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // After a refused request nothing is read: the connection closes once the refusal is written.
        guard refusal == nil else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let reason = Self.fault(of: head) {
                refusal = reason
                refusals.refused(status: 400, method: head.method.rawValue, path: head.uri, reason: reason)
                if unanswered == 0 { writeRefusal(context: context) }
                return
            }
            unanswered += 1
            reading = true
        case .body:
            break
        case .end:
            reading = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        unanswered = max(unanswered - 1, 0)
        context.write(data, promise: promise)
        if unanswered == 0, refusal != nil { writeRefusal(context: context) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // What the decoder makes of the bytes after a refused request does not matter: the connection is closing.
        guard refusal == nil else { return }
        // Between requests, Hummingbird answers a parse error with 400 itself; in the middle of a body, the body's
        // reader fails and the responder answers (and logs) instead.
        // A stream that ends in the middle of a header is a client gone (or one the header deadline closed), not a
        // request answered with 400.
        if let parseError = error as? HTTPParserError, parseError != .invalidEOFState, !reading {
            refusals.refused(status: 400, method: nil, path: nil, reason: "the request is not valid HTTP/1.1 (\(error))")
        }
        context.fireErrorCaught(error)
    }

    /// Writes `400 Bad Request` with the reason, then closes the connection.
    private func writeRefusal(context: ChannelHandlerContext) {
        guard let refusal, !refusalWritten else { return }
        refusalWritten = true
        let body = context.channel.allocator.buffer(bytes: CMSMockEngine.json(["error": "Bad Request", "reason": refusal]))
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            channel.close(promise: nil)
        }
        // Closed in any case a moment later, should the write never complete (a peer that reads nothing).
        context.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
    }

    /// Placed among Hummingbird's additional handlers, which come after the conversion to HTTP types, it puts a
    /// `RequestFramingGuard` right after the HTTP/1 decoder, and passes everything on untouched. (A pipeline takes
    /// only inbound or outbound handlers, hence the conformance.)
    final class Installer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny

        let refusals: RefusalLog

        init(refusals: RefusalLog) {
            self.refusals = refusals
        }

        func handlerAdded(context: ChannelHandlerContext) {
            let pipeline = context.pipeline.syncOperations
            guard let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) else { return }
            try? pipeline.addHandler(RequestFramingGuard(refusals: refusals), position: .after(decoder))
        }
    }
}
