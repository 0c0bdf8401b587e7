import CMSSchema

/// Finds the constraints a description states in prose: ranges, lengths, list sizes, fixed values, formats,
/// in the vendor's English and Chinese wording.
enum ConstraintMiner {
    struct Finding {
        var constraints = Constraints()
        /// A sentence the miner recognised but could not apply (for example a character limit on a list), for a warning.
        var ignored: [String] = []
        /// "The default value is X".
        var defaultValue: String?
    }

    static func mine(_ text: String, kind: FieldType.Kind) -> Finding {
        var finding = Finding()
        // Most descriptions state no constraint: look closer only at those with a number or a keyword.
        let hasDigit = ConstraintMiner.hasValueDigit(text)
        let hasKeyword = ["fixed", "固定", "timestamp", "时间戳", "yyyy", "hh:mm", "default", "默认"].contains { text.includes($0) }
        guard hasDigit || hasKeyword else { return finding }
        let prose = Prose(text)
        guard !prose.isEmpty else { return finding }
        let isArray = kind == .array
        // One-sided bounds ("cannot exceed 31 days") bind numbers only; on a string they describe something else.
        let isNumeric = [.integer, .long, .number, .unknown].contains(kind)
        var ranges: [ValueRange] = []
        var itemRange: ValueRange?

        // "ranges from A to B [and from C to D]", "value range: A–B", "取值范围：A~B".
        for phrase in ["ranges from", "range from", "range is", "range:", "value range", "取值范围", "范围为", "范围是"] where hasDigit && (prose.contains("range") || prose.contains("范围")) {
            for end in prose.ends(of: phrase) {
                var index = prose.skip(from: end, over: [":", "是", "为", "从"])
                if let afterFrom = prose.match("from", at: index) { index = afterFrom }
                var found: [ValueRange] = []
                while let range = rangeAt(prose, index) {
                    found.append(range.range)
                    index = range.end
                    guard let next = prose.match("and from", at: index) ?? prose.match(", from", at: index) ?? prose.match("和", at: index) ?? prose.match("、", at: index) else { break }
                    index = next
                }
                guard !found.isEmpty else { continue }
                let sentence = prose.text(from: prose.sentenceStart(before: end), to: end)
                if isArray || sentence.includes("each") || sentence.includes("每个") {
                    if isArray { itemRange = found.first }
                    else { ranges.append(contentsOf: found) }
                } else {
                    ranges.append(contentsOf: found)
                }
            }
        }
        let unique = ranges.reduce(into: [ValueRange]()) { if !$0.contains($1) { $0.append($1) } }
        if let lowest = unique.map(\.minimum).min(), let highest = unique.map(\.maximum).max() {
            finding.constraints.minimum = lowest
            finding.constraints.maximum = highest
            if unique.count > 1 { finding.constraints.ranges = unique.sorted { $0.minimum < $1.minimum } }
        }
        if let itemRange {
            finding.constraints.items = ItemConstraints(minimum: itemRange.minimum, maximum: itemRange.maximum)
        }

        // Bounds stated one side at a time.
        let mayBound = hasDigit && prose.containsAny(["than", "least", "minimum", "maximum", "exceed", "大于", "小于", "最小", "最大"])
        for phrase in ["greater than or equal to", "no less than", "not less than", "cannot be less than", "minimum value is", "at least", "大于等于", "不小于", "最小值为", "最小值是", "最小值："] where mayBound {
            for end in prose.ends(of: phrase) {
                guard isNumeric, let number = prose.integer(at: end), !isCharacterCount(prose, after: number.end), !isDuration(prose, after: number.end) else { continue }
                finding.constraints.minimum = max(finding.constraints.minimum ?? number.value, number.value)
            }
        }
        for phrase in ["less than or equal to", "no greater than", "not greater than", "cannot be greater than", "cannot exceed", "maximum value is", "must not exceed", "小于等于", "不大于", "最大值为", "最大值是", "最大值："] where mayBound {
            for end in prose.ends(of: phrase) {
                guard isNumeric || isArray, let number = prose.integer(at: end), !isCharacterCount(prose, after: number.end), !isDuration(prose, after: number.end) else { continue }
                if isArray {
                    finding.constraints.maxItems = Int(number.value)
                } else {
                    finding.constraints.maximum = min(finding.constraints.maximum ?? number.value, number.value)
                }
            }
        }

        let mayLimit = hasDigit && prose.containsAny(["max", "up to", "at most", "exceed", "length", "长度", "最多", "不超过"])
        // Lengths: "a maximum of 20 characters", "1 to 32 characters", "最大长度：20", "最多20个字符".
        for phrase in ["maximum of", "max. of", "max.", "up to", "at most", "cannot exceed", "not exceed", "maximum length is", "maximum length of", "最大长度", "长度不超过", "长度不能超过", "最多", "不超过"] where mayLimit {
            for end in prose.ends(of: phrase) {
                let start = prose.skip(from: end, over: [":", "为", "是"])
                guard let number = prose.integer(at: start) else { continue }
                let lengthPhrase = phrase.includes("长度") || phrase.includes("length")
                if lengthPhrase || isCharacterCount(prose, after: number.end) {
                    if isArray {
                        finding.ignored.append("a length of \(number.value) characters is stated for a list")
                    } else if kind == .string || kind == .unknown || kind == .date {
                        finding.constraints.maxLength = min(finding.constraints.maxLength ?? Int(number.value), Int(number.value))
                    }
                } else if isArray {
                    finding.constraints.maxItems = Int(number.value)
                }
            }
        }
        for phrase in ["contains", "consists of", "length is", "长度为"] where hasDigit {
            for end in prose.ends(of: phrase) {
                guard let range = rangeAt(prose, end), isCharacterCount(prose, after: range.end), kind != .array else { continue }
                finding.constraints.minLength = Int(range.range.minimum)
                finding.constraints.maxLength = Int(range.range.maximum)
            }
        }
        if isArray, finding.constraints.maxItems == nil {
            // "A maximum of 100 agent IDs can be queried" when stated as "maximum number of".
            for end in prose.ends(of: "maximum number of") {
                if let count = prose.integer(at: prose.skip(from: end)) { finding.constraints.maxItems = Int(count.value) }
            }
        }

        // Fixed values.
        for phrase in ["fixed at", "fixed to", "fixed value is", "is fixed as", "固定填", "固定为", "固定值为", "固定值:", "固定取值"] {
            if let end = prose.ends(of: phrase).first {
                let value = prose.sentenceRest(from: prose.skip(from: end, over: [":"]))
                if !value.isEmpty { finding.constraints.fixedValue = value }
                break
            }
        }

        // Formats.
        if prose.contains("timestamp") || prose.contains("时间戳") {
            if prose.containsAny(["in milliseconds", "millisecond", "毫秒"]) {
                finding.constraints.format = "timestamp-ms"
            } else if prose.containsAny(["in seconds", "秒级", "单位为秒", "单位：秒"]) {
                finding.constraints.format = "timestamp-s"
            }
        } else if prose.containsAny(["yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd hh24:mi:ss"]) {
            finding.constraints.format = "date-time"
        } else if prose.contains("yyyy-mm-dd") || prose.contains("yyyymmdd") {
            finding.constraints.format = "date"
        } else if prose.contains("hh:mm:ss") || prose.contains("hh:mm") {
            finding.constraints.format = "time"
        }

        // Defaults stated in prose.
        for phrase in ["the default value is", "defaults to", "默认值为", "默认值是", "默认为"] {
            if let end = prose.ends(of: phrase).first {
                let value = prose.sentenceRest(from: prose.skip(from: end, over: [":"]))
                if !value.isEmpty, value.count <= 32, !value.includes(" ") { finding.defaultValue = value }
                break
            }
        }
        return finding
    }

