/// Text made safe inside a Swift string literal: the one rule the generated code and the embedded templates share.
package enum SwiftStringEscaping {
    /// The text as the inside of a Swift string literal: backslashes and quotes escaped (so `\(` and `\u{41}` stay
    /// text), and every control, format or line-separating character written as `\u{…}`, so that no character can end
    /// the literal, start an interpolation or reorder what a reader sees.
    package static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if isInvisible(scalar) {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Characters that cannot stand as themselves in generated source: C0 and C1 controls, DEL, line and paragraph
    /// separators, and format characters (bidirectional overrides and isolates, zero-width joiners, BOM).
    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x20...0x7E: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }
}
