import CMSRuntime
import CMSTestSupport
import Foundation
import Testing

/// AK/SK signing through the vendor's API gateway (`SDK-HMAC-SHA256`), checked against the vendor's own Python SDK core
/// (`huaweicloudsdkcore.signer`, `Scripts/aksk/sdk_sign.py`) as an independent oracle: pinned vectors the oracle
/// computed, and a seeded set of random requests signed by both sides on every run where the SDK is installed
/// (`.ci/run` installs it).
@Suite struct AKSKSignerTests {
    static let credentials = CMSCredentials(accessKey: "GZSAKEXAMPLE0001", secretKey: "gzs-secret-key-example-7f3a9c2e51d8")
    /// 2026-12-06T10:15:00Z.
    static let date = Date(timeIntervalSince1970: 1_796_552_100)
    static let project = "5c1e3d7a9b2f4e6a8c0d2f4b6a8e0c13"

    static func signer(host: String) -> CMSAKSKSigner {
        CMSAKSKSigner(credentials: credentials, host: host, now: { date })
    }

    /// A request the oracle signed, and the `Authorization` it gave (`python3 Scripts/aksk/sdk_sign.py`, 2026-12-06).
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var host: String
        var request: CMSHTTPRequest
        var authorization: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "GET with a query and a header parameter", host: "gzs.example-region-1.example.com",
            request: CMSHTTPRequest(method: "GET", path: "/v2/\(project)/gizmos", query: [("limit", "10"), ("marker", "m-1"), ("status", "ACTIVE")],
                                    headers: ["X-Language": "en-us"]),
            authorization: "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001, SignedHeaders=host;x-language;x-sdk-date, Signature=3645d05d4910033be6ecb98da64be140b9383d61c1e9454f7f892cb533c54570"
        ),
        Vector(
            name: "POST with a JSON body, to a host with a port", host: "192.0.2.10:8443",
            request: CMSHTTPRequest(method: "POST", path: "/v2/\(project)/gizmos", headers: ["Content-Type": "application/json; charset=UTF-8"],
                                    body: Data(#"{"gizmo":{"name":"demo","size":10}}"#.utf8)),
            authorization: "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001, SignedHeaders=content-type;host;x-sdk-date, Signature=6cb65d6d4da037af35dc8911610a59286d120ff320e5d6c238750de3be5541d3"
        ),
        Vector(
            name: "a unicode path and query, repeated and empty query items", host: "gzs.example-region-1.example.com",
            request: CMSHTTPRequest(method: "GET", path: "/v2/p%C3%A9/gizmos/%E5%B0%8F%E5%9E%8B%20one~x", query: [("名前", "値 1"), ("b", "2"), ("a", ""), ("b", "1")]),
            authorization: "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001, SignedHeaders=host;x-sdk-date, Signature=42d3802e20465334e0028484e9e8f3821b2c53cb45ed93d033d7f2587d26056e"
        ),
        Vector(
            name: "a body that is not JSON is not hashed", host: "gzs.example-region-1.example.com",
            request: CMSHTTPRequest(method: "PUT", path: "/v2/p/gizmos/g-1", headers: ["Content-Type": "text/plain"], body: Data("plain text ünïcode".utf8)),
            authorization: "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001, SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date, Signature=ac5edf63af6128e1e484320a016534ee332d86e5cea5d69464358a845c833b1e"
        ),
        Vector(
            name: "the root path, a header value with spaces around it", host: "gzs.example-region-1.example.com",
            request: CMSHTTPRequest(method: "DELETE", path: "/", headers: ["X-Project-Id": "  5c1e  "]),
            authorization: "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001, SignedHeaders=host;x-project-id;x-sdk-date, Signature=a15497d7e6d0b65e0d82c9b09d5676e7c475273dbaa792eaa2574b82dafb4034"
        ),
    ]

    @Test(arguments: vectors)
    func signsTheOraclesVectorsByteForByte(_ vector: Vector) {
        let signed = Self.signer(host: vector.host).sign(vector.request)
        #expect(signed.headers["X-Sdk-Date"] == "20261206T101500Z")
        #expect(signed.headers["Authorization"] == vector.authorization)
        #expect(signed.body == vector.request.body, "signing never changes the body")
    }

    @Test func theCanonicalRequestIsTheGatewaysForm() {
        let request = Self.signer(host: "h.example.com").sign(Self.vectors[2].request)
        let signature = Self.signer(host: "h.example.com").signature(for: request)
        #expect(signature.canonicalRequest == """
            GET
            /v2/p%C3%A9/gizmos/%E5%B0%8F%E5%9E%8B%20one~x/
            a=&b=1&b=2&%E5%90%8D%E5%89%8D=%E5%80%A4%201
            host:h.example.com
            x-sdk-date:20261206T101500Z

            host;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signature.stringToSign.hasPrefix("SDK-HMAC-SHA256\n20261206T101500Z\n"))
    }

    /// A base URL with a path (`https://gw/prefix`): the transport sends `/prefix/v2/…`, and that is what is signed.
    @Test func thePathOfTheBaseURLIsSigned() throws {
        let request = Self.vectors[0].request
        let prefixed = CMSAKSKSigner(credentials: Self.credentials, baseURL: try #require(URL(string: "https://gzs.example-region-1.example.com/prefix/")), now: { Self.date })
        var whole = request
        whole.path = "/prefix" + request.path
        #expect(prefixed.sign(request).headers["Authorization"] == Self.signer(host: "gzs.example-region-1.example.com").sign(whole).headers["Authorization"])
        #expect(prefixed.sign(request).headers["Authorization"] != Self.signer(host: "gzs.example-region-1.example.com").sign(request).headers["Authorization"])
        // The server verifies the whole path it received.
        #expect(Self.verifier().verify(prefixed.sign(request).with(path: whole.path), host: "gzs.example-region-1.example.com") == .valid)
    }

    @Test func theHostOfAURLIsSentWithoutTheDefaultPort() throws {
        #expect(CMSAKSKSigner.host(of: try #require(URL(string: "https://gzs.example.com/v2"))) == "gzs.example.com")
        #expect(CMSAKSKSigner.host(of: try #require(URL(string: "https://gzs.example.com:443"))) == "gzs.example.com")
        #expect(CMSAKSKSigner.host(of: try #require(URL(string: "http://127.0.0.1:8080"))) == "127.0.0.1:8080")
        #expect(CMSAKSKSigner.host(of: try #require(URL(string: "http://127.0.0.1:80"))) == "127.0.0.1")
    }

    // MARK: - The oracle, live

    static let oracle = TestSupport.packageRoot + "/Scripts/aksk/sdk_sign.py"
    static let sdkIsInstalled: Bool = CommandRunner.succeeds(["python3", "-c", "import huaweicloudsdkcore.signer.signer"])

    /// Random requests from a fixed seed: methods, paths with unicode and reserved characters, repeated and empty query
    /// items, header names in any case with spaces around their values, JSON and other bodies.
    static func randomRequests(seed: UInt64, count: Int) -> [(host: String, request: CMSHTTPRequest)] {
        var random = Xorshift(seed: seed)
        let pieces = ["gizmos", "v2", "a b", "小型", "é", "~x", "a+b", "50%", "x/y", "q?", "#h", "ü", ":", "@", "'", "(1)", "*", "$"]
        let texts = ["", "1", "a b", "x&y=z", "名前", "値 1", "~", "-_.", "+", "%", "é", "ACTIVE", "true", "[]", "\"q\""]
        // `X_Trace_Id`: the gateway drops names with `_`, and the SDK does not sign them.
        let headerNames = ["X-Language", "x-project-id", "X-Client-Trace", "Content-Type", "X-Request-Id", "X_Trace_Id", "content-type"]
        let hosts = ["gzs.example.com", "192.0.2.10:8443", "[2001:db8::1]:443", "localhost"]
        var result: [(host: String, request: CMSHTTPRequest)] = []
        for _ in 0..<count {
            let method = ["GET", "POST", "PUT", "DELETE", "PATCH"].randomElement(using: &random)!
            let segments = (0..<Int.random(in: 0...4, using: &random)).map { _ in CMSPathEncoding.encodeSegment(pieces.randomElement(using: &random)!) }
            let query = (0..<Int.random(in: 0...4, using: &random)).map { _ in (texts.randomElement(using: &random)!, texts.randomElement(using: &random)!) }
                .filter { !$0.0.isEmpty }
            var headers: [String: String] = [:]
            var chosen: [String] = []
            for name in headerNames.shuffled(using: &random) where !chosen.contains(where: { $0.lowercased() == name.lowercased() }) { chosen.append(name) }
            for name in chosen.prefix(Int.random(in: 0...3, using: &random)) {
                // A header is sent once: names that differ in case only are one header.
                headers[name] = name.lowercased() == "content-type" ? ["application/json", "application/json;charset=UTF-8", "text/plain"].randomElement(using: &random)!
                    : [" padded ", "v", "値", "a,b"].randomElement(using: &random)!
            }
            let body = ["", #"{"a":1}"#, #"{"name":"小型 gizmo"}"#, "plain"].randomElement(using: &random)!
            result.append((hosts.randomElement(using: &random)!, CMSHTTPRequest(
                method: method, path: "/" + segments.joined(separator: "/"), query: query, headers: headers, body: Data(body.utf8)
            )))
        }
        return result
    }

    @Test(.enabled(if: sdkIsInstalled))
    func signsLikeTheVendorsSDKOnRandomRequests() async throws {
        let cases = Self.randomRequests(seed: 16, count: 300)
        let input: [[String: Any]] = cases.map { host, request in
            [
                "method": request.method, "host": host, "path": request.path, "query": request.query.map { [$0.name, $0.value] },
                "headers": request.headers.merging(["X-Sdk-Date": "20261206T101500Z"]) { $1 },
                "body": String(decoding: request.body, as: UTF8.self), "ak": Self.credentials.accessKey, "sk": Self.credentials.secretKey,
            ]
        }
        let file = NSTemporaryDirectory() + "aksk-oracle-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: input).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await CommandRunner.output(["python3", Self.oracle, file])
        #expect(run.status == 0, "\(run.stderr)")
        let answers = try JSONDecoder().decode([[String: String]].self, from: run.stdout)
        #expect(answers.count == cases.count)
        for ((host, request), answer) in zip(cases, answers) {
            let signed = Self.signer(host: host).sign(request)
            #expect(signed.headers["Authorization"] == answer["Authorization"], "\(request) to \(host)")
            #expect(signed.headers["X-Sdk-Content-Sha256"] == answer["X-Sdk-Content-Sha256"], "\(request)")
        }
    }

    // MARK: - The server side

    static func verifier(now: Date = date) -> CMSAKSKVerifier {
        CMSAKSKVerifier(credentials: credentials, now: { now })
    }

    @Test(arguments: vectors)
    func theVerifierAcceptsWhatTheSignerSigns(_ vector: Vector) {
        let signed = Self.signer(host: vector.host).sign(vector.request)
        #expect(Self.verifier().verify(signed, host: vector.host) == .valid)
    }

    @Test func theVerifierRefusesEveryChange() {
        let host = "gzs.example.com"
        let signed = Self.signer(host: host).sign(Self.vectors[0].request)
        func refused(_ change: (inout CMSHTTPRequest) -> Void, host: String = host, now: Date = AKSKSignerTests.date) -> Bool {
            var request = signed
            change(&request)
            if case .rejected = Self.verifier(now: now).verify(request, host: host) { return true }
            return false
        }
        #expect(refused { $0.path += "x" })
        #expect(refused { $0.query[0].value = "11" })
        #expect(refused { $0.headers["X-Language"] = "zh-cn" })
        #expect(refused { $0.method = "DELETE" })
        #expect(refused { $0.body = Data("{}".utf8) })
        #expect(refused({ _ in }, host: "other.example.com"))
        #expect(refused({ _ in }, now: Self.date.addingTimeInterval(901)), "outside the window")
        #expect(refused { $0.headers["X-Sdk-Date"] = nil })
        #expect(refused { $0.headers["X-Sdk-Date"] = "2026-12-06T10:15:00Z" })
        #expect(refused { $0.headers["Authorization"] = nil })
        #expect(refused { $0.headers["Authorization"] = $0.headers["Authorization"]!.replacingOccurrences(of: "GZSAKEXAMPLE0001", with: "OTHER") })
        #expect(refused { $0.headers["Authorization"] = $0.headers["Authorization"]!.replacingOccurrences(of: "host;", with: "") })
        let wrongKey = CMSAKSKSigner(credentials: CMSCredentials(accessKey: Self.credentials.accessKey, secretKey: "wrong"), host: host, now: { Self.date })
        #expect(Self.verifier().verify(wrongKey.sign(Self.vectors[0].request), host: host) != .valid)
    }

    @Test func malformedHeadersAreRefusedWithoutATrap() {
        let values = [
            "", "SDK-HMAC-SHA256", "SDK-HMAC-SHA256 ", "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001", "SDK-HMAC-SHA256 ,,,,", "SDK-HMAC-SHA256 a=b=c=d",
            "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001, SignedHeaders=, Signature=" + String(repeating: "0", count: 64),
            "SDK-HMAC-SHA256 Access=GZSAKEXAMPLE0001, SignedHeaders=host;x-sdk-date, Signature=ZZ",
            "SDK-HMAC-SHA256 Access=\u{0}, SignedHeaders=\u{7F}, Signature=é", String(repeating: "A", count: 100_000), "auth-v2/AK/x/host/00",
        ]
        for value in values {
            let request = CMSHTTPRequest(method: "GET", path: "/", headers: ["Authorization": value, "X-Sdk-Date": "20261206T101500Z"])
            #expect(Self.verifier().verify(request, host: "h") != .valid, "\(value.prefix(60))")
        }
        for date in ["", "20261306T101500Z", "20261206T256000Z", "2026120６T101500Z", "99999999T999999Z"] {
            #expect(CMSAKSKSigner.date(fromHeader: date) == nil, "\(date)")
        }
    }

    @Test func credentialsAreNeverPrinted() {
        let signer = Self.signer(host: "gzs.example.com")
        let signed = signer.sign(Self.vectors[1].request)
        for text in ["\(signer)", String(reflecting: signer), "\(signed)", String(reflecting: signed), "\(Self.credentials)"] {
            #expect(!text.contains(Self.credentials.secretKey), "\(text)")
            #expect(!text.contains("Signature="), "\(text)")
        }
    }
}

extension CMSHTTPRequest {
    /// The same request with another path, as a server receives it behind a prefix.
    func with(path: String) -> CMSHTTPRequest {
        var copy = self
        copy.path = path
        return copy
    }
}
