@testable import CMSExtraction
import CMSSchema
import Foundation
import Testing

/// Paths and shared, expensive results for the tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixtures = packageRoot + "/Tests/CMSKitTests/Fixtures"

    /// A fresh folder in the temporary directory holding a copy of the bundled `specs/` and of `Generated/`, with the
    /// file `removing` (relative to `Generated/`) left out: a package whose next `cmsgen generate` has work to do.
    static func copyOfThePackage(_ prefix: String, removing: String? = "Interfaces/VdnQueryCalls.swift") throws -> String {
        let package = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/specs", toPath: package + "/specs")
        try FileManager.default.copyItem(atPath: packageRoot + "/Generated", toPath: package + "/Generated")
        if let removing { try FileManager.default.removeItem(atPath: package + "/Generated/" + removing) }
        return package
    }

    /// Runs blocking work (sockets, child processes) on a thread of its own, never on the cooperative pool, where a
    /// blocked thread can stall every other test.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// The bundled pages, as the README's main command reads them: relative paths `specs/…`.
    static let specsResult: SchemaBuilder.Result = SchemaBuilder.build(pages: specFiles().map(page))

    /// A page of the package as `(path relative to the package, bytes)`.
    static func page(_ relativePath: String) -> (path: String, bytes: [UInt8]) {
        (relativePath, [UInt8](FileManager.default.contents(atPath: packageRoot + "/" + relativePath) ?? Data()))
    }

    static func specFiles() -> [String] {
        SchemaBuilder.pageFiles(in: ["specs"], relativeTo: packageRoot).files.map(\.display)
    }

    /// Record mode: `CMSKIT_RECORD=1 swift test` rewrites the expected files instead of comparing.
    static var recording: Bool { ProcessInfo.processInfo.environment["CMSKIT_RECORD"] == "1" }

    /// Compares `actual` with the committed expected file, or writes it in record mode.
    static func assertMatchesReference(_ actual: Data, file name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
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

    /// Extracts one page by itself.
    static func extract(_ relativePath: String) -> PageExtraction {
        let result = SchemaBuilder.build(pages: [page(relativePath)])
        return PageExtraction(interfaces: result.schema.interfaces, resultCodes: result.schema.resultCodes, diagnostics: result.diagnostics)
    }
}
