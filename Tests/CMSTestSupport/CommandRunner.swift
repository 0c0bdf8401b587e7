import Foundation
import Testing

/// Runs the `cmsgen` executable built with the tests, in a scratch folder.
public enum CommandRunner {
    /// The `cmsgen` executable of the same build as this test binary.
    public static func cmsgen() throws -> URL { try tool("cmsgen") }

    /// An executable of this package (`cmsgen`, `cmsmock`, `cmsfuzz`), from the build this test binary belongs to.
    public static func tool(_ name: String) throws -> URL {
        let manager = FileManager.default
        var candidates: [URL] = []
        for start in [ProcessInfo.processInfo.arguments.first, Bundle.main.executablePath].compactMap({ $0 }) {
            var directory = URL(fileURLWithPath: start).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(directory.appendingPathComponent(name))
                directory.deleteLastPathComponent()
            }
        }
        let found = candidates.first { manager.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
        return try #require(found, "no \(name) executable next to the test binary; looked at \(candidates.map(\.path))")
    }

    public struct Run: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
    }

    /// Runs `cmsgen arguments` (or another of the package's executables), in `workingDirectory` when given; as the
    /// user `nobody` when `asNobody` (through `setpriv`, so that permission problems that root would not see show up).
    public static func run(_ arguments: [String], in workingDirectory: String? = nil, asNobody: Bool = false, tool name: String = "cmsgen") async throws -> Run {
        if asNobody {
            return try await execute(URL(fileURLWithPath: "/usr/bin/setpriv"), ["--reuid=65534", "--regid=65534", "--clear-groups", try tool(name).path] + arguments,
                               in: workingDirectory, openScratch: true)
        }
        return try await execute(try tool(name), arguments, in: workingDirectory)
    }

    /// Runs a system command (found on the PATH) and captures what it prints.
    public static func output(_ arguments: [String], in workingDirectory: String? = nil) async throws -> Run {
        try await execute(URL(fileURLWithPath: "/usr/bin/env"), arguments, in: workingDirectory)
    }

    /// Runs `executable` with its output captured in a scratch folder (writable by anyone when `openScratch`).
    private static func execute(_ executable: URL, _ arguments: [String], in workingDirectory: String?, openScratch: Bool = false) async throws -> Run {
        let result = try await ChildProcess.capture(executable, arguments, in: workingDirectory, openScratch: openScratch)
        return Run(status: result.status, stdout: result.stdout, stderr: String(decoding: result.stderr, as: UTF8.self))
    }

    /// Runs a system command and returns its exit status.
    @discardableResult
    public static func system(_ arguments: [String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try await ChildProcess.run(process)
        return process.terminationStatus
    }

    /// What a quick system command (a probe such as `python3 -c "import x"`, or `git ls-files`) prints, or nil when it
    /// does not exit with 0. Blocking, for the conditions of `.enabled(if:)` and the values they read, which cannot
    /// wait otherwise: nothing long belongs here.
    public static func quickOutput(_ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? output : nil
    }

    /// Whether a quick system command exits with 0 (see `quickOutput`).
    public static func succeeds(_ arguments: [String]) -> Bool { quickOutput(arguments) != nil }

    /// A fresh folder holding `files` (name → bytes).
    public static func folder(_ files: [String: [UInt8]]) throws -> URL {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmsgen-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        return directory
    }
}
