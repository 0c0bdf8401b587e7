extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte over UTF-8.
    ///
    /// Foundation's `contains(_:)` goes through NSString on Linux and dominated extraction time; this does not.
    package func includes(_ needle: String) -> Bool {
        byteOffset(of: needle) != nil
    }

    /// The UTF-8 offset of the first (or last) occurrence of `needle`, or nil.
    package func byteOffset(of needle: String, backwards: Bool = false) -> Int? {
        var haystack = String(self)
        var pattern = needle
        return haystack.withUTF8 { text in
            pattern.withUTF8 { pattern in
                guard !pattern.isEmpty else { return 0 }
                guard pattern.count <= text.count else { return nil }
                let last = text.count - pattern.count
                var start = backwards ? last : 0
                while backwards ? start >= 0 : start <= last {
                    if text[start] == pattern[0] {
                        var index = 1
                        while index < pattern.count, text[start + index] == pattern[index] { index += 1 }
                        if index == pattern.count { return start }
                    }
                    start += backwards ? -1 : 1
                }
                return nil
            }
        }
    }
}

extension String {
    /// Zeros before the text up to `width` characters (`"7".leftPadded(to: 2)` is `07`).
    package func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
