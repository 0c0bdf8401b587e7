import CMSRendering
import CMSSupport
import CMSKitSystem
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bringing a folder up to date with a generated tree: compare, stage beside it, swap in one step.
extension GeneratedTree {
    /// How a folder differs from this tree.
    public struct Difference: Sendable, Equatable {
        public var added: [String] = []
        public var changed: [String] = []
        /// Generated files in the folder that this tree no longer has (their page is gone).
        public var removed: [String] = []
        public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
        /// `A path`, `M path`, `D path` lines, sorted.
        public var lines: [String] {
            (added.map { "A \($0)" } + changed.map { "M \($0)" } + removed.map { "D \($0)" }).sorted { $0.dropFirst(2) < $1.dropFirst(2) }
        }
    }

    /// Compares with the generated files in `directory`.
    public func difference(from directory: String) -> Difference {
        let directory = DisplayPath.absolute(directory, base: FileManager.default.currentDirectoryPath)
        var difference = Difference()
        let existing = GeneratedTree.generatedFiles(in: directory)
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            guard let current = FileManager.default.contents(atPath: directory + "/" + path) else {
                difference.added.append(path)
                continue
            }
            if current != Data(contents.utf8) { difference.changed.append(path) }
        }
        difference.removed = existing.filter { files[$0] == nil }.sorted()
        return difference
    }

    /// The name of the folder a run builds the new tree in, beside the output folder (so on the same file system),
    /// and where the old tree goes when the two are swapped. Hidden, so that SwiftPM never compiles it.
    static func stagingPath(for directory: String) -> String {
        let parent = (directory as NSString).deletingLastPathComponent
        return (parent == "/" ? "" : parent) + "/." + (directory as NSString).lastPathComponent + ".cmsgen-staging"
    }

    /// A write that failed, with the path and the system's reason.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// The folder a run writes for the output path the user gave: the path itself, or where it leads when it is a
    /// symbolic link to a folder (the link stays a link, and its target is brought up to date). A path that holds
    /// anything but a folder (a file: `--output README.md`) or a link to nothing is refused: a run never replaces
    /// what it was not asked to write.
    public static func folder(for directory: String) throws(WriteError) -> String {
        var info = stat()
        guard lstat(directory, &info) == 0 else {
            if errno == ENOENT { return directory }
            throw WriteError(path: directory, reason: errnoReason())
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return directory
        case S_IFLNK:
            guard let resolved = realpath(directory, nil) else {
                throw WriteError(path: directory, reason: "it is a symbolic link to nothing; give a folder, or make the link's target")
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            guard stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw WriteError(path: directory, reason: "it is a symbolic link to something that is not a folder; cmsgen writes a folder of Swift files and replaces nothing else")
            }
            return target
        default:
            throw WriteError(path: directory, reason: "it is not a folder; cmsgen writes a folder of Swift files there and replaces nothing else (give a folder's path)")
        }
    }

    /// Brings `directory` up to date, all or nothing: the new tree is built beside it (every file that stays is linked
    /// in as it is, so unchanged files keep their bytes, inode and time; new and changed files are written), then the
    /// two folders are swapped in one step and the old tree is removed. A failure before the swap leaves `directory`
    /// exactly as it was; a reader never sees a mix of old and new files.
    public func write(to directory: String) throws(WriteError) -> Difference {
        try write(to: directory, writeFile: Self.writeFile)
    }

    /// The same, with the function that writes one file (tests make it fail part-way).
    func write(to directory: String, writeFile: (String, Data) throws(WriteError) -> Void) throws(WriteError) -> Difference {
        let directory = try Self.folder(for: DisplayPath.absolute(directory, base: FileManager.default.currentDirectoryPath))
        let difference = self.difference(from: directory)
        guard !difference.isEmpty else { return difference }
        let manager = FileManager.default
        let staging = Self.stagingPath(for: directory)
        let parent = (directory as NSString).deletingLastPathComponent
        do {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: parent, reason: Self.reason(error))
        }
        // A run that was killed may have left its staging folder. Whatever stands there (a link, say) is removed, never
        // followed.
        if Self.entryExists(staging) {
            Self.remove(staging)
            if Self.entryExists(staging) { throw WriteError(path: staging, reason: "something left there (by an earlier run?) cannot be removed") }
        }
        let exists = manager.fileExists(atPath: directory)
        do throws(WriteError) {
            // Folders are made writable while the tree is built, and given their modes last.
            var modes: [(String, mode_t)] = []
            try Self.makeFolder(staging)
            if exists {
                modes.append((staging, try Self.mode(of: directory)))
                let replaced = Set(difference.added + difference.changed + difference.removed)
                try Self.linkTree(from: directory, to: staging, except: replaced, modes: &modes)
            }
            var made: Set<String> = [staging]
            for path in (difference.added + difference.changed).sorted() {
                let target = staging + "/" + path
                let folder = (target as NSString).deletingLastPathComponent
                if !made.contains(folder) {
                    try Self.makeFolders(folder)
                    made.insert(folder)
                }
                try writeFile(target, Data(files[path]!.utf8))
            }
            for (folder, mode) in modes.reversed() where !Self.setMode(mode, ofFolder: folder) {
                throw WriteError(path: folder, reason: Self.errnoReason())
            }
            if exists {
                try Self.exchange(staging, directory)
            } else {
                guard rename(staging, directory) == 0 else { throw WriteError(path: directory, reason: Self.errnoReason()) }
            }
        } catch {
            Self.remove(staging)
            throw error
        }
        // The old tree, now in the staging folder. Failing to remove it costs nothing but the space.
        Self.remove(staging)
        return difference
    }

    /// Writes a file with POSIX calls, so that a failure says why in the system's words.
    static func writeFile(_ path: String, _ data: Data) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: errnoReason()) }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errnoReason()
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == nil { failure = errnoReason() }
        if let failure { throw WriteError(path: path, reason: failure) }
    }

    /// Recreates `source`'s folders in `target` and links in every file, link and other entry of it but `except`
    /// (relative paths): hard links where the file system allows them, copies that keep the time where it does not.
    /// Each folder's mode is added to `modes`, to be set once the tree is complete.
    static func linkTree(from source: String, to target: String, except: Set<String>, modes: inout [(String, mode_t)]) throws(WriteError) {
        let entries = (FileManager.default.enumerator(atPath: source)?.allObjects as? [String] ?? []).sorted()
        for relative in entries where !except.contains(relative) {
            let from = source + "/" + relative
            let to = target + "/" + relative
            var info = stat()
            guard lstat(from, &info) == 0 else { throw WriteError(path: from, reason: errnoReason()) }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try makeFolder(to)
                modes.append((to, info.st_mode & 0o7777))
            case S_IFLNK:
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: from)) ?? ""
                guard symlink(destination, to) == 0 else { throw WriteError(path: to, reason: errnoReason()) }
            default:
                if link(from, to) == 0 { continue }
                // Another file system, or links not allowed: copy the bytes and keep the time.
                guard let data = FileManager.default.contents(atPath: from) else { throw WriteError(path: from, reason: "cannot read it to carry it over") }
                try writeFile(to, data)
                let modified = (try? FileManager.default.attributesOfItem(atPath: from)[.modificationDate]) ?? nil
                if let modified { try? FileManager.default.setAttributes([.modificationDate: modified, .posixPermissions: Int(info.st_mode & 0o7777)], ofItemAtPath: to) }
            }
        }
    }

    /// Makes a folder its maker can write.
    static func makeFolder(_ path: String) throws(WriteError) {
        guard mkdir(path, 0o755) == 0 else { throw WriteError(path: path, reason: errnoReason()) }
    }

    static func mode(of path: String) throws(WriteError) -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { throw WriteError(path: path, reason: errnoReason()) }
        return info.st_mode & 0o7777
    }

    /// Removes a tree, making its folders writable first where they are not (a read-only folder of the old tree). A
    /// link or file at `path` is removed itself; no mode is ever set through a link.
    static func remove(_ path: String) {
        let manager = FileManager.default
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            _ = unlink(path)
            return
        }
        if (try? manager.removeItem(atPath: path)) != nil || !entryExists(path) { return }
        _ = setMode(0o755, ofFolder: path)
        for relative in (manager.enumerator(atPath: path)?.allObjects as? [String] ?? []) {
            _ = setMode(0o755, ofFolder: path + "/" + relative)
        }
        try? manager.removeItem(atPath: path)
    }

    /// Whether anything, a link to nothing included, stands at `path`.
    static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Sets a folder's mode through a descriptor opened without following a link: false (with `errno`) when `path`
    /// is not a folder or is a link, so that a link planted where a folder was expected is never followed.
    static func setMode(_ mode: mode_t, ofFolder path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            // A folder its owner may not read (mode 000) cannot be opened: set the mode by name, still refusing a link.
            guard errno == EACCES else { return false }
            return fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW) == 0
        }
        defer { close(descriptor) }
        return fchmod(descriptor, mode) == 0
    }

    static func makeFolders(_ path: String) throws(WriteError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch { throw WriteError(path: path, reason: reason(error)) }
    }

    /// Swaps two folders in one step where the system can (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np
    /// (RENAME_SWAP)` on Darwin); elsewhere by two renames, putting the old folder back if the second fails.
    static func exchange(_ staging: String, _ directory: String) throws(WriteError) {
        if cmskit_exchange_paths(staging, directory) == 0 { return }
        let aside = staging + ".old"
        guard rename(directory, aside) == 0 else { throw WriteError(path: directory, reason: errnoReason()) }
        guard rename(staging, directory) == 0 else {
            let reason = errnoReason()
            _ = rename(aside, directory)
            throw WriteError(path: directory, reason: reason)
        }
        guard rename(aside, staging) == 0 else { throw WriteError(path: aside, reason: errnoReason()) }
    }

    static func errnoReason() -> String { String(cString: strerror(errno)) }

    static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        return (error as NSError).localizedDescription
    }

    /// The `.swift` files under `directory` that start with the generated-file header.
    static func generatedFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return (enumerator.allObjects as? [String] ?? []).filter { path in
            guard path.hasSuffix(".swift") || path == NameLock.fileName, let handle = FileHandle(forReadingAtPath: directory + "/" + path) else { return false }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: marker.utf8.count)) ?? Data()
            return head == Data(marker.utf8)
        }
    }
}
