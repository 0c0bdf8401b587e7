import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes its one document: standard output, or the file `-o PATH` names, written only in the way the
/// user meant.
///
/// - No path, or `-`: standard output.
/// - A path that does not exist, or a regular file: written in full beside it, then renamed over it, so that a
///   reader never sees half a document and a failed write leaves the old file.
/// - A device (`/dev/null`, `/dev/stdout`), a FIFO or a socket: written through, never replaced.
/// - A symbolic link: followed; the link stays, and its target is written by the rules above. A link to nothing is
///   refused.
/// - A folder: refused.
public enum OutputFile {
    /// Why a document could not be written, with the path as the user gave it.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The path names something cmsgen will not write (a folder, a link to nothing), as opposed to a write that
        /// failed.
        public var isRefusal = false
        /// The exit status: 1 for a refusal, `EX_IOERR` (74) for a write that failed.
        public var status: Int32 { isRefusal ? 1 : StandardStream.ioErrorStatus }
        /// A compiler-style line: `out.json:1:1: error: cannot write: No space left on device`.
        public var description: String { "\(path):1:1: error: cannot write: \(reason)" }
    }

    public static func write(_ data: Data, to path: String?) throws(Failure) {
        guard let path, path != "-" else {
            if let reason = StandardStream.output.write(data) { throw Failure(path: "<stdout>", reason: reason) }
            return
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            try replace(path, with: data, shownAs: path)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try replace(path, with: data, shownAs: path)
        case S_IFDIR:
            throw Failure(path: path, reason: "it is a folder; give a file's path", isRefusal: true)
        case S_IFLNK:
            // Followed the way a shell's `>` follows it (`/dev/stdout` → `/proc/self/fd/1` → a pipe).
            let descriptor = open(path, O_WRONLY | O_NOCTTY)
            guard descriptor >= 0 else {
                let code = errno
                let reason = code == ENOENT ? "it is a symbolic link to a file that does not exist; give the target's path"
                    : code == EISDIR ? "it is a symbolic link to a folder; give a file's path" : String(cString: strerror(code))
                throw Failure(path: path, reason: reason, isRefusal: code == ENOENT || code == EISDIR)
            }
            var target = stat()
            if fstat(descriptor, &target) == 0, target.st_mode & S_IFMT == S_IFREG, let resolved = realpath(path, nil) {
                close(descriptor)
                let file = String(cString: resolved)
                free(resolved)
                try replace(file, with: data, shownAs: path)
            } else {
                if target.st_mode & S_IFMT == S_IFREG { _ = ftruncate(descriptor, 0) }
                try writeThrough(descriptor, data, shownAs: path)
            }
        default:
            // A device, FIFO or socket: what is written goes to it, as a shell's `>` would send it.
            let descriptor = open(path, O_WRONLY | O_NOCTTY)
            guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            try writeThrough(descriptor, data, shownAs: path)
        }
    }

    /// Writes to an open descriptor and closes it.
    static func writeThrough(_ descriptor: Int32, _ data: Data, shownAs shown: String) throws(Failure) {
        let reason = StandardStream.writeAll(data, to: descriptor)
        let closed = close(descriptor) == 0 ? nil : String(cString: strerror(errno))
        if let problem = reason ?? closed { throw Failure(path: shown, reason: problem) }
    }

    /// Writes a new file beside `path` and renames it over `path`: all or nothing.
    static func replace(_ path: String, with data: Data, shownAs shown: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".cmsgen-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(path: shown, reason: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The mode a new file gets (0666 less the umask), not mkstemp's 0600.
        let mask = umask(0)
        umask(mask)
        var reason = StandardStream.writeAll(data, to: descriptor)
        if reason == nil, fchmod(descriptor, 0o666 & ~mask) != 0 { reason = String(cString: strerror(errno)) }
        if close(descriptor) != 0, reason == nil { reason = String(cString: strerror(errno)) }
        if reason == nil, rename(temporary, path) != 0 { reason = String(cString: strerror(errno)) }
        if let reason {
            unlink(temporary)
            throw Failure(path: shown, reason: reason)
        }
    }
}
