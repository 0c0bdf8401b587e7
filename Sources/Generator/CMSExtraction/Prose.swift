/// Fast phrase and number scanning over description prose, English or Chinese.
///
/// Works on UTF-8 bytes: ASCII letters are lower-cased and full-width `：～，` become their ASCII forms padded with
/// NUL bytes, so offsets stay those of the original text. Descriptions are short; plain byte scanning keeps
/// extraction cheap next to libxml2's own parse time, which regular-expression engines would not.
struct Prose {
    /// The normalised bytes that phrases are matched against.
    private let bytes: [UInt8]
    /// The original bytes, for quoting values.
    private let original: [UInt8]

    init(_ text: String) {
        original = Array(text.utf8)
        bytes = Prose.normalize(original)
    }

    var isEmpty: Bool { bytes.isEmpty }

    static func normalize(_ input: [UInt8]) -> [UInt8] {
        var output = input
        var index = 0
        while index < output.count {
            let byte = output[index]
            if byte >= 0x41, byte <= 0x5A {
                output[index] = byte + 0x20
            } else if byte == 0xEF || byte == 0xE3, index + 2 < output.count {
                let replacement: UInt8? = switch (byte, output[index + 1], output[index + 2]) {
                case (0xEF, 0xBC, 0x9A): UInt8(ascii: ":") // ：
                case (0xEF, 0xBD, 0x9E), (0xE3, 0x80, 0x9C): UInt8(ascii: "~") // ～ 〜
                case (0xEF, 0xBC, 0x8C): UInt8(ascii: ",") // ，
                default: nil
                }
                if let replacement {
                    output[index] = replacement
                    output[index + 1] = 0
                    output[index + 2] = 0
                    index += 3
                    continue
                }
            }
            index += 1
        }
        return output
    }

