import CMSReading
import CMSSchema
import Foundation

/// The whole reading half: files and folders in, one schema and its diagnostics out.
public enum SchemaBuilder {
    public struct Result: Sendable {
        public var schema: SchemaDocument
        /// Sorted by file, line and column.
        public var diagnostics: [Diagnostic]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// The page files a list of files and folders names: folders give their `.html`, `.htm`, `.dita` and `.xml` files,
    /// sorted by path; files are taken as given. Each comes with its display path: relative to `base` (the working
    /// directory), however the argument was spelled, so that locations and generated headers never depend on it.
    public static func pageFiles(in paths: [String], relativeTo base: String = FileManager.default.currentDirectoryPath) -> (files: [PageFile], missing: [String]) {
        var files: [PageFile] = []
        var missing: [String] = []
        let manager = FileManager.default
        for path in paths {
            let absolute = DisplayPath.absolute(path, base: base)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else { missing.append(DisplayPath.relative(absolute, to: base)); continue }
            if isDirectory.boolValue {
                let found = (manager.enumerator(atPath: absolute)?.allObjects as? [String] ?? [])
                    .filter { name in ["html", "htm", "dita", "xml"].contains((name as NSString).pathExtension.lowercased()) }
                    .sorted()
                    .map { absolute + "/" + $0 }
                files.append(contentsOf: found.map { PageFile(path: $0, display: DisplayPath.relative($0, to: base)) })
            } else {
                files.append(PageFile(path: absolute, display: DisplayPath.relative(absolute, to: base)))
            }
        }
        return (files, missing)
    }

    /// A page to read: where it is, and how locations name it.
    public struct PageFile: Sendable, Hashable {
        public var path: String
        public var display: String
    }

    /// Reads every page the files and folders name; a path that does not exist, or a list that names no page, is an error.
    /// `progress`, if given, hears of each page when it is read, from any thread.
    public static func build(
        paths: [String], relativeTo base: String = FileManager.default.currentDirectoryPath, progress: (@Sendable (PageFile) -> Void)? = nil
    ) -> Result {
        let (files, missing) = pageFiles(in: paths, relativeTo: base)
        var result = build(files: files, progress: progress)
        for path in missing.reversed() {
            result.diagnostics.insert(Diagnostic(.error, .noSuchPath, "no such file or folder", at: SourceLocation(file: path, line: 1)), at: 0)
        }
        if files.isEmpty && missing.isEmpty {
            result.diagnostics.append(Diagnostic(.error, .noPages, "no pages (.html, .htm, .dita, .xml) found", at: SourceLocation(file: paths.joined(separator: " "), line: 1)))
        }
        return result
    }

    /// Reads and extracts every file (in parallel), then merges interfaces documented by several pages.
    public static func build(files: [PageFile], progress: (@Sendable (PageFile) -> Void)? = nil) -> Result {
        let extractions = Parallel.map(files) { file -> PageExtraction in
            defer { progress?(file) }
            switch PageReader.read(path: file.path, displayPath: file.display) {
            case .page(let page): return PageExtractor.extract(page)
            case .failure(let diagnostic): return PageExtraction(diagnostics: [diagnostic])
            }
        }
        return assemble(extractions)
    }

    /// Builds from pages already in memory (for tests and tools): `(displayPath, bytes)`.
    public static func build(pages: [(path: String, bytes: [UInt8])]) -> Result {
        let extractions = Parallel.map(pages) { page -> PageExtraction in
            switch PageReader.read(bytes: page.bytes, displayPath: page.path) {
            case .page(let document): return PageExtractor.extract(document)
            case .failure(let diagnostic): return PageExtraction(diagnostics: [diagnostic])
            }
        }
        return assemble(extractions)
    }

    static func assemble(_ extractions: [PageExtraction]) -> Result {
        var diagnostics = DiagnosticBag()
        for extraction in extractions { diagnostics.append(contentsOf: extraction.diagnostics) }
        var interfaces = InterfaceMerger.merge(extractions.flatMap(\.interfaces), diagnostics: &diagnostics)
        var codes: [String: ResultCode] = [:]
        for code in extractions.flatMap(\.resultCodes) {
            if let existing = codes[code.code] {
                if existing.description != code.description, !code.description.containsCJK, !existing.description.containsCJK {
                    diagnostics.warning(.resultCodeConflict, "result code \(code.code) is described differently in \(existing.location): '\(existing.description)'", at: code.location)
                }
                continue
            }
            codes[code.code] = code
        }
        let resultCodes = codes.values.sorted { $0.code < $1.code }
        for index in interfaces.indices {
            interfaces[index].envelope = EnvelopeDecider.envelope(of: interfaces[index], resultCodes: resultCodes, diagnostics: &diagnostics)
        }
        let schema = SchemaDocument(interfaces: interfaces, resultCodes: resultCodes)
        return Result(schema: schema, diagnostics: diagnostics.sorted)
    }
}
