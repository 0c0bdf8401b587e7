import CMSTestSupport
import Foundation
import Testing

/// The compile-time handshake between generated code and CMSRuntime: code generated for another runtime version fails
/// to build, and the message says what to do.
@Suite struct RuntimeVersionTests {
    /// The version this runtime speaks.
    static let current = 6

    /// Type-checks `source` against the CMSRuntime module of this build.
    static func typecheck(_ source: String) async throws -> (status: Int32, output: String) {
        let directory = NSTemporaryDirectory() + "cmsgen-handshake-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try source.write(toFile: directory + "/Generated.swift", atomically: true, encoding: .utf8)
        return try await SwiftCompiler.run(["-typecheck", directory + "/Generated.swift"])
    }

    @Test func codeForThisRuntimeBuilds() async throws {
        let result = try await Self.typecheck("import CMSRuntime\nprivate let runtimeVersionCheck = CMSRuntime.CMSRuntimeVersion\(Self.current).isCompatible\n")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(arguments: 0..<current)
    func codeForAnOlderRuntimeFailsWithAnInstruction(version: Int) async throws {
        let result = try await Self.typecheck("import CMSRuntime\nprivate let runtimeVersionCheck = CMSRuntime.CMSRuntimeVersion\(version).isCompatible\n")
        #expect(result.status != 0)
        #expect(result.output.contains("This code was generated for CMSRuntime version \(version). Regenerate it: swift run cmsgen generate"), "\(result.output)")
    }

    /// Once per client, in its client file: every file of the client is in that one module.
    @Test func theClientFileCarriesTheCheckOnce() throws {
        let folder = TestSupport.packageRoot + "/Generated"
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
        #expect(files.contains { $0.hasPrefix("Interfaces/") })
        let check = "private let runtimeVersionCheck = CMSRuntime.CMSRuntimeVersion\(Self.current).isCompatible"
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(text.components(separatedBy: check).count - 1 == (file == "Shared/CMSClient.swift" ? 1 : 0), "\(file)")
        }
    }
}
