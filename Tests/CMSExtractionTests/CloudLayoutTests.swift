import CMSExtraction
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// Snippet pages in the vendor's second layout (a URI section with `METHOD /path`, captions that name types, statuses),
/// one per fact class, each read alone and compared with its expected facts (`Fixtures/cloud/<page>.facts`, written by
/// hand from the page and `Fixtures/cloud/README.md`).
@Suite struct CloudLayoutTests {
    static let folder = TestSupport.packageRoot + "/Tests/Fixtures/cloud"

    static let pages: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".html") }.sorted()
    }()

    @Test func everyPageHasItsExpectedFacts() {
        #expect(!Self.pages.isEmpty)
        for page in Self.pages {
            let facts = page.replacingOccurrences(of: ".html", with: ".facts")
            #expect(FileManager.default.fileExists(atPath: Self.folder + "/" + facts), "\(page) has no \(facts)")
        }
    }

    @Test(arguments: pages)
    func pageGivesItsExpectedFacts(_ page: String) throws {
        let result = SchemaBuilder.build(paths: [Self.folder + "/" + page], relativeTo: TestSupport.packageRoot)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        Snippet.expectCompilerFormat(result.diagnostics)
        let actual = Facts.of(result.schema)
        let expectedPath = Self.folder + "/" + page.replacingOccurrences(of: ".html", with: ".facts")
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        guard actual != expected else { return }
        let actualPath = NSTemporaryDirectory() + "actual-" + page.replacingOccurrences(of: ".html", with: ".facts")
        try actual.write(toFile: actualPath, atomically: true, encoding: .utf8)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let missing = expectedLines.filter { !actualLines.contains($0) }
        let extra = actualLines.filter { !expectedLines.contains($0) }
        Issue.record("\(page): facts differ (diff -u \(expectedPath) \(actualPath))\nexpected, not read:\n\(missing.joined(separator: "\n"))\nread, not expected:\n\(extra.joined(separator: "\n"))")
    }
}

/// The facts of a schema, one per line, in the notation of `Fixtures/cloud/*.facts`: operations, authentication,
/// parameters, request fields and responses with their types, requirements and constraints.
enum Facts {
    static func of(_ schema: SchemaDocument) -> String {
        schema.interfaces.map(of).joined(separator: "\n\n") + "\n"
    }

    static func of(_ interface: Interface) -> String {
        var lines = ["operation \(interface.method) \(interface.path)"]
        let authentication = interface.authentication
        lines.append(["authentication", authentication.scheme.rawValue, authentication.scheme == .unspecified ? nil : authentication.header].compactMap { $0 }.joined(separator: " "))
        for (place, fields) in [("path", interface.pathParameters), ("query", interface.queryParameters), ("header", interface.headerParameters)] {
            for field in fields { lines.append(line(place, field.name, field, withRequirement: true)) }
        }
        if let request = interface.request {
            lines += fields(request.fields, prefix: "request", path: "", in: interface, withRequirement: true)
        }
        for response in interface.responses {
            lines.append("response \(response.status)" + (response.isSuccess ? " success" : "") + (response.isEmpty ? " empty" : ""))
            if let body = response.body {
                lines += fields(body.fields, prefix: "response \(response.status)", path: "", in: interface, withRequirement: false)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func fields(_ fields: [Field], prefix: String, path: String, in interface: Interface, withRequirement: Bool, depth: Int = 0) -> [String] {
        var lines: [String] = []
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            lines.append(line(prefix, fieldPath, field, withRequirement: withRequirement))
            if field.object != nil, depth < 8 {
                lines += self.fields(interface.fields(of: field), prefix: prefix, path: fieldPath, in: interface, withRequirement: withRequirement, depth: depth + 1)
            }
        }
        return lines
    }

    static func line(_ prefix: String, _ name: String, _ field: Field, withRequirement: Bool) -> String {
        var parts = [prefix, name, type(field.type)]
        if withRequirement { parts.append(field.requirement.rawValue) }
        let constraints = field.constraints
        if let minimum = constraints.minimum.map(String.init) ?? constraints.decimalMinimum.map({ "\($0)" }) { parts.append("min=\(minimum)") }
        if let maximum = constraints.maximum.map(String.init) ?? constraints.decimalMaximum.map({ "\($0)" }) { parts.append("max=\(maximum)") }
        if let minLength = constraints.minLength { parts.append("minLength=\(minLength)") }
        if let maxLength = constraints.maxLength { parts.append("maxLength=\(maxLength)") }
        if let defaultValue = field.defaultValue { parts.append("default=\(defaultValue)") }
        if let values = field.enumeration?.values, !values.isEmpty { parts.append("values=" + values.map(\.value).joined(separator: "|")) }
        return parts.joined(separator: " ")
    }

    static func type(_ type: FieldType) -> String {
        switch type.kind {
        case .array: "array<\(type.element?.rawValue ?? "?")>"
        case .map: "map<\(type.element?.rawValue ?? "?")>"
        default: type.kind.rawValue
        }
    }
}
