import CMSSchema
import Foundation

/// The naming rules: idiomatic Swift names from wire names, paths and documented values, before scopes make them
/// unique. Every rule reads only the thing it names (and, for typo correction, that thing's own description).
struct NameBuilder: Sendable {
    let vocabulary: Vocabulary
    let typos: TypoCorrector

    init(vocabulary: Vocabulary = .standard) {
        self.vocabulary = vocabulary
        typos = TypoCorrector(vocabulary: vocabulary)
    }

    /// A name and what it took to make it from the wire name.
    struct Name: Equatable, Sendable {
        /// The identifier, without backticks (`default`).
        var name: String
        /// Words corrected as vendor typos, as `cit → cti`.
        var corrections: [String]
        /// Why the wire name could not be used as it is (`starts with a digit`), if it could not.
        var change: String?
    }

    /// The longest run-together hump split into words (`totalskillstatusex` has 18 letters); a longer one is no name
    /// anyone wrote, and stays whole.
    static let longestSplitHump = 64

    /// The words of a wire name: its humps, a run-together lower-case name split into known words, typos corrected.
    func words(of wireName: String, context: String) -> (words: [String], corrections: [String]) {
        // Run-together lower-case humps split into known words: "workno" → work no, "totalskillstatusex" → total skill status ex.
        var words = Identifier.humps(wireName).flatMap { hump -> [String] in
            // A word (even a rare one: `validation`) stays whole; only run-together common words are split.
            guard (5...Self.longestSplitHump).contains(hump.count), hump == hump.lowercased(), !vocabulary.contains(hump),
                  let split = vocabulary.segment(hump), split.count > 1 else {
                return [hump]
            }
            return split
        }
        var corrections: [String] = []
        var contextWords: TypoCorrector.Context?
        words = words.map { word in
            guard let corrected = typos.correction(of: word, description: context, context: &contextWords) else { return word }
            corrections.append("\(word) → \(corrected)")
            return corrected
        }
        return (words, corrections)
    }

    /// A property, parameter or case name: `ccId`, `ctiStatus` (from `citStatus`), `contentType` (from
    /// `Content-Type`), `workNo` (from `workno`).
    func memberName(wireName: String, context: String, fallback: String = "value") -> Name {
        let (words, corrections) = words(of: wireName, context: context)
        let (name, change) = Identifier.sanitized(Identifier.camelCase(words, upper: false), fallback: fallback)
        return Name(name: name, corrections: corrections, change: change)
    }

    /// A type name from a wire name: `resultDesc` → `ResultDesc`, `callinDetial` → `CallInDetail`; `singular` names
    /// the element of a list (`details` → `Detail`, `list` → `ListItem`).
    func typeName(wireName: String, context: String, singular: Bool = false) -> Name {
        var (words, corrections) = words(of: wireName, context: context)
        if singular, let last = words.last {
            let lower = last.lowercased()
            if lower.count > 3, lower.hasSuffix("s"), !lower.hasSuffix("ss") {
                words[words.count - 1] = String(last.dropLast())
            } else {
                words.append("Item")
            }
        }
        let (name, change) = Identifier.sanitized(Identifier.camelCase(words, upper: true), fallback: "Value")
        return Name(name: name, corrections: corrections, change: change)
    }

