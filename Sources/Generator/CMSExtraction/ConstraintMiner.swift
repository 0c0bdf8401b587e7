import CMSSchema
import CMSSupport

/// Finds the constraints a description states in prose: ranges, lengths, list sizes, fixed values, formats,
/// in the vendor's English and Chinese wording.
enum ConstraintMiner {
    struct Finding {
        var constraints = Constraints()
        /// A sentence the miner recognised but could not apply (for example a character limit on a list), for a warning.
        var ignored: [String] = []
        /// "The default value is X".
        var defaultValue: String?
        /// Numbers in the text too large for 64 bits: no bound is taken from them.
        var overflowing: [String] = []
    }

    /// Mines the paragraphs of a description: labelled bound paragraphs ("Minimum: 1", "Maximum: 50", "Default: 10",
    /// "Array Length: 1 - 10") first, then the prose of all of them. On a list, `Minimum`/`Maximum` bound each
    /// element (the length of a string, the value of a number) and "Array Length" the count.
    static func mine(paragraphs: [String], kind: FieldType.Kind, element: FieldType.Kind? = nil) -> Finding {
        var finding = mine(paragraphs.joined(separator: " "), kind: kind)
        finding.overflowing = paragraphs.flatMap(overflowingNumbers)
        for paragraph in paragraphs {
            guard let (label, value) = labelled(paragraph) else { continue }
            switch label {
            case .minimum where kind == .array, .maximum where kind == .array:
                guard let number = wholeNumber(value), let element else { continue }
                var items = finding.constraints.items ?? ItemConstraints()
                if element == .string {
                    if label == .maximum { items.maxLength = Int(clamping: number) }
                } else if [.integer, .long, .number].contains(element) {
                    if label == .minimum { items.minimum = number } else { items.maximum = number }
                }
                if items != ItemConstraints() { finding.constraints.items = items }
            case .arrayLength:
                let bounds = value.split(whereSeparator: { $0 == "-" || $0 == "~" || $0 == " " }).compactMap { Int($0) }
                guard bounds.count == 2, bounds[0] <= bounds[1] else { continue }
                finding.constraints.minItems = bounds[0]
                finding.constraints.maxItems = bounds[1]
            case .minimum, .maximum:
                if let number = wholeNumber(value) {
                    finding.constraints.apply(label == .minimum ? .lower : .upper, number, to: kind, length: false)
                } else if kind == .number || kind == .unknown, let decimal = Double(value), decimal.isFinite {
                    // "Minimum: 0.5" on a number: a bound that is not whole.
                    if label == .minimum { finding.constraints.decimalMinimum = decimal } else { finding.constraints.decimalMaximum = decimal }
                }
            case .minimumLength, .maximumLength:
                guard let number = Int(value) else { continue }
                finding.constraints.apply(label == .minimumLength ? .lower : .upper, Int64(number), to: kind, length: true)
            case .defaultValue:
                if !value.isEmpty, !["none", "null", "n/a", "-"].contains(value.lowercased()) { finding.defaultValue = value }
            }
        }
        return finding
    }

    /// `50`, `-3`: a value that is one whole number and nothing else.
    private static func wholeNumber(_ value: String) -> Int64? {
        let prose = Prose(value)
        guard let number = prose.integer(at: 0), prose.skip(from: number.end) >= value.utf8.count else { return nil }
        return number.value
    }

    enum Label { case minimum, maximum, minimumLength, maximumLength, defaultValue, arrayLength }

