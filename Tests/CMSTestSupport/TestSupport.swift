import Foundation
import Testing

/// Paths and shared, expensive results for the tests.
public enum TestSupport {
    /// The package root, found from this file's path.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static let fixtures = packageRoot + "/Tests/Fixtures"

    /// A fresh folder in the temporary directory holding a copy of the bundled `specs/` and of `Generated/`, with the
    /// file `removing` (relative to `Generated/`) left out: a package whose next `cmsgen generate` has work to do.
    public static func copyOfThePackage(_ prefix: String, removing: String? = "Interfaces/VdnQueryCalls.swift") throws -> String {
        let package = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/specs", toPath: package + "/specs")
        try FileManager.default.copyItem(atPath: packageRoot + "/Generated", toPath: package + "/Generated")
        if let removing { try FileManager.default.removeItem(atPath: package + "/Generated/" + removing) }
        return package
    }

    /// Runs blocking work (sockets, child processes) on a thread of its own, never on the cooperative pool, where a
    /// blocked thread can stall every other test.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// Writes `files` (path relative to `folder` → text) under `folder`, making folders as needed: generated code to
    /// compile, without the generator's own writer.
    public static func writeFiles(_ files: [String: String], to folder: String) throws {
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Record mode: `CMSKIT_RECORD=1 swift test` rewrites the expected files instead of comparing.
    public static var recording: Bool { ProcessInfo.processInfo.environment["CMSKIT_RECORD"] == "1" }

    /// Compares `actual` with the committed expected file, or writes it in record mode.
    public static func assertMatchesReference(_ actual: Data, file name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = fixtures + "/" + name
        if recording {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(to: URL(fileURLWithPath: path))
            return
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            Issue.record("missing reference file \(name); run `CMSKIT_RECORD=1 swift test` to record it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let actualPath = NSTemporaryDirectory() + "actual-" + (name as NSString).lastPathComponent
            try actual.write(to: URL(fileURLWithPath: actualPath))
            Issue.record("\(name) differs from the generator's output; compare with `diff -u \(path) \(actualPath)`, or re-record with CMSKIT_RECORD=1", sourceLocation: sourceLocation)
        }
    }

}
