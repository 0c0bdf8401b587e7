import Foundation

/// Writes small pages in the vendor's markup, for snippet tests: DITA-OT HTML output (a bare topic export or a saved
/// help-centre page, as in `specs/*.html`) and DITA XML reference topics with CALS tables (as in `specs/*.dita`).
///
/// A page is a title and parts; captioned tables are numbered "Table N" (or "表N") in document order, as DITA-OT does.
/// Text given to `paragraph` and to cells is markup (use `link`, `xref`); `Cell.text` and `example` escape their text.
public enum PageBuilder {
    /// The topic id that prefixes HTML anchors (`#TOPIC__table4`) and DITA xrefs (`#TOPIC/table4`).
    public static let topicID = "EN-US_TOPIC_0000001000000001"

    /// A table cell: paragraphs, then list items, then a NOTE.
    public struct Cell: ExpressibleByStringInterpolation, Sendable {
        public var paragraphs: [String]
        public var items: [String] = []
        public var note: String?

        public init(stringLiteral value: String) { paragraphs = [value] }

        public init(_ paragraphs: String..., items: [String] = [], note: String? = nil) {
            self.paragraphs = paragraphs
            self.items = items
            self.note = note
        }

        /// Plain text such as `List <Integer>`, escaped.
        public static func text(_ plain: String) -> Cell { Cell(PageBuilder.escape(plain)) }
    }

    public struct Table: Sendable {
        /// The element id, which links point at.
        public var id: String
        /// The caption without its "Table N" label; nil for a table without a caption.
        public var caption: String?
        public var header: [String]
        public var rows: [[Cell]]

        public init(id: String, caption: String? = nil, header: [String], rows: [[Cell]]) {
            self.id = id
            self.caption = caption
            self.header = header
            self.rows = rows
        }
    }

    public indirect enum Part: Sendable {
        /// `div.section` with `h4.sectiontitle` (DITA `section` with `title`).
        case section(String, [Part])
        case paragraph(String)
        case table(Table)
        /// `pre.screen` (DITA `codeblock`); the text is escaped.
        case example(String)
        /// `<ul><li>label …</li></ul>`, the way the vendor labels message examples.
        case item(String, [Part])
    }

    public struct Page: Sendable {
        public var title: String
        /// `en` or `zh` (Chinese table labels, `zh-cn` language).
        public var language = "en"
        public var edition: String? = "2024-01-01"
        public var parts: [Part]

        public init(title: String, language: String = "en", edition: String? = "2024-01-01", parts: [Part]) {
            self.title = title
            self.language = language
            self.edition = edition
            self.parts = parts
        }

        /// A bare DITA-OT topic export (`savedPage: false`) or the same topic inside a saved help-centre page.
        public func html(savedPage: Bool = false) -> String {
            var numbering = Numbering(word: language == "zh" ? "表" : "Table")
            var topic = "<a name=\"\(topicID)\"></a>\n<h1 class=\"topictitle1\">\(title)</h1>\n<div id=\"body1\">"
            if let edition { topic += "<p>\(language == "zh" ? "更新时间：" : "Updated on ")\(edition) GMT+08:00</p>" }
            topic += "\n" + parts.map { PageBuilder.html($0, &numbering) }.joined() + "</div>\n"
            guard savedPage else { return topic }
            let lang = language == "zh" ? "zh-cn" : "en"
            return """
            <!DOCTYPE html>
            <html lang="\(lang)">
            <head>
            <meta charset="utf-8">
            <title>\(title)_Customer Engagement Center_Huawei Cloud</title>
            <script>window.__cfg={a:1}</script>
            </head>
            <body class="help-center">
            <div class="header"><a href="/intl/\(lang)/">Huawei Cloud</a><ul><li><a href="/nav/0.html">Products</a></li></ul></div>
            <div class="help-main"><div class="help-sidebar"><ul class="doc-tree"><li><a href="cec_07_0001.html">Other Interface</a></li></ul></div>
            <div class="help-details">
            <div class="help-content">
            \(topic)<div><div class="familylinks"><div class="parentlink"><strong>Parent topic:</strong> <a href="cec_07_2531.html">Interfaces</a></div></div></div>
            </div>
            <div class="doc-feedback"><p>Was this page helpful?</p></div>
            </div></div>
            <div class="footer"><p class="copyright">&copy; 2025 Huaweicloud.com</p></div>
            </body>
            </html>

            """
        }

