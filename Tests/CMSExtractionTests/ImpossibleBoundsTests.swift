@testable import CMSExtraction
import CMSSchema
import Testing

/// Bounds no value can meet, and bounds beyond 64 bits: each is reported with its row and dropped, so that nothing
/// rejects every value.
@Suite struct ImpossibleBoundsTests {
    @Test func aRangeNoValueCanMeetIsReportedAndDropped() throws {
        let (field, result) = try Snippet.requestField("count", rows: [["count", "Integer", "No", "The value must be at least 100. The value cannot exceed 10."]])
        #expect(field.constraints.minimum == nil && field.constraints.maximum == nil, "\(field.constraints)")
        let warning = try #require(result.diagnostics.first { $0.kind == .impossibleRange }, "\(result.diagnostics)")
        #expect(warning.message == "the range 100…10 admits no value; both are dropped")
        #expect(warning.location.row == "count")
    }

    @Test func anInvertedLengthIsReportedAndDropped() throws {
        let (field, result) = try Snippet.requestField("name", rows: [["name", "String(25-1)", "No", "A name."]])
        #expect(field.constraints.minLength == nil && field.constraints.maxLength == nil)
        #expect(result.diagnostics.contains { $0.kind == .impossibleLength && $0.message == "a length of 25 to 1 admits no text; both are dropped" }, "\(result.diagnostics)")
    }

    @Test func aBoundTooLargeFor64BitsIsReported() throws {
        let (field, result) = try Snippet.requestField("id", rows: [["id", "Long", "No", "The value ranges from 1 to 99999999999999999999."]])
        #expect(field.constraints.maximum == nil)
        #expect(result.diagnostics.contains { $0.kind == .boundOverflow && $0.message == "the number 99999999999999999999 does not fit in 64 bits; no bound is taken from it" }, "\(result.diagnostics)")
    }
}
