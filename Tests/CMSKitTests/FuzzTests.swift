import CMSFuzzing
import Foundation
import Testing

/// The fuzz targets on every submission: replayed on their seeds and kept findings, and fuzzed briefly.
@Suite struct FuzzTests {
    /// Every target, replayed on the inputs it is seeded with (`FuzzSeeds`: the bundled and test pages, their
    /// examples) and on every kept finding (`Tests/Fuzz/regressions/<target>/`): none may trap.
    @Test(arguments: FuzzTarget.allCases)
    func seedsAndKeptFindingsRunClean(_ target: FuzzTarget) throws {
        var inputs = FuzzSeeds.seeds(for: target)
        #expect(!inputs.isEmpty, "no seeds for \(target)")
        let kept = TestSupport.packageRoot + "/Tests/Fuzz/regressions/" + target.rawValue
        let names = (try? FileManager.default.contentsOfDirectory(atPath: kept)) ?? []
        #expect(!names.isEmpty, "no kept input for \(target)")
        inputs += names.sorted().compactMap { FileManager.default.contents(atPath: kept + "/" + $0) }
        for input in inputs { target.run(input) }
    }

    /// Inputs per target in the short campaign, about ten seconds each in a debug build (page reading is the slow
    /// one). `Scripts/fuzz.sh` runs the long, coverage-guided campaigns.
    static let campaignSize: [FuzzTarget: Int] = [
        .pages: 1_000, .json: 10_000, .decode: 10_000, .signature: 5_000, .mock: 10_000, .validators: 10_000,
    ]

    /// A short campaign (`FuzzCampaign`: mutated seeds, a new random seed each run) in a child `cmsfuzz`, so that a
    /// finding fails this test with its input instead of stopping the test run. A failure names the seed that
    /// repeats it: `swift run cmsfuzz TARGET --mutate N --seed S`; `CMSKIT_FUZZ_SEED=S swift test` repeats it here.
    @Test(arguments: FuzzTarget.allCases)
    func aShortCampaignFindsNothing(_ target: FuzzTarget) async throws {
        let count = try #require(Self.campaignSize[target], "no campaign size for \(target)")
        let seed = ProcessInfo.processInfo.environment["CMSKIT_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        let keep = NSTemporaryDirectory() + "cmsfuzz-\(target.rawValue)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: keep) }
        let run = try await TestSupport.offPool {
            try CommandRunner.run(
                [target.rawValue, "--mutate", "\(count)", "--seed", "\(seed)", "--keep", keep],
                in: TestSupport.packageRoot, tool: "cmsfuzz"
            )
        }
        let input = FileManager.default.contents(atPath: keep) ?? Data()
        #expect(run.status == 0, """
            cmsfuzz \(target.rawValue) --mutate \(count) --seed \(seed) stopped (status \(run.status)) on the input \
            (base64) \(input.base64EncodedString().prefix(4000)); stderr: \(run.stderr.suffix(2000))
            """)
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
