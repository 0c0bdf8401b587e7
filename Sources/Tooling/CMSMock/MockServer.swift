import CMSRuntime
import CMSSchema
import Foundation
import HTTPTypes
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import UnixSignals

/// A local CC-CMS: a real HTTP(S) server on HummingbirdCore that serves every interface of a schema.
///
/// For each request it matches method and path against the interfaces (404 when none matches), checks the credentials
/// the interface's page documents (a C2 signature, or a token header; 401 when they are not valid), validates the path,
/// query, header and body parameters against the documented rules (when one breaks: the envelope's invalid-parameter
/// result code naming the fields, or HTTP 400 for an interface without an envelope) and otherwise answers with the
/// documented success status and response example.
///
/// It is a development tool. It bounds what hostile clients can take (deadlines, body sizes and memory, connections;
/// see `CMSMockConfiguration`) and stays fair to a fresh client, but it does not resist denial of service: expose it
/// to nothing you do not trust.
public final class CMSMockServer: Sendable {
    public let schema: SchemaDocument
    public let configuration: CMSMockConfiguration
    let engine: CMSMockEngine
    let counters = Counters()
    let lifecycle = Lifecycle()
    let bodies: BodyReader
    let refusals: RefusalLog
    let slots: ConnectionSlots

    public init(schema: SchemaDocument, configuration: CMSMockConfiguration) {
        self.schema = schema
        self.configuration = configuration
        self.bodies = BodyReader(
            maximumBytes: configuration.maximumBodyBytes, timeout: configuration.bodyTimeout,
            budget: BodyBudget(capacity: configuration.bodyBudgetBytes)
        )
        self.refusals = RefusalLog(logger: configuration.logger)
        self.slots = ConnectionSlots(maximum: configuration.maximumConnections, logger: configuration.logger)
        self.engine = CMSMockEngine(
            schema: schema,
            verifier: CMSSignatureVerifier(credentials: configuration.credentials, window: configuration.timeWindow, now: configuration.now),
            defaultPort: configuration.tls == nil ? 80 : 443, signedHost: configuration.signedHost, tokens: configuration.tokens,
            answers: configuration.answers
        )
    }

    /// Answers one request in process, exactly as the server would over HTTP (for tests and fuzzing): the status and
    /// the body.
    public func answer(method: String, target: String, host: String?, headers: [String: String], body: Data) -> (status: Int, body: Data) {
        let reply = engine.respond(method: method, target: target, host: host, headers: headers, body: body)
        return (reply.status, reply.body)
    }

    /// Starts listening and returns the base URL (`http://127.0.0.1:PORT` or `https://…`) once bound.
    /// Calling it while the server runs returns the same URL.
    public func start() async throws -> URL {
        try await launch(signals: [])
    }

    /// Stops listening and waits until the server is down. Does nothing when the server is not running.
    public func stop() async {
        guard let run = await lifecycle.current() else { return }
        await run.group.triggerGracefulShutdown()
        _ = await run.task.result
        await lifecycle.finished(run)
    }

    /// Counters since start: every request that reached the server, those refused with 401, those refused as invalid,
    /// those answered with an example.
    public func statistics() async -> CMSMockStatistics {
        await counters.snapshot()
    }

    /// The part of the body budget taken now, in bytes: the cost (`CMSMockBodyCost`) of the bodies being read or
    /// handled. 0 when no request with a body is in progress.
    public var bodyBudgetInUse: Int { bodies.budget.inUse }

    /// Runs until SIGINT or SIGTERM (for the executable); calls `onListening` with the base URL once bound.
    /// Cancelling the calling task stops the server too.
    public static func run(schema: SchemaDocument, configuration: CMSMockConfiguration, onListening: @Sendable (URL) -> Void) async throws {
        let server = CMSMockServer(schema: schema, configuration: configuration)
        let url = try await server.launch(signals: [.sigterm, .sigint])
        onListening(url)
        guard let run = await server.lifecycle.current() else { return }
        try await withTaskCancellationHandler {
            try await run.task.value
        } onCancel: {
            Task { await server.stop() }
        }
        await server.lifecycle.finished(run)
    }

    // MARK: Running

    /// One run of the server: the service group and the task that runs it.
    struct Run: Sendable {
        let id: UUID
        let group: ServiceGroup
        let task: Task<Void, any Error>
        let binding: Binding
    }

