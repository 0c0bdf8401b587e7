import CMSSchema
import CMSSupport

/// The one place vendor text becomes Swift source: string literals, numbers and comment text.
enum SwiftLiteral {
    /// The text as the inside of a Swift string literal (`SwiftStringEscaping`).
    static func escaped(_ text: String) -> String { SwiftStringEscaping.escaped(text) }

    /// A complete string literal.
    static func string(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// An integer literal, or `nil`.
    static func integer<Value: BinaryInteger>(_ value: Value?) -> String { value.map { "\($0)" } ?? "nil" }

    /// A finite `Double` as a literal that reads back as the same value (`0.5`, `2.0`), or `nil`.
    static func double(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "nil" }
        return "\(value)"
    }

    /// Text for a `//` or `///` comment line: line breaks become spaces, and control and bidirectional-formatting
    /// characters are shown as `<U+202E>`, so that a page can neither end the comment nor hide code behind it.
    static func comment(_ text: String) -> String {
        if isPlainASCIILine(text) { return text }
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
            if isSpace || isLineBreak(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result += " " }
            pendingSpace = false
            if isInvisible(scalar) {
                result += "<U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))>"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Printable ASCII with single spaces between words and none at the ends: already what `comment` would make of it.
    private static func isPlainASCIILine(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if byte == 0x20 {
                if previous == 0x20 { return false }
            } else if byte < 0x21 || byte > 0x7E {
                return false
            }
            previous = byte
        }
        return previous != 0x20 || text.isEmpty
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool { SwiftStringEscaping.isInvisible(scalar) }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

