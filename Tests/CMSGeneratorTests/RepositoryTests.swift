import CMSTestSupport
import Foundation
import Testing

/// The repository stays small and explained: no file over 1 MB, no downloaded package or tool cache, and every entry
/// at the root named in the README's layout. (A check of the habit before a commit; a file that must be larger needs
/// its reason in the commit message and an exception here.)
@Suite struct RepositoryTests {
    /// The tracked files, from git; nil outside a git checkout (an unpacked archive), where the test has nothing to check.
    static let trackedFiles: [String]? = {
        guard let run = try? CommandRunner.output(["git", "-C", TestSupport.packageRoot, "ls-files", "-z"]), run.status == 0 else { return nil }
        return String(decoding: run.stdout, as: UTF8.self).split(separator: "\0").map(String.init)
    }()

    @Test(.enabled(if: trackedFiles != nil))
    func noTrackedFileIsLargeOrADownloadOrACache() throws {
        let files = try #require(Self.trackedFiles)
        for file in files {
            let size = (try? FileManager.default.attributesOfItem(atPath: TestSupport.packageRoot + "/" + file)[.size] as? Int) ?? 0
            #expect(size <= 1_048_576, "\(file) is \(size) bytes: over 1 MB")
        }
        let downloads = files.filter { file in
            [".whl", ".tar.gz", ".zip", ".tgz", ".pyc"].contains { file.hasSuffix($0) }
                || [".schemathesis/", ".hypothesis/", "__pycache__/", ".build/", ".swiftpm/"].contains { file.contains($0) }
                || file.hasSuffix("Package.resolved") || file.hasSuffix(".cmsgen-record")
        }
        #expect(downloads.isEmpty, "downloaded packages, caches or build state in git: \(downloads)")
    }

    /// Every file and folder at the root is in the README's layout, so that nothing there is unexplained.
    @Test(.enabled(if: trackedFiles != nil))
    func everyEntryAtTheRootIsExplained() throws {
        let roots = Set(try #require(Self.trackedFiles).map { String($0.split(separator: "/").first ?? "") })
        let layout = try #require(try MarkdownDocument.text("README.md").firstMatch(of: /## Layout[\s\S]*?```\n([\s\S]*?)```/)?.output.1)
        let named = Set(layout.split(whereSeparator: { " ,\n".contains($0) }).compactMap { $0.split(separator: "/").first.map(String.init) })
        // Files every Swift package has, named by convention rather than in the layout; `.ci/run` is the README's
        // quick start.
        let conventional: Set<String> = ["Package.swift", "README.md", ".gitignore", ".ci"]
        let unexplained = roots.subtracting(named).subtracting(conventional)
        #expect(unexplained.isEmpty, "entries at the root that the README's layout does not name: \(unexplained.sorted())")
    }
}
