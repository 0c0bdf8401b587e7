import CMSSchema
import Foundation
import Mustache

/// The Mustache templates: the built-in ones from the package's `Templates/` folder, each replaceable by a file of the
/// same name in an override folder (`--templates DIR`).
public struct TemplateSet: Sendable {
    /// The templates every generation needs.
    public static let requiredNames = [
        "interface", "request", "response", "enumeration", "alias", "typeName", "operation", "client", "clientProtocol", "resultCodes", "sharedType",
    ]

    /// The package's own `Templates/` folder, found from this source file.
    public static let builtInDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Templates").path
    }()

    let library: MustacheLibrary
    /// Template name → the file it was read from, for messages.
    public let files: [String: String]

    /// Loads the built-in templates and the overrides; a template that does not parse is a diagnostic naming the file,
    /// line and column.
    public static func load(builtIn: String = builtInDirectory, overrides: String? = nil) -> (TemplateSet?, [Diagnostic]) {
        let (files, found) = templateFiles(builtIn: builtIn, overrides: overrides)
        var diagnostics = found
        var templates: [String: MustacheTemplate] = [:]
        for (name, file) in files.sorted(by: { $0.key < $1.key }) {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, "cannot read template", at: SourceLocation(file: file, line: 1)))
                continue
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(Diagnostic(
                    .error, "template '\(name)' does not parse: \(error.error)",
                    at: SourceLocation(file: file, line: error.context.lineNumber, column: error.context.columnNumber)
                ))
            } catch {
                diagnostics.append(Diagnostic(.error, "template '\(name)' does not parse: \(error)", at: SourceLocation(file: file, line: 1)))
            }
        }
        for name in requiredNames where files[name] == nil {
            diagnostics.append(Diagnostic(.error, "missing template '\(name).mustache'", at: SourceLocation(file: builtIn, line: 1)))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        return (TemplateSet(library: MustacheLibrary(templates: templates), files: files), diagnostics)
    }

    /// Template name → the file that defines it: the built-in folder's, replaced by the override folder's of the same
    /// name. A folder that does not exist is an error.
    public static func templateFiles(builtIn: String = builtInDirectory, overrides: String? = nil) -> (files: [String: String], diagnostics: [Diagnostic]) {
        var files: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for directory in [builtIn] + (overrides.map { [$0] } ?? []) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                diagnostics.append(Diagnostic(.error, "template folder not found", at: SourceLocation(file: directory, line: 1)))
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where name.hasSuffix(".mustache") {
                files[String(name.dropLast(".mustache".count))] = directory + "/" + name
            }
        }
        return (files, diagnostics)
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
