import CMSDiff
import CMSExtraction
import CMSSchema
import Foundation
import Testing

/// `cmsgen diff` on the whole published reference of the second layout against a second edition of it, made in a
/// scratch folder by the edits below: one page gone, one new, a common header added, error codes and statuses of the
/// appendices changed, a field added to a shared fragment, and a page that changes from AK/SK to a token. What the
/// report must say is written out in full.
@Suite struct PublishedEditionTests {
    static let root = PublishedReferenceTests.root
    static let folder = PublishedReferenceTests.cloudFolder

    /// An edit of one page of the second edition.
    enum Edit {
        /// Replace the first occurrence of a text.
        case replace(String, String, with: String)
        /// Remove the table row that holds the text.
        case removeRow(String, holding: String)
        /// Add, after the table row that holds the text, a copy of it with one text replaced.
        case copyRow(String, holding: String, replacing: String, with: String)
        /// Remove a page.
        case removePage(String)
        /// Add a page: a copy of another with texts replaced.
        case copyPage(String, to: String, replacing: [(String, String)])
    }

    static let edits: [Edit] = [
        .removePage("gzs_02_0202.html"),
        .copyPage("gzs_02_0201.html", to: "gzs_02_0203.html", replacing: [
            ("Querying Gizmo Tags", "Querying Gizmo Labels"), ("GET /v2/{project_id}/gizmos/{gizmo_id}/tags", "GET /v2/{project_id}/gizmos/{gizmo_id}/labels"),
            ("/gizmos/8d2e4f60-1b3a-4c5d-9e7f-a0b1c2d3e4f5/tags", "/gizmos/8d2e4f60-1b3a-4c5d-9e7f-a0b1c2d3e4f5/labels"),
        ]),
        .copyRow("gzs_02_0504.html", holding: ">X-Language<", replacing: ">X-Language<", with: ">X-Request-Id<"),
        .replace("gzs_02_0502.html", ">The token is missing, malformed or expired.<", with: ">The token is missing, malformed, expired or revoked.<"),
        .removeRow("gzs_02_0502.html", holding: ">GZS.0402<"),
        .copyRow("gzs_02_0502.html", holding: ">GZS.0901<", replacing: ">GZS.0901<", with: ">GZS.0902<"),
        .removeRow("gzs_02_0501.html", holding: ">100<"),
        .copyRow("gzs_02_0107.html", holding: ">job_id<", replacing: ">job_id<", with: ">job_type<"),
        .removeRow("gzs_02_0101.html", holding: ">Authorization<"),
        .replace("gzs_02_0101.html", ">X-Sdk-Date<", with: ">X-Auth-Token<"),
    ]

    /// The range of the `<tr>…</tr>` that holds `marker`.
    static func row(in text: String, holding marker: String) throws -> Range<String.Index> {
        let at = try #require(text.range(of: marker), "\(marker)")
        let start = try #require(text.range(of: "<tr", options: .backwards, range: text.startIndex..<at.lowerBound))
        let end = try #require(text.range(of: "</tr>", range: at.upperBound..<text.endIndex))
        return start.lowerBound..<end.upperBound
    }

    /// Both editions in a scratch folder: `old` as published, `new` with the edits.
    static func editions() throws -> (base: String, old: String, new: String) {
        let base = NSTemporaryDirectory() + "cmsgen-edition-\(UUID().uuidString)"
        let manager = FileManager.default
        try manager.createDirectory(atPath: base, withIntermediateDirectories: true)
        try manager.copyItem(atPath: "\(root)/\(folder)", toPath: base + "/old")
        try manager.copyItem(atPath: "\(root)/\(folder)", toPath: base + "/new")
        func read(_ page: String) throws -> String { try String(contentsOfFile: "\(base)/new/\(page)", encoding: .utf8) }
        func write(_ page: String, _ text: String) throws { try text.write(toFile: "\(base)/new/\(page)", atomically: true, encoding: .utf8) }
        for edit in edits {
            switch edit {
            case .replace(let page, let old, let new):
                let text = try read(page)
                let range = try #require(text.range(of: old), "\(page): \(old)")
                try write(page, text.replacingCharacters(in: range, with: new))
            case .removeRow(let page, let marker):
                var text = try read(page)
                text.removeSubrange(try row(in: text, holding: marker))
                try write(page, text)
            case .copyRow(let page, let marker, let old, let new):
                var text = try read(page)
                let range = try row(in: text, holding: marker)
                text.insert(contentsOf: "\n" + text[range].replacingOccurrences(of: old, with: new), at: range.upperBound)
                try write(page, text)
            case .removePage(let page):
                try manager.removeItem(atPath: "\(base)/new/\(page)")
            case .copyPage(let page, let target, let replacements):
                var text = try read(page)
                for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
                try write(target, text)
            }
        }
        return (base, base + "/old", base + "/new")
    }

    @Test func theWholeReferenceGoesThroughDiffAgainstItsSecondEdition() throws {
        let (base, oldFolder, newFolder) = try Self.editions()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let old = Edition.load(oldFolder, relativeTo: base)
        let new = Edition.load(newFolder, relativeTo: base)
        #expect(!old.diagnostics.contains { $0.severity == .error } && !new.diagnostics.contains { $0.severity == .error }, "\(new.diagnostics.filter { $0.severity == .error })")
        let changes = SchemaDiff(old: old.schema, new: new.schema, oldNames: old.names, newNames: new.names).changes
        let found = Set(changes.map { [$0.check.id, $0.interface, $0.field].filter { !$0.isEmpty }.joined(separator: " ") })

        // The common header reaches every interface of the new edition that it had before.
        let kept = new.schema.interfaces.filter { interface in old.schema.interfaces.contains { $0.method == interface.method && $0.path == interface.path } }
        var expected = Set(kept.map { "optional-field-added \($0.method) \($0.path) header X-Request-Id" })
        expected.formUnion([
            "interface-removed POST /v2/{project_id}/gizmos/{gizmo_id}/tags/action",
            "interface-added GET /v2/{project_id}/gizmos/{gizmo_id}/labels",
            "result-code-changed GZS.0201",
            "result-code-removed GZS.0402",
            "result-code-added GZS.0902",
            "status-code-removed 100",
            // A field of the shared fragment changes both interfaces that link to it.
            "response-field-added DELETE /v2/{project_id}/gizmos/{gizmo_id} job_type",
            "response-field-added POST /v2/{project_id}/gizmos/{gizmo_id}/action job_type",
            "authentication-removed POST /v2/{project_id}/gizmos",
            "authentication-added POST /v2/{project_id}/gizmos",
        ])
        #expect(found.subtracting(expected).isEmpty, "reported, not expected: \(found.subtracting(expected).sorted())")
        #expect(expected.subtracting(found).isEmpty, "expected, not reported: \(expected.subtracting(found).sorted())")

        // The report names the page and line of each change, and ranks the two breaking ones.
        let report = DiffReport(changes: changes)
        #expect(report.hasChanges(atLeast: .breaking))
        let text = report.text()
        #expect(text.contains("new/gzs_02_0502.html:"), "\(text)")
        #expect(text.contains("error: POST /v2/{project_id}/gizmos: requests are no longer accepted signed with aksk"), "\(text)")
        #expect(changes.filter { $0.severity == .breaking }.map(\.check).sorted { $0.id < $1.id } == [.authenticationRemoved, .interfaceRemoved])
    }

    @Test func anEditionComparedWithItselfHasNoChanges() throws {
        let edition = Edition.load(Self.folder, relativeTo: Self.root)
        #expect(SchemaDiff(old: edition.schema, new: edition.schema).changes.isEmpty)
    }
}
