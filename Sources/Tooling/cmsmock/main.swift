import ArgumentParser
import CMSExtraction
import CMSMock
import CMSRuntime
import CMSSchema
import Foundation
import Logging

/// `cmsmock`: a local CC-CMS built from the documentation pages.
struct CMSMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmsmock",
        abstract: "Serve a local CC-CMS built from the interface pages: checks the documented credentials (C2 signatures, token headers), validates requests, answers with the documented statuses and examples.",
        discussion: """
            Prints one line, `cmsmock listening on <baseURL>`, once the server is bound, and stops on SIGINT or SIGTERM.
            Unknown paths get 404, bad signatures 401, bodies that break a documented rule the 0100002 envelope.
            Every refused request is logged on standard error with its status and reason.

            Secrets: --sk and --token show in `ps` to every user of the machine. Give the secret key with --sk-file FILE
            (its first line) or the CMSMOCK_SK environment variable instead, and tokens with --token-file FILE (one per
            line) or CMSMOCK_TOKENS (comma-separated). Each is given one way only.

            cmsmock is a development tool, not a server to expose: it bounds what a hostile client can take (deadlines,
            body sizes and their memory, connections, closing the one idle longest at the cap so that a fresh client
            is served), but it does not resist denial of service. Bind it to loopback or a network you trust.
            """
    )

    @Option(help: "Page files (.html, .dita) or folders of pages.")
    var specs: [String] = ["specs"]

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "The address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "The access key the server accepts (default cmsmock-ak).")
    var ak: String?

    @Option(help: "The secret key the server accepts (default cmsmock-sk). Shows in `ps` to every user: prefer --sk-file or CMSMOCK_SK.")
    var sk: String?

    @Option(name: .customLong("sk-file"), help: "A file whose first line is the secret key; unlike --sk, `ps` does not show it.")
    var skFile: String?

    @Option(name: .customLong("time-window"), help: "Allowed clock skew of a signature's timestamp, in seconds.")
    var timeWindow: Double = 900

    @Option(name: .customLong("signed-host"), help: "The ip:port clients sign as host, when they reach the server through an NSLB or proxy.")
    var signedHost: String?

    @Option(name: .customLong("token"), help: "A token accepted by interfaces documented with a token header (X-Auth-Token); repeat for several. None given: any non-empty token. Shows in `ps`: prefer --token-file or CMSMOCK_TOKENS.")
    var tokens: [String] = []

    @Option(name: .customLong("token-file"), help: "A file of accepted tokens, one per line; unlike --token, `ps` does not show them.")
    var tokenFile: String?

    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may stay silent, between requests or in the middle of one, before it is closed.")
    var idleTimeout: Double = 15

    @Option(name: .customLong("max-connections"), help: "Connections served at once. One more, and the one idle longest (no request in progress) is closed at once; when every one has a request in progress, the new one is.")
    var maxConnections: Int = 1024

    @Option(name: .customLong("header-timeout"), help: "Seconds from a request's first byte to the end of its header; then 408 and the connection is closed.")
    var headerTimeout: Double = 10

    @Option(name: .customLong("body-timeout"), help: "Seconds from the end of a request's header to the end of its body; then 408 and the connection is closed.")
    var bodyTimeout: Double = 30

    @Option(name: .customLong("max-body"), help: "The largest request body, in bytes; larger ones get 413.")
    var maxBody: Int = 16 * 1024 * 1024

    @Option(name: .customLong("body-budget"), help: "Bytes of memory for request bodies at once, across all connections; a body counts about 5 times its length (more for JSON of many small values) while its request is handled, and one that would go over gets 503.")
    var bodyBudget: Int = 96 * 1024 * 1024

    @Option(name: .customLong("tls-cert"), help: "PEM certificate (chain) for HTTPS; needs --tls-key.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for HTTPS; needs --tls-cert.")
    var tlsKey: String?

    static let defaultAccessKey = "cmsmock-ak"
    static let defaultSecretKey = "cmsmock-sk"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        guard timeWindow >= 0, timeWindow.isFinite else { throw ValidationError("--time-window must be a number of seconds, 0 or more") }
        for (flag, seconds) in [("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout)] {
            guard seconds > 0, seconds.isFinite else { throw ValidationError("\(flag) must be a number of seconds, more than 0") }
        }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be 1 or more") }
        guard maxBody >= 0, maxBody <= bodyBudget / CMSMockBodyCost.perByte else {
            throw ValidationError("--body-budget must be at least \(CMSMockBodyCost.perByte) times --max-body (what a body costs while it is handled), and both 0 or more")
        }
    }

    func run() async throws {
        try await serve()
    }

    /// Builds the schema and serves it until a signal arrives.
    func serve() async throws {
        let environment = ProcessInfo.processInfo.environment
        let secretKey = try SecretOption.secretKey.resolve(given: self.sk.map { [$0] } ?? [], file: skFile, environment: environment)?.first
        let acceptedTokens = try SecretOption.tokens.resolve(given: self.tokens, file: tokenFile, environment: environment) ?? []
        guard (ak == nil) == (secretKey == nil) else { throw ValidationError("--ak and the secret key (--sk, --sk-file or CMSMOCK_SK) go together") }
        let schema = try buildSchema()
        let credentials: CMSCredentials
        if let ak, let secretKey {
            credentials = CMSCredentials(accessKey: ak, secretKey: secretKey)
        } else {
            credentials = CMSCredentials(accessKey: Self.defaultAccessKey, secretKey: Self.defaultSecretKey)
            Self.printError("note: no --ak and secret key given; accepting the default credentials AK \(Self.defaultAccessKey), SK \(Self.defaultSecretKey)")
        }
        let tls = tlsCert.map { CMSMockTLS(certificatePath: $0, privateKeyPath: tlsKey ?? "") }
        // As many connections as the cap allows (and the listener's gate, twice the cap), whatever the shell's default.
        CMSMockOpenFileLimit.raise()
        // Refused requests are logged with their reason on standard error.
        var logger = Logger(label: "cmsmock", factory: { label in StreamLogHandler.standardError(label: label) })
        logger.logLevel = .notice
        let configuration = CMSMockConfiguration(
            host: host, port: port, credentials: credentials, timeWindow: timeWindow, tls: tls, logger: logger, signedHost: signedHost,
            tokens: Set(acceptedTokens), idleTimeout: idleTimeout, maximumConnections: maxConnections,
            headerTimeout: headerTimeout, bodyTimeout: bodyTimeout, maximumBodyBytes: maxBody, bodyBudgetBytes: bodyBudget
        )
        do {
            try await CMSMockServer.run(schema: schema, configuration: configuration) { url in
                FileHandle.standardOutput.write(Data("cmsmock listening on \(url.absoluteString)\n".utf8))
            }
        } catch {
            Self.printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Reads the pages and prints their diagnostics; exits 1 when a page has an error.
    func buildSchema() throws -> SchemaDocument {
        let result = SchemaBuilder.build(paths: specs)
        // The pages that are not interfaces (overviews, appendices, fragments of a downloaded reference) are counted,
        // not listed one by one.
        let shown = result.diagnostics.filter { !$0.kind.isListedOnlyWhenVerbose }
        if !shown.isEmpty {
            Self.printError(shown.map(\.description).joined(separator: "\n"))
        }
        let others = result.schema.pages.filter { $0.kind != .interface }.count
        if others > 0 { Self.printError("note: \(others) of the \(result.schema.pages.count) pages are not interfaces (overviews, appendices, fragments)") }
        if result.hasErrors { throw ExitCode(1) }
        return result.schema
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

// Top-level code resolves `main()` and `run()` to ParsableCommand's synchronous defaults, so parse and serve by hand,
// as AsyncParsableCommand.main() does.
do {
    let command = try CMSMockCommand.parse()
    try await command.serve()
} catch {
    CMSMockCommand.exit(withError: error)
}
