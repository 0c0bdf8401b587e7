import CMSFuzzing
import CMSTestSupport
import Foundation
import Testing

/// The fuzz targets on every submission: replayed on their seeds and kept findings, and fuzzed briefly.
@Suite struct FuzzTests {
    /// Every target, replayed on the inputs it is seeded with (`FuzzSeeds`: the bundled and test pages, their
    /// examples) and on every kept finding (`Tests/Fuzz/regressions/<target>/`): none may trap. The inputs run in a
    /// child `cmsfuzz TARGET --replay --seeds FILE…` (one per target, all its inputs in one process), so that an input
    /// that traps fails this target's test, naming the input, instead of stopping the whole test run.
    @Test(arguments: FuzzTarget.allCases)
    func seedsAndKeptFindingsRunClean(_ target: FuzzTarget) async throws {
        let seeds = FuzzSeeds.seeds(for: target).count
        #expect(seeds > 0, "no seeds for \(target)")
        let kept = TestSupport.packageRoot + "/Tests/Fuzz/regressions/" + target.rawValue
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: kept)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        #expect(!names.isEmpty, "no kept input for \(target)")
        let arguments = [target.rawValue, "--replay", "--seeds"] + names.map { kept + "/" + $0 }
        let run = try await CommandRunner.run(arguments, in: TestSupport.packageRoot, tool: "cmsfuzz")
        // The child names each input on stderr before it runs it: the last one named is the one it stopped on.
        let prefix = "cmsfuzz \(target.rawValue): replaying "
        let last = run.stderr.split(separator: "\n").last { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        #expect(run.status == 0, """
            cmsfuzz \(target.rawValue) --replay stopped (status \(run.status)) on the input \(last ?? "(none yet)") \
            (seed-NNNN: FuzzSeeds.seeds(for: .\(target.rawValue))[NNNN]); stderr: \(run.stderr.suffix(2000))
            """)
        let stdout = String(decoding: run.stdout, as: UTF8.self)
        #expect(stdout.contains("cmsfuzz \(target.rawValue): \(seeds + names.count) inputs replayed without a finding"),
                "every seed and kept input is replayed: \(stdout) \(run.stderr.suffix(2000))")
    }

    /// Inputs per target in the short campaign, about five seconds each in a debug build (page reading is the slow
    /// one). With the fixed seed they are the same inputs on every run; `CMSKIT_SEED=random swift test` draws others,
    /// and `Scripts/fuzz.sh` runs the long, coverage-guided campaigns.
    static let campaignSize: [FuzzTarget: Int] = [
        .pages: 500, .json: 5_000, .decode: 5_000, .signature: 2_500, .mock: 5_000, .validators: 5_000,
    ]

    /// A short campaign (`FuzzCampaign`: mutated seeds, from `TestSeed`'s seed for this target: fixed unless
    /// `CMSKIT_SEED` is set) in a child `cmsfuzz`, so that a finding fails this test with its input instead of stopping
    /// the test run. A failure names the seed that repeats it: `swift run cmsfuzz TARGET --mutate N --seed S`, and
    /// `CMSKIT_SEED=…` (or `CMSKIT_FUZZ_SEED=S`, which sets the campaign seed itself) `swift test` repeats it here.
    @Test(arguments: FuzzTarget.allCases)
    func aShortCampaignFindsNothing(_ target: FuzzTarget) async throws {
        let count = try #require(Self.campaignSize[target], "no campaign size for \(target)")
        let fuzzSeed = ProcessInfo.processInfo.environment["CMSKIT_FUZZ_SEED"].flatMap(UInt64.init)
        let seed = fuzzSeed ?? TestSeed.derived("FuzzTests.aShortCampaignFindsNothing.\(target.rawValue)")
        let replay = fuzzSeed == nil ? TestSeed.replay(seed) : "seed \(seed) (replay with CMSKIT_FUZZ_SEED=\(seed) swift test)"
        let keep = NSTemporaryDirectory() + "cmsfuzz-\(target.rawValue)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: keep) }
        let run = try await CommandRunner.run(
            [target.rawValue, "--mutate", "\(count)", "--seed", "\(seed)", "--keep", keep], in: TestSupport.packageRoot, tool: "cmsfuzz"
        )
        let input = FileManager.default.contents(atPath: keep) ?? Data()
        #expect(run.status == 0, """
            cmsfuzz \(target.rawValue) --mutate \(count) --seed \(seed) stopped (status \(run.status)), \(replay), on the input \
            (base64) \(input.base64EncodedString().prefix(4000)); stderr: \(run.stderr.suffix(2000))
            """)
    }

    // MARK: Structural mutations

    /// The longest run of consecutive tables N, N+1, … of a page in which each table links to the next at least
    /// `links` times (1: a chain; 2: a diamond). HTML: `<caption><b>Table N </b>` and `<a href="#…__tN+1">Table N+1</a>`;
    /// DITA: `<table id="tN">` and `<xref href="#…/tN+1"/>`.
    static func longestLinkRun(_ page: String, dita: Bool, links: Int) -> Int {
        var longest = 0
        var run = 0
        for table in page.components(separatedBy: dita ? "<table id=\"t" : "<caption><b>Table ").dropFirst() {
            let number = Int(String(table.prefix { $0.isASCII && $0.isNumber })) ?? -1
            let next = dita ? "/t\(number + 1)\"/>" : "__t\(number + 1)\">Table \(number + 1)</a>"
            if number >= 0, table.components(separatedBy: next).count - 1 >= links {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        return longest
    }

    /// Whether a table cell of the page (`<p>…` in HTML, `<entry>…` in DITA) holds at least `length` characters.
    static func hasLongCell(_ page: String, length: Int) -> Bool {
        page.components(separatedBy: "<").contains { piece in
            (piece.hasPrefix("p>") || piece.hasPrefix("entry>")) && piece.count >= length + 2
        }
    }

    /// Whether the JSON text has a key of at least `length` characters.
    static func hasLongKey(_ text: String, length: Int) -> Bool {
        let pieces = text.components(separatedBy: "\"")
        return zip(pieces, pieces.dropFirst()).contains { key, after in key.count >= length && after.hasPrefix(":") }
    }

    /// The campaign builds by itself the shapes of input that found real bugs, which no mutation of the seeds
    /// reaches: pages (HTML and DITA) whose tables link in a chain 50 deep, or in diamonds 20 levels deep, rows
    /// numbered 50 parts deep (`2.1.1…`), a parameter name of 10,000 characters, an example with a run of 1,000
    /// escapes; JSON with runs of 1,000 `\n` and `\u00e9` escapes and a key of 10,000 characters. Inputs are drawn
    /// until every shape has shown up (at most a bound), so that adding seeds does not break the test.
    @Test func theCampaignBuildsTheShapesThatFoundBugs() async throws {
        // Off the test threads, which the in-process servers of other tests need.
        let (pagesFound, pageShapes, jsonFound, jsonShapes) = try await TestSupport.offPool { Self.shapesBuilt() }
        #expect(pagesFound == pageShapes, "never built: \(pageShapes.subtracting(pagesFound).sorted())")
        #expect(jsonFound == jsonShapes, "never built: \(jsonShapes.subtracting(jsonFound).sorted())")
    }

    /// The page and JSON shapes the campaigns of seed 17 build, and the shapes looked for.
    static func shapesBuilt() -> (Set<String>, Set<String>, Set<String>, Set<String>) {
        let newlines = String(repeating: #"\n"#, count: 1_000)
        let accents = String(repeating: #"\u00e9"#, count: 1_000)
        let dotted = String(repeating: ".1", count: 49) + "</"

        let pageShapes: Set<String> = [
            "HTML chain", "DITA chain", "HTML diamond", "DITA diamond", "HTML numbering", "DITA numbering",
            "HTML long name", "DITA long name", "escape run in an example",
        ]
        var pagesFound: Set<String> = []
        var pages = FuzzCampaign(target: .pages, seed: 17)
        for _ in 0..<20_000 {
            if pagesFound == pageShapes { break }
            let input = pages.nextInput()
            guard let first = input.first, first <= 1 else { continue }
            let dita = first == 1
            let format = dita ? "DITA" : "HTML"
            let text = String(decoding: input.dropFirst(), as: UTF8.self)
            if Self.longestLinkRun(text, dita: dita, links: 1) >= 50 { pagesFound.insert("\(format) chain") }
            if Self.longestLinkRun(text, dita: dita, links: 2) >= 20 { pagesFound.insert("\(format) diamond") }
            if text.contains(dotted) { pagesFound.insert("\(format) numbering") }
            if Self.hasLongCell(text, length: 10_000) { pagesFound.insert("\(format) long name") }
            if text.contains(newlines) || text.contains(accents) { pagesFound.insert("escape run in an example") }
        }

        let jsonShapes: Set<String> = ["run of \\n", "run of \\u00e9", "long key"]
        var jsonFound: Set<String> = []
        var json = FuzzCampaign(target: .json, seed: 17)
        for _ in 0..<40_000 {
            if jsonFound == jsonShapes { break }
            let text = String(decoding: json.nextInput(), as: UTF8.self)
            if text.contains(newlines) { jsonFound.insert("run of \\n") }
            if text.contains(accents) { jsonFound.insert("run of \\u00e9") }
            if Self.hasLongKey(text, length: 10_000) { jsonFound.insert("long key") }
        }
        return (pagesFound, pageShapes, jsonFound, jsonShapes)
    }

    /// A campaign repeats from its seed: the same seed gives the same inputs, structural ones included.
    @Test func aCampaignRepeatsFromItsSeed() async throws {
        for target in [FuzzTarget.pages, .json] {
            let (one, two) = try await TestSupport.offPool { () -> ([Data], [Data]) in
                var first = FuzzCampaign(target: target, seed: 42)
                var second = FuzzCampaign(target: target, seed: 42)
                return ((0..<200).map { _ in first.nextInput() }, (0..<200).map { _ in second.nextInput() })
            }
            #expect(one == two, "\(target)")
        }
    }

    static func verdicts(_ kept: String) throws -> FuzzTarget.ValidatorVerdicts {
        let data = try #require(FileManager.default.contents(atPath: TestSupport.packageRoot + "/Tests/Fuzz/regressions/validators/" + kept))
        return try #require(FuzzTarget.validatorVerdicts(data))
    }

    /// Where the mock and the client may differ, pinned on the kept `validators` inputs: the mock is stricter on a
    /// number given for a documented string and on a key given twice (the client reads the last value); both take a numeric string for a number and
    /// the wrapped form of a wrapped body; both name the same fields out of range.
    @Test func theMockAndTheClientDifferOnlyWhereTheMockIsStricter() throws {
        let number = try Self.verdicts("number-for-string.json")
        #expect(number.mock.map(\.path) == ["callId"])
        #expect(number.client == [])
        #expect(number.mockOnClientBody == [], "the body the client sends for what it read is taken")

        let duplicate = try Self.verdicts("duplicate-key.json")
        #expect(duplicate.mock.map(\.path) == ["body"] && duplicate.mock.first?.message.contains("duplicate key") == true)
        // Foundation's decoder keeps the last of the two values (`"ccId": 0`), which breaks the range.
        #expect(duplicate.client?.map(\.description) == ["ccId: must be between 1 and 65535, got 0"])

        let wrapped = try Self.verdicts("wrapped-numeric-string.json")
        #expect(wrapped.mock == [] && wrapped.client == [] && wrapped.mockOnClientBody == [])
        #expect(wrapped.clientBody.map { String(decoding: $0, as: UTF8.self).hasPrefix(#"{"queryParam":{"#) } == true)

        let outOfRange = try Self.verdicts("every-field-out-of-range.json")
        #expect(outOfRange.mock.map(\.path).sorted() == ["callId", "ccId", "vdn"])
        #expect(outOfRange.client?.map(\.path).sorted() == ["callId", "ccId", "vdn"])
        #expect(outOfRange.mock.map(\.message).sorted() == outOfRange.client?.map(\.message).sorted(), "the same wording")
    }
}
