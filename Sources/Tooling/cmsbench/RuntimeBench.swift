// `cmsbench runtime`: the generated types against hand-written Codable of the same shape, on the same bytes.
@_spi(Generated) import CMSRuntime
import CMSKit
import Foundation

/// Throughput of the generated client's encode, validate and decode paths, each against its hand-written reference.
enum RuntimeBench {
    // MARK: Hand-written references, the shape of the seed interface (CallDataQueryDetailCallInfo) and of a list answer

    struct SeedRequest: Codable {
        var ccId: Int
        var vdn: Int
        var callId: String

        struct Invalid: Error {}

        /// The same rules the page documents: what a careful hand-written client checks before sending.
        func validate() throws {
            guard (1...65535).contains(ccId), (1...5000).contains(vdn), callId.count <= 20 else { throw Invalid() }
        }
    }

    struct SeedDetails: Codable {
        var trunkNo, deviceType, deviceNo, dsn: Int?
        var callData: String?
        var totalTalkingTimes, cb: Int64?
        var keyId, callingNum, calledNum, orgiCalledNum: String?
        var callDataLen: Int?
        var callSkill: String?
        var partyNum, callFeature, place: Int?
        var waitTime, logonTimes: Int64?
        var handle: Int?
        var time: Int64?
        var mediaType: String?
        var server, mid, priority: Int?
    }

    struct SeedResponse: Codable {
        var result: String?
        var resultCode: String?
        var resultDatas: SeedDetails?
        var resultDesc: SeedDetails?
    }

    struct PhoneItem: Codable {
        var agentId: Int?
        var name: String?
        var phoneNumber: String?
    }

    struct PhonesResponse: Codable {
        var resultCode: String?
        var resultDesc: [PhoneItem]?
    }

    /// Answers every request with the same bytes.
    struct FixedAnswer: CMSTransport {
        var body: Data
        func send(_ request: CMSHTTPRequest) async throws -> CMSHTTPResponse { CMSHTTPResponse(status: 200, body: body) }
    }

    // MARK: Measuring

    /// Runs `body` `count` times per round, best of five rounds; returns calls per second.
    static func rate(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<count { try body() }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Double(count) / best
    }

