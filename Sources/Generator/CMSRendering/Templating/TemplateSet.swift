import CMSSchema
import Foundation
import Mustache

/// The Mustache templates: the built-in ones, compiled into the binary from the package's `Templates/` folder (the
/// EmbedBuiltIns plugin), each replaceable by a file of the same name in an override folder (`--templates DIR`).
public struct TemplateSet: Sendable {
    /// The templates every generation needs.
    public static let requiredNames = [
        "interface", "request", "response", "enumeration", "alias", "typeName", "operation", "client", "clientProtocol", "resultCodes", "sharedType",
    ]

    /// One template's text and where it came from.
    public struct Source: Sendable, Hashable {
        public var name: String
        /// The file, for messages: the override's path, or `Templates/<name>.mustache` for a built-in one.
        public var file: String
        public var text: String
    }

    /// The built-in templates, by name.
    public static let builtIn: [String: Source] = Dictionary(
        uniqueKeysWithValues: builtInTemplates.map { ($0.name, Source(name: $0.name, file: "Templates/\($0.name).mustache", text: $0.text)) }
    )

    let library: MustacheLibrary
    /// Template name → the file it was read from, for messages.
    public let files: [String: String]

    /// Loads the built-in templates and the overrides; a template that does not parse is a diagnostic naming the file,
    /// line and column.
    public static func load(overrides: String? = nil) -> (TemplateSet?, [Diagnostic]) {
        let (sources, found) = sources(overrides: overrides)
        return load(sources, diagnostics: found)
    }

    /// Parses `sources` (template name → text); `diagnostics` are those found while collecting them.
    public static func load(_ sources: [String: Source], diagnostics found: [Diagnostic] = []) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics = found
        var templates: [String: MustacheTemplate] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try MustacheTemplate(string: source.text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(Diagnostic(
                    .error, .template, "template '\(name)' does not parse: \(error.error)",
                    at: SourceLocation(file: source.file, line: error.context.lineNumber, column: error.context.columnNumber)
                ))
            } catch {
                diagnostics.append(Diagnostic(.error, .template, "template '\(name)' does not parse: \(error)", at: SourceLocation(file: source.file, line: 1)))
            }
        }
        for name in requiredNames where sources[name] == nil {
            diagnostics.append(Diagnostic(.error, .template, "missing template '\(name).mustache'", at: SourceLocation(file: "Templates", line: 1)))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        return (TemplateSet(library: MustacheLibrary(templates: templates), files: sources.mapValues(\.file)), diagnostics)
    }

    /// Template name → its text and file: the built-in one, replaced by the override folder's file of the same name.
    /// A folder that does not exist, or a file that cannot be read, is an error.
    public static func sources(overrides: String? = nil) -> (sources: [String: Source], diagnostics: [Diagnostic]) {
        var sources = builtIn
        var diagnostics: [Diagnostic] = []
        guard let overrides else { return (sources, diagnostics) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: overrides, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (sources, [Diagnostic(.error, .template, "template folder not found", at: SourceLocation(file: overrides, line: 1))])
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: overrides)) ?? []
        for fileName in names.sorted() where fileName.hasSuffix(".mustache") {
            let name = String(fileName.dropLast(".mustache".count))
            let file = overrides + "/" + fileName
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, .template, "cannot read template", at: SourceLocation(file: file, line: 1)))
                continue
            }
            sources[name] = Source(name: name, file: file, text: text)
        }
        return (sources, diagnostics)
    }

    /// Renders `context` with the template `name`; the context is handed over as plain data (`TemplateData`), never
    /// reflected.
    func render(_ context: some Encodable, template name: String) throws(RenderError) -> String {
        let data: Any
        do {
            data = try TemplateData.make(context)
        } catch {
            throw RenderError(message: "cannot prepare the context of '\(name)': \(error)", file: files[name] ?? name)
        }
        guard let text = library.render(data, withTemplate: name) else {
            throw RenderError(message: "unknown template '\(name)'", file: files[name] ?? name)
        }
        return text
    }

    struct RenderError: Error {
        var message: String
        var file: String
    }
}