    /// A digit that is not part of a "Table N" / "表N" reference or a version number ("8.13").
    static func hasValueDigit(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for (index, byte) in bytes.enumerated() where (0x30...0x39).contains(byte) {
                if index >= 1, bytes[index - 1] == UInt8(ascii: ".") || (0x30...0x39).contains(bytes[index - 1]) { continue }
                if index >= 6, bytes[index - 6..<index].elementsEqual("Table ".utf8) { continue }
                if index >= 3, bytes[index - 3..<index].elementsEqual("表".utf8) { continue }
                if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "."), (0x30...0x39).contains(bytes[index + 2]) { continue }
                return true
            }
            return false
        }
    }

    /// "A to B", "A-B", "A~B", "A至B", "A到B" at `index`.
    private static func rangeAt(_ prose: Prose, _ index: Int) -> (range: ValueRange, end: Int)? {
        guard let low = prose.integer(at: index) else { return nil }
        var next = prose.skip(from: low.end)
        if let after = prose.match("to", at: next) ?? prose.match("~", at: next) ?? prose.match("-", at: next)
            ?? prose.match("至", at: next) ?? prose.match("到", at: next) ?? prose.match("–", at: next) {
            next = after
        } else {
            return nil
        }
        guard let high = prose.integer(at: next), high.value >= low.value else { return nil }
        return (ValueRange(low.value, high.value), high.end)
    }

    /// Whether the word after a number is a unit of time: "cannot exceed 31 days" limits a span, not the value.
    private static func isDuration(_ prose: Prose, after index: Int) -> Bool {
        guard let word = prose.word(at: index)?.text else { return false }
        return ["day", "days", "hour", "hours", "minute", "minutes", "second", "seconds", "month", "months", "天", "小时", "分钟", "秒", "个月"].contains { word.hasPrefix($0) }
    }

    /// Whether the words after a number count characters, bytes or digits (a length, not a value).
    private static func isCharacterCount(_ prose: Prose, after index: Int) -> Bool {
        guard let word = prose.word(at: index)?.text else {
            return prose.match("个字符", at: index) != nil || prose.match("字符", at: index) != nil || prose.match("位", at: index) != nil || prose.match("个字节", at: index) != nil
        }
        if word.hasPrefix("个字符") || word.hasPrefix("字符") || word.hasPrefix("位") || word.hasPrefix("字节") || word.hasPrefix("个字节") { return true }
        return ["character", "characters", "chars", "bytes", "byte", "digits", "digit", "letters"].contains(word)
    }
}
