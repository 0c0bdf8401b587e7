import Foundation

/// A short fuzzing campaign without libFuzzer: the seeds of a target, mutated by a seeded generator, run through the
/// target. It needs no sanitizer build, so `swift test` runs one on every submission (`FuzzCampaignTests`);
/// `Scripts/fuzz.sh` runs the coverage-guided campaigns.
///
/// Mutations are byte-level (flips, interesting bytes, inserted and deleted runs, dictionary words, splices of two
/// seeds) and, for JSON, structural: a value replaced by one of another type or at a boundary, a key removed or added.
///
/// Some inputs are not mutated seeds but built in the shapes that found real bugs (`StructureMutations.swift`), which
/// byte-level mutation never reaches: one page input in eight is a page written from scratch, HTML or DITA, whose
/// nested tables link "see Table N+1" in a chain, or form diamonds (two object fields of each table link to the next),
/// or whose rows are numbered 1, 1.1, 1.1.1, … deep, or that has a parameter name of tens of thousands of characters or
/// a JSON example with a long run of `\n` or `\u00e9` escapes; one input in thirty-two of the other targets is a seed
/// with such a run of escapes in a string, or a long key. How large they grow is `shapes` (`FuzzShapeLimits`).
/// The same seed, limits and count give the same inputs.
public struct FuzzCampaign {
    public let target: FuzzTarget
    public let seeds: [Data]
    /// How large the structural shapes grow.
    public let shapes: FuzzShapeLimits
    private var random: SplitMix64

    /// Words the vendor's markup and JSON are made of, inserted by the byte-level mutations.
    static let dictionary: [String] = [
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<p>", "</p>", "<pre>", "</pre>", "<li>",
        "<strong>", "<entry>", "<row>", "<thead>", "<tbody>", "<colspec", "<section>", "<title>", "rowspan=\"2\"",
        "colspan=\"3\"", "&nbsp;", "&lt;", "&#x1F600;", "<!--", "-->", "<![CDATA[", "]]>", "Table 4", "see Table",
        "Mandatory", "Optional", "Yes", "No", "int", "Integer", "String(1-25)", "List <Integer>", "Object", "Boolean",
        "Long", "The value ranges from 1 to 65535.", "at least 100", "cannot exceed 10", "0: idle; 1: busy",
        "POST /rest/cmsapp/v1/openapi/", "{", "}", "[", "]", "\":", ",", "null", "true", "false", "-0", "1e309",
        "9223372036854775808", "\"\\u0000\"", "\"\\ud800\"", "\u{202E}", "\n", "\r\n", "Authorization: ", "auth-v2/",
    ]

    /// Values a JSON node is replaced with (constants; `Any` only because JSONSerialization takes it).
    nonisolated(unsafe) static let jsonValues: [Any] = [
        0, -1, 1, 2, 20, 21, 100, 5000, 5001, 65535, 65536, 2_147_483_648, Int.max, Int.min, 1.5, -0.0, 1e300, "", "x",
        "12345678901234567890123456", String(repeating: "x", count: 300), "0", "1", "2", "99",
        "12", "1.5", "true", "-", true, false, NSNull(), [Any](), [String: Any](), [1, 2, 3], ["a"], ["k": 1],
    ]

    public init(target: FuzzTarget, seed: UInt64, seeds: [Data]? = nil, shapes: FuzzShapeLimits = .moderate) {
        self.target = target
        self.seeds = (seeds ?? FuzzSeeds.seeds(for: target)).filter { !$0.isEmpty }
        self.shapes = shapes
        self.random = SplitMix64(seed: seed)
    }

    /// The next input: now and then one built in a shape that found bugs (mutated once, one time in four), else a
    /// seed, mutated one to four times.
    public mutating func nextInput() -> Data {
        if pick(target == .pages ? 8 : 32) == 0, var shaped = shapedInput() {
            if pick(4) == 0 { mutate(&shaped) }
            return Data(shaped)
        }
        guard !seeds.isEmpty else { return Data(randomBytes(count: Int(random.next() % 64))) }
        var data = [UInt8](seeds[pick(seeds.count)])
        for _ in 0...pick(4) { mutate(&data) }
        return Data(data)
    }