    /// The operation name of an interface, from its method and path alone: the segments after the API root (the last
    /// `openapi`, `api` or version segment), parameters and documentation placeholders (`xxxxxx`) left out, a segment
    /// dropped when the next one starts with its words (`agent/agentbyworkno` → `agentByWorkNo`), and the method in
    /// front unless it is POST (`getConfiguresCalledConfigs`).
    ///
    /// A path with `{parameters}` names resources, and the method says what is done with them: a collection is
    /// listed or created into (`GET /v3/{project_id}/widgets` → `listWidgets`, `POST` → `createWidget`), an item is
    /// read, updated or deleted (`GET …/widgets/{widget_id}` → `getWidget`, `PUT` → `updateWidget`), and an action
    /// on an item is named verb first (`POST …/servers/{server_id}/changeos` → `changeServerOs`). A path with no
    /// words past its root is the API's version discovery (`GET /` → `listApiVersions`, `GET /v3` →
    /// `getApiVersionV3`).
    func operationName(method: String, path: String) -> Name {
        let shape = OperationPath(path: path, names: self)
        let verb = method.lowercased()
        var groups = shape.tailGroups(verb: verb)
        if groups.isEmpty {
            // Nothing but the root: the versions of the API, or the one version the path names.
            let words = shape.version.map { ["get", "api", "version", "v" + $0] } ?? [verb == "get" ? "list" : verb, "api", "versions"]
            return Name(name: Identifier.sanitized(Identifier.camelCase(words, upper: false), fallback: "operation").name, corrections: [], change: nil)
        }
        var index = 0
        while index + 1 < groups.count {
            if groups[index + 1].starts(with: groups[index]) { groups.remove(at: index) } else { index += 1 }
        }
        var prefix = verb
        if shape.hasParameters {
            let plural = groups.last?.last.flatMap { vocabularySingular($0) }
            switch verb {
            case "get": prefix = !shape.endsWithItem && plural != nil ? "list" : "get"
            case "put", "patch": prefix = "update"
            case "post" where !shape.endsWithItem && shape.lastFollowsItem && groups.count > 1
                && groups[groups.count - 1].first.map(Vocabulary.actionVerbs.contains) == true:
                // An action on an item, verb first: `…/servers/{id}/changeos` → change server os.
                var action = groups.removeLast()
                prefix = action.removeFirst()
                if !action.isEmpty { groups.append(action) }
            case "post" where !shape.endsWithItem && plural != nil:
                prefix = "create"
                groups[groups.count - 1][groups[groups.count - 1].count - 1] = plural!
            default: break
            }
        }
        var nameWords = groups.flatMap { $0 }
        if prefix != "post", !prefix.isEmpty { nameWords.insert(prefix, at: 0) }
        let (name, change) = Identifier.sanitized(Identifier.camelCase(nameWords, upper: false), fallback: "operation")
        return Name(name: name, corrections: [], change: change)
    }

    /// Other readings of an operation's path for an interface whose plain name (`base`) the interface at
    /// `holderMethod holderPath` holds, each by what differs between the two: the API version (`getServerV2_1`), the
    /// words before the API root (`getServerAdmin`), the method (`postQueryAgents`). Empty when nothing but
    /// punctuation tells the paths apart.
    func distinctOperationNames(method: String, path: String, base: String, holderMethod: String, holderPath: String) -> [String] {
        let shape = OperationPath(path: path, names: self)
        let holder = OperationPath(path: holderPath, names: self)
        var readings: [String] = []
        func add(_ words: [String]) {
            let name = Identifier.sanitized(Identifier.camelCase(words, upper: false), fallback: "operation").name
            if !readings.contains(name), name != base { readings.append(name) }
        }
        let version = shape.version != holder.version ? shape.version.map { ["v" + $0] } ?? [] : []
        let head = shape.headWords != holder.headWords ? shape.headWords : []
        let verb = method.lowercased() != holderMethod.lowercased() ? [method.lowercased()] : []
        if !version.isEmpty { add([base] + version) }
        if !head.isEmpty { add([base] + head + version) }
        if !verb.isEmpty { add(verb + [base] + head + version) }
        return readings
    }

    /// The singular of a plural that names things: `widgets` → `widget`, `nics` → `nic` (a known word), never
    /// `physics` → `physic`.
    private func vocabularySingular(_ word: String) -> String? {
        guard let singular = NameBuilder.singular(word) else {
            let lower = word.lowercased()
            // `-ics` is a plural only when its singular is a word (`nics`, `metrics`, `topics`); so is a short one
            // (`ips`).
            if lower.count >= 3, lower.hasSuffix("s"), !lower.hasSuffix("ss"), lower.hasSuffix("ics") || lower.count == 3,
               vocabulary.isCommon(String(lower.dropLast())) {
                return String(word.dropLast())
            }
            return nil
        }
        return singular
    }

    /// The singular of a plural English noun (`widgets` → `widget`, `policies` → `policy`, `boxes` → `box`); nil for
    /// a word that does not read as a plural (`status`, `class`, `analysis`, `data`).
    static func singular(_ word: String) -> String? {
        let lower = word.lowercased()
        guard lower.count > 3, lower.hasSuffix("s"), lower.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        if lower.hasSuffix("ss") || lower.hasSuffix("us") || lower.hasSuffix("is") || lower.hasSuffix("ics") { return nil }
        if lower.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if ["sses", "shes", "ches", "xes", "zes"].contains(where: { lower.hasSuffix($0) }) { return String(word.dropLast(2)) }
        return String(word.dropLast())
    }