    /// Starts a run (or joins the current one) and waits until it is bound.
    func launch(signals: [UnixSignal]) async throws -> URL {
        let binding = Binding()
        let logger = configuration.logger
        let responder = MockResponder(engine: engine, counters: counters, bodies: bodies, refusals: refusals)
        let server = try makeServerBuilder().buildServer(
            configuration: ServerConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                // `ConnectionSlots` holds connections to the cap by closing the one idle longest; the listener stops
                // accepting only at twice the cap, a bound on descriptors.
                availableConnectionsDelegate: .maximum(2 * configuration.maximumConnections, logger: logger)
            ),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger,
            responder: { [now = configuration.now] request, writer, _ in
                var response = await responder.respond(to: request)
                // An origin server with a clock sends the date (RFC 9110, section 6.6.1), as CC-CMS does.
                response.headers[.date] = Self.httpDate(now())
                try await writer.write(response: response.head, body: response.body)
            },
            onServerRunning: { channel in await binding.bound(port: channel.localAddress?.port) }
        )
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: server)], gracefulShutdownSignals: signals, logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = Duration.seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)

        let run: Run
        switch await lifecycle.begin(group: group, binding: binding, counters: counters, start: {
            // `configuration.priority` (high by default): the server's tasks go before the work of the process it runs
            // in. On Swift's shared pool a test run queues hundreds of test bodies, and a server task behind them waited
            // for seconds: its clients' deadlines then measured the queue, not the server.
            Task(priority: configuration.priority) {
                do {
                    try await group.run()
                } catch {
                    await binding.failed(error)
                    throw error
                }
                await binding.failed(CMSMockError.notListening("the server stopped before it was listening"))
            }
        }) {
        case .started(let started): run = started
        case .joined(let existing): run = existing
        }
        do {
            let port = try await run.binding.port()
            return baseURL(port: port)
        } catch {
            await lifecycle.finished(run)
            throw error
        }
    }

    /// `date` as an HTTP date (`Sun, 06 Dec 2026 10:15:00 GMT`), in English whatever the locale.
    static func httpDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    func baseURL(port: Int) -> URL {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return URL(string: "\(configuration.tls == nil ? "http" : "https")://\(host):\(port)")!
    }

    func makeServerBuilder() throws -> HTTPServerBuilder {
        // A silent connection (idle between requests, or stalled in the middle of one) is closed, and so is one whose
        // header trickles in for longer than the header deadline. Requests that HTTP/1.1 forbids are refused before
        // Hummingbird reads them, and at the connection cap the connection idle longest gives way.
        func milliseconds(_ seconds: TimeInterval) -> TimeAmount { .milliseconds(Int64((max(seconds, 0.001) * 1000).rounded())) }
        let headerTimeout = milliseconds(configuration.headerTimeout)
        let refusals = refusals
        let slots = slots
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                RequestFramingGuard.Installer(refusals: refusals),
                HeaderDeadlineHandler(timeout: headerTimeout, refusals: refusals),
                ConnectionSlotHandler(slots: slots),
            ],
            idleTimeout: milliseconds(configuration.idleTimeout)
        )
        guard let tls = configuration.tls else { return .http1(configuration: http) }
        let chain: [NIOSSLCertificateSource]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map { .certificate($0) }
        } catch {
            throw CMSMockError.tls("cannot read the certificate \(tls.certificatePath): \(error)")
        }
        guard !chain.isEmpty else { throw CMSMockError.tls("no certificate in \(tls.certificatePath)") }
        do {
            key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
        } catch {
            throw CMSMockError.tls("cannot read the private key \(tls.privateKeyPath): \(error)")
        }
        let tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        return try .tls(.http1(configuration: http), tlsConfiguration: tlsConfiguration)
    }

    /// The current run, so that `start`, `stop` and `run` agree on it.
    actor Lifecycle {
        private var run: Run?

        enum Begin {
            case started(Run)
            case joined(Run)
        }

        func begin(group: ServiceGroup, binding: Binding, counters: Counters, start: @Sendable () -> Task<Void, any Error>) async -> Begin {
            if let run { return .joined(run) }
            await counters.reset()
            let started = Run(id: UUID(), group: group, task: start(), binding: binding)
            run = started
            return .started(started)
        }

        func current() -> Run? { run }

        func finished(_ finished: Run) {
            if run?.id == finished.id { run = nil }
        }
    }

    /// The bound port, once the server listens (or why it never will).
    actor Binding {
        private var result: Result<Int, any Error>?
        private var waiters: [CheckedContinuation<Int, any Error>] = []

        func bound(port: Int?) {
            if let port { settle(.success(port)) } else { settle(.failure(CMSMockError.notListening("the listening socket has no port"))) }
        }

        func failed(_ error: any Error) { settle(.failure(error)) }

        private func settle(_ outcome: Result<Int, any Error>) {
            guard result == nil else { return }
            result = outcome
            for waiter in waiters { waiter.resume(with: outcome) }
            waiters = []
        }

        func port() async throws -> Int {
            if let result { return try result.get() }
            return try await withCheckedThrowingContinuation { waiters.append($0) }
        }
    }
}