        /// A DITA `reference` topic; `doctype` replaces the usual public DOCTYPE line.
        public func dita(doctype: String = "<!DOCTYPE reference PUBLIC \"-//OASIS//DTD DITA Reference//EN\" \"reference.dtd\">") -> String {
            var numbering = Numbering(word: "")
            let lang = language == "zh" ? "zh-cn" : "en-us"
            var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\(doctype)\n<reference id=\"\(topicID)\" xml:lang=\"\(lang)\">\n<title>\(title)</title>\n"
            if let edition { text += "<prolog><critdates><revised modified=\"\(edition)\"/></critdates></prolog>\n" }
            text += "<refbody>\n" + parts.map { PageBuilder.dita($0, &numbering) }.joined() + "</refbody>\n</reference>\n"
            return text
        }
    }

    // MARK: Standard pieces

    /// A whole interface page with the vendor's usual sections; empty parts leave their section out.
    public static func interface(
        title: String = "Querying Test Records",
        method: String = "POST",
        url: String = "https://ip:port/rest/cmsapp/v1/openapi/test/records",
        methodSection: Part? = nil,
        bms: [Part] = [],
        request: [Part] = [.table(headerTable())],
        response: [Part] = [],
        examples: [Part] = []
    ) -> Page {
        var parts: [Part] = [
            .section("Scenario", [.paragraph("This interface is used to query test records.")]),
            methodSection ?? .section("Interface Method", [.paragraph("The request method must be set to \(method). This interface supports only the \(method) method.")]),
        ]
        if !bms.isEmpty { parts.append(.section("Internal Encapsulation Interfaces", bms)) }
        parts.append(.section("Request URL", [
            .paragraph(url),
            .paragraph("In the URL, ip indicates the IP address of the NSLB server, and port indicates the HTTPS port number of the CC-CMS service mapped on the NSLB server."),
        ]))
        if !request.isEmpty { parts.append(.section("Request Description", request)) }
        if !response.isEmpty { parts.append(.section("Response Description", response)) }
        if !examples.isEmpty { parts.append(.section("Message Example", examples)) }
        return Page(title: title, parts: parts)
    }

    /// Table 1 of most pages: Content-Type and Authorization.
    public static func headerTable(id: String = "header") -> Table {
        Table(id: id, caption: "Parameters in the request header", header: ["No.", "Parameter", "Type", "Mandatory", "Description"], rows: [
            ["1", "Content-Type", "String", "Yes", "The value is fixed at application/json; charset=UTF-8."],
            ["2", "Authorization", "String", "Yes", Cell("For details about the generation mode, see <a href=\"cec_07_0003.html\">Interface Authentication</a>.")],
        ])
    }

    public static func requestTable(id: String = "request", caption: String? = "Parameters in the request message body",
                             header: [String] = ["Parameter", "Type", "Mandatory", "Description"], rows: [[Cell]]) -> Table {
        Table(id: id, caption: caption, header: header, rows: rows)
    }

    public static func responseTable(id: String = "response", caption: String? = "Parameters in the response message body",
                              header: [String] = ["Parameter", "Type", "Description"], rows: [[Cell]]) -> Table {
        Table(id: id, caption: caption, header: header, rows: rows)
    }

    /// An HTML link to a table of the same page, as DITA-OT writes it.
    public static func link(_ id: String, _ text: String) -> String { "<a href=\"#\(topicID)__\(id)\">\(text)</a>" }

