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
    public static func run(_ arguments: [String], in workingDirectory: String? = nil, asNobody: Bool = false, tool name: String = "cmsgen") throws -> Run {
        if asNobody {
            return try execute(URL(fileURLWithPath: "/usr/bin/setpriv"), ["--reuid=65534", "--regid=65534", "--clear-groups", try tool(name).path] + arguments,
                               in: workingDirectory, openScratch: true)
        }
        return try execute(try tool(name), arguments, in: workingDirectory)
    }

    /// Runs a system command (found on the PATH) and captures what it prints.
    public static func output(_ arguments: [String], in workingDirectory: String? = nil) throws -> Run {
        try execute(URL(fileURLWithPath: "/usr/bin/env"), arguments, in: workingDirectory)
    }

    /// Runs `executable` with its output captured in a scratch folder (writable by anyone when `openScratch`).
    private static func execute(_ executable: URL, _ arguments: [String], in workingDirectory: String?, openScratch: Bool = false) throws -> Run {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmsgen-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout")
        let err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        if openScratch { try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path) }
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try Data(contentsOf: out),
                   stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Runs a system command and returns its exit status.
    @discardableResult
    public static func system(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A fresh folder holding `files` (name → bytes).
    public static func folder(_ files: [String: [UInt8]]) throws -> URL {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmsgen-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        return directory
    }
}
