import CMSExtraction
@_spi(Testing) import CMSKit
import CMSMock
import CMSReading
@_spi(Generated) import CMSRuntime
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
    /// The mock's validator against the generated validators, on the body of one interface (a first line naming
    /// the operation, or the first byte, picks it): they must agree (see `validators(_:)`).
    case validators

    /// Runs the target on one input.
    public func run(_ data: Data) {
        switch self {
        case .pages: Self.pages(data)
        case .json: Self.json(data)
        case .decode: Self.decode(data)
        case .signature: Self.signature(data)
        case .mock: Self.mock(data)
        case .validators: Self.validators(data)
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
        // The same for AK/SK (SDK-HMAC-SHA256): any header, path or query the input holds.
        let akSk = CMSAKSKVerifier(credentials: credentials, now: { fixedNow })
        _ = akSk.verify(request, host: "127.0.0.1:8080")
        let akSkSigned = CMSAKSKSigner(credentials: credentials, host: "127.0.0.1:8080", now: { fixedNow })
            .sign(CMSHTTPRequest(method: request.method, path: request.path, query: request.query, headers: unsigned.headers, body: request.body))
        if case .rejected(let reason) = akSk.verify(akSkSigned, host: "127.0.0.1:8080") {
            fatalError("a request the AK/SK signer signed is rejected: \(reason)")
        }
    }

    static let schema: SchemaDocument = {
        SchemaBuilder.build(paths: ["specs"], relativeTo: FuzzSeeds.packageRoot).schema
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

    /// The operations that take a body, each with its interface in the schema the mock serves.
    static let bodies: [(operation: CMSOperation, interface: Interface)] = operations.compactMap { operation in
        guard let interface = schema.interfaces.first(where: { $0.method == operation.method && $0.path == operation.path }),
              interface.hasRequestBody else { return nil }
        return (operation, interface)
    }

    /// What the mock and the generated client make of one `validators` input.
    public struct ValidatorVerdicts: Sendable {
        /// The operation the input picked.
        public var operation: String
        /// The mock's violations of the body as sent.
        public var mock: [CMSValidationViolation]
        /// The client's violations of the body as it reads it (decoding, then validation); nil when it cannot read
        /// it at all (not JSON, not an object).
        public var client: [CMSValidationViolation]?
        /// The mock's violations of the body the client sends for the value it read; nil when it read none.
        public var mockOnClientBody: [CMSValidationViolation]?
        /// The body the client sends for the value it read.
        public var clientBody: Data?
        /// Why the value the client read could not be encoded again (a finding), if it could not.
        public var encodingFailure: String?
    }

    /// The verdicts on a `validators` input; nil when it picks no operation.
    public static func validatorVerdicts(_ data: Data) -> ValidatorVerdicts? {
        guard let (operation, interface, body) = pickBody(data) else { return nil }
        var verdicts = ValidatorVerdicts(operation: operation.name, mock: CMSMockRequestValidator.violations(of: body, for: interface))
        // The mock takes the body wrapped in the documented wrapper or not; the client's request type is the inside.
        var inside = body
        if let wrapper = operation.requestWrapper, !(interface.request?.fields.contains { $0.name == wrapper } ?? false),
           let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let wrapped = object[wrapper] as? [String: Any],
           let unwrapped = try? JSONSerialization.data(withJSONObject: wrapped) {
            inside = unwrapped
        }
        let value: any CMSRequestBody
        do {
            value = try JSONDecoder().decode(operation.requestType, from: inside)
        } catch let error as CMSValidationError {
            verdicts.client = error.violations
            return verdicts
        } catch {
            return verdicts
        }
        verdicts.client = clientViolations(of: value)
        do {
            verdicts.clientBody = try CMSClientCore.encodeBody(value, wrapper: operation.requestWrapper)
        } catch {
            verdicts.encodingFailure = "\(error)"
        }
        verdicts.mockOnClientBody = verdicts.clientBody.map { CMSMockRequestValidator.violations(of: $0, for: interface) }
        return verdicts
    }

    /// The mock's validator and the generated validators agree, in two ways:
    ///
    /// 1. A body the mock accepts, the generated client reads (its request type decodes it) and finds valid. The mock
    ///    is the stricter reader; it may refuse what the client reads leniently (a number where the pages document a
    ///    string, a key given twice), but never the other way round.
    /// 2. For every value the client can hold (the body as the client reads it), the body the client sends for it is
    ///    refused by the mock exactly when the client's own validation refuses it, naming the same fields.
    static func validators(_ data: Data) {
        guard let verdicts = validatorVerdicts(data) else { return }
        let name = verdicts.operation
        if verdicts.mock.isEmpty, verdicts.client?.isEmpty != true {
            fatalError("\(name): the mock accepts a body the client refuses (\(verdicts.client.map { "\($0)" } ?? "cannot read it")): \(text(data))")
        }
        if let failure = verdicts.encodingFailure { fatalError("\(name): a value the client read cannot be encoded (\(failure)): \(text(data))") }
        // No value to send when the client refused the body while reading it.
        guard let client = verdicts.client, let sent = verdicts.clientBody, let mockOnSent = verdicts.mockOnClientBody else { return }
        if Set(mockOnSent.map(\.path)) != Set(client.map(\.path)) {
            fatalError("\(name): on \(text(sent)) the mock finds \(mockOnSent) and the client \(client)")
        }
    }

    /// The operation an input of `validators` is about, and the body: a first line naming an operation that takes a
    /// body (`callDataQueryDetailCallInfo`) picks it, as kept inputs do, so that they keep their meaning when pages
    /// are added; otherwise the first byte picks one by its index.
    static func pickBody(_ data: Data) -> (CMSOperation, Interface, Data)? {
        guard let first = data.first, !bodies.isEmpty else { return nil }
        if let newline = data.firstIndex(of: 0x0A), newline - data.startIndex <= 80,
           let named = bodies.first(where: { $0.operation.name == String(decoding: data[..<newline], as: UTF8.self) }) {
            return (named.operation, named.interface, Data(data[(newline + 1)...]))
        }
        let (operation, interface) = bodies[Int(first) % bodies.count]
        return (operation, interface, Data(data.dropFirst()))
    }

    static func clientViolations(of value: any CMSRequestBody) -> [CMSValidationViolation] {
        do {
            try value.validate()
            return []
        } catch {
            return error.violations
        }
    }

    static func text(_ data: Data) -> String { String(decoding: data.prefix(400), as: UTF8.self) }
}
