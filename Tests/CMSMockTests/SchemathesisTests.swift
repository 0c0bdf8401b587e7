import CMSTestSupport
import Foundation
import Testing

/// The OpenAPI export and the local CC-CMS check each other: schemathesis generates valid and invalid requests from
/// the export, signs them with C2 (`Scripts/schemathesis/cmsmock_hooks.py`) and sends them to the `cmsmock`
/// executable, then checks every answer against the export (no server error, documented statuses and content types,
/// answers that match the response schemas, valid data accepted, invalid data refused: as CC-CMS refuses it, with the
/// invalid-parameter result code, or with a 4xx).
@Suite struct SchemathesisTests {
    static let hooks = TestSupport.packageRoot + "/Scripts/schemathesis"

    /// Whether schemathesis is installed (`.ci/run` installs it from PyPI).
    static let schemathesisIsInstalled: Bool = {
        (try? run(["python3", "-c", "import schemathesis"], environment: [:], in: NSTemporaryDirectory()).status) == 0
    }()

    /// Runs a command through `env`, with extra environment variables, in `directory`; its status and output.
    static func run(_ arguments: [String], environment: [String: String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = directory + "/output-\(UUID().uuidString).txt"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        defer { try? FileManager.default.removeItem(atPath: output) }
        return (process.terminationStatus, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    /// The hooks sign as auth.md says: its three test vectors, byte for byte.
    @Test func theHooksSignLikeTheAuthenticationPage() async throws {
        let result = try await TestSupport.offPool { try Self.run(["python3", Self.hooks + "/cmsmock_hooks.py"], environment: [:], in: NSTemporaryDirectory()) }
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("auth.md's three vectors reproduce"))
    }

    /// schemathesis finds nothing the export and the mock disagree on. The seed is `TestSeed`'s for this test (fixed
    /// unless `CMSKIT_SEED` is set; `CMSKIT_SCHEMATHESIS_SEED=S` sets schemathesis's seed itself), printed on a failure
    /// with the command that repeats it.
    @Test(.enabled(if: schemathesisIsInstalled))
    func schemathesisFindsNoDisagreementBetweenTheExportAndTheMock() async throws {
        let folder = NSTemporaryDirectory() + "cmsgen-schemathesis-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try await CommandRunner.run(["openapi", "--quiet", "-o", folder + "/openapi.json"], in: TestSupport.packageRoot)
        try #require(export.status == 0, "\(export.stderr)")

        let credentials = MockServerTests.credentials
        let mock = try MockServerTests.RunningMock(arguments: ["--specs", "specs", "--port", "0", "--ak", credentials.accessKey, "--sk", credentials.secretKey])
        let line = try #require(await mock.readLine(timeout: 60), "no line from cmsmock; stderr: \(mock.errorOutput)")
        let url = String(line.dropFirst("cmsmock listening on ".count))
        let ownSeed = ProcessInfo.processInfo.environment["CMSKIT_SCHEMATHESIS_SEED"].flatMap(UInt64.init)
        let seed = ownSeed ?? TestSeed.derived("SchemathesisTests.schemathesisFindsNoDisagreementBetweenTheExportAndTheMock")
        let replay = ownSeed == nil ? TestSeed.replay(seed) : "seed \(seed) (replay with CMSKIT_SCHEMATHESIS_SEED=\(seed) swift test)"
        let arguments = [
            "schemathesis", "run", folder + "/openapi.json", "--url", url, "-H", "Authorization: c2-sign",
            "--max-examples", "10", "--seed", "\(seed)", "--no-color", "--generation-database", "none",
            // Hypothesis's "too slow" check measures the clock, which a busy machine stretches: it would fail a run whatever the seed.
            "--suppress-health-check", "too_slow",
        ]
        let environment = [
            "SCHEMATHESIS_HOOKS": "cmsmock_hooks", "PYTHONPATH": Self.hooks,
            "CMS_AK": credentials.accessKey, "CMS_SK": credentials.secretKey,
        ]
        let result = try await TestSupport.offPool { try Self.run(arguments, environment: environment, in: folder) }
        _ = await mock.stop(timeout: 60)
        #expect(result.status == 0, "schemathesis --seed \(seed) found problems, \(replay):\n\(result.output.suffix(6000))")
        #expect(result.output.contains("Tested: \(MockServerTests.schema.interfaces.count)"), "\(replay): \(result.output.suffix(2000))")
    }
}
