import Foundation

/// Runs `swiftc` against the modules of this build (CMSRuntime and its dependencies), for tests that compile
/// generated code.
public enum SwiftCompiler {
    /// `swiftc -swift-version 6 -I <modules> arguments`, in `directory`; the exit status and everything it printed.
    public static func run(_ arguments: [String], in directory: String? = nil) async throws -> (status: Int32, output: String) {
        let modules = try CommandRunner.cmsgen().deletingLastPathComponent().appendingPathComponent("Modules").path
        let result = try await ChildProcess.capture(URL(fileURLWithPath: "/usr/bin/env"), ["swiftc", "-swift-version", "6", "-I", modules] + arguments, in: directory)
        return (result.status, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }

    /// Compiles every Swift file of a folder as one module, warnings as errors, as far as SIL: type checking and the
    /// diagnostics passes that report every error and warning, without generating machine code, which a test that
    /// asks "does it compile without a warning" does not need (a third of the time of `-c`).
    public static func compile(folder: String) async throws -> (status: Int32, output: String) {
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        return try await run(
            ["-emit-sil", "-whole-module-optimization", "-Onone", "-parse-as-library", "-warnings-as-errors", "-module-name", "GeneratedClient",
             "-o", "/dev/null"] + files.map { folder + "/" + $0 },
            in: folder
        )
    }
}
