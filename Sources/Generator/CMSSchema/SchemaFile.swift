import CMSSupport
import Foundation

/// A schema written by `cmsgen parse`, read back: for `cmsgen generate --schema` (a hand-corrected schema) and
/// `cmsgen diff` (an edition kept as JSON).
public enum SchemaFile {
    /// Reads a schema JSON file (`cmsgen parse` output); a file that is not one is an error diagnostic.
    public static func load(_ path: String, relativeTo base: String) -> (SchemaDocument?, [Diagnostic]) {
        let absolute = DisplayPath.absolute(path, base: base)
        let display = DisplayPath.relative(absolute, to: base)
        let start = SourceLocation(file: display, line: 1)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            return (nil, [Diagnostic(.error, .schemaFile, "cannot read the schema file", at: start)])
        }
        do {
            _ = try JSONText.parse(String(decoding: data, as: UTF8.self))
        } catch {
            return (nil, [Diagnostic(.error, .schemaFile, "the schema file is not valid JSON: \(error.message)", at: SourceLocation(file: display, line: error.line, column: error.column))])
        }
        struct Version: Decodable { var schemaVersion: Int? }
        let version = (try? JSONDecoder().decode(Version.self, from: data))?.schemaVersion
        guard version == SchemaDocument.currentVersion else {
            let found = version.map { "version \($0)" } ?? "no schemaVersion"
            return (nil, [Diagnostic(.error, .schemaFile, "the schema file has \(found); this cmsgen reads version \(SchemaDocument.currentVersion) (write it again with `cmsgen parse`)", at: start)])
        }
        do {
            // A schema written or corrected by hand is held to the same nesting rule as one extraction writes.
            var schema = try JSONDecoder().decode(SchemaDocument.self, from: data)
            var diagnostics: [Diagnostic] = []
            for index in schema.interfaces.indices {
                diagnostics += Nesting.limit(&schema.interfaces[index]).map { Nesting.diagnostic($0) }
            }
            return (schema, diagnostics)
        } catch let DecodingError.keyNotFound(key, context) {
            return (nil, [Diagnostic(.error, .schemaFile, "the schema file lacks '\(key.stringValue)' at \(codingPathText(context.codingPath))", at: start)])
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context) {
            return (nil, [Diagnostic(.error, .schemaFile, "the schema file has a wrong value at \(codingPathText(context.codingPath)): \(context.debugDescription)", at: start)])
        } catch {
            return (nil, [Diagnostic(.error, .schemaFile, "the schema file cannot be read: \(error)", at: start)])
        }
    }

    static func codingPathText(_ codingPath: [any CodingKey]) -> String {
        let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "the top level" : String(text.drop(while: { $0 == "." }))
    }

}
