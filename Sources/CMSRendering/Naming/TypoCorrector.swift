/// Spots vendor typos in wire names (`citStatus` for ctiStatus, `callinDetial` for callinDetail) so that Swift names
/// can be right while the wire name stays as sent.
///
/// A word of a name is taken as a typo when it is not a known word, and swapping two neighbouring letters gives a word
/// that the field's own description uses (or begins a word of it, for abbreviations like `orig`/original). Only the
/// field's own description counts, so the correction depends on nothing but the row it stands in.
struct TypoCorrector: Sendable {
    let vocabulary: Vocabulary

    /// The corrected word, or nil when `word` is fine.
    func correction(of word: String, context: String) -> String? {
        let lower = word.lowercased()
        guard lower.count >= 3, lower.allSatisfy({ $0.isASCII && $0.isLetter }), !vocabulary.contains(lower) else { return nil }
        let contextWords = Vocabulary.words(in: context)
        guard !contextWords.contains(lower) else { return nil }
        let letters = Array(lower)
        for index in 0..<(letters.count - 1) where letters[index] != letters[index + 1] {
            var swapped = letters
            swapped.swapAt(index, index + 1)
            let candidate = String(swapped)
            if contextWords.contains(where: { $0 == candidate || $0.count > candidate.count && $0.hasPrefix(candidate) }) {
                return matchCase(candidate, like: word)
            }
        }
        return nil
    }

    private func matchCase(_ corrected: String, like original: String) -> String {
        guard let first = original.first, first.isUppercase else { return corrected }
        return corrected.prefix(1).uppercased() + corrected.dropFirst()
    }
}
