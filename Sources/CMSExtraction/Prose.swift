/// Fast phrase and number scanning over description prose, English or Chinese.
///
/// Descriptions are short; plain scalar scanning keeps extraction well below libxml2's own parse time,
/// which regular-expression engines would not.
struct Prose {
    /// The lower-cased text as scalars.
    let scalars: [Unicode.Scalar]
    let original: [Unicode.Scalar]

    init(_ text: String) {
        original = Array(text.unicodeScalars)
        scalars = original.map { scalar in
            if scalar.isASCII, (65...90).contains(scalar.value) { return Unicode.Scalar(scalar.value + 32)! }
            if scalar == "\u{FF1A}" { return ":" } // full-width colon
            if scalar == "\u{FF5E}" || scalar == "\u{301C}" { return "~" }
            if scalar == "\u{FF0C}" { return "," }
            return scalar
        }
    }

    var isEmpty: Bool { scalars.isEmpty }

    /// Start offsets just past each occurrence of `phrase` (lower-case).
    func ends(of phrase: String) -> [Int] {
        let needle = Array(phrase.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
        var result: [Int] = []
        var index = 0
        let last = scalars.count - needle.count
        while index <= last {
            if scalars[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where scalars[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { result.append(index + needle.count); index += needle.count; continue }
            }
            index += 1
        }
        return result
    }

    func contains(_ phrase: String) -> Bool { !ends(of: phrase).isEmpty }

    func containsAny(_ phrases: [String]) -> Bool { phrases.contains { contains($0) } }

    /// Skips spaces and the given separator scalars.
    func skip(from index: Int, over characters: Set<Unicode.Scalar> = [" "]) -> Int {
        var index = index
        while index < scalars.count, characters.contains(scalars[index]) || scalars[index] == " " { index += 1 }
        return index
    }

    /// An integer starting at `index` (after spaces): optional minus, digits, thousands commas.
    func integer(at index: Int) -> (value: Int64, end: Int)? {
        var index = skip(from: index)
        var negative = false
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "\u{2212}" {
            negative = true
            index += 1
        }
        var digits = ""
        while index < scalars.count {
            let scalar = scalars[index]
            if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if scalar == ",", !digits.isEmpty, index + 3 < scalars.count,
                      (1...3).allSatisfy({ ("0"..."9").contains(scalars[index + $0]) }),
                      index + 4 >= scalars.count || !("0"..."9").contains(scalars[index + 4]) {
                // a thousands separator: exactly three digits follow
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty, let value = Int64(digits) else { return nil }
        return (negative ? -value : value, index)
    }

    /// The word (letters, digits, `-`, `_`) starting at `index` after spaces.
    func word(at index: Int) -> (text: String, end: Int)? {
        var index = skip(from: index)
        var text = ""
        while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) || scalars[index] == "-" || scalars[index] == "_" {
            text.unicodeScalars.append(scalars[index])
            index += 1
        }
        return text.isEmpty ? nil : (text, index)
    }

    /// Does `phrase` stand at `index` (after spaces)? Returns the index after it.
    func match(_ phrase: String, at index: Int) -> Int? {
        let start = skip(from: index)
        let needle = Array(phrase.unicodeScalars)
        guard start + needle.count <= scalars.count else { return nil }
        for (offset, scalar) in needle.enumerated() where scalars[start + offset] != scalar { return nil }
        return start + needle.count
    }

    /// Original-case text from `index` to the end of the sentence (`. `, `。`, end), trailing period dropped.
    func sentenceRest(from index: Int) -> String {
        var end = index
        while end < original.count {
            let scalar = original[end]
            if scalar == "\u{3002}" || scalar == "\u{FF1B}" { break }
            if scalar == ".", end + 1 == original.count || original[end + 1] == " " { break }
            end += 1
        }
        var text = String(String.UnicodeScalarView(original[index..<end]))
        text = text.trimmingSpaces()
        return text
    }

    /// The start of the sentence that contains `index`.
    func sentenceStart(before index: Int) -> Int {
        var start = min(index, scalars.count)
        while start > 0 {
            let scalar = scalars[start - 1]
            if scalar == "\u{3002}" || scalar == ";" || (scalar == "." && start < scalars.count && scalars[start] == " ") { break }
            start -= 1
        }
        return start
    }

    func text(from start: Int, to end: Int) -> String {
        String(String.UnicodeScalarView(scalars[max(0, start)..<min(end, scalars.count)]))
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
