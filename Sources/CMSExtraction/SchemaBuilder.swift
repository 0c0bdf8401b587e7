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
    /// sorted by path; files are taken as given.
    public static func pageFiles(in paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { missing.append(path); continue }
            if isDirectory.boolValue {
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                let found = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { name in ["html", "htm", "dita", "xml"].contains((name as NSString).pathExtension.lowercased()) }
                    .sorted()
                    .map { base + "/" + $0 }
                files.append(contentsOf: found)
            } else {
                files.append(path)
            }
        }
        return (files, missing)
    }

    /// Reads every page the files and folders name; a path that does not exist, or a list that names no page, is an error.
    public static func build(paths: [String]) -> Result {
        let (files, missing) = pageFiles(in: paths)
        var result = build(files: files)
        for path in missing.reversed() {
            result.diagnostics.insert(Diagnostic(.error, "no such file or folder", at: SourceLocation(file: path, line: 1)), at: 0)
        }
        if files.isEmpty && missing.isEmpty {
            result.diagnostics.append(Diagnostic(.error, "no pages (.html, .htm, .dita, .xml) found", at: SourceLocation(file: paths.joined(separator: " "), line: 1)))
        }
        return result
    }

    /// Reads and extracts every file (in parallel), then merges interfaces documented by several pages.
    public static func build(files: [String]) -> Result {
        let extractions = Parallel.map(files) { file -> PageExtraction in
            switch PageReader.read(path: file) {
            case .page(let page): return PageExtractor.extract(page)
            case .failure(let diagnostic): return PageExtraction(interface: nil, resultCodes: [], diagnostics: [diagnostic])
            }
        }
        return assemble(extractions)
    }

    /// Builds from pages already in memory (for tests and tools): `(displayPath, bytes)`.
    public static func build(pages: [(path: String, bytes: [UInt8])]) -> Result {
        let extractions = Parallel.map(pages) { page -> PageExtraction in
            switch PageReader.read(bytes: page.bytes, displayPath: page.path) {
            case .page(let document): return PageExtractor.extract(document)
            case .failure(let diagnostic): return PageExtraction(interface: nil, resultCodes: [], diagnostics: [diagnostic])
            }
        }
        return assemble(extractions)
    }

    static func assemble(_ extractions: [PageExtraction]) -> Result {
        var diagnostics = DiagnosticBag()
        for extraction in extractions { diagnostics.append(contentsOf: extraction.diagnostics) }
        let interfaces = InterfaceMerger.merge(extractions.compactMap(\.interface), diagnostics: &diagnostics)
        var codes: [String: ResultCode] = [:]
        for code in extractions.flatMap(\.resultCodes) {
            if let existing = codes[code.code] {
                if existing.description != code.description, !code.description.containsCJK, !existing.description.containsCJK {
                    diagnostics.warning("result code \(code.code) is described differently in \(existing.location): '\(existing.description)'", at: code.location)
                }
                continue
            }
            codes[code.code] = code
        }
        let schema = SchemaDocument(interfaces: interfaces, resultCodes: codes.values.sorted { $0.code < $1.code })
        return Result(schema: schema, diagnostics: diagnostics.sorted)
    }
}

/// Order-preserving parallel map over independent items (pages parse independently; libxml2 allows it).
enum Parallel {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 1 else { return inputs.map(transform) }
        let results = ResultSlots<Output>(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results.set(index, transform(inputs[index]))
        }
        return results.values
    }

    private final class ResultSlots<Output>: @unchecked Sendable {
        private var slots: [Output?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Output) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        var values: [Output] { slots.map { $0! } }
    }
}
