import CMSRendering
import CMSSchema
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last successful `cmsgen generate` into a folder depended on and left behind, kept in the folder as
/// `.cmsgen-record`, so that a run with nothing changed can stop before reading a page.
///
/// A run may skip its work only when both halves still hold: the fingerprint of everything it reads (the generator
/// itself, the arguments, every page, names file and template, byte for byte) is the recorded one, and every file it
/// wrote is still there with the size, modification time and inode it had. Anything else (a page edited, a template
/// changed, a generated file touched by hand, a rebuilt `cmsgen`) means a full run. `--check` never uses the record: it
/// compares bytes.
public struct GenerationRecord: Codable, Sendable, Equatable {
    /// The name of the record in the output folder. It is not a Swift file, so it is never taken for generated code.
    public static let fileName = ".cmsgen-record"

    /// The stamp of one file, as `stat(2)` reports it.
    public struct Stamp: Codable, Sendable, Equatable {
        public var size: Int64
        public var modified: Int64
        public var inode: UInt64
    }

    /// The hex fingerprint of the inputs.
    public var inputs: String
    /// Relative path → stamp, for every generated file in the folder after the run.
    public var outputs: [String: Stamp]
    /// The diagnostics the run reported (silenced ones apart), so that a skipped run reports the same warnings.
    public var diagnostics: [Diagnostic]
    /// The diagnostics the run silenced.
    public var silenced: [Diagnostic]
    /// How many pages the run read and how many interfaces they document.
    public var pages: Int
    /// The pages by kind (`interface`, `fragment`, `appendix`, `overview`).
    public var pageKinds: [String: Int]
    public var interfaces: Int
    /// How many files the run generated.
    public var fileCount: Int

    public init(
        inputs: String, outputs: [String: Stamp], diagnostics: [Diagnostic], silenced: [Diagnostic] = [], pages: Int = 0, pageKinds: [String: Int] = [:],
        interfaces: Int = 0, fileCount: Int
    ) {
        self.pageKinds = pageKinds
        self.inputs = inputs
        self.outputs = outputs
        self.diagnostics = diagnostics
        self.silenced = silenced
        self.pages = pages
        self.interfaces = interfaces
        self.fileCount = fileCount
    }

    /// The record in `directory`, if there is a readable one.
    public static func read(in directory: String) -> GenerationRecord? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else { return nil }
        return try? JSONDecoder().decode(GenerationRecord.self, from: data)
    }

    /// Records a finished run: the stamps of `files` (relative paths) as they are now in `directory`. A record that
    /// cannot be written only costs the next run its shortcut.
    public static func write(_ run: GenerationRecord, files: some Collection<String>, in directory: String) {
        var outputs: [String: Stamp] = [:]
        for path in files {
            guard let stamp = stamp(of: directory + "/" + path) else { return remove(in: directory) }
            outputs[path] = stamp
        }
        var record = run
        record.outputs = outputs
        record.fileCount = files.count
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(record) else { return }
        try? data.write(to: URL(fileURLWithPath: directory + "/" + fileName), options: .atomic)
    }

    /// Removes the record, so that the next run does the full work.
    public static func remove(in directory: String) {
        try? FileManager.default.removeItem(atPath: directory + "/" + fileName)
    }

    /// Whether `directory` still holds exactly what this record wrote: every recorded file has its stamp, and no other
    /// generated file has appeared.
    public func outputsAreIntact(in directory: String) -> Bool {
        for (path, recorded) in outputs where GenerationRecord.stamp(of: directory + "/" + path) != recorded { return false }
        return Set(GeneratedTree.generatedFiles(in: directory)) == Set(outputs.keys)
    }

    /// Size, modification time (nanoseconds) and inode of a regular file; nil when there is none.
    static func stamp(of path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Stamp(size: Int64(info.st_size), modified: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec), inode: UInt64(info.st_ino))
    }
}
