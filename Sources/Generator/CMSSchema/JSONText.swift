/// A small strict JSON parser (RFC 8259) that says where it fails and where each key stands,
/// so that example diagnostics can point at a line of the page.
public struct JSONText: Sendable {
    /// Why the text is not JSON, and where (1-based, relative to the text).
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int
        public var description: String { "\(message) at line \(line), column \(column)" }
    }

    /// The deepest nesting of arrays and objects the reader accepts.
    public static let maximumDepth = 512

    public var value: JSONValue
    /// 1-based line of each object key, by dotted path (`resultDatas.callFeature`); array elements add no segment.
    /// The first occurrence wins.
    public var keyLines: [String: Int]
    /// What the text gets wrong without being unreadable: duplicate keys (the first value is kept, as `JSONDecoder`
    /// does), and `\u` escapes of lone or mismatched surrogates (read as U+FFFD).
    public var warnings: [SyntaxError]

    public static func parse(_ text: String) throws(SyntaxError) -> JSONText {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(path: "", depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
        return JSONText(value: value, keyLines: parser.keyLines, warnings: parser.warnings)
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0
        var keyLines: [String: Int] = [:]
        var warnings: [SyntaxError] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        func error(_ message: String) -> SyntaxError {
            SyntaxError(message: message, line: line, column: index - lineStart + 1)
        }

        func error(_ message: String, at offset: Int) -> SyntaxError {
            SyntaxError(message: message, line: line, column: offset - lineStart + 1)
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A: index += 1; line += 1; lineStart = index
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(SyntaxError) {
            guard index < bytes.count, bytes[index] == byte else { throw error("expected \(what)") }
            index += 1
        }

        mutating func parseValue(path: String, depth: Int) throws(SyntaxError) -> JSONValue {
            guard depth < JSONText.maximumDepth else { throw error("nesting deeper than \(JSONText.maximumDepth) levels") }
            guard index < bytes.count else { throw error("unexpected end of text") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth)
            case UInt8(ascii: "["): return try parseArray(path: path, depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw error("invalid literal, expected '\(word)'")
            }
            index += expected.count
        }

        mutating func parseObject(path: String, depth: Int) throws(SyntaxError) -> JSONValue {
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let keyLine = line
                let keyStart = index
                let key = try parseString()
                let keyPath = path.isEmpty ? key : path + "." + key
                if keyLines[keyPath] == nil { keyLines[keyPath] = keyLine }
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after key")
                skipWhitespace()
                let value = try parseValue(path: keyPath, depth: depth + 1)
                if members[key] == nil {
                    members[key] = value
                } else {
                    let shown = keyPath.count > 60 ? String(keyPath.prefix(60)) + "…" : keyPath
                    warnings.append(SyntaxError(message: "duplicate key '\(shown)'; the first value is kept", line: keyLine, column: keyStart - lineStart + 1))
                }
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of text in object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw error("expected ',' or '}' in object")
            }
        }

        mutating func parseArray(path: String, depth: Int) throws(SyntaxError) -> JSONValue {
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            while true {
                skipWhitespace()
                elements.append(try parseValue(path: path, depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of text in array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
                throw error("expected ',' or ']' in array")
            }
        }

        /// A string's value, built as UTF-8 bytes and decoded once: linear in the string's length, however many
        /// escapes it holds (bytes that are not UTF-8 read as U+FFFD).
        mutating func parseString() throws(SyntaxError) -> String {
            index += 1
            var value: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; return String(decoding: value, as: UTF8.self) }
                if byte < 0x20 { throw error("control character in string") }
                if byte != UInt8(ascii: "\\") {
                    // The run up to the next quote, backslash or control character, in one step.
                    let start = index
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
                    value.append(contentsOf: bytes[start..<index])
                    continue
                }
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): value.append(escape)
                case UInt8(ascii: "b"): value.append(0x08)
                case UInt8(ascii: "f"): value.append(0x0C)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "r"): value.append(0x0D)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "u"): Unicode.UTF8.encode(try unicodeEscape(startingAt: index - 2)) { value.append($0) }
                default: throw error("invalid escape in string")
                }
            }
            throw error("unterminated string")
        }

        /// The scalar of a `\uXXXX` escape (the index is past the `u`), joining a surrogate pair. A lone or mismatched
        /// surrogate reads as U+FFFD and is recorded as a warning; a following escape that is not its partner is left
        /// for the next step.
        mutating func unicodeEscape(startingAt start: Int) throws(SyntaxError) -> Unicode.Scalar {
            let code = try hex4()
            switch code {
            case 0xD800...0xDBFF:
                let next = index
                if next + 5 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                   let low = Parser.hexValue(bytes[(next + 2)..<(next + 6)]), (0xDC00...0xDFFF).contains(low) {
                    index = next + 6
                    return Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
                }
                warnings.append(error("lone high surrogate \\u\(String(code, radix: 16, uppercase: true)); read as U+FFFD", at: start))
                return "\u{FFFD}"
            case 0xDC00...0xDFFF:
                warnings.append(error("lone low surrogate \\u\(String(code, radix: 16, uppercase: true)); read as U+FFFD", at: start))
                return "\u{FFFD}"
            default:
                return Unicode.Scalar(code) ?? "\u{FFFD}"
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count, let code = Parser.hexValue(bytes[index..<index + 4]) else {
                throw error("invalid \\u escape: expected four hexadecimal digits")
            }
            index += 4
            return code
        }

        /// The value of hexadecimal digits, nil for anything else (no sign, no spaces).
        static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
            var value: UInt32 = 0
            for byte in digits {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        mutating func parseNumber() throws(SyntaxError) -> JSONValue {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            func digits() -> Int {
                let from = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - from
            }
            let integerDigits = digits()
            guard integerDigits > 0 else { throw error("invalid number") }
            if integerDigits > 1, bytes[index - integerDigits] == UInt8(ascii: "0") { throw error("leading zero in number") }
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                isInteger = false
                guard digits() > 0 else { throw error("invalid number") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                isInteger = false
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("invalid number") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if isInteger, let integer = Int64(text) { return .integer(integer) }
            let number = Double(text) ?? 0
            guard number.isFinite else {
                warnings.append(error("number \(text.prefix(24)) is out of range; read as the largest finite number", at: start))
                return .double(text.hasPrefix("-") ? -Double.greatestFiniteMagnitude : Double.greatestFiniteMagnitude)
            }
            return .double(number)
        }
    }
}
