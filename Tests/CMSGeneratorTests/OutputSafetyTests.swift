import CMSTestSupport
import Foundation
import Testing

/// `cmsgen` writes only what the user meant: `-o` onto a device, a FIFO or a link writes through or follows, never
/// replaces; `--output` never replaces a file or a link; a planted staging link is never followed; and output that
/// cannot be written ends the run with a message and `EX_IOERR` (74), never a trap or a silent 0.
@Suite struct OutputSafetyTests {
    static let page = TestSupport.packageRoot + "/Tests/Diff/editions/base/widget-query.html"
    static var isRoot: Bool { getuid() == 0 }

    /// A scratch folder, removed after the test.
    static func scratch() throws -> String {
        let folder = NSTemporaryDirectory() + "cmsgen-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func kind(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    /// `cmsgen ARGUMENTS`, off the test threads (it blocks until the process ends).
    static func cmsgen(_ arguments: [String], in folder: String, asNobody: Bool = false) async throws -> CommandRunner.Run {
        try await CommandRunner.run(arguments, in: folder, asNobody: asNobody)
    }

    /// Runs cmsgen with standard output and standard error sent where given (a path opened for writing).
    static func run(_ arguments: [String], stdout: String, stderr: String, in folder: String) async throws -> Int32 {
        try await TestSupport.offPool { try runBlocking(arguments, stdout: stdout, stderr: stderr, in: folder) }
    }

    static func runBlocking(_ arguments: [String], stdout: String, stderr: String, in folder: String) throws -> Int32 {
        let process = Process()
        process.executableURL = try CommandRunner.cmsgen()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: isRoot, "mknod needs root"))
    func aCharacterDeviceGivenAsOutputIsWrittenThroughNotReplaced() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let device = folder + "/null"
        // The null device's numbers (1, 3), in a scratch folder: never under /dev.
        // makedev(1, 3) as glibc encodes it (a C macro, not visible to Swift).
        try #require(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0, "mknod: \(String(cString: strerror(errno)))")
        for command in ["parse", "openapi"] {
            let run = try await Self.cmsgen([command, "--quiet", Self.page, "-o", device], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(Self.kind(device) == S_IFCHR, "\(command) replaced the device")
        }
        let diff = try await Self.cmsgen(["diff", "--quiet", Self.page, Self.page, "-o", device], in: folder)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(Self.kind(device) == S_IFCHR, "diff replaced the device")
    }

