import CMSExtraction
import CMSRendering
import CMSSchema
import Foundation

/// One edition of the docs: a folder (or file) of pages, or a schema written by `cmsgen parse`, with the Swift names
/// its folder pins.
public struct Edition: Sendable {
    public var schema: SchemaDocument
    public var names: NameOverrides
    public var diagnostics: [Diagnostic]

    /// Reads `path`: a `.json` file is a schema, anything else pages.
    public static func load(_ path: String, relativeTo base: String, progress: (@Sendable (SchemaBuilder.PageFile) -> Void)? = nil) -> Edition {
        if path.lowercased().hasSuffix(".json") {
            let (schema, diagnostics) = SchemaFile.load(path, relativeTo: base)
            return Edition(schema: schema ?? SchemaDocument(), names: NameOverrides(), diagnostics: diagnostics)
        }
        let result = SchemaBuilder.build(paths: [path], relativeTo: base, progress: progress)
        let (names, namesDiagnostics) = NameOverrides.load(pageFolders: [path], extra: nil, relativeTo: base)
        return Edition(schema: result.schema, names: names, diagnostics: result.diagnostics + namesDiagnostics)
    }
}
