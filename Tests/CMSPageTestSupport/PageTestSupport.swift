import CMSExtraction
import CMSSchema
import CMSTestSupport
import Foundation

/// Pages of the package, read and extracted: the helpers of the generator's stage tests.
extension TestSupport {
    /// The bundled pages, as the README's main command reads them: relative paths `specs/…`.
    public static let specsResult: SchemaBuilder.Result = SchemaBuilder.build(pages: specFiles().map(page))

    /// A page of the package as `(path relative to the package, bytes)`.
    public static func page(_ relativePath: String) -> (path: String, bytes: [UInt8]) {
        (relativePath, [UInt8](FileManager.default.contents(atPath: packageRoot + "/" + relativePath) ?? Data()))
    }

    public static func specFiles() -> [String] {
        SchemaBuilder.pageFiles(in: ["specs"], relativeTo: packageRoot).files.map(\.display)
    }

    /// Extracts one page by itself.
    public static func extract(_ relativePath: String) -> PageExtraction {
        let result = SchemaBuilder.build(pages: [page(relativePath)])
        return PageExtraction(interfaces: result.schema.interfaces, resultCodes: result.schema.resultCodes, diagnostics: result.diagnostics)
    }
}
