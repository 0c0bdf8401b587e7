import Foundation

/// Child processes that a test waits for without holding a thread of Swift's cooperative pool. The pool has one
/// thread per core; a test blocked in `waitUntilExit` there stalls every other test of the process, the in-process
/// servers' handlers included, and their clients' deadlines then depend on what else happens to run.
public enum ChildProcess {
    /// Starts `process` (configured, not yet started) and returns when it has exited.
    public static func run(_ process: Process) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    /// Runs `executable arguments` in `directory` with stdout and stderr captured in files of a scratch folder (a pipe
    /// would need a reader while the child runs); the exit status and both outputs. The scratch folder is writable by
    /// anyone when `openScratch`, for a child that drops its privileges.
    public static func capture(_ executable: URL, _ arguments: [String], in directory: String? = nil, openScratch: Bool = false,
                               environment: [String: String]? = nil) async throws -> (status: Int32, stdout: Data, stderr: Data) {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        if openScratch { try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: scratch.path) }
        let out = scratch.appendingPathComponent("stdout")
        let err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try await run(process)
        return (process.terminationStatus, try Data(contentsOf: out), try Data(contentsOf: err))
    }
}
