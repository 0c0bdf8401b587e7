import CMSReading
import CMSSchema
import CMSSupport
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
                files.append(PageFile(path: absolute, display: DisplayPath.relative(absolute, to: base), isNamed: true))
            }
        }
        return (files, missing)
    }

    /// A page to read: where it is, how locations name it, and whether it was named on its own (not found in a folder).
    public struct PageFile: Sendable, Hashable {
        public var path: String
        public var display: String
        /// Named on the command line as a file: a page that yields nothing is an error, not a note.
        public var isNamed: Bool

        public init(path: String, display: String, isNamed: Bool = false) {
            self.path = path
            self.display = display
            self.isNamed = isNamed
        }
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
        let surveys = Parallel.map(files) { file -> PageRead in
            defer { progress?(file) }
            switch PageReader.read(path: file.path, displayPath: file.display) {
            case .page(let page): return .page(PageSurvey(page), isNamed: file.isNamed)
            case .failure(let diagnostic): return .failure(diagnostic)
            }
        }
        return assemble(extract(surveys))
    }

    /// Builds from pages already in memory (for tests and tools): `(displayPath, bytes)`, each read as found in a folder
    /// unless `named` names its path (as a file named on the command line).
    public static func build(pages: [(path: String, bytes: [UInt8])], named: Set<String> = []) -> Result {
        let surveys = Parallel.map(pages) { page -> PageRead in
            switch PageReader.read(bytes: page.bytes, displayPath: page.path) {
            case .page(let document): return .page(PageSurvey(document), isNamed: named.contains(page.path))
            case .failure(let diagnostic): return .failure(diagnostic)
            }
        }
        return assemble(extract(surveys))
    }

    /// A file after the first pass: a page read and classified, or why it could not be read.
    enum PageRead: Sendable {
        case page(PageSurvey, isNamed: Bool)
        case failure(Diagnostic)
    }

    /// The second pass: every page's extraction, with the fragments of the pages that are not interfaces at hand. A page
    /// named as a file that yields neither an interface nor reference material is an error.
    static func extract(_ reads: [PageRead]) -> [PageExtraction] {
        let library = FragmentLibrary(reads.compactMap { if case .page(let survey, _) = $0 { survey.fragment } else { nil } })
        var extractions = Parallel.map(reads) { read -> PageExtraction in
            switch read {
            case .page(let survey, _): return PageExtractor.extract(survey, library: library)
            case .failure(let diagnostic): return PageExtraction(diagnostics: [diagnostic])
            }
        }
        let linked = extractions.reduce(into: Set<String>()) { $0.formUnion($1.linkedPages) }
        let valueLinked = extractions.reduce(into: Set<String>()) { $0.formUnion($1.valuePages) }
        for index in extractions.indices {
            // A page that looked like an interface without its request line, but that other pages link to for their
            // fields, is a fragment: a page of data structures.
            if var page = extractions[index].page, page.kind == .interface, extractions[index].interfaces.isEmpty, linked.contains(page.file) {
                page.kind = .fragment
                extractions[index].page = page
                extractions[index].diagnostics.removeAll { $0.kind == .noInterface }
            }
            // A page named on its own that was meant to be an interface and yields none, or that has a table of
            // parameters it cannot read, fails the run; in a folder these are warnings.
            if case .page(_, true) = reads[index] {
                for slot in extractions[index].diagnostics.indices {
                    let kind = extractions[index].diagnostics[slot].kind
                    guard kind == .tableWithoutParameterColumn || kind == .noInterface && extractions[index].interfaces.isEmpty else { continue }
                    extractions[index].diagnostics[slot].severity = .error
                    for tail in ["; the page is left out", "; the interface is read without it"] {
                        extractions[index].diagnostics[slot].message = extractions[index].diagnostics[slot].message.replacingOccurrences(of: tail, with: "")
                    }
                }
            }
            guard case .page(let survey, let isNamed) = reads[index], var page = extractions[index].page, page.kind != .interface else { continue }
            if linked.contains(page.file) {
                let users = extractions.filter { $0.linkedPages.contains(page.file) }.compactMap { $0.page?.file }
                page.kind = .fragment
                page.reason = "linked from \(Self.listed(users)) for its fields"
                extractions[index].page = page
            } else if valueLinked.contains(page.file) {
                let users = extractions.filter { $0.valuePages.contains(page.file) }.compactMap { $0.page?.file }
                page.kind = .appendix
                page.reason = "linked from \(Self.listed(users)) for the values of a field"
                extractions[index].page = page
            }
            let start = SourceLocation(file: page.file, line: survey.page.title?.line ?? 1, column: survey.page.title?.column ?? 1)
            let contributes = page.kind == .fragment || valueLinked.contains(page.file) || Self.contributes(extractions[index])
            if isNamed && !contributes {
                extractions[index].diagnostics.append(Diagnostic(.error, .noInterface, "no recognisable interface: \(page.reason)", at: start))
            } else {
                extractions[index].diagnostics.append(Diagnostic(.note, .pageNotInterface, "\(page.kind.article) \(page.kind.rawValue), not an interface: \(page.reason)", at: start))
            }
        }
        // A reference in which no page documents an interface or reference material has nothing to give.
        if extractions.allSatisfy({ $0.page != nil && $0.page?.kind != .interface && !Self.contributes($0) && !$0.diagnostics.contains { $0.severity == .error } }),
           let page = extractions.first?.page {
            extractions[0].diagnostics.append(Diagnostic(
                .error, .noInterface,
                "no recognisable interface: none of the \(extractions.count) page\(extractions.count == 1 ? "" : "s") read documents an interface or reference material",
                at: SourceLocation(file: page.file, line: 1)
            ))
        }
        return extractions
    }

    /// Whether an appendix documents something the interfaces use: result codes, statuses, common request headers.
    static func contributes(_ extraction: PageExtraction) -> Bool {
        !extraction.resultCodes.isEmpty || !extraction.statusCodes.isEmpty || !extraction.commonHeaders.isEmpty
    }

    /// `a, b, c and 2 more`.
    static func listed(_ files: [String]) -> String {
        files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
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
        let reference = ReferenceMaterial(extractions)
        for index in interfaces.indices {
            // Every object within `Nesting.maximumDepth` of its body, and no cycle left, whatever the pages link: so
            // that no later stage recurses deeper.
            diagnostics.append(contentsOf: Nesting.limit(&interfaces[index]).map { Nesting.diagnostic($0) })
            reference.apply(to: &interfaces[index])
            interfaces[index].envelope = EnvelopeDecider.envelope(of: interfaces[index], resultCodes: resultCodes, diagnostics: &diagnostics)
            interfaces[index].errorBody = reference.errorBody(of: interfaces[index], resultCodes: resultCodes)
        }
        let pages = extractions.compactMap(\.page).sorted { $0.file < $1.file }
        let schema = SchemaDocument(
            pages: pages, interfaces: interfaces, resultCodes: resultCodes, statusCodes: reference.statusCodes, commonHeaders: reference.commonHeaders
        )
        return Result(schema: schema, diagnostics: diagnostics.sorted)
    }
}
