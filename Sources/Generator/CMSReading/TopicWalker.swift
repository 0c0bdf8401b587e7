import CMSSchema

/// The part a markup element plays in the document model.
enum ElementRole {
    /// Chrome or metadata: left out with everything inside.
    case skip
    /// The topic title.
    case title
    case heading
    case table
    case code
    case list
    case note
    /// Text-level markup whose text joins the surrounding paragraph.
    case inline
    case lineBreak
    case link
    /// Anything else: a block whose own text makes paragraphs and whose block children are walked.
    case block
}

/// What differs between HTML and DITA: which element plays which part, and how tables are spelled.
protocol MarkupDialect {
    var format: PageDocument.Format { get }
    func role(of node: XMLNode, isRoot: Bool) -> ElementRole
    func isCaption(_ node: XMLNode) -> Bool
    func isNoteTitle(_ node: XMLNode) -> Bool
    /// The table caption as the published page shows it.
    func captionText(_ rawCaption: String?, tableNode: XMLNode) -> String?
    /// Text for a link with no text of its own (a DITA xref that the processor fills in).
    func generatedLinkText(href: String) -> String?
    /// Anchors naming a table node besides its `id`.
    func extraAnchors(of tableNode: XMLNode) -> [String]
}

/// Walks a topic into the flat block stream of `PageDocument`, using a dialect for the markup.
struct TopicWalker<Dialect: MarkupDialect> {
    let dialect: Dialect
    let file: String
    let lines: SourceLines

    private(set) var blocks: [Block] = []
    private(set) var title: TextBlock?
    private var tableCount = 0

    init(dialect: Dialect, file: String, lines: SourceLines) {
        self.dialect = dialect
        self.file = file
        self.lines = lines
    }

    // MARK: Flow

    mutating func walk(_ node: XMLNode, isRoot: Bool = false) {
        walk(node, role: dialect.role(of: node, isRoot: isRoot))
    }

    private mutating func walk(_ node: XMLNode, role: ElementRole) {
        switch role {
        case .skip:
            return
        case .title:
            let block = textBlock(node)
            if title == nil { title = block } else { blocks.append(.heading(block)) }
        case .heading:
            blocks.append(.heading(textBlock(node)))
        case .table:
            tableCount += 1
            blocks.append(.table(readTable(node, ordinal: tableCount)))
        case .code:
            blocks.append(.code(TextBlock(text: rawText(node), line: node.line, column: lines.column(of: node.name, line: node.line))))
        case .list, .note, .block, .inline, .link, .lineBreak:
            walkChildren(of: node)
        }
    }

    /// Groups runs of text-level children into paragraphs and walks block children in between.
    private mutating func walkChildren(of node: XMLNode) {
        var run = InlineRun()
        for child in classifiedChildren(of: node) {
            switch child {
            case .text(let child, let role):
                appendInline(child, to: &run, role: role)
            case .block(let child, let role):
                flush(&run)
                walk(child, role: role)
            }
        }
        flush(&run)
    }

    /// A child node, sorted into text that joins the current paragraph and blocks that stand on their own.
    private enum Child {
        case text(XMLNode, ElementRole?)
        case block(XMLNode, ElementRole)
    }

    /// The text and element children of `node`, each with its role.
    private func classifiedChildren(of node: XMLNode) -> LazyMapSequence<LazyFilterSequence<LazyMapSequence<XMLNode.Children, Child?>>, Child> {
        node.children.lazy.compactMap { child in
            if child.isText { return .text(child, nil) }
            guard child.isElement else { return nil }
            let role = dialect.role(of: child, isRoot: false)
            switch role {
            case .inline, .link, .lineBreak: return .text(child, role)
            default: return .block(child, role)
            }
        }
    }

    private mutating func flush(_ run: inout InlineRun) {
        let text = foldWhitespace(run.text)
        if !text.isEmpty {
            blocks.append(.paragraph(TextBlock(text: text, links: run.links, line: run.line ?? 1, column: run.column)))
        }
        run = InlineRun()
    }

    // MARK: Text

    struct InlineRun {
        var text = ""
        var links: [Link] = []
        var line: Int?
        var column = 1
    }

    private func appendInline(_ node: XMLNode, to run: inout InlineRun, role knownRole: ElementRole? = nil) {
        if run.line == nil {
            let line = node.line
            if line > 0 { run.line = line; run.column = node.isElement ? lines.column(of: node.name, line: line) : 1 }
        }
        if node.isText { run.text += node.content; return }
        guard node.isElement else { return }
        switch knownRole ?? dialect.role(of: node, isRoot: false) {
        case .skip: return
        case .lineBreak: run.text += " "
        case .link:
            var inner = InlineRun()
            for child in node.children { appendInline(child, to: &inner) }
            let href = node.attribute("href") ?? ""
            var text = foldWhitespace(inner.text)
            if text.isEmpty, let generated = dialect.generatedLinkText(href: href) { text = generated }
            run.text += text
            if !href.isEmpty { run.links.append(Link(href: href, text: text)) }
            run.links.append(contentsOf: inner.links)
        default:
            // Inline markup, and any block met inside inline content: its text joins the run.
            for child in node.children { appendInline(child, to: &run) }
        }
    }

    private func textBlock(_ node: XMLNode) -> TextBlock {
        var run = InlineRun()
        for child in node.children { appendInline(child, to: &run) }
        return TextBlock(text: foldWhitespace(run.text), links: run.links, line: node.line, column: lines.column(of: node.name, line: node.line))
    }