    /// Offsets just past each occurrence of `phrase`.
    func ends(of phrase: String) -> [Int] {
        let needle = Prose.normalize(Array(phrase.utf8))
        guard let first = needle.first, needle.count <= bytes.count else { return [] }
        var result: [Int] = []
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count {
                    result.append(index + needle.count)
                    index += needle.count
                    continue
                }
            }
            index += 1
        }
        return result
    }

    func contains(_ phrase: String) -> Bool { !ends(of: phrase).isEmpty }

    func containsAny(_ phrases: [String]) -> Bool { phrases.contains { contains($0) } }

    /// Skips spaces, padding and any of the given tokens.
    func skip(from index: Int, over tokens: [String] = []) -> Int {
        var index = index
        outer: while index < bytes.count {
            if bytes[index] == 0x20 || bytes[index] == 0 { index += 1; continue }
            for token in tokens {
                if let end = matchHere(token, at: index) { index = end; continue outer }
            }
            break
        }
        return index
    }

    private func matchHere(_ phrase: String, at index: Int) -> Int? {
        let needle = Prose.normalize(Array(phrase.utf8))
        guard !needle.isEmpty, index + needle.count <= bytes.count else { return nil }
        for (offset, byte) in needle.enumerated() where bytes[index + offset] != byte { return nil }
        return index + needle.count
    }

    /// An integer at `index` (after spaces): optional minus, digits, thousands commas.
    func integer(at index: Int) -> (value: Int64, end: Int)? {
        var index = skip(from: index)
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (added, overflow2) = multiplied.addingReportingOverflow(Int64(byte - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                value = added
                digits += 1
            } else if byte == UInt8(ascii: ","), digits > 0, index + 3 < bytes.count,
                      (1...3).allSatisfy({ bytes[index + $0] >= 0x30 && bytes[index + $0] <= 0x39 }),
                      index + 4 >= bytes.count || !(bytes[index + 4] >= 0x30 && bytes[index + 4] <= 0x39) {
                // a thousands separator: exactly three digits follow
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        return (negative ? -value : value, index)
    }

    /// The offsets where a whole number starts: a digit (or a minus before one) that follows no letter, digit, `.` or
    /// `_`.
    func integerStarts() -> [Int] {
        var starts: [Int] = []
        for index in bytes.indices where bytes[index] >= 0x30 && bytes[index] <= 0x39 {
            guard index == 0 || !Prose.continuesNumber(bytes[index - 1]) else { continue }
            starts.append(index)
        }
        return starts
    }

    /// The whole number that ends just before `index` (spaces between allowed): "0 or greater" → 0.
    func integer(before index: Int) -> (value: Int64, start: Int)? {
        var end = min(index, bytes.count)
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0 { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] >= 0x30 && bytes[start - 1] <= 0x39 { start -= 1 }
        guard start < end, start == 0 || !Prose.continuesNumber(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "-") else { return nil }
        if start > 0, bytes[start - 1] == UInt8(ascii: "-") { start -= 1 }
        guard let number = integer(at: start), number.end == end else { return nil }
        return (number.value, start)
    }

    /// Bytes that make a digit part of a word or a longer number: letters, digits, `.`, `_`.
    private static func continuesNumber(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    }

    /// The word at `index` after spaces: ASCII letters, digits, `-`, `_`, or a run of non-ASCII characters.
    func word(at index: Int) -> (text: String, end: Int)? {
        let start = skip(from: index)
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
            guard isWordByte else { break }
            end += 1
        }
        return end > start ? (String(decoding: bytes[start..<end], as: UTF8.self), end) : nil
    }

    /// Does `phrase` stand at `index` (after spaces)? Returns the offset after it.
    func match(_ phrase: String, at index: Int) -> Int? {
        matchHere(phrase, at: skip(from: index))
    }

    /// Original-case text from `index` to the end of the sentence (`. `, `。`, `；`, end), trimmed.
    func sentenceRest(from index: Int) -> String {
        var end = index
        while end < original.count {
            if isIdeographicStop(at: end) { break }
            if original[end] == UInt8(ascii: "."), end + 1 == original.count || original[end + 1] == 0x20 { break }
            end += 1
        }
        return String(decoding: original[min(index, end)..<end], as: UTF8.self).trimmingSpaces()
    }

    /// The start of the sentence that holds `index`.
    func sentenceStart(before index: Int) -> Int {
        var start = min(index, bytes.count)
        while start > 0 {
            let byte = bytes[start - 1]
            if byte == UInt8(ascii: ";") || (byte == UInt8(ascii: ".") && start < bytes.count && bytes[start] == 0x20) { break }
            if start >= 3, isIdeographicStop(at: start - 3) { break }
            start -= 1
        }
        return start
    }

    /// "。" or "；" at `index`.
    private func isIdeographicStop(at index: Int) -> Bool {
        guard index + 2 < original.count else { return false }
        return (original[index], original[index + 1], original[index + 2]) == (0xE3, 0x80, 0x82)
            || (original[index], original[index + 1], original[index + 2]) == (0xEF, 0xBC, 0x9B)
    }

    /// The original text from `index` to the end, trimmed.
    func rest(from index: Int) -> String {
        String(decoding: original[min(index, original.count)...], as: UTF8.self).trimmingSpaces()
    }

    /// The normalised text between two offsets.
    func text(from start: Int, to end: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(end, bytes.count)].filter { $0 != 0 }, as: UTF8.self)
    }
}

extension Prose {
    /// The lower-case runs of ASCII letters, digits and `_` in a heading or caption: `Table 7 quota field description`
    /// → table, 7, quota, field, description; `details对象参数说明` → details. Words, never substrings: "Security" holds
    /// no "uri".
    static func asciiWords(_ text: String) -> Set<String> {
        var words: Set<String> = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                current.unicodeScalars.append(scalar)
            } else {
                if !current.isEmpty { words.insert(current) }
                current = ""
            }
        }
        if !current.isEmpty { words.insert(current) }
        return words
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// True when the text holds CJK ideographs.
    var containsCJK: Bool {
        unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