    static func rate(_ count: Int, _ body: () async throws -> Void) async rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<count { try await body() }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Double(count) / best
    }

    /// Best rates of `generated` and `reference`, measured in alternating rounds so that both see the same machine.
    static func compare(_ count: Int, _ generated: () throws -> Void, _ reference: () throws -> Void) rethrows -> (Double, Double) {
        var best = (Double.infinity, Double.infinity)
        for _ in 0..<9 {
            var start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<count { try generated() }
            best.0 = min(best.0, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<count { try reference() }
            best.1 = min(best.1, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (Double(count) / best.0, Double(count) / best.1)
    }

    static func line(_ label: String, generated: Double, reference: Double, goal: String) {
        let ratio = generated / reference
        print("\(label.padding(toLength: 58, withPad: " ", startingAt: 0)) \(String(format: "%10.0f", generated))/s  hand-written \(String(format: "%10.0f", reference))/s  \(String(format: "%5.2f", ratio))x  (goal \(goal))")
    }

    static func run() async throws {
        print("## Runtime: generated types against hand-written Codable (release, one thread, best rounds, alternating where compared)")
        let seedBody = Data(try seedExample().utf8)

        // Encode + validate of the seed request.
        let request = CallDataQueryDetailCallInfo.Request(ccId: 1, vdn: 1, callId: "1453723531-574")
        let hand = SeedRequest(ccId: 1, vdn: 1, callId: "1453723531-574")
        // Both through the same encoder settings (sorted keys, unescaped slashes), so that both write the same bytes and
        // the ratio is the cost of the types and their validation.
        let (encodeGenerated, encodeHand) = try compare(20_000, {
            var validator = CMSValidator()
            request.validate(into: &validator, path: "")
            try validator.finish()
            _ = try CMSClientCore.encodeBody(request, wrapper: nil)
        }, {
            try hand.validate()
            _ = try CMSClientCore.encodeBody(hand, wrapper: nil)
        })
        line("seed request: validate + encode", generated: encodeGenerated, reference: encodeHand, goal: ">= 0.9x")
        let built = try rate(20_000) { _ = try request.makeHTTPRequest() }
        line("seed request: the whole HTTP request (info)", generated: built, reference: encodeHand, goal: "none")

        // Decode of the seed response, the way the client does it (envelope check included, one parse).
        let core = CMSClientCore(transport: FixedAnswer(body: seedBody))
        let seedRequest = try request.makeHTTPRequest()
        let decodeGenerated = try await rate(20_000) {
            _ = try await core.send(seedRequest, envelope: CallDataQueryDetailCallInfo.envelope, decoding: CallDataQueryDetailCallInfo.Response.self)
        }
        let decodeHand = try rate(20_000) { _ = try JSONDecoder().decode(SeedResponse.self, from: seedBody) }
        line("seed response: client path (info: + envelope, transport)", generated: decodeGenerated, reference: decodeHand, goal: "none")
        let (typesOnly, handAgain) = try compare(10_000, { _ = try JSONDecoder().decode(CallDataQueryDetailCallInfo.Response.self, from: seedBody) },
                                                 { _ = try JSONDecoder().decode(SeedResponse.self, from: seedBody) })
        line("seed response: decode through the types", generated: typesOnly, reference: handAgain, goal: ">= 0.9x")

        // Size: a list answer of growing length; depth: an answer carrying an undocumented value nested N deep.
        print("\n## Runtime: large and deep answers (seconds per decode; ratio to JSONDecoder on the same bytes)")
        let phones = VdnAllAgentPhones.Request(ccId: 1, vdn: 1, limit: 100, offset: 0)
        let phonesRequest = try phones.makeHTTPRequest()
        func measure(_ label: String, _ body: Data) async throws {
            let core = CMSClientCore(transport: FixedAnswer(body: body))
            let rounds = max(1, 2_000_000 / body.count)
            let generated = try await rate(rounds) {
                _ = try await core.send(phonesRequest, envelope: VdnAllAgentPhones.envelope, decoding: VdnAllAgentPhones.Response.self)
            }
            let reference = try rate(rounds) { _ = try JSONDecoder().decode(PhonesResponse.self, from: body) }
            print("\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%9.3f", 1000 / generated)) ms  (\(String(format: "%6.1f", 1000 / generated / (Double(body.count) / 1e6))) ms/MB)  JSONDecoder \(String(format: "%9.3f", 1000 / reference)) ms  \(String(format: "%5.2f", reference / generated))x  (goal <= 2x, linear)")
        }
        for count in [5_000, 10_000, 20_000, 40_000] {
            let body = phonesBody(count: count)
            try await measure("list of \(count) (\(String(format: "%.2f", Double(body.count) / 1e6)) MB)", body)
        }
        for depth in [125, 250, 500] {
            try await measure("undocumented value \(depth) deep", deepBody(depth: depth))
        }
    }

    /// The seed page's response example.
    static func seedExample() throws -> String {
        // The documented example, as the page gives it (written out so that the bench needs no pages).
        """
        {"result": "0", "resultDatas": \(seedDetails), "resultDesc": \(seedDetails)}
        """
    }

    static let seedDetails = """
        {"trunkNo": 582, "deviceType": 2, "deviceNo": 1177, "dsn": 49, "callData": "", "totalTalkingTimes": 116, "cb": 1, \
        "keyId": "", "callingNum": "88881363", "calledNum": "650550", "orgiCalledNum": "", "callDataLen": 0, \
        "callSkill": "defaultAudioSkill", "partyNum": 2, "callFeature": 0, "place": 0, "waitTime": 0, "logonTimes": 127, \
        "handle": 0, "time": 1606120429, "mediaType": "MEDIA_TYPE_PHONE", "server": 0, "mid": 5, "priority": 0}
        """

    static func phonesBody(count: Int) -> Data {
        var text = #"{"resultCode": "0100000", "resultDesc": ["#
        for index in 0..<count {
            if index > 0 { text += "," }
            text += #"{"agentId": \#(101 + index % 50_000), "name": "agent \#(index)", "phoneNumber": "8888\#(index)"}"#
        }
        return Data((text + "]}").utf8)
    }

    static func deepBody(depth: Int) -> Data {
        let nested = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        return Data(#"{"resultCode": "0100000", "extra": \#(nested), "resultDesc": [{"agentId": 101, "name": "a", "phoneNumber": "1"}]}"#.utf8)
    }
}
