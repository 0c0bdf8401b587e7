import Foundation

/// Runs `swiftc` against the modules of this build (CMSRuntime and its dependencies), for tests that compile
/// generated code.
public enum SwiftCompiler {
    /// `swiftc -swift-version 6 -I <modules> arguments`, in `directory`; the exit status and everything it printed.
    public static func run(_ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: String) {
        let modules = try CommandRunner.cmsgen().deletingLastPathComponent().appendingPathComponent("Modules").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-swift-version", "6", "-I", modules] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Compiles every Swift file of a folder as one module, warnings as errors, as far as SIL: type checking and the
    /// diagnostics passes that report every error and warning, without generating machine code, which a test that
    /// asks "does it compile without a warning" does not need (a third of the time of `-c`).
    public static func compile(folder: String) throws -> (status: Int32, output: String) {
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        return try run(
            ["-emit-sil", "-whole-module-optimization", "-Onone", "-parse-as-library", "-warnings-as-errors", "-module-name", "GeneratedClient",
             "-o", "/dev/null"] + files.map { folder + "/" + $0 },
            in: folder
        )
    }
}
