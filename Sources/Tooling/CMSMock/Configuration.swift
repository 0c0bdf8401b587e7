import CMSRuntime
import Foundation
import Logging

/// Where the local CC-CMS listens, which AK/SK it accepts, and how.
public struct CMSMockConfiguration: Sendable {
    /// The address to bind; loopback by default.
    public var host: String
    /// The port to bind; 0 picks any free port (see the URL `CMSMockServer.start()` returns).
    public var port: Int
    /// The AK/SK the server accepts.
    public var credentials: CMSCredentials
    /// Allowed clock skew of a signature's timestamp, in seconds, either way.
    public var timeWindow: TimeInterval
    /// Serve HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: CMSMockTLS?
    /// Where the server logs (every refused request, with its status and reason, at `notice`; connections closed to
    /// make room at the cap, at `info`). Silent by default.
    public var logger: Logger
    /// The `ip:port` clients sign as `host` when they reach the server through something else (an NSLB, a proxy, a
    /// test that replays signatures made for another address); nil verifies against the Host header.
    public var signedHost: String?
    /// The server's clock, which signature timestamps are compared with.
    public var now: @Sendable () -> Date
    /// The tokens accepted in the token header of interfaces that the pages document with one (`X-Auth-Token`); empty
    /// accepts any non-empty token.
    public var tokens: Set<String>
    /// Success answers to send instead of the documented examples, by `METHOD path` as the pages give it
    /// (`GET /v2/{project_id}/gizmos`): for answers the pages show no example of, such as a query with no rows or a
    /// success without a payload.
    public var answers: [String: Data]

    /// A logger that drops everything: the default.
    public static let silentLogger = Logger(label: "cmsmock", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Seconds a connection may stay silent (between requests, or in the middle of one) before it is closed.
    public var idleTimeout: TimeInterval
    /// Connections open at once. One more, and the connection that has gone longest without a request (and has none
    /// in progress) is closed at once, so that the new one can be served; when every connection has a request in
    /// progress, the new one is closed (`ConnectionSlots`).
    public var maximumConnections: Int
    /// Seconds from the first byte of a request to the end of its header; then 408 and the connection is closed.
    public var headerTimeout: TimeInterval
    /// Seconds from the end of a request's header to the end of its body; then 408 and the connection is closed.
    public var bodyTimeout: TimeInterval
    /// The largest request body, in bytes; larger ones get 413.
    public var maximumBodyBytes: Int
    /// The memory that request bodies may take at once across all connections, in bytes; a body that would go over
    /// gets 503. A body counts what it costs while its request is handled (`CMSMockBodyCost`), about 5 times its
    /// length, so the default (96 MiB) holds one body of the largest default size (16 MiB) that is mostly text.
    public var bodyBudgetBytes: Int
    /// The priority of the server's tasks (accepting, reading, answering, its deadlines). High by default: in a process
    /// that queues work on Swift's shared pool (a test run, an app that embeds the mock), the server's tasks go first,
    /// and its deadlines and answers keep their times. A server under load the process makes on purpose can take the
    /// process's own priority instead, so that it does not hold back the process's other servers.
    public var priority: TaskPriority = .high

    public init(
        host: String = "127.0.0.1", port: Int = 0, credentials: CMSCredentials, timeWindow: TimeInterval = 900,
        tls: CMSMockTLS? = nil, logger: Logger = CMSMockConfiguration.silentLogger, signedHost: String? = nil,
        now: @escaping @Sendable () -> Date = { Date() }, tokens: Set<String> = [], answers: [String: Data] = [:],
        idleTimeout: TimeInterval = 15, maximumConnections: Int = 1024, headerTimeout: TimeInterval = 10,
        bodyTimeout: TimeInterval = 30, maximumBodyBytes: Int = 16 * 1024 * 1024, bodyBudgetBytes: Int = 96 * 1024 * 1024
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.maximumBodyBytes = maximumBodyBytes
        self.bodyBudgetBytes = bodyBudgetBytes
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.tokens = tokens
        self.answers = answers
        self.signedHost = signedHost
        self.now = now
        self.host = host
        self.port = port
        self.credentials = credentials
        self.timeWindow = timeWindow
        self.tls = tls
        self.logger = logger
    }
}

/// A certificate chain and private key, as PEM files, for serving HTTPS.
public struct CMSMockTLS: Sendable {
    public var certificatePath: String
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }
}

/// What the server has seen since it started.
public struct CMSMockStatistics: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Every request that reached the server.
    public var received: Int
    /// Requests refused with HTTP 401 (signature or token).
    public var unauthorized: Int
    /// Requests refused because a parameter breaks a documented rule (the invalid-parameter result code, or HTTP 400).
    public var invalid: Int
    /// Requests answered with the documented response example.
    public var served: Int

    public init(received: Int = 0, unauthorized: Int = 0, invalid: Int = 0, served: Int = 0) {
        self.received = received
        self.unauthorized = unauthorized
        self.invalid = invalid
        self.served = served
    }

    public var description: String {
        "received \(received), unauthorized \(unauthorized), invalid \(invalid), served \(served)"
    }
}
