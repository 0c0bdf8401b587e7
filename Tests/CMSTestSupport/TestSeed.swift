import Foundation

/// The seed of every randomised test (random schemas, fuzz campaigns, schemathesis).
///
/// `swift test` uses the fixed seed, so that one commit gives the same results on every run. To explore, set
/// `CMSKIT_SEED` to a number (replays that seed) or to `random` (a fresh seed per process); every test prints the seed
/// it used when it fails, so that `CMSKIT_SEED=<seed> swift test --filter <test>` replays the failure.
public enum TestSeed {
    /// The seed `swift test` uses when `CMSKIT_SEED` is not set.
    public static let fixed: UInt64 = 20_261_206

    /// The seed of this run: `CMSKIT_SEED`, or a fresh one when it is `random`, or `fixed`.
    public static let value: UInt64 = {
        let setting = ProcessInfo.processInfo.environment["CMSKIT_SEED"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if setting.isEmpty { return fixed }
        if setting == "random" { return UInt64.random(in: 1...UInt64(UInt32.max)) }
        return UInt64(setting) ?? fixed
    }()

    /// `value` mixed with a per-test salt, so that two tests of one run do not draw the same sequence.
    public static func derived(_ salt: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ value
        for byte in salt.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash % UInt64(UInt32.max) + 1
    }

    /// The words a failure message carries so that it can be replayed.
    public static func replay(_ seed: UInt64) -> String { "seed \(seed) (replay with CMSKIT_SEED=\(value) swift test)" }
}
