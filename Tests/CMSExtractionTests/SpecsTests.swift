import CMSExtraction
import CMSPageTestSupport
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The bundled vendor pages: every one parses, the warnings are pinned, and the seed interface matches its reference.
@Suite struct SpecsTests {
    let result = TestSupport.specsResult

    @Test func everyPageParsesWithoutErrors() {
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        // Every page in specs/ is read: what the folder holds (listed here, not by the extractor), but the names file.
        let onDisk = ((try? FileManager.default.contentsOfDirectory(atPath: TestSupport.packageRoot + "/specs")) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".json") }.map { "specs/" + $0 }.sorted()
        #expect(!onDisk.isEmpty)
        #expect(TestSupport.specFiles().sorted() == onDisk)
    }

    @Test func everyPageIsUsed() {
        let sources = Set(result.schema.interfaces.flatMap(\.sources).map(\.file))
        let pages = Set(TestSupport.specFiles()).subtracting(["specs/error-codes.html"])
        #expect(sources == pages)
        // Each page yields one interface or is a page the extractor documents as not an interface (the error codes'
        // appendix); each interface has one primary page, so there are as many interfaces as primary pages.
        let notInterfaces = Set(result.schema.pages.filter { $0.kind != .interface }.map(\.file))
        #expect(notInterfaces == Set(TestSupport.specFiles()).subtracting(sources), "\(notInterfaces)")
        for page in sources {
            let documented = result.schema.interfaces.filter { interface in interface.sources.contains { $0.file == page } }
            #expect(documented.count == 1, "\(page) documents \(documented.map(\.path))")
        }
        for interface in result.schema.interfaces {
            #expect(interface.sources.filter(\.primary).count == 1, "\(interface.path): \(interface.sources.map(\.file))")
        }
        let primaries = Set(result.schema.interfaces.flatMap(\.sources).filter(\.primary).map(\.file))
        #expect(result.schema.interfaces.count == primaries.count)
        #expect(!result.schema.interfaces.isEmpty)
    }

    /// The warnings of every page, pinned: a change in what the extractor notices shows up here.
    @Test func warningsArePinned() throws {
        let text = result.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        try TestSupport.assertMatchesReference(Data(text.utf8), file: "reference/specs-diagnostics.txt")
    }

    @Test func seedSchemaMatchesReference() throws {
        let seed = try #require(result.schema.interfaces.first { $0.path.hasSuffix("/calldata/querydetailcallinfo") })
        try TestSupport.assertMatchesReference(SchemaJSON.encode(seed), file: "reference/calldata-querydetailcallinfo.schema.json")
    }

    @Test func seedFacts() throws {
        let seed = try #require(result.schema.interfaces.first { $0.path == "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo" })
        #expect(seed.method == "POST")
        #expect(seed.bmsInterfaces == ["/ccbms/ws/monitor/callinfo"])
        #expect(seed.sources.map(\.file) == ["specs/calldata-querydetailcallinfo.html", "specs/calldata-querydetailcallinfo.dita"])
        #expect(seed.sources.map(\.primary) == [true, false])

        let request = try #require(seed.request)
        let fields = Dictionary(uniqueKeysWithValues: request.fields.map { ($0.name, $0) })
        #expect(request.fields.map(\.name) == ["ccId", "vdn", "callId"])
        #expect(fields["ccId"]?.constraints == Constraints(minimum: 1, maximum: 65535))
        #expect(fields["vdn"]?.constraints == Constraints(minimum: 1, maximum: 5000))
        #expect(fields["callId"]?.constraints == Constraints(maxLength: 20))
        #expect(request.fields.allSatisfy { $0.requirement == .required })
        #expect(fields["ccId"]?.type.kind == .integer)
        #expect(fields["callId"]?.type.kind == .string)

        let contentType = try #require(seed.headers.first { $0.name == "Content-Type" })
        #expect(contentType.constraints.fixedValue == "application/json; charset=UTF-8")

        let response = try #require(seed.response)
        #expect(response.fields.map(\.name) == ["result", "resultCode", "resultDatas", "resultDesc"])
        let resultCode = try #require(response.fields.first { $0.name == "resultCode" })
        #expect(resultCode.enumeration?.values == [EnumValue(value: "0100000", meaning: "success")])
        #expect(resultCode.enumeration?.closed == false)
        #expect(resultCode.enumeration?.otherValues == "failure")

        let table4: [(String, FieldType.Kind)] = [
            ("cb", .long), ("time", .long), ("dsn", .integer), ("handle", .integer), ("server", .integer), ("keyId", .string),
            ("callingNum", .string), ("calledNum", .string), ("mid", .integer), ("trunkNo", .integer), ("priority", .integer),
            ("deviceType", .integer), ("deviceNo", .integer), ("callData", .string), ("callDataLen", .integer), ("callSkill", .string),
            ("partyNum", .integer), ("callFeature", .string), ("orgiCalledNum", .string), ("mediaType", .string), ("place", .integer),
            ("waitTime", .long), ("totalTalkingTimes", .long), ("logonTimes", .long),
        ]
        #expect(seed.objects.map(\.id) == ["Table 4 Parameters of resultDesc or resultDatas"], "one table, read once, serves both fields")
        for name in ["resultDesc", "resultDatas"] {
            let object = try #require(response.fields.first { $0.name == name })
            #expect(object.type.kind == .object)
            #expect(object.object == "Table 4 Parameters of resultDesc or resultDatas")
            #expect(seed.fields(of: object).count == table4.count)
            #expect(seed.fields(of: object).map(\.name) == table4.map(\.0))
            #expect(seed.fields(of: object).map(\.type.kind) == table4.map(\.1))
        }

        let mismatch = seed.observations.filter { $0.kind == .typeMismatch }
        #expect(mismatch.map(\.path) == ["resultDatas.callFeature", "resultDesc.callFeature"])
        #expect(mismatch.allSatisfy { $0.documented == "string" && $0.observed == "integer" && $0.role == .response })
        let warning = result.diagnostics.first {
            $0.location.file == "specs/calldata-querydetailcallinfo.html" && $0.message.contains("'resultDesc.callFeature' is documented as String but the response example sends a number (0)")
        }
        #expect(warning?.severity == .warning)
        #expect(warning?.location.row == "callFeature")
        #expect(warning?.location.table == "Table 4 Parameters of resultDesc or resultDatas")
    }

    @Test func resultCodesComeFromTheErrorCodePage() {
        #expect(result.schema.resultCodes.map(\.code) == ["0100000", "0100001", "0100002", "0100003", "0100999", "0101001", "0101002", "0101003"])
        #expect(result.schema.resultCodes.first { $0.code == "0100002" }?.description == "A parameter in the request is invalid.")
    }

    @Test func schemaJSONIsStable() throws {
        let again = SchemaBuilder.build(pages: TestSupport.specFiles().map(TestSupport.page))
        #expect(try SchemaJSON.encode(again.schema) == SchemaJSON.encode(result.schema))
        let decoded = try SchemaJSON.decode(SchemaDocument.self, from: SchemaJSON.encode(result.schema))
        #expect(decoded == result.schema)
        #expect(result.schema.schemaVersion == SchemaDocument.currentVersion)
    }
}