    /// Runs `count` inputs through the target, calling `before` with each one first (to keep it should the target
    /// trap on it).
    public mutating func run(count: Int, before: (Data) -> Void = { _ in }) {
        for _ in 0..<count {
            let input = nextInput()
            before(input)
            target.run(input)
        }
    }

    // MARK: Mutations

    mutating func pick(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(random.next() % UInt64(bound)) }

    private mutating func randomBytes(count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }

    private mutating func mutate(_ data: inout [UInt8]) {
        // Inputs whose target reads JSON after a prefix (a byte, a header block) keep the prefix.
        // The differential target is about values, not syntax: it gets mostly structural mutations.
        let structural = target == .validators ? 6 : 2
        if pick(8) < structural, let prefix = jsonStart(data), mutateJSON(&data, from: prefix) { return }
        switch pick(7) {
        case 0, 1, 2: flip(&data)
        case 3: if !data.isEmpty { data[pick(data.count)] = [0, 0xFF, 0x7F, 0x80, 0x22, 0x5C, 0x3C, 0x0A][pick(8)] }
        case 4: data.insert(contentsOf: Array(Self.dictionary[pick(Self.dictionary.count)].utf8), at: pick(data.count + 1))
        case 5:
            guard !data.isEmpty else { return }
            let start = pick(data.count)
            data.removeSubrange(start..<min(data.count, start + 1 + pick(64)))
        case 6:
            guard !data.isEmpty else { return }
            let start = pick(data.count)
            let run = Array(data[start..<min(data.count, start + 1 + pick(256))])
            data.insert(contentsOf: run, at: pick(data.count + 1))
        default:
            let other = [UInt8](seeds[pick(seeds.count)])
            guard !other.isEmpty, !data.isEmpty else { return }
            let cut = pick(data.count)
            data = Array(data[..<cut]) + Array(other[pick(other.count)...])
        }
    }

    private mutating func flip(_ data: inout [UInt8]) {
        guard !data.isEmpty else { return }
        data[pick(data.count)] ^= UInt8(1) << UInt8(pick(8))
    }

    func jsonStart(_ data: [UInt8]) -> Int? {
        data.firstIndex(of: UInt8(ascii: "{"))
    }

    /// Replaces a value somewhere in the JSON that starts at `start` (or removes or adds a key); false when that
    /// text is not JSON.
    private mutating func mutateJSON(_ data: inout [UInt8], from start: Int) -> Bool {
        guard let root = try? JSONSerialization.jsonObject(with: Data(data[start...]), options: [.fragmentsAllowed]) else { return false }
        let changed = mutateNode(root, depth: 0)
        guard JSONSerialization.isValidJSONObject(changed),
              let text = try? JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys]) else { return false }
        data = Array(data[..<start]) + [UInt8](text)
        return true
    }

    private mutating func mutateNode(_ node: Any, depth: Int) -> Any {
        if var object = node as? [String: Any], !object.isEmpty, depth < 8 {
            let keys = object.keys.sorted()
            let key = keys[pick(keys.count)]
            switch pick(6) {
            case 0: object.removeValue(forKey: key)
            case 1: object[key + "x"] = Self.jsonValues[pick(Self.jsonValues.count)]
            default: object[key] = mutateNode(object[key]!, depth: depth + 1)
            }
            return object
        }
        if var array = node as? [Any], !array.isEmpty, depth < 8 {
            let index = pick(array.count)
            switch pick(4) {
            case 0: array.remove(at: index)
            case 1: array.append(array[index])
            default: array[index] = mutateNode(array[index], depth: depth + 1)
            }
            return array
        }
        return Self.jsonValues[pick(Self.jsonValues.count)]
    }
}

/// A small, fast, seedable generator (SplitMix64), so that a campaign can be repeated from its seed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