    /// A DITA cross reference to a table of the same topic; without text the processor numbers it.
    public static func xref(_ id: String, _ text: String? = nil) -> String {
        text.map { "<xref href=\"#\(topicID)/\(id)\">\($0)</xref>" } ?? "<xref href=\"#\(topicID)/\(id)\"/>"
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    // MARK: Rendering

    private struct Numbering {
        let word: String
        var count = 0
        mutating func next() -> Int { count += 1; return count }
    }

    private static func html(_ part: Part, _ numbering: inout Numbering) -> String {
        switch part {
        case .section(let title, let parts):
            return "<div class=\"section\"><h4 class=\"sectiontitle\">\(title)</h4>" + parts.map { html($0, &numbering) }.joined() + "</div>\n"
        case .paragraph(let text):
            return "<p>\(text)</p>\n"
        case .example(let text):
            return "<pre class=\"screen\">\(escape(text))</pre>\n"
        case .item(let label, let parts):
            return "<ul><li>\(label)" + parts.map { html($0, &numbering) }.joined() + "</li></ul>\n"
        case .table(let table):
            var text = "<div class=\"tablenoborder\"><a name=\"\(table.id)\"></a>"
            text += "<table cellpadding=\"4\" cellspacing=\"0\" summary=\"\" id=\"\(topicID)__\(table.id)\" frame=\"border\" border=\"1\" rules=\"all\">"
            if let caption = table.caption { text += "<caption><b>\(numbering.word) \(numbering.next()) </b>\(caption)</caption>" }
            text += "<thead align=\"left\"><tr>" + table.header.map { "<th align=\"left\" class=\"cellrowborder\" valign=\"top\"><p>\($0)</p></th>" }.joined() + "</tr>\n</thead>\n<tbody>"
            for row in table.rows {
                text += "<tr>" + row.map { "<td class=\"cellrowborder\" valign=\"top\">\(htmlCell($0))</td>" }.joined() + "</tr>\n"
            }
            return text + "</tbody>\n</table>\n</div>\n"
        }
    }

    private static func htmlCell(_ cell: Cell) -> String {
        var text = cell.paragraphs.prefix(1).map { "<p>\($0)</p>" }.joined()
        if !cell.items.isEmpty { text += "<ul>" + cell.items.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        text += cell.paragraphs.dropFirst().map { "<p>\($0)</p>" }.joined()
        if let note = cell.note {
            text += "<div class=\"note\"><span class=\"notetitle\"> NOTE: </span><div class=\"notebody\"><p>\(note)</p></div></div>"
        }
        return text
    }

    private static func dita(_ part: Part, _ numbering: inout Numbering) -> String {
        switch part {
        case .section(let title, let parts):
            return "<section><title>\(title)</title>\n" + parts.map { dita($0, &numbering) }.joined() + "</section>\n"
        case .paragraph(let text):
            return "<p>\(text)</p>\n"
        case .example(let text):
            return "<codeblock>\(escape(text))</codeblock>\n"
        case .item(let label, let parts):
            return "<ul><li>\(label)" + parts.map { dita($0, &numbering) }.joined() + "</li></ul>\n"
        case .table(let table):
            var text = "<table id=\"\(table.id)\" frame=\"all\" rowsep=\"1\" colsep=\"1\">"
            if let caption = table.caption { text += "<title>\(caption)</title>" }
            text += "\n<tgroup cols=\"\(table.header.count)\">" + table.header.indices.map { "<colspec colname=\"col\($0 + 1)\"/>" }.joined() + "\n"
            text += "<thead><row>" + table.header.map { "<entry>\($0)</entry>" }.joined() + "</row></thead>\n<tbody>\n"
            for row in table.rows {
                text += "<row>" + row.map { "<entry>\(ditaCell($0))</entry>" }.joined() + "</row>\n"
            }
            return text + "</tbody></tgroup></table>\n"
        }
    }

    private static func ditaCell(_ cell: Cell) -> String {
        if cell.items.isEmpty, cell.note == nil, cell.paragraphs.count == 1 { return cell.paragraphs[0] }
        var text = cell.paragraphs.prefix(1).map { "<p>\($0)</p>" }.joined()
        if !cell.items.isEmpty { text += "<ul>" + cell.items.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        text += cell.paragraphs.dropFirst().map { "<p>\($0)</p>" }.joined()
        if let note = cell.note { text += "<note><p>\(note)</p></note>" }
        return text
    }
}
