import CMSExtraction
import CMSPageTestSupport
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The same interface documented in two markups or two languages gives the same schema, once the parts that
/// legitimately differ are set aside.
@Suite struct EquivalenceTests {
    static let htmlAndDITA = ["calldata-querydetailcallinfo", "agentgroup-agentbyconfigedskill", "vdn-queryivrprocessinnoinfo"]
    static let englishAndChinese = ["vdn-querycalls-v1", "vdn-queryagentreststate"]

    @Test(arguments: htmlAndDITA)
    func htmlAndDITAGiveTheSameSchema(slug: String) throws {
        let html = try #require(TestSupport.extract("specs/\(slug).html").interfaces.first)
        let dita = try #require(TestSupport.extract("specs/\(slug).dita").interfaces.first)
        #expect(try Normalized(html, keepText: true) == Normalized(dita, keepText: true))
    }

    @Test(arguments: englishAndChinese)
    func englishAndChineseGiveTheSameSchema(slug: String) throws {
        let english = try #require(TestSupport.extract("specs/\(slug).html").interfaces.first)
        let chinese = try #require(TestSupport.extract("specs/\(slug).zh.html").interfaces.first)
        #expect(try Normalized(english, keepText: false) == Normalized(chinese, keepText: false))
    }

    /// The schema JSON with locations and sources removed, and, unless `keepText`, the prose too.
    struct Normalized: Equatable, CustomStringConvertible {
        let json: String

        init(_ interface: Interface, keepText: Bool) throws {
            var copy = interface
            copy.sources = []
            copy.location = SourceLocation(file: "", line: 0)
            copy.examples = copy.examples.map { example in
                var example = example
                example.location = SourceLocation(file: "", line: 0)
                example.text = ""
                return example
            }
            copy.observations = copy.observations.map { observation in
                var observation = observation
                observation.location = SourceLocation(file: "", line: 0)
                if !keepText { observation.message = "" }
                return observation
            }
            // Without the prose, objects are known by their order, not by their (translated) captions.
            let ids = Dictionary(uniqueKeysWithValues: copy.objects.enumerated().map { ($0.element.id, keepText ? $0.element.id : "object \($0.offset + 1)") })
            copy.headers = copy.headers.map { Normalized.strip($0, keepText: keepText, ids: ids) }
            copy.pathParameters = copy.pathParameters.map { Normalized.strip($0, keepText: keepText, ids: ids) }
            copy.queryParameters = copy.queryParameters.map { Normalized.strip($0, keepText: keepText, ids: ids) }
            copy.request = copy.request.map { Normalized.strip($0, keepText: keepText, ids: ids) }
            copy.headerParameters = copy.headerParameters.map { Normalized.strip($0, keepText: keepText, ids: ids) }
            copy.responses = copy.responses.map { response in
                var response = response
                response.location = nil
                response.body = response.body.map { Normalized.strip($0, keepText: keepText, ids: ids) }
                if !keepText { response.description = nil }
                return response
            }
            copy.objects = copy.objects.map { object in
                var object = object
                object.id = ids[object.id] ?? object.id
                object.location = SourceLocation(file: "", line: 0)
                if !keepText { object.table = "" }
                object.fields = object.fields.map { Normalized.strip($0, keepText: keepText, ids: ids) }
                return object
            }
            if !keepText {
                copy.title = ""
                copy.scenario = nil
            }
            json = String(decoding: try SchemaJSON.encode(copy), as: UTF8.self)
        }

        static func strip(_ body: Body, keepText: Bool, ids: [String: String]) -> Body {
            var body = body
            body.location = SourceLocation(file: "", line: 0)
            if !keepText { body.table = nil }
            body.fields = body.fields.map { strip($0, keepText: keepText, ids: ids) }
            return body
        }

        static func strip(_ field: Field, keepText: Bool, ids: [String: String]) -> Field {
            var field = field
            field.location = SourceLocation(file: "", line: 0)
            field.enumeration?.location = SourceLocation(file: "", line: 0)
            field.object = field.object.map { ids[$0] ?? $0 }
            field.recursiveReference = field.recursiveReference.map { ids[$0] ?? $0 }
            if !keepText {
                field.description = ""
                field.notes = []
                if var enumeration = field.enumeration {
                    enumeration.otherValues = nil
                    enumeration.values = enumeration.values.map { EnumValue(value: $0.value, meaning: "") }
                    field.enumeration = enumeration
                }
                field.constraints.fixedValue = field.constraints.fixedValue.map { $0.replacingOccurrences(of: " ", with: "") }
            }
            return field
        }

        var description: String { json }
    }
}
