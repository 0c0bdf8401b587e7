/// Text from the inputs (pages, names files, silence files, schema files) made fit to print in a diagnostic line, so
/// that no character of it can end the line, reorder what a reader sees, hide text or drive the terminal.
/// `Diagnostic.description` passes every message through it; a message that quotes input text passes that text
/// through it too, to cut it shorter (`quoteLimit`).
public enum DiagnosticText {
    /// The most characters of quoted input text `visible` keeps by default.
    public static let quoteLimit = 200
    /// The most characters of a message, and of its table and row, that `Diagnostic.description` prints.
    public static let messageLimit = 4_000

    /// `text` with each hidden character (`isHidden`: controls, bidirectional formatting, line and paragraph
    /// separators) shown as `<U+202E>`, the form generated doc comments use; cut after `limit` characters, with
    /// `… (N more characters)`. Other text, Chinese included, is kept as it is.
    public static func visible(_ text: String, limit: Int = quoteLimit) -> String {
        if isPrintableASCII(text, limit: limit) { return text }
        if !text.unicodeScalars.contains(where: isHidden), text.utf8.count <= limit || text.count <= limit { return text }
        var result = ""
        var count = 0
        for character in text {
            if count == limit {
                result += "… (\(text.count - limit) more characters)"
                break
            }
            count += 1
            for scalar in character.unicodeScalars {
                if isHidden(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Characters a diagnostic never prints as they are: C0 controls (NUL, tab, line breaks, ESC), DEL, C1 controls,
    /// the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069), and the line and paragraph separators (U+2028, U+2029).
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Printable ASCII of at most `limit` bytes: nothing to change, found without decoding.
    private static func isPrintableASCII(_ text: String, limit: Int) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F, count < limit else { return false }
            count += 1
        }
        return true
    }
}
