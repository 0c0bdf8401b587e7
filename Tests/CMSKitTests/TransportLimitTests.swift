import CMSAsyncHTTPClient
import CMSKit
import CMSRuntime
import CMSTestSupport
import Foundation
import Testing

/// What the client accepts from a peer: no more than its response limit, however the peer sends it; a cancelled call
/// is `CMSError.cancelled`; a transport failure keeps the error underneath.
@Suite struct TransportLimitTests {
    /// A raw HTTP server (Python, one connection at a time) that answers every request as `mode` says, and reports how
    /// many bytes it managed to send before the client hung up.
    final class HostileServer: @unchecked Sendable {
        let process = Process()
        let port: Int
        private let output: FileHandle

        init(_ mode: String) throws {
            let script = #"""
            import signal, socket, sys, time
            signal.alarm(60)  # however the test ends, the server does not outlive it by much
            mode = sys.argv[1]
            server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("127.0.0.1", 0)); server.listen(16)
            print(server.getsockname()[1], flush=True)
            while True:
                connection, _ = server.accept()
                connection.settimeout(30)
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = connection.recv(65536)
                    if not chunk: break
                    request += chunk
                sent = 0
                try:
                    if mode == "silent":
                        time.sleep(30)
                    else:
                        total = 64 * 1024 * 1024
                        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        head += (b"Content-Length: %d\r\n" % total) if mode == "declared" else b"Transfer-Encoding: chunked\r\n"
                        connection.sendall(head + b"\r\n")
                        block = b" " * 65536
                        while sent < total:
                            if mode == "declared":
                                connection.sendall(block)
                            else:
                                connection.sendall(b"%x\r\n" % len(block) + block + b"\r\n")
                            sent += len(block)
                            time.sleep(0.002)
                except OSError:
                    pass
                print("sent", sent, flush=True)
                connection.close()
                break
            """#
            // The interpreter itself, not a wrapper script that would outlive a terminate().
            process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "/usr/local/bin/python3")
            process.arguments = ["-c", script, mode]
            let pipe = Pipe()
            process.standardOutput = pipe
            // Nothing of the test runner's own output is handed down: a server left running must not hold it open.
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            output = pipe.fileHandleForReading
            port = Int(try Self.readLine(output)) ?? 0
        }

        /// Starts a server, without holding a thread of the cooperative pool while it comes up.
        static func start(_ mode: String) async throws -> HostileServer {
            try await TestSupport.offPool { try HostileServer(mode) }
        }

        static func readLine(_ handle: FileHandle) throws -> String {
            var line = Data()
            while let byte = try handle.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line.append(byte) }
            return String(decoding: line, as: UTF8.self)
        }

        /// The bytes of body the server sent on its last connection, once it has given up. The read blocks, so it runs
        /// off the cooperative pool: the client must be able to finish meanwhile.
        func bytesSent() async throws -> Int {
            let output = output
            let line = try await TestSupport.offPool { try HostileServer.readLine(output) }
            return Int(line.split(separator: " ").last ?? "") ?? -1
        }

        func stop() {
            if process.isRunning { process.terminate() }
        }
    }

    /// Runs blocking work on a thread of its own, so that no thread of Swift's cooperative pool waits on it.
    static let request = CMSHTTPRequest(method: "POST", path: "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo", body: Data("{}".utf8))

    static func expectTooLarge(_ call: () async throws -> CMSHTTPResponse, limit: Int) async {
        do {
            _ = try await call()
            Issue.record("an answer over the limit was accepted")
        } catch let CMSError.transport(failure) {
            #expect((failure.underlying as? CMSResponseTooLarge)?.limit == limit, "\(failure)")
        } catch {
            Issue.record("expected CMSError.transport, got \(error)")
        }
    }

    enum Client: String, CaseIterable, Sendable {
        case urlSession, asyncHTTPClient
    }

    /// However the peer sends an answer over the limit (announced by Content-Length, or chunked), each transport gives
    /// up on it: the call fails saying so, and over AsyncHTTPClient the peer, which meant to send 64 MiB, sees the
    /// connection closed long before.
    @Test(arguments: Client.allCases, ["declared", "chunked"])
    func transportsStopReadingAtTheLimit(_ client: Client, _ mode: String) async throws {
        let server = try await HostileServer.start(mode)
        defer { server.stop() }
        let limit = 1024 * 1024
        let url = URL(string: "http://127.0.0.1:\(server.port)")!
        switch client {
        case .urlSession:
            let transport = CMSURLSessionTransport(baseURL: url, timeout: 60, maximumResponseBytes: limit)
            await Self.expectTooLarge({ try await transport.send(Self.request) }, limit: limit)
        case .asyncHTTPClient:
            let transport = CMSAsyncHTTPClientTransport(baseURL: url, timeout: 60, maximumResponseBytes: limit)
            await Self.expectTooLarge({ try await transport.send(Self.request) }, limit: limit)
            try await transport.shutdown()
        }
        let sent = try await server.bytesSent()
        switch client {
        case .asyncHTTPClient:
            // NIO reads only what is asked for: once the transport gives up, nothing more is read, on any machine.
            #expect(sent < 32 * 1024 * 1024, "\(sent)")
        case .urlSession:
            // FoundationNetworking reads on in libcurl until the task's cancellation lands, which on a machine busy with
            // other work can be after the whole answer: how much the peer sent measures the machine. The transport
            // keeps nothing past the limit (`exchange.tooLarge`), and the call failed above with the limit.
            break
        }
    }

    /// A call whose task is cancelled while the server says nothing ends at once as `CMSError.cancelled`.
    @Test func aCancelledCallIsCancelled() async throws {
        let server = try await HostileServer.start("silent")
        defer { server.stop() }
        let client = CMSClient(transport: CMSURLSessionTransport(baseURL: URL(string: "http://127.0.0.1:\(server.port)")!, timeout: 20))
        let call = Task { () async -> CMSError? in
            do throws(CMSError) {
                _ = try await client.callDataQueryDetailCallInfo(.init(ccId: 1, vdn: 1, callId: "1453723531-574"))
                return nil
            } catch {
                return error
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        call.cancel()
        let error = await call.value
        guard case .cancelled? = error else {
            Issue.record("expected CMSError.cancelled, got \(String(describing: error))")
            return
        }
        // Not timed: on a machine busy with the other tests the task itself may wait for a thread longer than the
        // transport's 20 s timeout. A call that ignored the cancellation would end in that timeout, not `.cancelled`.
    }

    /// A connection that is refused is a transport failure that keeps URLSession's error.
    @Test func aTransportFailureKeepsTheErrorUnderneath() async throws {
        let client = CMSClient(transport: CMSURLSessionTransport(baseURL: URL(string: "http://127.0.0.1:9")!, timeout: 5))
        do {
            _ = try await client.callDataQueryDetailCallInfo(.init(ccId: 1, vdn: 1, callId: "1453723531-574"))
            Issue.record("a refused connection answered")
        } catch {
            guard case .transport(let failure) = error else {
                Issue.record("expected .transport, got \(error)")
                return
            }
            #expect(failure.underlying is URLError, "\(String(describing: failure.underlying))")
        }
    }
}
