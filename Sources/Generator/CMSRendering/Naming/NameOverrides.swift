import CMSSchema
import CMSSupport
import Foundation

/// Swift names a maintainer pins in a committed file (`cmsgen-names.json` beside the pages): a JSON object from
/// name keys to Swift names. Every name cmsgen derives in a way worth a second look comes with a diagnostic that
/// quotes its key.
///
/// | key | names |
/// | --- | --- |
/// | `POST /rest/…/querydetailcallinfo` | the operation (the client method; its types' namespace is the same name, capitalised) |
/// | `POST /rest/… request resultDesc.callId` | a property, by its wire path in the request or response body |
/// | `POST /rest/… response resultDesc (type)` | the type of an object or of documented values, by the field that refers to it |
/// | `POST /rest/… response result=0` | a case of documented values: the field, `=`, the value |
/// | `GET /rest/… path ccId`, `GET /rest/… query limit`, `GET /v3/… header X-Language` | a path, query or header parameter |
public struct NameOverrides: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var location: SourceLocation
    }

    public private(set) var entries: [String: Entry] = [:]
    /// The file the entries come from, if any.
    public var file: String?

    public init(_ names: [String: String] = [:], file: String? = nil) {
        self.file = file
        for (key, name) in names { entries[key] = Entry(name: name, location: SourceLocation(file: file ?? "names", line: 1)) }
    }

    /// The file name cmsgen looks for in each folder of pages.
    public static let fileName = "cmsgen-names.json"

    /// Reads an overrides file. A file that is not a JSON object of strings, or a name that is not a Swift identifier,
    /// is an error that names the line; the keys and names it quotes are shown by `DiagnosticText.visible` (no control
    /// or bidirectional character is echoed, and a long one is cut).
    public static func load(path: String, displayPath: String) -> (NameOverrides, [Diagnostic]) {
        var overrides = NameOverrides(file: displayPath)
        guard let data = FileManager.default.contents(atPath: path) else {
            return (overrides, [Diagnostic(.error, .namesFile, "cannot read the names file", at: SourceLocation(file: displayPath, line: 1))])
        }
        let parsed: JSONText
        do {
            parsed = try JSONText.parse(String(decoding: data, as: UTF8.self))
        } catch {
            return (overrides, [Diagnostic(.error, .namesFile, "the names file is not valid JSON: \(error.message)", at: SourceLocation(file: displayPath, line: error.line, column: error.column))])
        }
        guard case .object(let members) = parsed.value else {
            return (overrides, [Diagnostic(.error, .namesFile, "the names file must be a JSON object of name keys and Swift names", at: SourceLocation(file: displayPath, line: 1))])
        }
        var diagnostics = parsed.warnings.map { Diagnostic(.warning, .namesFile, $0.message, at: SourceLocation(file: displayPath, line: $0.line, column: $0.column)) }
        for key in members.keys.sorted() {
            let location = SourceLocation(file: displayPath, line: parsed.keyLines[key] ?? 1)
            guard case .string(let name) = members[key]! else {
                diagnostics.append(Diagnostic(.error, .namesFile, "the name for '\(DiagnosticText.visible(key))' must be a string", at: location))
                continue
            }
            guard Identifier.isValid(name) else {
                diagnostics.append(Diagnostic(.error, .namesFile, "'\(DiagnosticText.visible(name))' is not a Swift identifier (ASCII letters, digits and _, not starting with a digit)", at: location))
                continue
            }
            overrides.entries[key] = Entry(name: name, location: location)
        }
        return (overrides, diagnostics)
    }

    /// The names files of the page folders among `paths` (each folder's `cmsgen-names.json`, if it has one), then
    /// `extra`, merged in that order; paths are relative to `base`, and so are the locations of diagnostics.
    public static func load(pageFolders paths: [String], extra: String? = nil, relativeTo base: String) -> (NameOverrides, [Diagnostic]) {
        var overrides = NameOverrides()
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        for path in paths {
            let candidate = DisplayPath.absolute(path, base: base) + "/" + fileName
            if FileManager.default.fileExists(atPath: candidate) { files.append(candidate) }
        }
        if let extra { files.append(DisplayPath.absolute(extra, base: base)) }
        for file in files {
            let (loaded, found) = load(path: file, displayPath: DisplayPath.relative(file, to: base))
            overrides.merge(loaded)
            diagnostics += found
        }
        return (overrides, diagnostics)
    }

    /// Adds the entries of `other`; on a key both have, `other` wins.
    public mutating func merge(_ other: NameOverrides) {
        entries.merge(other.entries) { _, new in new }
    }

    public subscript(key: String) -> String? { entries[key]?.name }
}
