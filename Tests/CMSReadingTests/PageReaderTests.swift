import CMSReading
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The reading stage alone: markup in, document model out (titles, sections, tables with their captions, anchors,
/// cells split into paragraphs, items and notes, source lines), and hostile markup refused or read inertly. Nothing
/// here knows CC-CMS's conventions.
@Suite struct PageReaderTests {
    /// A topic whose link is written as each format writes it (`<a href>` in HTML, `<xref>` in DITA).
    static func page(_ format: String) -> PageBuilder.Page {
        let link = format == "html" ? PageBuilder.link("objects", "Table 2") : PageBuilder.xref("objects", "Table 2")
        return PageBuilder.Page(title: "Querying Test Records", parts: [
        .section("Request Description", [
            .paragraph("The request is sent as JSON."),
            .table(PageBuilder.Table(id: "request", caption: "Parameters in the request message body", header: ["Parameter", "Type", "Description"], rows: [
                ["ccId", "Integer", PageBuilder.Cell("The call center ID.", items: ["1: first", "2: second"], note: "Mandatory.")],
                ["vdn", "Integer", "See \(link)."],
            ])),
        ]),
        .section("Response Example", [.example(#"{"resultCode": "0100000"}"#)]),
        ])
    }

    struct NotAPage: Error { var diagnostic: Diagnostic }

    static func document(_ bytes: [UInt8], _ path: String) throws -> PageDocument {
        switch PageReader.read(bytes: bytes, displayPath: path) {
        case .page(let document): return document
        case .failure(let diagnostic): throw NotAPage(diagnostic: diagnostic)
        }
    }

    /// HTML and DITA of the same topic give the same model: title, headings, paragraphs, the table with its caption
    /// and anchor, cells split into paragraphs, list items and notes, and the example.
    @Test(arguments: ["html", "dita"])
    func aPageIsReadIntoTheDocumentModel(_ format: String) throws {
        let text = format == "html" ? Self.page(format).html() : Self.page(format).dita()
        let document = try Self.document(Array(text.utf8), "specs/page.\(format)")
        #expect(document.format == (format == "html" ? .html : .dita))
        #expect(document.title?.text == "Querying Test Records")
        let headings = document.blocks.compactMap { if case .heading(let block) = $0 { block.text } else { nil } }
        #expect(headings == ["Request Description", "Response Example"])
        let table = try #require(document.tables.first)
        #expect(document.tables.count == 1)
        #expect(table.caption?.hasSuffix("Parameters in the request message body") == true, "\(table.caption ?? "")")
        #expect(table.anchors.contains("request"), "\(table.anchors)")
        #expect(table.header.map(\.paragraphs) == [["Parameter"], ["Type"], ["Description"]])
        #expect(table.rows.map { $0.cells.first?.paragraphs } == [["ccId"], ["vdn"]])
        let described = try #require(table.rows.first?.cells.last)
        #expect(described.paragraphs == ["The call center ID."])
        #expect(described.items == ["1: first", "2: second"])
        #expect(described.notes.contains { $0.contains("Mandatory.") }, "\(described.notes)")
        #expect(table.rows.last?.cells.last?.links.first?.text == "Table 2")
        let code = document.blocks.compactMap { if case .code(let block) = $0 { block.text } else { nil } }
        #expect(code == [#"{"resultCode": "0100000"}"#])
        // Lines point into the file: the table's first row is below its caption, and both are inside the file.
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(table.line >= 1 && table.line <= lineCount && (table.rows.first?.line ?? 0) >= table.line)
    }

    /// Not a page: empty, whitespace, binary. Each is refused with its own diagnostic at line 1.
    @Test(arguments: [
        ([UInt8](), DiagnosticKind.pageEmpty), (Array(" \n\t ".utf8), .pageEmpty), ([0x3C, 0x00, 0xFF, 0xFE], .pageNotUTF8),
    ])
    func whatIsNotAPageIsRefused(_ bytes: [UInt8], _ kind: DiagnosticKind) {
        guard case .failure(let diagnostic) = PageReader.read(bytes: bytes, displayPath: "specs/x.html") else {
            Issue.record("read as a page")
            return
        }
        #expect(diagnostic.kind == kind && diagnostic.severity == .error && diagnostic.location.line == 1, "\(diagnostic)")
    }

    /// An external entity in a DITA topic is never fetched or expanded: its text does not reach the model.
    @Test func externalEntitiesAreNotExpanded() throws {
        let secret = NSTemporaryDirectory() + "cmskit-secret-\(UUID().uuidString).txt"
        try "SECRET-TEXT".write(toFile: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: secret) }
        let doctype = "<!DOCTYPE reference [<!ENTITY leak SYSTEM \"file://\(secret)\">]>"
        let page = PageBuilder.Page(title: "Leak &leak;", parts: [.paragraph("Body &leak;.")])
        switch PageReader.read(bytes: Array(page.dita(doctype: doctype).utf8), displayPath: "specs/xxe.dita") {
        case .page(let document):
            let texts = [document.title?.text ?? ""] + document.blocks.map { "\($0)" }
            #expect(!texts.joined().contains("SECRET-TEXT"))
        case .failure(let diagnostic):
            #expect(diagnostic.severity == .error && !diagnostic.message.contains("SECRET-TEXT"), "\(diagnostic)")
        }
    }
}