    /// `v1`, `v2.0`, `v3`.
    static func isVersion(_ segment: String) -> Bool {
        guard segment.hasPrefix("v"), segment.count > 1 else { return false }
        return segment.dropFirst().allSatisfy { $0.isNumber || $0 == "." } && segment.dropFirst().first?.isNumber == true
    }

    /// An enumeration case name from a documented value and its meaning: `4: idle (CTI platform status 1)` → `idle`,
    /// `Y: yes` → `yes`, `MEDIA_TYPE_PHONE` → `mediaTypePhone`.
    func caseName(value: String, meaning: String) -> Name {
        let valueWords = Identifier.humps(value)
        let valueIsName = value.count > 2 && value.first.map { $0.isASCII && $0.isLetter } == true
            && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        if valueIsName {
            let (name, change) = Identifier.sanitized(Identifier.camelCase(valueWords, upper: false), fallback: "value")
            return Name(name: name, corrections: [], change: change)
        }
        var clean = meaning
        if let parenthesis = clean.firstIndex(where: { $0 == "(" || $0 == "（" }) { clean = String(clean[..<parenthesis]) }
        let words = Self.meaningWords(clean)
        guard !words.isEmpty, !clean.containsCJKCharacters else {
            let (name, change) = Identifier.sanitized("value" + Identifier.camelCase(valueWords, upper: true), fallback: "value")
            return Name(name: name, corrections: [], change: change)
        }
        let (name, change) = Identifier.sanitized(Identifier.camelCase(words, upper: false), fallback: "value")
        return Name(name: name, corrections: [], change: change)
    }

    /// The words of a meaning that a case name keeps: those of its first clause (up to `,`, `;`, `:` or `.`), without
    /// articles and auxiliary verbs ("The interface fails to be called" → interface fails called); a leading number
    /// spelt out (`15-minute interval` → fifteen minute interval, never `_15minuteInterval`); and of a clause longer
    /// than five words, the first four, any negation after them, and the last, so that the name never stops before
    /// what the meaning says of its subject ("The interface for quality inspection relationships is abnormal" →
    /// interface for quality inspection abnormal, not interface for quality inspection; "… a value that is not
    /// allowed" → … value not allowed).
    static func meaningWords(_ meaning: String) -> [String] {
        let fillers: Set<String> = ["a", "an", "the", "is", "are", "was", "were", "be", "been", "to", "does", "do", "did"]
        let clause = meaning.split(whereSeparator: { ",;:.，；：。".contains($0) }).first.map(String.init) ?? meaning
        var words = Vocabulary.words(in: clause).filter { !fillers.contains($0) }
        if let first = words.first, first.allSatisfy(\.isNumber), let spelt = Self.spelt(first) { words[0] = spelt }
        guard words.count > 5 else { return words }
        let negations: Set<String> = ["not", "no", "never", "cannot", "without", "neither", "nor"]
        return Array(words.prefix(4)) + words.dropFirst(4).dropLast().filter(negations.contains) + [words[words.count - 1]]
    }

    /// A whole number below a million in English words, camel-cased (`15` → fifteen, `120` → oneHundredTwenty); nil
    /// for anything else.
    static func spelt(_ digits: String) -> String? {
        guard let number = Int(digits), number < 1_000_000 else { return nil }
        let ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        func below1000(_ n: Int) -> [String] {
            var parts: [String] = []
            if n >= 100 { parts += [ones[n / 100], "hundred"] }
            let rest = n % 100
            if rest >= 20 {
                parts.append(tens[rest / 10])
                if rest % 10 > 0 { parts.append(ones[rest % 10]) }
            } else if rest > 0 || parts.isEmpty {
                parts.append(ones[rest])
            }
            return parts
        }
        let words = number >= 1000 ? below1000(number / 1000) + ["thousand"] + (number % 1000 > 0 ? below1000(number % 1000) : []) : below1000(number)
        return Identifier.camelCase(words, upper: false)
    }
}

extension String {
    var containsCJKCharacters: Bool {
        unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
