import CMSSchema
import CMSSupport

/// A page as the reader sees it: a title and a flat, ordered stream of blocks, each with its source line.
///
/// The model knows markup, not CC-CMS: HTML (bare DITA-OT topic or saved web page) and DITA XML both read into it.
public struct PageDocument: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable { case html, dita }

    public var file: String
    public var format: Format
    /// The language the markup declares (`en-us`, `zh-cn`), if any.
    public var declaredLanguage: String?
    public var title: TextBlock?
    /// "Updated on …" (HTML) or the DITA revision date.
    public var edition: String?
    /// Headings, paragraphs, tables and code blocks of the topic, in document order. Site chrome is left out.
    public var blocks: [Block]

    public init(file: String, format: Format, declaredLanguage: String? = nil, title: TextBlock? = nil, edition: String? = nil, blocks: [Block] = []) {
        self.file = file
        self.format = format
        self.declaredLanguage = declaredLanguage
        self.title = title
        self.edition = edition
        self.blocks = blocks
    }

    /// The tables of the page, in document order.
    public var tables: [Table] {
        blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }
}

/// One block of a page.
public enum Block: Sendable, Hashable {
    /// A section title (`<h4 class="sectiontitle">`, DITA `<section><title>`, any `h2`–`h6`).
    case heading(TextBlock)
    /// A paragraph or the text of a list item outside tables.
    case paragraph(TextBlock)
    case table(Table)
    /// Preformatted text (`<pre class="screen">`, DITA `<codeblock>`).
    case code(TextBlock)
}

/// Text with its place in the file.
public struct TextBlock: Sendable, Hashable {
    public var text: String
    public var links: [Link]
    public var line: Int
    public var column: Int

    public init(text: String, links: [Link] = [], line: Int, column: Int = 1) {
        self.text = text
        self.links = links
        self.line = line
        self.column = column
    }
}

/// A cross reference: `<a href>` or DITA `<xref href>`.
public struct Link: Sendable, Hashable {
    /// The target as written.
    public var href: String
    /// The link text; empty for DITA xrefs that let the processor number the target.
    public var text: String

    public init(href: String, text: String) {
        self.href = href
        self.text = text
    }

    /// The fragment identifier reduced to the element id (`EN-US_TOPIC_1__table4` and `#EN-US_TOPIC_1/table4` both give `table4`),
    /// or nil for links to other pages.
    public var localTarget: String? {
        guard let hash = href.firstIndex(of: "#") else { return nil }
        guard hash == href.startIndex else { return nil }
        return Link.reduceAnchor(String(href[href.index(after: hash)...]))
    }

    /// The element id at the end of an anchor: after the last `/` or `__`.
    public static func reduceAnchor(_ anchor: String) -> String {
        var result = Substring(anchor)
        if let slash = result.lastIndex(of: "/") { result = result[result.index(after: slash)...] }
        if let offset = result.byteOffset(of: "__", backwards: true) {
            result = Substring(result.utf8.dropFirst(offset + 2))
        }
        return String(result)
    }
}

/// A table: caption, header row and body rows.
public struct Table: Sendable, Hashable {
    /// The caption text (`Table 4 Parameters of resultDesc`, `表4 …`), nil when the table has none.
    public var caption: String?
    /// Anchors that point at the table: its id and the `<a name>` anchors before it, each reduced by `Link.reduceAnchor`.
    public var anchors: [String]
    /// 1-based position among the page's tables.
    public var ordinal: Int
    public var header: [Cell]
    public var rows: [Row]
    public var line: Int
    public var column: Int

    public init(caption: String?, anchors: [String], ordinal: Int, header: [Cell], rows: [Row], line: Int, column: Int = 1) {
        self.caption = caption
        self.anchors = anchors
        self.ordinal = ordinal
        self.header = header
        self.rows = rows
        self.line = line
        self.column = column
    }
}

/// A body row of a table.
public struct Row: Sendable, Hashable {
    public var cells: [Cell]
    public var line: Int
    public var column: Int

    public init(cells: [Cell], line: Int, column: Int = 1) {
        self.cells = cells
        self.line = line
        self.column = column
    }
}

/// A table cell, its text split the way the vendor writes descriptions.
public struct Cell: Sendable, Hashable {
    /// Paragraph texts, outside lists and notes, whitespace folded.
    public var paragraphs: [String]
    /// List item texts, in order.
    public var items: [String]
    /// NOTE texts.
    public var notes: [String]
    public var links: [Link]
    public var line: Int
    public var column: Int

    public init(paragraphs: [String], items: [String] = [], notes: [String] = [], links: [Link] = [], line: Int, column: Int = 1) {
        self.paragraphs = paragraphs
        self.items = items
        self.notes = notes
        self.links = links
        self.line = line
        self.column = column
    }

    /// All paragraphs joined by a space: the cell as one line.
    public var text: String { paragraphs.joined(separator: " ") }
}
