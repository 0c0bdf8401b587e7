import CMSSchema

/// DITA XML `reference` (or `topic`/`task`/`concept`) topics with CALS or simple tables.
struct DITADialect: MarkupDialect {
    var format: PageDocument.Format { .dita }

    /// "Table N " labels, as DITA-OT numbers titled tables, keyed by table id.
    let tableLabels: [String: String]

    static let inlineNames: Set<String> = [
        "ph", "b", "i", "u", "tt", "sup", "sub", "codeph", "uicontrol", "parmname", "apiname", "filepath", "option",
        "keyword", "term", "tm", "cite", "q", "menucascade", "wintitle", "varname", "systemoutput", "userinput",
        "cmdname", "msgph", "synph", "text", "line-through", "overline", "image", "abbreviated-form", "fn",
    ]
    static let skippedNames: Set<String> = [
        "prolog", "titlealts", "related-links", "draft-comment", "indexterm", "data", "data-about", "foreign", "unknown",
        "required-cleanup",
    ]

    func role(of node: XMLNode, isRoot: Bool) -> ElementRole {
        let name = node.name
        if DITADialect.skippedNames.contains(name) { return .skip }
        switch name {
        case "title":
            // The title of the topic itself (a child of the root element); every other title heads its section.
            return node.parent?.parent?.isDocument ?? false ? .title : .heading
        case "table", "simpletable", "properties": return .table
        case "codeblock", "pre", "screen", "msgblock", "lines": return .code
        case "ul", "ol", "sl": return .list
        case "note": return .note
        case "xref", "link": return .link
        default: return DITADialect.inlineNames.contains(name) ? .inline : .block
        }
    }

    func isCaption(_ node: XMLNode) -> Bool { node.name == "title" }

    func isNoteTitle(_ node: XMLNode) -> Bool { false }

    func captionText(_ rawCaption: String?, tableNode: XMLNode) -> String? {
        guard let caption = rawCaption, !caption.isEmpty else { return nil }
        guard let id = tableNode.attribute("id"), let label = tableLabels[Link.reduceAnchor(id)] else { return caption }
        return "\(label) \(caption)"
    }

    func generatedLinkText(href: String) -> String? {
        guard href.hasPrefix("#") else { return nil }
        return tableLabels[Link.reduceAnchor(String(href.dropFirst()))]
    }

    func extraAnchors(of tableNode: XMLNode) -> [String] { [] }
}

/// Reads a DITA topic.
struct DITAWalker {
    let file: String
    let lines: SourceLines

    func read(root: XMLNode) -> PageReader.Outcome {
        let language = root.xmlLang
        let chinese = language?.lowercased().hasPrefix("zh") ?? false
        // DITA-OT numbers the titled tables in document order and fills empty xrefs with that label.
        var labels: [String: String] = [:]
        var number = 0
        for table in root.all(where: { $0.name == "table" }) where table.elementChildren.contains(where: { $0.name == "title" }) {
            number += 1
            if let id = table.attribute("id") {
                labels[Link.reduceAnchor(id)] = chinese ? "表\(number)" : "Table \(number)"
            }
        }
        let dialect = DITADialect(tableLabels: labels)
        var walker = TopicWalker(dialect: dialect, file: file, lines: lines)
        walker.walk(root, isRoot: true)
        let revised = root.first { $0.name == "revised" }?.attribute("modified")
        return .page(PageDocument(
            file: file, format: .dita, declaredLanguage: language, title: walker.title, edition: revised, blocks: walker.blocks
        ))
    }
}