    /// "Minimum: 1", "Maximum length: 64", "Default: true", "默认值：10": a paragraph that is a label and a value.
    static func labelled(_ paragraph: String) -> (Label, String)? {
        guard let colon = paragraph.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = paragraph[..<colon].trimmingCharacters().lowercased()
        var value = paragraph[paragraph.index(after: colon)...].trimmingCharacters()
        if value.hasSuffix(".") || value.hasSuffix("。") { value.removeLast() }
        let labels: [String: Label] = [
            "minimum": .minimum, "min": .minimum, "minimum value": .minimum, "最小值": .minimum,
            "maximum": .maximum, "max": .maximum, "maximum value": .maximum, "最大值": .maximum,
            "minimum length": .minimumLength, "min length": .minimumLength, "最小长度": .minimumLength,
            "maximum length": .maximumLength, "max length": .maximumLength, "最大长度": .maximumLength,
            "default": .defaultValue, "default value": .defaultValue, "默认值": .defaultValue, "缺省值": .defaultValue,
            "array length": .arrayLength, "array size": .arrayLength, "数组长度": .arrayLength,
        ]
        guard let kind = labels[label], !value.isEmpty, !value.includes(" ") || kind == .arrayLength || kind == .defaultValue && value.count <= 32 else { return nil }
        return (kind, value)
    }

    /// The runs of digits in `text` (thousands commas allowed) whose value does not fit in an `Int64`.
    static func overflowingNumbers(_ text: String) -> [String] {
        var found: [String] = []
        var run = ""
        for character in text + " " {
            if character.isASCII, character.isNumber {
                run.append(character)
            } else if character == ",", !run.isEmpty {
                continue
            } else {
                if run.count >= 19, Int64(run) == nil { found.append(run) }
                run = ""
            }
        }
        return found
    }

