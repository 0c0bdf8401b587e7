import CMSHostileClients
import CMSRuntime
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The signature verifier under hostile `Authorization` headers: every malformed form gets a 401 with a reason, from
/// `CMSSignatureVerifier` and from a running `cmsmock`, which keeps answering afterwards.
@Suite struct VerifierTests {
    static let credentials = CMSCredentials(accessKey: "hostile-ak", secretKey: "hostile-sk")
    static let path = "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo"
    static let body = #"{"callId":"1453723531-574","ccId":1,"vdn":1}"#
    static let signature64 = String(repeating: "a", count: 64)
    static let now = Date()
    static var timestamp: String { CMSC2Signer.timestamp(now, precision: .seconds) }

    /// A malformed header (or header set) and the reason the verifier must give.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// Header lines as sent: each `(name, value)`; the value may hold any byte a client can send.
        var headers: [(String, String)]
        var reason: String
        /// The bytes are not a valid HTTP field value (RFC 9110 forbids control characters): the server's HTTP parser
        /// refuses the message with 400 before any signature is looked at.
        var isMalformedHTTP = false
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no header", headers: [], reason: "missing Authorization header"),
        Case(name: "empty", headers: [("Authorization", "")], reason: "not auth-v2/AK/timestamp/signedHeaders/signature"),
        Case(name: "empty timestamp", headers: [("Authorization", "auth-v2/hostile-ak//host/x")], reason: "unreadable timestamp"),
        Case(name: "non-numeric timestamp", headers: [("Authorization", "auth-v2/hostile-ak/yesterday/host/\(signature64)")], reason: "unreadable timestamp"),
        Case(name: "timestamp beyond any calendar", headers: [("Authorization", "auth-v2/hostile-ak/99999999999-01-01T00:00:00Z/host/\(signature64)")],
             reason: "unreadable timestamp"),
        Case(name: "timestamp years away", headers: [("Authorization", "auth-v2/hostile-ak/1970-01-01T00:00:00Z/host/\(signature64)")],
             reason: "outside the allowed window"),
        Case(name: "four fields", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)/host")], reason: "not auth-v2/AK/timestamp/signedHeaders/signature"),
        Case(name: "six fields", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)/host/\(signature64)/extra")],
             reason: "not auth-v2/AK/timestamp/signedHeaders/signature"),
        Case(name: "other scheme", headers: [("Authorization", "Bearer abc")], reason: "not auth-v2/AK/timestamp/signedHeaders/signature"),
        Case(name: "unknown access key", headers: [("Authorization", "auth-v2/other-ak/\(timestamp)/host/\(signature64)")], reason: "unknown access key"),
        Case(name: "no signed headers", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)//\(signature64)")], reason: "signed header list"),
        Case(name: "empty signed header names", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)/;;/\(signature64)")], reason: "signed header list"),
        Case(name: "short signature", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)/host/abc")], reason: "64 lower-case hexadecimal"),
        Case(name: "signature not hex", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)/host/\(String(repeating: "z", count: 64))")],
             reason: "64 lower-case hexadecimal"),
        Case(name: "wrong signature", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)/host/\(signature64)")], reason: "signature does not match"),
        Case(name: "huge header", headers: [("Authorization", "auth-v2/hostile-ak/\(String(repeating: "9", count: 6000))/host/x")], reason: "too long"),
        Case(name: "non-ASCII", headers: [("Authorization", "auth-v2/hostile-äk/\(timestamp)/host/\(signature64)")], reason: "printable ASCII"),
        Case(name: "control character", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)\u{1}/host/\(signature64)")], reason: "printable ASCII",
             isMalformedHTTP: true),
        Case(name: "two spellings", headers: [("Authorization", "auth-v2/hostile-ak/\(timestamp)/host/\(signature64)"),
                                              ("authorization", "auth-v2/hostile-ak/\(timestamp)/host/\(signature64)")],
             reason: "more than once"),
    ]

    static func request(_ headers: [(String, String)]) -> CMSHTTPRequest {
        var fields: [String: String] = ["Content-Type": "application/json;charset=UTF-8"]
        for (name, value) in headers { fields[name] = value }
        return CMSHTTPRequest(method: "POST", path: path, headers: fields, body: Data(body.utf8))
    }

    @Test(arguments: cases)
    func verifierRefusesWithAReason(_ hostile: Case) {
        let verifier = CMSSignatureVerifier(credentials: Self.credentials, now: { Self.now })
        let verdict = verifier.verify(Self.request(hostile.headers), host: "127.0.0.1:8080")
        guard case .rejected(let reason) = verdict else {
            Issue.record("\(hostile.name): accepted")
            return
        }
        #expect(reason.contains(hostile.reason), "\(hostile.name): \(reason)")
    }

    @Test(arguments: [Double.nan, -1, .infinity, 1e300])
    func windowsThatAreNotANumberOfSecondsNeverTrap(_ window: Double) {
        let signer = CMSC2Signer(credentials: Self.credentials, now: { Self.now })
        let signed = signer.sign(Self.request([]), host: "127.0.0.1:8080")
        let verdict = CMSSignatureVerifier(credentials: Self.credentials, window: window, now: { Self.now }).verify(signed, host: "127.0.0.1:8080")
        if window == 1e300 {
            #expect(verdict == .valid, "a very wide window accepts a fresh signature")
        } else {
            #expect(verdict == .rejected("timestamp outside the allowed window of \(window.isFinite ? String(Int64(window)) : "\(window)") s"))
        }
    }

    @Test func timestampsOfEitherPrecisionAreRead() {
        #expect(CMSC2Signer.date(fromTimestamp: "2024-10-31T14:06:52Z")?.timeIntervalSince1970 == 1_730_383_612)
        #expect(CMSC2Signer.date(fromTimestamp: "2024-10-31T14:06:52.123Z").map { abs($0.timeIntervalSince1970 - 1_730_383_612.123) < 0.001 } == true)
        for text in ["", "x", "2024-13-45T99:99:99Z", "2024-10-31", String(repeating: "1", count: 100)] {
            #expect(CMSC2Signer.date(fromTimestamp: text) == nil, "\(text)")
        }
    }

    /// Every hostile form against the `cmsmock` executable over a raw socket (so that headers go exactly as written,
    /// duplicates and odd bytes included): 401 each time, a reason in its log, and a valid request still served.
    @Test func runningMockAnswersEveryHostileHeaderWith401AndKeepsServing() async throws {
        let mock = try MockServerTests.RunningMock(arguments: ["--specs", "specs", "--port", "0", "--ak", "hostile-ak", "--sk", "hostile-sk"])
        let line = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
        let url = try #require(URL(string: String(line.dropFirst("cmsmock listening on ".count))))
        let port = try #require(url.port)
        for hostile in Self.cases {
            let response = try RawHTTP.send(port: port, method: "POST", path: Self.path, headers: hostile.headers, body: Self.body)
            if hostile.isMalformedHTTP {
                #expect(response.status == 400, "\(hostile.name): \(response.head)")
                continue
            }
            #expect(response.status == 401, "\(hostile.name): \(response.head)")
            #expect(response.body.contains(hostile.reason), "\(hostile.name): \(response.body)")
        }
        let signer = CMSC2Signer(credentials: Self.credentials)
        let signed = signer.sign(Self.request([]), host: "127.0.0.1:\(port)")
        let valid = try RawHTTP.send(port: port, method: "POST", path: Self.path,
                                     headers: [("Authorization", signed.headers["Authorization"] ?? "")], body: Self.body)
        #expect(valid.status == 200, "\(valid.head) \(valid.body)")
        let exit = try #require(await mock.stop(timeout: 60), "cmsmock did not stop")
        #expect(exit.reason == .exit && exit.status == 0, "cmsmock exited by \(exit.reason) with \(exit.status)")
        for reason in ["unreadable timestamp", "more than once", "printable ASCII", "too long"] {
            #expect(mock.errorOutput.contains(reason), "the log gives the reason '\(reason)': \(mock.errorOutput)")
        }
    }
}

/// A minimal HTTP/1.1 client over a socket: the request goes out byte for byte as written.
enum RawHTTP {
    struct Response {
        var status: Int
        var head: String
        var body: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func send(port: Int, method: String, path: String, headers: [(String, String)], body: String) throws -> Response {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json;charset=UTF-8\r\n"
        text += "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n" + body
        let raw = try exchange(port: port, bytes: Array(text.utf8))
        let response = String(decoding: raw, as: UTF8.self)
        guard let end = response.range(of: "\r\n\r\n") else { throw Failure(description: "no complete response: \(response)") }
        let head = String(response[..<end.lowerBound])
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Response(status: status, head: head, body: String(response[end.upperBound...]))
    }

    /// Connects to 127.0.0.1:`port`, writes `bytes`, and reads until the server closes (10 s at most).
    static func exchange(port: Int, bytes: [UInt8]) throws -> [UInt8] {
        let client = try RawClient(port: port)
        client.send(bytes)
        return Array(client.readUntilClosed(within: 60).text.utf8)
    }
}