/// Why the mock could not start.
public enum CMSMockError: Error, Sendable, CustomStringConvertible {
    /// The certificate or key could not be read.
    case tls(String)
    /// The server did not come up.
    case notListening(String)

    public var description: String {
        switch self {
        case .tls(let message): "TLS: \(message)"
        case .notListening(let message): message
        }
    }
}

/// The request counters, safe under concurrent requests.
actor Counters {
    private var statistics = CMSMockStatistics()

    func reset() { statistics = CMSMockStatistics() }

    func received() { statistics.received += 1 }

    func record(_ outcome: CMSMockEngine.Outcome) {
        switch outcome {
        case .notFound: break
        case .unauthorized: statistics.unauthorized += 1
        case .invalid: statistics.invalid += 1
        case .served: statistics.served += 1
        }
    }

    func snapshot() -> CMSMockStatistics { statistics }
}

/// Hands each request to the engine, and logs every refusal through `RefusalLog`.
struct MockResponder: Sendable {
    let engine: CMSMockEngine
    let counters: Counters
    let bodies: BodyReader
    let refusals: RefusalLog

    func respond(to request: HummingbirdCore.Request) async -> HummingbirdCore.Response {
        await counters.received()
        let method = request.method.rawValue
        let path = request.head.path ?? "/"
        let read = await bodies.read(request)
        defer { bodies.release(read) }
        let body: Data
        switch read {
        case .body(let collected, _):
            body = collected
        case .tooLarge:
            return refusal(413, "Payload Too Large", "the body exceeds \(bodies.maximumBytes) bytes", method, path)
        case .overBudget:
            return refusal(503, "Service Unavailable", "request bodies in flight would exceed \(bodies.budget.capacity) bytes; retry later", method, path)
        case .timedOut:
            return refusal(408, "Request Timeout", "the request body did not arrive within \(bodies.timeout) s", method, path)
        case .failed:
            return refusal(400, "Bad Request", "the request body could not be read", method, path)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.rawName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        // HTTP/1's Host header arrives as the authority.
        let host = request.head.authority
        if let host, !headers.keys.contains(where: { $0.lowercased() == "host" }) { headers["Host"] = host }
        let reply = engine.respond(method: method, target: path, host: host, headers: headers, body: body)
        await counters.record(reply.outcome)
        if let reason = reply.reason {
            refusals.refused(status: reply.status, method: method, path: path, reason: reason)
        }
        return Self.response(status: reply.status, body: reply.body, headers: reply.headers)
    }

    /// A refusal before the request is read in full, logged: the connection is closed after it, as what is left of
    /// the request cannot be told from the next one.
    func refusal(_ status: Int, _ error: String, _ reason: String, _ method: String, _ path: String) -> HummingbirdCore.Response {
        refusals.refused(status: status, method: method, path: path, reason: reason)
        return Self.refusal(status, error, reason)
    }

    /// A refusal before the request is read in full: the connection is closed after it, as what is left of the
    /// request cannot be told from the next one.
    static func refusal(_ status: Int, _ error: String, _ reason: String) -> HummingbirdCore.Response {
        var response = response(status: status, body: CMSMockEngine.json(["error": error, "reason": reason]))
        response.headers[.connection] = "close"
        if status == 503 { response.headers[.retryAfter] = "1" }
        return response
    }

    static func response(status: Int, body: Data, headers extra: [String: String] = [:]) -> HummingbirdCore.Response {
        var headers: HTTPFields = [.contentType: "application/json;charset=UTF-8"]
        if let allow = extra["Allow"] { headers[.allow] = allow }
        return HummingbirdCore.Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
