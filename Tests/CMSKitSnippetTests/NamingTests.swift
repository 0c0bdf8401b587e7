import CMSKitSnippets
import CMSRuntime
import Foundation
import Testing

/// The code generated from Tests/Snippets/specs compiles, and its names are idiomatic while the wire keeps the vendor's.
@Suite struct NamingTests {
    static let requestJSON = """
    {"3rdParty":"x","agent-id":101,"callId":"1-2","call_id":"1-2","ccId":1,"class":3,"default":"abc","filter":{"keyword":"vip","skillId":7},"mode":"Y","skillIds":[1,2]}
    """

    @Test func keywordsHyphensDigitsAndCollisionsStayOnTheWire() throws {
        let request = SnippetQueryNamingCases.Request(
            ccId: 1, default: "abc", class: 3, agentId: 101, _3rdParty: "x", callId: "1-2", callId2: "1-2", mode: .yes,
            skillIds: [1, 2], filter: .init(skillId: 7, keyword: "vip")
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = String(decoding: try encoder.encode(request), as: UTF8.self)
        #expect(encoded == Self.requestJSON, "\(encoded)")
        let decoded = try JSONDecoder().decode(SnippetQueryNamingCases.Request.self, from: Data(Self.requestJSON.utf8))
        #expect(decoded == request)
    }

    @Test func vendorTyposAreCorrectedInSwiftOnly() throws {
        let json = #"{"resultCode":"0100000","resultDesc":{"citStatus":1,"mediaKind":"AUDIO","orgiCalledNum":"650550","total":12}}"#
        let response = try JSONDecoder().decode(SnippetQueryNamingCases.Response.self, from: Data(json.utf8))
        #expect(response.resultDesc?.ctiStatus == .idle)
        #expect(response.resultDesc?.origCalledNum == "650550")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(response), as: UTF8.self) == json)
    }
}
