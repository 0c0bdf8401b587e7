/// Spots vendor typos in wire names (`citStatus` for ctiStatus, `callinDetial` for callinDetail) so that Swift names
/// can be right while the wire name stays as sent.
///
/// A word of a name is taken as a typo when it is not a known word, and swapping two neighbouring letters gives a word
/// that the field's own description uses (or begins a word of it, for abbreviations like `orig`/original). Only the
/// field's own description counts, so the correction depends on nothing but the row it stands in.
struct TypoCorrector: Sendable {
    let vocabulary: Vocabulary

    /// No word of a name longer than this is taken for a typo: the longest English words are shorter, and the work per
    /// word grows with its length.
    static let longestWord = 32

    /// The words of one description, read once for every word of the name it describes.
    struct Context {
        /// The distinct words, sorted, so that the words a candidate begins are found by binary search.
        let words: [String]

        init(_ text: String) { words = Array(Set(Vocabulary.words(in: text))).sorted() }

        func contains(_ word: String) -> Bool {
            let index = lowerBound(word)
            return index < words.count && words[index] == word
        }

        /// Whether the description uses `word`, or a longer word that begins with it.
        func hasWord(startingWith word: String) -> Bool {
            var index = lowerBound(word)
            while index < words.count, words[index].hasPrefix(word) {
                if words[index] == word || words[index].count > word.count { return true }
                index += 1
            }
            return false
        }

        private func lowerBound(_ word: String) -> Int {
            var low = 0, high = words.count
            while low < high {
                let middle = (low + high) / 2
                if words[middle] < word { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// The corrected word, or nil when `word` is fine. The description's words are read (into `context`) only for a
    /// word that may be a typo.
    func correction(of word: String, description: String, context: inout Context?) -> String? {
        let lower = word.lowercased()
        guard (3...Self.longestWord).contains(lower.count), lower.allSatisfy({ $0.isASCII && $0.isLetter }), !vocabulary.contains(lower) else { return nil }
        if context == nil { context = Context(description) }
        guard let context, !context.contains(lower) else { return nil }
        let letters = Array(lower)
        for index in 0..<(letters.count - 1) where letters[index] != letters[index + 1] {
            var swapped = letters
            swapped.swapAt(index, index + 1)
            let candidate = String(swapped)
            if context.hasWord(startingWith: candidate) {
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
