@testable import CMSExtraction
import CMSReading
import CMSSchema
import CMSTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Inputs that are not interface pages, or are broken ones: each gives a clear diagnostic of the right severity,
/// never a crash, and never stops the good pages read alongside from yielding their interfaces.
@Suite struct BadInputTests {
    typealias Cell = PageBuilder.Cell

    static let goodPath = "specs/good.html"
    static let goodInterfacePath = "/rest/cmsapp/v1/openapi/test/records"
    static let goodPage = PageBuilder.interface(
        request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [
            ["ccId", "Integer", "Yes", "ID of a call center. The value ranges from 1 to 65535."],
            ["vdn", "Integer", "Yes", "ID of a VDN. The value ranges from 1 to 5000."],
        ]))],
        response: [.table(PageBuilder.responseTable(rows: [
            ["resultCode", "String", Cell("Query result. The options are as follows:", items: ["0100000: success", "Other values: failure"])],
        ]))]
    )

    /// Builds the bad page with the good one alongside; checks the good one still yields its interface and every
    /// diagnostic is in compiler format. Returns the diagnostics about the bad page.
    /// - Parameter named: the page is named on its own (as a file on the command line), not found in a folder.
    static func buildWithGoodPage(_ path: String, _ bytes: [UInt8], named: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        let result = SchemaBuilder.build(pages: [(path, bytes), (goodPath, Array(goodPage.html().utf8))], named: named ? [path] : [])
        Snippet.expectCompilerFormat(result.diagnostics, sourceLocation: sourceLocation)
        let good = result.schema.interfaces.first { $0.sources.contains { $0.file == goodPath } }
        #expect(good?.path == goodInterfacePath, "the good page lost its interface: \(result.diagnostics)", sourceLocation: sourceLocation)
        #expect(good?.request?.fields.map(\.name) == ["ccId", "vdn"], sourceLocation: sourceLocation)
        #expect(!result.diagnostics.contains { $0.location.file == goodPath && $0.severity == .error }, sourceLocation: sourceLocation)
        return result.diagnostics.filter { $0.location.file == path }
    }

    /// The reader's failure for `bytes`, or nil (with an issue) when it reads a page.
    static func readFailure(_ path: String, _ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        switch PageReader.read(bytes: bytes, displayPath: path) {
        case .failure(let diagnostic):
            Snippet.expectCompilerFormat([diagnostic], sourceLocation: sourceLocation)
            return diagnostic
        case .page:
            Issue.record("\(path) was read as a page", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Every string the page document holds: title, paragraphs, headings, code, captions, cells, links.
    static func allTexts(_ page: PageDocument) -> [String] {
        var texts = [page.title?.text, page.edition, page.declaredLanguage].compactMap { $0 }
        for block in page.blocks {
            switch block {
            case .heading(let text), .paragraph(let text), .code(let text):
                texts.append(text.text)
                texts += text.links.flatMap { [$0.href, $0.text] }
            case .table(let table):
                texts += [table.caption].compactMap { $0 } + table.anchors
                for cell in table.header + table.rows.flatMap(\.cells) {
                    texts += cell.paragraphs + cell.items + cell.notes + cell.links.flatMap { [$0.href, $0.text] }
                }
            }
        }
        return texts
    }

    // MARK: Not a page at all

    @Test(arguments: [("0 bytes", [UInt8]()), ("whitespace only", Array(" \n\t  \r\n   \n".utf8))])
    func emptyFile(_ kind: String, _ bytes: [UInt8]) throws {
        for path in ["specs/empty.html", "specs/empty.dita"] {
            let failure = try #require(Self.readFailure(path, bytes))
            #expect(failure.severity == .error)
            #expect(failure.message.contains("empty"), "\(kind): \(failure)")
            #expect(failure.location.file == path)
            let diagnostics = Self.buildWithGoodPage(path, bytes)
            #expect(diagnostics.map(\.severity) == [.error], "\(diagnostics)")
            #expect(diagnostics.first?.message.contains("empty") == true)
        }
    }

    /// Deterministic pseudo-random bytes that are not UTF-8 (every 7th byte is 0xFF, never valid in UTF-8).
    static func randomNonUTF8(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return index % 7 == 3 ? 0xFF : UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    struct Bytes: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { "\(name) (\(bytes.count) bytes)" }
    }

    @Test(arguments: [
        Bytes(name: "control and high bytes", bytes: [0x00, 0xFF, 0x10, 0x80, 0x01, 0xFE, 0x7F, 0x00, 0xC3]),
        Bytes(name: "random non-UTF-8", bytes: BadInputTests.randomNonUTF8(count: 4096, seed: 42)),
        Bytes(name: "Latin-1 text", bytes: Array("<html><body><h1>Caf".utf8) + [0xE9] + Array("</h1><p>https://ip:port/rest/cmsapp/v1/openapi/x</p></body></html>".utf8)),
    ])
    func binaryBytes(_ input: Bytes) throws {
        for path in ["specs/binary.html", "specs/binary.dita"] {
            let failure = try #require(Self.readFailure(path, input.bytes))
            #expect(failure.severity == .error, "\(input.name)")
            #expect(failure.message.contains("UTF-8") || failure.message.contains("binary"), "\(input.name): \(failure)")
            let diagnostics = Self.buildWithGoodPage(path, input.bytes)
            #expect(diagnostics.map(\.severity) == [.error], "\(input.name): \(diagnostics)")
        }
    }

    // MARK: Broken pages

    static func specText(_ name: String) throws -> String {
        let path = TestSupport.packageRoot + "/specs/" + name
        return try #require(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }, "cannot read \(path)")
    }

    /// `text` cut just before the `occurrence`-th (0-based) occurrence of `marker`.
    static func cut(_ text: String, before marker: String, occurrence: Int = 0) throws -> String {
        var searchStart = text.startIndex
        var found: Range<String.Index>?
        for _ in 0...occurrence {
            found = text.range(of: marker, range: searchStart..<text.endIndex)
            guard let range = found else { break }
            searchStart = range.upperBound
        }
        let range = try #require(found, "marker \(marker) not found")
        return String(text[..<range.lowerBound])
    }

    @Test(arguments: [
        // Mid request-body table, mid row.
        ("vdn-querycalls-v1.html", "beginDate", 0, "/rest/cmsapp/v1/openapi/vdn/querycalls", ["ccId", "vdn", "callerNo", "calleeNo"]),
        // Mid nested response table (Table 5), inside a cell.
        ("vdn-querycalls-v1.html", "Time when the call started queuing", 0, "/rest/cmsapp/v1/openapi/vdn/querycalls", ["ccId", "vdn", "callerNo", "calleeNo", "beginDate", "endDate", "limit", "offset"]),
        // The saved web page form, mid Table 2 (after the queryParam example).
        ("agentgroup-agentbyconfigedskill.html", "ID of a VDN. The value ranges from 1 to 5000.", 0, "/rest/cmsapp/v1/openapi/agentgroup/agentbyconfigedskill", ["ccId", "vdn"]),
        // The DITA topic, mid CALS table.
        ("calldata-querydetailcallinfo.dita", "<entry>deviceType", 0, "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo", ["ccId", "vdn", "callId"]),
    ] as [(String, String, Int, String, [String])])
    func truncatedPage(_ name: String, _ marker: String, _ occurrence: Int, _ path: String, _ requestFields: [String]) throws {
        let text = try Self.cut(try Self.specText(name), before: marker, occurrence: occurrence)
        let file = "specs/" + name
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        if name.hasSuffix(".dita") {
            // A cut XML topic is not well-formed: that is an error, and the only diagnostic.
            let diagnostics = Self.buildWithGoodPage(file, Array(text.utf8))
            #expect(diagnostics.map(\.severity) == [.error], "\(diagnostics)")
            #expect(diagnostics.first?.message.contains("malformed XML") == true, "\(diagnostics)")
            return
        }
        let result = Snippet.build([(file, text)])
        #expect(Snippet.errors(result).isEmpty, "the URL survived the cut, so there is nothing to refuse: \(result.diagnostics)")
        for diagnostic in result.diagnostics {
            #expect(diagnostic.location.file == file)
            #expect((1...lineCount).contains(diagnostic.location.line), "\(diagnostic) points outside the \(lineCount) lines left")
        }
        let interface = try Snippet.interface(result)
        #expect(interface.path == path)
        #expect(interface.method == "POST")
        #expect(Array((interface.request?.fields.map(\.name) ?? []).prefix(requestFields.count)) == requestFields)
        _ = Self.buildWithGoodPage(file, Array(text.utf8))
    }

    @Test func truncatedBeforeTheURL() throws {
        let text = try Self.cut(try Self.specText("vdn-querycalls-v1.html"), before: "This interface supports only the POST method")
        // Named as a file, a page that yields no interface is an error.
        let diagnostics = Self.buildWithGoodPage("specs/vdn-querycalls-v1.html", Array(text.utf8), named: true)
        let error = try #require(diagnostics.first { $0.severity == .error }, "\(diagnostics)")
        #expect(error.message.contains("no recognisable interface"))
        #expect(error.kind == .noInterface)
        // Found in a folder, what is left of it (a title and a scenario) is a page of prose: a note says so.
        let inFolder = Self.buildWithGoodPage("specs/vdn-querycalls-v1.html", Array(text.utf8))
        #expect(inFolder.map(\.kind) == [.pageNotInterface], "\(inFolder)")
        #expect(inFolder.first?.severity == .note)
    }

    @Test func pageWithTitleAndURLOnly() throws {
        let page = PageBuilder.Page(title: "Querying Test Records", parts: [
            .section("Request URL", [.paragraph("https://ip:port/rest/cmsapp/v1/openapi/test/nothing")]),
        ])
        let result = Snippet.build(page)
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
        let interface = try Snippet.interface(result)
        #expect(interface.path == "/rest/cmsapp/v1/openapi/test/nothing")
        #expect(interface.request == nil)
        #expect(interface.response == nil)
        #expect(interface.headers.isEmpty)
        _ = Self.buildWithGoodPage("specs/nothing.html", Array(page.html().utf8))
    }

    @Test func pageWithProseOnly() throws {
        let page = PageBuilder.Page(title: "About the Interfaces", parts: [
            .section("Description", [.paragraph("The interfaces in this chapter query monitoring data."), .paragraph("Each interface is described on its own page.")]),
        ])
        let bare = "<html><body><p>Nothing to see here.</p></body></html>"
        for (path, text) in [("specs/prose.html", page.html()), ("specs/prose.dita", page.dita()), ("specs/bare.html", bare)] {
            // Named on its own, a page of prose is an error: it was meant to be an interface.
            let named = Self.buildWithGoodPage(path, Array(text.utf8), named: true)
            #expect(named.map(\.severity) == [.error], "\(named)")
            #expect(named.first?.message.contains("no recognisable interface") == true, "\(named)")
            // In a folder (a downloaded reference), it is an overview: a note, and the run goes on.
            let inFolder = Self.buildWithGoodPage(path, Array(text.utf8))
            #expect(inFolder.map(\.severity) == [.note], "\(inFolder)")
            #expect(inFolder.first?.kind == .pageNotInterface)
            #expect(inFolder.first?.message.contains("an overview, not an interface") == true, "\(inFolder)")
        }
    }

    /// A page that documents a request and a response but gives no request line is an interface the reader cannot
    /// place: in a folder a warning (the rest of the reference still generates), named on its own an error.
    @Test func anInterfaceWithoutItsRequestLine() throws {
        let page = PageBuilder.Page(title: "Querying Lost Records", parts: [
            .section("Scenario", [.paragraph("This interface is used to query lost records.")]),
            .section("Request Description", [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [["ccId", "Integer", "Yes", "Call center ID."]]))]),
            .section("Response Description", [.table(PageBuilder.responseTable(rows: [["resultCode", "String", "The result code."]]))]),
        ])
        let inFolder = Self.buildWithGoodPage("specs/lost.html", Array(page.html().utf8))
        #expect(inFolder.map(\.severity) == [.warning], "\(inFolder)")
        #expect(inFolder.first?.kind == .noInterface)
        #expect(inFolder.first?.message.hasSuffix("the page is left out") == true, "\(inFolder)")
        let named = Self.buildWithGoodPage("specs/lost.html", Array(page.html().utf8), named: true)
        #expect(named.map(\.severity) == [.error], "\(named)")
        #expect(named.first?.message.contains("documents a request and a response, but no request line") == true, "\(named)")
    }

    /// An object whose fields are in a table that names no parameter stays untyped, with a warning at its row; the rest
    /// of the interface is read.
    @Test func anObjectWhoseTableNamesNoParameterIsLeftUntyped() throws {
        let links = PageBuilder.Table(id: "links", caption: "Link", header: ["rel", "href"], rows: [["self", "https://example.com/1"]])
        let page = PageBuilder.interface(response: [.table(PageBuilder.responseTable(rows: [
            ["resultCode", "String", "The result code."],
            ["links", "Object", Cell("The links. For details, see \(PageBuilder.link("links", "Table 3")).")],
        ])), .table(links)])
        let result = Snippet.build(page)
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
        let warning = try #require(result.diagnostics.first { $0.kind == .referenceIgnored }, "\(result.diagnostics)")
        #expect(warning.location.row == "links")
        #expect(warning.message.contains("the value is left untyped"))
        let field = try #require(try Snippet.interface(result).response?.fields.first { $0.name == "links" })
        #expect(field.object == nil)
    }

    @Test func aTableThatNamesNoParameterAndThatNoRowNeedsIsAWarning() throws {
        let states = PageBuilder.Table(id: "states", caption: "Widget states", header: ["State", "Meaning"], rows: [["0", "idle"], ["1", "busy"]])
        let page = PageBuilder.interface(response: [.table(PageBuilder.Table(id: "response", caption: "Response parameters", header: ["Parameter", "Type", "Description"], rows: [
            ["resultCode", "String", "The result code."],
        ])), .table(states)])
        let diagnostics = Self.buildWithGoodPage("specs/states.html", Array(page.html().utf8))
        let warning = try #require(diagnostics.first { $0.kind == .tableIgnored }, "\(diagnostics)")
        #expect(warning.severity == .warning)
        #expect(warning.location.table == "Table 3 Widget states", "\(warning)")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
    }

    @Test func tableWithoutAParameterColumn() throws {
        let table = PageBuilder.Table(id: "request", caption: "Parameters in the message body", header: ["Item", "Explanation"], rows: [
            ["ccId", "ID of a call center."],
        ])
        let page = PageBuilder.interface(request: [.table(PageBuilder.headerTable()), .table(table)])
        // In a folder, a warning: one page cannot keep a whole reference from generating.
        let inFolder = Self.buildWithGoodPage("specs/noparam.html", Array(page.html().utf8))
        let warning = try #require(inFolder.first { $0.kind == .tableWithoutParameterColumn }, "\(inFolder)")
        #expect(warning.severity == .warning)
        #expect(warning.message.hasSuffix("the interface is read without it"))
        // Named on its own, an error.
        let diagnostics = Self.buildWithGoodPage("specs/noparam.html", Array(page.html().utf8), named: true)
        let error = try #require(diagnostics.first { $0.severity == .error }, "\(diagnostics)")
        #expect(error.description.contains("Table 2 Parameters in the message body"), "\(error)")
        #expect(error.location.table == "Table 2 Parameters in the message body")
    }

    @Test func duplicateFieldNames() throws {
        let page = PageBuilder.interface(request: [.table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [
            ["ccId", "Integer", "Yes", "ID of a call center. The value ranges from 1 to 65535."],
            ["vdn", "Integer", "Yes", "ID of a VDN. The value ranges from 1 to 5000."],
            ["ccId", "String", "No", "A second row of the same name."],
        ]))])
        let html = page.html()
        let secondRow = try #require(Snippet.line(of: "<p>ccId</p>", in: html, skipping: 1))
        let result = Snippet.build([("specs/duplicate.html", html)])
        #expect(Snippet.errors(result).isEmpty, "\(result.diagnostics)")
        let fields = try #require(try Snippet.interface(result).request?.fields)
        #expect(fields.map(\.name) == ["ccId", "vdn"])
        #expect(fields.first?.type.kind == .integer, "the first row is kept")
        #expect(fields.first?.requirement == .required)
        let warning = try #require(Snippet.warnings(result).first { $0.message.contains("duplicate") }, "\(result.diagnostics)")
        #expect(warning.description.contains("ccId"))
        #expect(warning.location.row == "ccId")
        #expect(warning.location.line == secondRow)
        let diagnostics = Self.buildWithGoodPage("specs/duplicate.html", Array(html.utf8))
        #expect(diagnostics.map(\.severity) == [.warning], "\(diagnostics)")
    }

    // MARK: Hostile XML

    /// A TCP listener on 127.0.0.1 that only records whether anyone connected.
    final class Listener {
        let socket: Int32
        let port: UInt16

        init() throws {
            let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(fd >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            socket = fd
            port = UInt16(bigEndian: address.sin_port)
            try #require(bound)
        }

        /// Whether a connection is waiting (the handshake completes in the kernel even if nobody accepts).
        var wasContacted: Bool {
            let connection = accept(socket, nil, nil)
            if connection >= 0 { close(connection) }
            return connection >= 0
        }

        deinit { close(socket) }
    }

    /// An interface topic that uses entity `name` in paragraphs and a table cell.
    static func topicUsing(entity name: String, doctype: String) -> String {
        let page = PageBuilder.interface(
            request: [.paragraph("Scenario text: &\(name);"), .table(PageBuilder.headerTable()), .table(PageBuilder.requestTable(rows: [
                ["ccId", "Integer", "Yes", Cell("ID of a call center &\(name);. The value ranges from 1 to 65535.")],
            ]))],
            examples: [.item("Request parameters", [.paragraph("&\(name);")])]
        )
        return page.dita(doctype: doctype)
    }

    @Test(arguments: ["file:///etc/passwd", "http://127.0.0.1:9/x", "http://127.0.0.1:{port}/x"])
    func externalEntityIsNotExpanded(_ systemID: String) throws {
        let listener = try Listener()
        let target = systemID.replacingOccurrences(of: "{port}", with: String(listener.port))
        let text = Self.topicUsing(entity: "xxe", doctype: "<!DOCTYPE reference [<!ENTITY xxe SYSTEM \"\(target)\">]>")
        let bytes = Array(text.utf8)
        let passwd = FileManager.default.contents(atPath: "/etc/passwd").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let passwdLine = passwd.split(separator: "\n").first.map(String.init) ?? "root:x:0:0"
        switch PageReader.read(bytes: bytes, displayPath: "specs/xxe.dita") {
        case .failure(let diagnostic):
            // Refusing the topic is safe too; it must be a clean diagnostic.
            #expect(diagnostic.severity == .error)
            Snippet.expectCompilerFormat([diagnostic])
        case .page(let page):
            for text in Self.allTexts(page) {
                #expect(!text.contains("root:"), "entity expanded: \(text.prefix(80))")
                #expect(!text.contains(passwdLine))
            }
            #expect(page.title?.text == "Querying Test Records")
            let extraction = PageExtractor.extract(page)
            #expect(extraction.interfaces.first?.path == Self.goodInterfacePath)
            let ccId = extraction.interfaces.first?.request?.fields.first
            #expect(ccId?.name == "ccId")
            #expect(ccId?.description.contains("root:") == false)
        }
        let diagnostics = Self.buildWithGoodPage("specs/xxe.dita", bytes)
        #expect(!diagnostics.contains { $0.message.contains("root:") })
        #expect(!listener.wasContacted, "the reader opened a connection to \(target)")
    }

    /// "Billion laughs": ten levels of ten references, 10^9 "lol"s if expanded. The reader must refuse the topic or leave
    /// the entities unexpanded, and return. (libxml2 2.9 refuses any nested entity reference without substitution, with
    /// "Detected an entity reference loop", so today this is a "malformed XML" error.)
    @Test func nestedEntityExpansionIsNotPerformed() throws {
        let levels = 10
        var doctype = "<!DOCTYPE reference [\n<!ENTITY lol0 \"lol\">\n"
        for level in 1..<levels {
            doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        doctype += "]>"
        let bytes = Array(Self.topicUsing(entity: "lol\(levels - 1)", doctype: doctype).utf8)
        switch PageReader.read(bytes: bytes, displayPath: "specs/lol.dita") {
        case .failure(let diagnostic):
            #expect(diagnostic.severity == .error)
            Snippet.expectCompilerFormat([diagnostic])
        case .page(let page):
            let longest = Self.allTexts(page).map(\.count).max() ?? 0
            #expect(longest < 10_000, "an entity was expanded: a text of \(longest) characters")
            #expect(PageExtractor.extract(page).interfaces.first?.path == Self.goodInterfacePath)
        }
        _ = Self.buildWithGoodPage("specs/lol.dita", bytes)
    }

    @Test func malformedXML() throws {
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <reference id="x" xml:lang="en-us">
        <title>Querying Test Records</title>
        <refbody>
        <section><title>Request URL</title>
        <p>https://ip:port/rest/cmsapp/v1/openapi/test/broken
        </section>
        <table><tgroup cols="2"><tbody><row><entry>ccId</entry>
        </refbody>
        """
        let failure = try #require(Self.readFailure("specs/broken.dita", Array(text.utf8)))
        #expect(failure.severity == .error)
        #expect(failure.message.contains("malformed XML"), "\(failure)")
        let diagnostics = Self.buildWithGoodPage("specs/broken.dita", Array(text.utf8))
        #expect(diagnostics.map(\.severity) == [.error], "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("malformed XML") == true)
    }

    /// libxml2's HTML parser stops at nesting depth 256 and drops the rest of the page, even in recovery mode: that is
    /// an error at the place it stops, never a page read in part.
    @Test func htmlNestedBeyondWhatLibxml2ReadsIsAnError() throws {
        let result = SchemaBuilder.build(paths: ["Tests/Torture/bad/deep-nesting.html"], relativeTo: TestSupport.packageRoot)
        #expect(result.schema.interfaces.isEmpty, "nothing of the page is used")
        let error = try #require(result.diagnostics.first { $0.severity == .error }, "\(result.diagnostics)")
        #expect(error.message.hasPrefix("libxml2 stopped reading the page here (Excessive depth in document: 256"), "\(error)")
        #expect(error.location.file == "Tests/Torture/bad/deep-nesting.html")
        #expect(error.location.line > 1)
        #expect(Snippet.isCompilerFormat(error.description))
        // The same content at a normal depth reads fine.
        let text = try String(contentsOfFile: TestSupport.packageRoot + "/Tests/Torture/bad/deep-nesting.html", encoding: .utf8)
        // make-deep-nesting.py writes 320 openers `<div class="wrapN">` in a row and their 320 closers in a row.
        let shallow = text.replacing(/(<div class="wrap[0-9]">){320}/, with: "").replacingOccurrences(of: String(repeating: "</div>", count: 320), with: "")
        #expect(shallow.count < text.count - 320 * 20, "the page's wrapper markup is as make-deep-nesting.py writes it")
        let reread = SchemaBuilder.build(pages: [("shallow.html", Array(shallow.utf8))])
        #expect(!reread.hasErrors, "\(reread.diagnostics)")
        #expect(reread.schema.interfaces.first?.response?.fields.isEmpty == false)
    }

    @Test func generateStopsOnAPageNestedTooDeep() async throws {
        let directory = try CommandRunner.folder([
            "deep.html": [UInt8](try #require(FileManager.default.contents(atPath: TestSupport.packageRoot + "/Tests/Torture/bad/deep-nesting.html"))),
        ])
        let output = directory.appendingPathComponent("Generated").path
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CommandRunner.run(["generate", "--specs", directory.path, "--output", output])
        #expect(run.status == 1)
        #expect(run.stderr.contains("deep.html:") && run.stderr.contains(": error: libxml2 stopped reading the page here"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output), "nothing is written")
    }

    @Test func compilerFormatPattern() {
        #expect(Snippet.isCompilerFormat("specs/a.html:12:3: error: file is empty"))
        #expect(Snippet.isCompilerFormat("specs/a.html:12:3: warning: duplicate field 'ccId' [table 'Table 2 x', row 'ccId']"))
        #expect(!Snippet.isCompilerFormat("specs/a.html: error: file is empty"))
        #expect(!Snippet.isCompilerFormat("error: file is empty"))
    }

    // MARK: The command line

    @Test func cliReportsTheEmptyFileAndKeepsTheGoodPage() async throws {
        let directory = try CommandRunner.folder(["good.html": Array(Self.goodPage.html().utf8), "empty.html": []])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CommandRunner.run(["parse", directory.path])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        let emptyLine = run.stderr.split(separator: "\n").map(String.init).first { $0.contains("empty.html") }
        let line = try #require(emptyLine, "stderr: \(run.stderr)")
        #expect(Snippet.isCompilerFormat(line), "\(line)")
        #expect(line.contains(": error: ") && line.contains("empty"), "\(line)")
        for line in run.stderr.split(separator: "\n") where line.contains(directory.path) {
            #expect(Snippet.isCompilerFormat(String(line)), "\(line)")
        }
        let schema = try SchemaJSON.decode(SchemaDocument.self, from: run.stdout)
        #expect(schema.interfaces.map(\.path) == [Self.goodInterfacePath])
    }

    @Test func cliSucceedsOnGoodPages() async throws {
        let second = PageBuilder.interface(url: "https://ip:port/rest/cmsapp/v1/openapi/test/other", request: [.table(PageBuilder.headerTable())])
        let directory = try CommandRunner.folder(["good.html": Array(Self.goodPage.html().utf8), "other.html": Array(second.html().utf8)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CommandRunner.run(["parse", directory.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(!run.stderr.contains(": error: "), "\(run.stderr)")
        let schema = try SchemaJSON.decode(SchemaDocument.self, from: run.stdout)
        #expect(schema.interfaces.map(\.path) == ["/rest/cmsapp/v1/openapi/test/other", Self.goodInterfacePath])
    }

    @Test func cliRejectsAnUnknownOption() async throws {
        let run = try await CommandRunner.run(["parse", "--no-such-option", "specs"])
        #expect(run.status == 64, "stderr: \(run.stderr)")
    }
}
