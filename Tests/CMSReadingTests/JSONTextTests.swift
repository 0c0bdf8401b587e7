import CMSSchema
import Foundation
import Testing

/// The strict JSON reader of examples: every escape, surrogate pairs and broken ones, truncation, depth, duplicate
/// keys, numbers; it never traps, and says where it stops.
@Suite struct JSONTextTests {
    static func value(_ text: String) throws -> JSONValue { try JSONText.parse(text).value }

    static func error(_ text: String) -> JSONText.SyntaxError? {
        do {
            _ = try JSONText.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{08}"), (#""\f""#, "\u{0C}"), (#""\n""#, "\n"),
        (#""\r""#, "\r"), (#""\t""#, "\t"), (#""\u0041""#, "A"), (#""\u00e9""#, "é"), (#""\u4E2D""#, "中"), (#""a\u0000b""#, "a\u{0}b"),
        (#""\ud83d\ude00""#, "😀"), (#""\uD83D\uDE00x""#, "😀x"), (#""plain é 中 😀""#, "plain é 中 😀"),
    ])
    func everyEscape(_ text: String, _ expected: String) throws {
        let parsed = try JSONText.parse(text)
        #expect(parsed.value == .string(expected))
        #expect(parsed.warnings.isEmpty)
    }

    @Test(arguments: [
        (#""\uD800""#, "\u{FFFD}", "lone high surrogate \\uD800"),
        (#""\uD800\u0041""#, "\u{FFFD}A", "lone high surrogate \\uD800"),
        (#""\uD800\uD800\uDC00""#, "\u{FFFD}𐀀", "lone high surrogate \\uD800"),
        (#""\uDC00""#, "\u{FFFD}", "lone low surrogate \\uDC00"),
        (#""x\uDFFFy""#, "x\u{FFFD}y", "lone low surrogate \\uDFFF"),
        (#""\uDBFF\n""#, "\u{FFFD}\n", "lone high surrogate \\uDBFF"),
    ])
    func brokenSurrogatesReadAsReplacementCharactersWithAWarning(_ text: String, _ expected: String, _ warning: String) throws {
        let parsed = try JSONText.parse(text)
        #expect(parsed.value == .string(expected))
        #expect(parsed.warnings.map(\.message) == ["\(warning); read as U+FFFD"])
        let backslash = text.utf8.firstIndex(of: UInt8(ascii: "\\")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) + 1 }
        #expect(parsed.warnings.first?.column == backslash, "the warning points at the escape")
    }

    @Test(arguments: [
        (#""\u12""#, "invalid \\u escape: expected four hexadecimal digits"),
        (#""\u+123""#, "invalid \\u escape: expected four hexadecimal digits"),
        (#""\u-123""#, "invalid \\u escape: expected four hexadecimal digits"),
        (#""\uGHIJ""#, "invalid \\u escape: expected four hexadecimal digits"),
        (#""\x41""#, "invalid escape in string"),
        (#""\"#, "unterminated string"),
        (#""abc"#, "unterminated string"),
        ("\"a\u{1}b\"", "control character in string"),
        ("{", "expected a quoted key"),
        (#"{"a""#, "expected ':' after key"),
        (#"{"a":"#, "unexpected end of text"),
        (#"{"a":1"#, "unexpected end of text in object"),
        (#"{"a":1,}"#, "expected a quoted key"),
        ("[1,2", "unexpected end of text in array"),
        ("[1 2]", "expected ',' or ']' in array"),
        ("01", "leading zero in number"),
        ("-", "invalid number"),
        ("1.", "invalid number"),
        ("1e", "invalid number"),
        ("tru", "invalid literal, expected 'true'"),
        ("nul", "invalid literal, expected 'null'"),
        ("{} x", "unexpected text after the JSON value"),
        ("", "unexpected end of text"),
        ("'a'", "unexpected character '''"),
    ])
    func malformedTextIsAnErrorThatSaysWhy(_ text: String, _ message: String) {
        let error = Self.error(text)
        #expect(error?.message == message, "\(text): \(String(describing: error))")
    }

    @Test func errorsAndWarningsSayWhere() throws {
        let error = try #require(Self.error("{\n  \"a\": 1,\n  \"b\": x\n}"))
        #expect((error.line, error.column) == (3, 8))
        let parsed = try JSONText.parse("{\n  \"a\": \"\\uD800\"\n}")
        #expect(parsed.warnings.map { [$0.line, $0.column] } == [[2, 9]])
    }

    @Test func truncationAtEveryLengthIsAnErrorNeverATrap() {
        let text = #"{"a":[1,-2.5e3,true,false,null,"x\u00e9\ud83d\ude00"],"b":{"c":{}}}"#
        #expect(Self.error(text) == nil)
        for length in 0..<text.utf8.count {
            let prefix = String(decoding: Array(text.utf8).prefix(length), as: UTF8.self)
            #expect(Self.error(prefix) != nil, "\(prefix)")
        }
    }

    @Test func nestingDepthIsBounded() throws {
        let deepest = String(repeating: "[", count: JSONText.maximumDepth) + String(repeating: "]", count: JSONText.maximumDepth)
        #expect(Self.error(deepest) == nil, "\(JSONText.maximumDepth) levels are read")
        let tooDeep = "[" + deepest + "]"
        #expect(Self.error(tooDeep)?.message == "nesting deeper than \(JSONText.maximumDepth) levels")
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        #expect(Self.error(hostile)?.message == "nesting deeper than \(JSONText.maximumDepth) levels")
    }

    @Test func duplicateKeysKeepTheFirstValueAsJSONDecoderDoes() throws {
        let parsed = try JSONText.parse(#"{"a": 1, "b": {"c": 2, "c": 3}, "a": 4}"#)
        #expect(parsed.value == .object(["a": .integer(1), "b": .object(["c": .integer(2)])]))
        #expect(parsed.warnings.map(\.message) == ["duplicate key 'b.c'; the first value is kept", "duplicate key 'a'; the first value is kept"])
        struct Pair: Decodable { var a: Int }
        #expect(try JSONDecoder().decode(Pair.self, from: Data(#"{"a": 1, "a": 4}"#.utf8)).a == 1, "Foundation reads the first too")
    }

    @Test func numbers() throws {
        #expect(try Self.value("0") == .integer(0))
        #expect(try Self.value("-9223372036854775808") == .integer(.min))
        #expect(try Self.value("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try Self.value("1.5e2") == .double(150))
        #expect(try Self.value("1E-2") == .double(0.01))
        let huge = try JSONText.parse("[1e999, -1e999]")
        #expect(huge.value == .array([.double(.greatestFiniteMagnitude), .double(-.greatestFiniteMagnitude)]))
        #expect(huge.warnings.count == 2, "an out-of-range number is read as the largest finite one, with a warning")
    }

    @Test func keyLinesNameTheFirstOccurrence() throws {
        let parsed = try JSONText.parse("{\n\"a\": {\n  \"b\": 1\n},\n\"list\": [{\"c\": 2}, {\"c\": 3}]\n}")
        #expect(parsed.keyLines["a"] == 2)
        #expect(parsed.keyLines["a.b"] == 3)
        #expect(parsed.keyLines["list.c"] == 5)
    }
}
