import CMSExtraction
import CMSKit
import CMSMock
import CMSReading
import CMSRuntime
import CMSSchema
import Foundation

/// What the fuzzers exercise, one function per target, each taking arbitrary bytes. A target never traps on any input;
/// it returns normally or fails a check with `fatalError` (a finding). `cmsfuzz` runs them under libFuzzer, and the
/// tests replay the seed corpus and every minimised crash (`Tests/Fuzz/regressions/<target>/`) through them.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Page reading and extraction, HTML and DITA: the bytes are one page.
    case pages
    /// The strict JSON reader of examples and names files, against Foundation's reading of the same bytes.
    case json
    /// Tolerant decoding of every generated response type, leniently and strictly.
    case decode
    /// The C2 verifier on a request made of the bytes (headers, then a blank line, then the body), and a
    /// sign-then-verify round trip of the same request.
    case signature
    /// A whole request through the local CC-CMS (request line, headers, body), as it arrives over HTTP.
    case mock

    /// Runs the target on one input.
    public func run(_ data: Data) {
        switch self {
        case .pages: Self.pages(data)
        case .json: Self.json(data)
        case .decode: Self.decode(data)
        case .signature: Self.signature(data)
        case .mock: Self.mock(data)
        }
    }

    // MARK: Targets

    static func pages(_ data: Data) {
        // The first byte picks how the page is named, so that both readers see every input.
        let path = data.first.map { $0 & 1 == 0 ? "fuzz.html" : "fuzz.dita" } ?? "fuzz.html"
        let result = SchemaBuilder.build(pages: [(path, [UInt8](data.dropFirst()))])
        for diagnostic in result.diagnostics where diagnostic.location.file != path {
            fatalError("a diagnostic names another file: \(diagnostic)")
        }
        _ = try? SchemaJSON.encode(result.schema)
    }

    static func json(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let strict = try? JSONText.parse(text)
        // What the strict reader reads without a warning is JSON, and Foundation reads it too (Foundation is the more
        // lenient: it takes trailing commas, for one).
        if let strict, strict.warnings.isEmpty, (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil {
            fatalError("the strict reader reads what Foundation refuses: \(text.prefix(200))")
        }
    }

    static let operations = CMSOperations.all

    static func decode(_ data: Data) {
        for mode in [CMSDecodingMode.lenient, .strict] {
            let decoder = CMSClientCore.decoder(mode: mode)
            for operation in operations {
                _ = try? decoder.decode(operation.responseType, from: data)
            }
        }
    }

    static let credentials = CMSCredentials(accessKey: "fuzz-ak", secretKey: "fuzz-sk")
    static let fixedNow = Date(timeIntervalSince1970: 1_700_000_000)

    /// `Name: value` lines, a blank line, then the body.
    static func request(_ data: Data) -> CMSHTTPRequest {
        let bytes = [UInt8](data)
        var split = bytes.count
        if let index = bytes.indices.first(where: { index in index + 1 < bytes.count && bytes[index] == 0x0A && bytes[index + 1] == 0x0A }) { split = index }
        var headers: [String: String] = [:]
        for line in String(decoding: bytes[..<split], as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        let body = split + 2 <= bytes.count ? Data(bytes[(split + 2)...]) : Data()
        return CMSHTTPRequest(method: "POST", path: "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo", headers: headers, body: body)
    }

    static func signature(_ data: Data) {
        let request = request(data)
        let verifier = CMSSignatureVerifier(credentials: credentials, now: { fixedNow })
        _ = verifier.verify(request, host: "127.0.0.1:8080")
        // Whatever the request, what the signer signs, the verifier accepts.
        var unsigned = request
        unsigned.headers = request.headers.filter { $0.key.lowercased() != "authorization" }
        let signed = CMSC2Signer(credentials: credentials, now: { fixedNow }).sign(unsigned, host: "127.0.0.1:8080")
        if case .rejected(let reason) = verifier.verify(signed, host: "127.0.0.1:8080") {
            fatalError("a request the signer signed is rejected: \(reason)")
        }
    }

    static let schema: SchemaDocument = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        return SchemaBuilder.build(paths: ["specs"], relativeTo: root).schema
    }()

    static let server = CMSMockServer(schema: schema, configuration: CMSMockConfiguration(credentials: credentials, now: { fixedNow }))

    static func mock(_ data: Data) {
        // Request line, then as `signature`.
        let bytes = [UInt8](data)
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let line = String(decoding: bytes[..<end], as: UTF8.self).split(separator: " ")
        let request = request(end < bytes.count ? Data(bytes[(end + 1)...]) : Data())
        let method = line.first.map(String.init) ?? "POST"
        let target = line.count > 1 ? String(line[1]) : "/"
        let answer = server.answer(method: method, target: target, host: request.headers["Host"], headers: request.headers, body: request.body)
        guard [200, 400, 401, 404, 405, 413, 415].contains(answer.status) else { fatalError("unexpected status \(answer.status)") }
        guard (try? JSONSerialization.jsonObject(with: answer.body)) != nil || answer.body.isEmpty else { fatalError("the answer is not JSON") }
    }
}