    @Test func aFIFOGivenAsOutputGetsTheWholeDocument() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe"
        try #require(mkfifo(fifo, 0o644) == 0)
        // The reader waits on the FIFO, as `cmsgen parse -o pipe & consumer < pipe` would.
        let reader = Task {
            try await TestSupport.offPool { () -> Data in
                let handle = FileHandle(forReadingAtPath: fifo)
                defer { try? handle?.close() }
                return (try? handle?.readToEnd()) ?? Data()
            }
        }
        let run = try await Self.cmsgen(["parse", "--quiet", Self.page, "-o", fifo], in: folder)
        let received = try await reader.value
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.kind(fifo) == S_IFIFO, "the FIFO was replaced")
        let schema = try JSONSerialization.jsonObject(with: received) as? [String: Any]
        #expect((schema?["interfaces"] as? [Any])?.count == 1, "the reader got \(received.count) bytes")
    }

    @Test func aLinkGivenAsOutputIsFollowedAndALinkToNothingRefused() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old".write(toFile: folder + "/target.json", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: "target.json")
        let run = try await Self.cmsgen(["parse", "--quiet", Self.page, "-o", "link.json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.kind(folder + "/link.json") == S_IFLNK, "the link was replaced")
        let written = try String(contentsOfFile: folder + "/target.json", encoding: .utf8)
        #expect(written.hasPrefix("{") && written.contains("\"interfaces\""))

        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.json", withDestinationPath: "missing/nowhere.json")
        let dangling = try await Self.cmsgen(["parse", "--quiet", Self.page, "-o", "dangling.json"], in: folder)
        #expect(dangling.status == 1)
        #expect(dangling.stderr.contains("dangling.json:1:1: error: cannot write: it is a symbolic link to a file that does not exist"), "\(dangling.stderr)")
        #expect(Self.kind(folder + "/dangling.json") == S_IFLNK)

        let intoFolder = try await Self.cmsgen(["parse", "--quiet", Self.page, "-o", "."], in: folder)
        #expect(intoFolder.status == 1 && intoFolder.stderr.contains(".:1:1: error: cannot write: it is a folder"), "\(intoFolder.stderr)")

        // `-` is standard output.
        let dash = try await Self.cmsgen(["parse", "--quiet", Self.page, "-o", "-"], in: folder)
        #expect(dash.status == 0 && String(decoding: dash.stdout, as: UTF8.self).contains("\"interfaces\""))
    }

    @Test func anExistingFileGivenAsTheOutputFolderIsRefusedAndKept() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "# My project\n".write(toFile: folder + "/README.md", atomically: false, encoding: .utf8)
        let run = try await Self.cmsgen(["generate", "--quiet", "--specs", Self.page, "--output", "README.md"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("README.md:1:1: error: cannot write: it is not a folder"), "\(run.stderr)")
        #expect(try String(contentsOfFile: folder + "/README.md", encoding: .utf8) == "# My project\n")
        #expect(Self.kind(folder + "/README.md") == S_IFREG)
    }

    @Test func anOutputFolderThatIsALinkStaysALinkAndItsTargetIsWritten() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/shared/Client", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/Generated", withDestinationPath: "shared/Client")
        for _ in 0..<2 {
            let run = try await Self.cmsgen(["generate", "--quiet", "--specs", Self.page], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(Self.kind(folder + "/Generated") == S_IFLNK, "the link was replaced by a folder")
            #expect(FileManager.default.fileExists(atPath: folder + "/shared/Client/Interfaces/WidgetQueryDetail.swift"))
        }
        try FileManager.default.createSymbolicLink(atPath: folder + "/Broken", withDestinationPath: "missing")
        let broken = try await Self.cmsgen(["generate", "--quiet", "--specs", Self.page, "--output", "Broken"], in: folder)
        #expect(broken.status == 1 && broken.stderr.contains("Broken:1:1: error: cannot write: it is a symbolic link to nothing"), "\(broken.stderr)")
        #expect(Self.kind(folder + "/Broken") == S_IFLNK)
    }

    /// Another user plants `.Generated.cmsgen-staging`, a link to the victim's private folder, in a shared sticky
    /// folder; the victim cannot remove it. The run fails, and the private folder keeps its mode.
    @Test(.enabled(if: isRoot && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func aPlantedStagingLinkIsNeverFollowed() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shared = folder + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: shared)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        let victim = folder + "/private"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try #require(chown(victim, 65534, 65534) == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: victim)
        // Planted by root: the victim (nobody) may not remove it from the sticky folder.
        try FileManager.default.createSymbolicLink(atPath: shared + "/.Generated.cmsgen-staging", withDestinationPath: victim)
        let page = folder + "/page.html"
        try FileManager.default.copyItem(atPath: Self.page, toPath: page)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: page)
        let run = try await Self.cmsgen(["generate", "--quiet", "--specs", page, "--output", shared + "/Generated"], in: shared, asNobody: true)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains(".Generated.cmsgen-staging"), "\(run.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: victim)[.posixPermissions] as? Int
        #expect(mode == 0o700, "the victim's folder is now \(String(mode ?? 0, radix: 8))")
        #expect(Self.kind(shared + "/.Generated.cmsgen-staging") == S_IFLNK)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func standardStreamsThatCannotBeWrittenEndTheRunWithEXIOERR() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let errors = folder + "/stderr.txt"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        // Standard output full: a message on standard error, status 74.
        for arguments in [["parse", Self.page], ["openapi", Self.page], ["diff", Self.page, Self.page], ["generate", "--specs", Self.page]] {
            let status = try await Self.run(arguments, stdout: "/dev/full", stderr: errors, in: folder)
            let message = try String(contentsOfFile: errors, encoding: .utf8)
            #expect(status == 74, "\(arguments[0]) ended with \(status): \(message)")
            #expect(message.contains("<stdout>:1:1: error: cannot write: No space left on device"), "\(arguments[0]): \(message)")
        }
        // Standard error full: nothing to say it on, but the status tells.
        let output = folder + "/stdout.txt"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        for arguments in [["parse", Self.page], ["generate", "--specs", Self.page, "--output", "Fresh"]] {
            let status = try await Self.run(arguments, stdout: output, stderr: "/dev/full", in: folder)
            #expect(status == 74, "\(arguments[0]) ended with \(status)")
        }
    }
}