    static func mine(_ text: String, kind: FieldType.Kind) -> Finding {
        var finding = Finding()
        // Most descriptions state no constraint: look closer only at those with a number or a keyword.
        let hasDigit = ConstraintMiner.hasValueDigit(text)
        let hasKeyword = ["fixed", "固定", "timestamp", "时间戳", "yyyy", "hh:mm", "default", "默认", "negative", "负数"].contains { text.includes($0) }
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
                    // "ranges from 0 (default) to 100", "from 1 to 100 (default)": the marked bound is the default.
                    if let marked = range.markedDefault, finding.defaultValue == nil { finding.defaultValue = String(marked) }
                    guard let next = prose.match("and from", at: index) ?? prose.match(", from", at: index) ?? prose.match("和", at: index) ?? prose.match("、", at: index) else { break }
                    index = next
                }
                guard !found.isEmpty else { continue }
                // "The length ranges from 1 to 64 characters" bounds a length, not a value.
                if found.count == 1, !isArray, isCharacterCount(prose, after: index) {
                    finding.constraints.minLength = Int(found[0].minimum)
                    finding.constraints.maxLength = Int(found[0].maximum)
                    continue
                }
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
                guard let number = prose.integer(at: end), !isCharacterCount(prose, after: number.end), !isDuration(prose, after: number.end) else { continue }
                // On a string, a minimum value is not read as a length: a number sent as text ("100" for "minimum value is
                // 60") would be refused.
                if isNumeric { finding.constraints.minimum = max(finding.constraints.minimum ?? number.value, number.value) }
            }
        }
        for phrase in ["less than or equal to", "no greater than", "not greater than", "cannot be greater than", "cannot exceed", "maximum value is", "must not exceed", "no more than", "not more than", "小于等于", "不大于", "最大值为", "最大值是", "最大值："] where mayBound || prose.containsAny(["more than"]) {
            for end in prose.ends(of: phrase) {
                guard let number = prose.integer(at: end), !isCharacterCount(prose, after: number.end), !isDuration(prose, after: number.end) else { continue }
                if isArray {
                    finding.constraints.maxItems = Int(number.value)
                } else if isNumeric {
                    finding.constraints.maximum = min(finding.constraints.maximum ?? number.value, number.value)
                } else if kind == .string, valueWording(phrase) {
                    // "The maximum value is 255." on a string bounds its length, as a `Maximum:` paragraph does.
                    finding.constraints.apply(.upper, number.value, to: .string, length: true)
                }
            }
        }
        // "0 or greater", "1 or more", "100 or less": a bound stated after its number.
        if hasDigit, isNumeric, prose.containsAny([" or greater", " or more", " or higher", " or above", " or less", " or fewer", " or lower", " or below"]) {
            for (phrase, side) in [(" or greater", Bound.lower), (" or more", .lower), (" or higher", .lower), (" or above", .lower),
                                   (" or less", .upper), (" or fewer", .upper), (" or lower", .upper), (" or below", .upper)] {
                for end in prose.ends(of: phrase) {
                    guard let number = prose.integer(before: end - phrase.utf8.count) else { continue }
                    finding.constraints.apply(side, number.value, to: kind, length: false)
                }
            }
        }

        // Strict bounds: "greater than 0 and less than 256" (of a length when the sentence speaks of one).
        if hasDigit, prose.containsAny(["greater than", "less than", "大于", "小于"]) {
            for (phrase, side) in [("greater than", Bound.lower), ("larger than", .lower), ("大于", .lower), ("less than", .upper), ("smaller than", .upper), ("小于", .upper)] {
                for end in prose.ends(of: phrase) {
                    // "greater than or equal to", "no greater than", "大于等于" are inclusive; handled above.
                    if prose.match("or equal", at: end) != nil || prose.match("等于", at: end) != nil || prose.match("或等于", at: end) != nil { continue }
                    let before = prose.text(from: max(0, end - phrase.utf8.count - 10), to: end - phrase.utf8.count)
                    if before.hasSuffix("no ") || before.hasSuffix("not ") || before.hasSuffix("cannot be ") || before.hasSuffix("不") { continue }
                    guard let number = prose.integer(at: end), !isDuration(prose, after: number.end) else { continue }
                    let sentence = prose.text(from: prose.sentenceStart(before: end), to: number.end)
                    let isLength = isCharacterCount(prose, after: number.end) || sentence.includes("length") || sentence.includes("长度")
                    guard isLength ? !isArray : (kind == .integer || kind == .long || kind == .unknown) else { continue }
                    finding.constraints.apply(side, side == .lower ? number.value + 1 : number.value - 1, to: isLength ? .string : kind, length: isLength)
                }
            }
        }
        // "The value cannot be a negative number."
        if [.integer, .long, .number, .unknown].contains(kind),
           prose.containsAny(["cannot be a negative", "cannot be negative", "must not be negative", "must not be a negative", "non-negative", "nonnegative", "不能为负", "不能是负"]) {
            finding.constraints.minimum = max(finding.constraints.minimum ?? 0, 0)
        }

        let mayLimit = hasDigit && prose.containsAny(["max", "up to", "at most", "exceed", "more than", "length", "长度", "最多", "不超过"])
        // Lengths: "a maximum of 20 characters", "1 to 32 characters", "最大长度：20", "最多20个字符".
        for phrase in ["maximum of", "max. of", "max.", "up to", "at most", "cannot exceed", "not exceed", "no more than", "not more than", "maximum length is", "maximum length of", "最大长度", "长度不超过", "长度不能超过", "最多", "不超过"] where mayLimit {
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
        // "1 to 64 characters", "must be 2 to 32 characters long", "between 1 and 64 characters": a range of a count of
        // characters bounds the length, whatever the words before it.
        if hasDigit, kind != .array {
            for start in prose.integerStarts() {
                guard let range = rangeAt(prose, start) ?? betweenAt(prose, start), isCharacterCount(prose, after: range.end) else { continue }
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
        } else if prose.containsAny(["yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd hh24:mi:ss", "yyyy-mm-ddthh:mm", "yyyy-mm-dd't'hh:mm"]) {
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

    /// "maximum value is", "最小值为": words that speak of a value (which on a string can only mean its length).
    private static func valueWording(_ phrase: String) -> Bool {
        phrase.includes("value") || phrase.includes("值")
    }

    /// "A to B", "A-B", "A~B", "A–B", "A至B", "A到B", "[A, B]" at `index`; "(default)" after a bound marks it the default.
    private static func rangeAt(_ prose: Prose, _ index: Int) -> (range: ValueRange, end: Int, markedDefault: Int64?)? {
        if let open = prose.match("[", at: index) {
            guard let low = prose.integer(at: open), let comma = prose.match(",", at: low.end), let high = prose.integer(at: comma),
                  high.value >= low.value, let close = prose.match("]", at: high.end) else { return nil }
            return (ValueRange(low.value, high.value), close, nil)
        }
        guard let low = prose.integer(at: index) else { return nil }
        var markedDefault: Int64?
        var next = prose.skip(from: low.end)
        if let after = defaultMark(prose, next) {
            markedDefault = low.value
            next = prose.skip(from: after)
        }
        if let after = prose.match("to", at: next) ?? prose.match("~", at: next) ?? prose.match("-", at: next)
            ?? prose.match("至", at: next) ?? prose.match("到", at: next) ?? prose.match("–", at: next) ?? prose.match("—", at: next) {
            next = after
        } else {
            return nil
        }
        guard let high = prose.integer(at: next), high.value >= low.value else { return nil }
        var end = high.end
        if let after = defaultMark(prose, end) {
            markedDefault = markedDefault ?? high.value
            end = after
        }
        return (ValueRange(low.value, high.value), end, markedDefault)
    }

    /// "between A and B" with `index` at A.
    private static func betweenAt(_ prose: Prose, _ index: Int) -> (range: ValueRange, end: Int, markedDefault: Int64?)? {
        guard index >= 8, prose.text(from: max(0, index - 8), to: index).lowercased().trimmingSpaces().hasSuffix("between"),
              let low = prose.integer(at: index), let and = prose.match("and", at: low.end), let high = prose.integer(at: and), high.value >= low.value
        else { return nil }
        return (ValueRange(low.value, high.value), high.end, nil)
    }

    /// "(default)", "（默认）" at `index`: the offset after it.
    private static func defaultMark(_ prose: Prose, _ index: Int) -> Int? {
        prose.match("(default)", at: index) ?? prose.match("(default value)", at: index) ?? prose.match("（默认）", at: index) ?? prose.match("(默认)", at: index)
    }

    /// Whether the word after a number is a unit of time: "cannot exceed 31 days" limits a span, not the value.
    private static func isDuration(_ prose: Prose, after index: Int) -> Bool {
        guard let word = prose.word(at: index)?.text else { return false }
        return ["day", "days", "hour", "hours", "minute", "minutes", "second", "seconds", "month", "months", "天", "小时", "分钟", "秒", "个月"].contains { word.hasPrefix($0) }
    }

    /// Whether the words after a number count characters, bytes or digits (a length, not a value).
    private static func isCharacterCount(_ prose: Prose, after index: Int) -> Bool {
        // "127 Unicode characters", "64 ASCII characters", "32 single-byte characters".
        if let word = prose.word(at: index), ["unicode", "ascii", "english", "chinese", "single-byte", "double-byte", "utf-8"].contains(word.text) {
            return isCharacterCount(prose, after: word.end)
        }
        guard let word = prose.word(at: index)?.text else {
            return prose.match("个字符", at: index) != nil || prose.match("字符", at: index) != nil || prose.match("位", at: index) != nil || prose.match("个字节", at: index) != nil
        }
        if word.hasPrefix("个字符") || word.hasPrefix("字符") || word.hasPrefix("位") || word.hasPrefix("字节") || word.hasPrefix("个字节") { return true }
        return ["character", "characters", "chars", "bytes", "byte", "digits", "digit", "letters"].contains(word)
    }
}

/// Which side of a range a bound limits.
enum Bound { case lower, upper }

extension Constraints {
    /// Applies a bound the way the field's kind reads it: the value of a number, the length of a string (or when
    /// `length` says so), the size of a list. A lower bound only raises, an upper bound only lowers what is known.
    mutating func apply(_ side: Bound, _ value: Int64, to kind: FieldType.Kind, length: Bool) {
        let count = Int(clamping: max(0, value))
        func bound(_ lower: inout Int?, _ upper: inout Int?) {
            if side == .lower { lower = max(lower ?? count, count) } else { upper = min(upper ?? count, count) }
        }
        if kind == .array {
            bound(&minItems, &maxItems)
        } else if length || kind == .string || kind == .date {
            bound(&minLength, &maxLength)
        } else if [.integer, .long, .number, .unknown].contains(kind) {
            if side == .lower { minimum = max(minimum ?? value, value) } else { maximum = min(maximum ?? value, value) }
        }
    }
}