    /// Preformatted text exactly as written (entities decoded by the parser, never expanded from a DTD).
    private func rawText(_ node: XMLNode) -> String {
        var text = ""
        func visit(_ node: XMLNode) {
            if node.isText { text += node.content; return }
            guard node.isElement else { return }
            if dialect.role(of: node, isRoot: false) == .lineBreak { text += "\n"; return }
            for child in node.children { visit(child) }
        }
        visit(node)
        return text
    }

    // MARK: Tables

    private func readTable(_ node: XMLNode, ordinal: Int) -> Table {
        var caption: String?
        var header: [Cell] = []
        var rows: [Row] = []
        // Cells that span rows (`rowspan`, DITA `morerows`) stand again in the rows below, at their column, so that
        // every row has its cells where the header has its columns.
        var spanning: [Int: (cell: Cell, rows: Int)] = [:]
        var columnNames: [String] = []
        func gridRow(_ elements: [XMLNode]) -> [Cell] {
            var cells: [Cell] = []
            func fill() {
                while let pending = spanning[cells.count] {
                    cells.append(pending.cell)
                    spanning[cells.count - 1] = pending.rows > 1 ? (pending.cell, pending.rows - 1) : nil
                }
            }
            for element in elements {
                fill()
                let cell = readCell(element)
                let column = cells.count
                cells.append(cell)
                let below = Self.span(element.attribute("rowspan")).map { $0 - 1 } ?? Self.span(element.attribute("morerows")) ?? 0
                if below > 0 { spanning[column] = (cell, min(below, 10_000)) }
                // A cell that spans columns (`colspan`, DITA `namest`/`nameend`) leaves the columns after it empty.
                var across = Self.span(element.attribute("colspan")) ?? 1
                if let start = element.attribute("namest"), let end = element.attribute("nameend"),
                   let first = columnNames.firstIndex(of: start), let last = columnNames.firstIndex(of: end), last > first {
                    across = last - first + 1
                }
                // No table is wider than a few dozen columns: spans never make a row hold more than 1,000 cells.
                for _ in 1..<max(1, min(across, 1_000 - cells.count + 1)) { cells.append(Cell(paragraphs: [], line: cell.line, column: cell.column)) }
            }
            fill()
            return cells
        }
        func visit(_ element: XMLNode, inHead: Bool) {
            for child in element.elementChildren {
                let name = child.name
                if dialect.isCaption(child) {
                    caption = foldWhitespace(textBlock(child).text)
                } else if name == "thead" {
                    visit(child, inHead: true)
                    spanning = [:]
                } else if name == "colspec", let column = child.attribute("colname") {
                    columnNames.append(column)
                } else if name == "tr" || name == "row" || name == "strow" || name == "sthead" {
                    let cells = gridRow(child.elementChildren.filter { ["td", "th", "entry", "stentry"].contains($0.name) })
                    let headerRow = inHead || name == "sthead" || (header.isEmpty && rows.isEmpty && !child.elementChildren.isEmpty && child.elementChildren.allSatisfy { $0.name == "th" })
                    if headerRow && header.isEmpty {
                        header = cells
                    } else if !cells.isEmpty {
                        rows.append(Row(cells: cells, line: child.line, column: lines.column(of: name, line: child.line)))
                    }
                } else if name == "table" {
                    continue // a table nested in a table's structure is not part of this one
                } else {
                    visit(child, inHead: inHead)
                }
            }
        }
        visit(node, inHead: false)
        var anchors: [String] = []
        if let id = node.attribute("id") { anchors.append(Link.reduceAnchor(id)) }
        for anchor in dialect.extraAnchors(of: node) where !anchors.contains(anchor) { anchors.append(anchor) }
        return Table(
            caption: dialect.captionText(caption, tableNode: node), anchors: anchors, ordinal: ordinal,
            header: header, rows: rows, line: node.line, column: lines.column(of: node.name, line: node.line)
        )
    }

    private struct CellBuilder {
        var paragraphs: [String] = []
        var items: [String] = []
        var notes: [String] = []
        var links: [Link] = []
    }

    /// A positive span count (`rowspan="3"`, `morerows="2"`), nil for anything else.
    static func span(_ text: String?) -> Int? {
        guard let text, let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else { return nil }
        return value
    }

    private func readCell(_ node: XMLNode) -> Cell {
        var builder = CellBuilder()
        collect(node, into: &builder)
        return Cell(
            paragraphs: builder.paragraphs, items: builder.items, notes: builder.notes, links: builder.links,
            line: node.line, column: lines.column(of: node.name, line: node.line)
        )
    }

    private func collect(_ node: XMLNode, into builder: inout CellBuilder) {
        var run = InlineRun()
        func flush(_ builder: inout CellBuilder) {
            let text = foldWhitespace(run.text)
            if !text.isEmpty { builder.paragraphs.append(text) }
            builder.links.append(contentsOf: run.links)
            run = InlineRun()
        }
        for item in classifiedChildren(of: node) {
            guard case .block(let child, let role) = item else {
                if case .text(let child, let role) = item { appendInline(child, to: &run, role: role) }
                continue
            }
            switch role {
            case .skip:
                continue
            case .list:
                flush(&builder)
                for item in child.elementChildren {
                    let block = textBlock(item)
                    if !block.text.isEmpty { builder.items.append(block.text) }
                    builder.links.append(contentsOf: block.links)
                }
            case .note:
                flush(&builder)
                var inner = InlineRun()
                for part in child.children where !dialect.isNoteTitle(part) { appendInline(part, to: &inner) }
                let text = foldWhitespace(inner.text)
                if !text.isEmpty { builder.notes.append(text) }
                builder.links.append(contentsOf: inner.links)
            default:
                flush(&builder)
                collect(child, into: &builder)
            }
        }
        flush(&builder)
    }
}
