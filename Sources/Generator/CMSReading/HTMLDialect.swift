import CMSSchema

/// DITA-OT HTML output, bare or inside a saved help-centre page.
struct HTMLDialect: MarkupDialect {
    var format: PageDocument.Format { .html }

    static let inlineNames: Set<String> = [
        "b", "strong", "i", "em", "span", "code", "tt", "sup", "sub", "u", "font", "abbr", "cite", "q", "small", "big",
        "kbd", "var", "samp", "label", "s", "strike", "mark", "time", "img", "nobr", "wbr",
    ]
    static let skippedNames: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "form", "button", "input", "select", "textarea",
        "iframe", "svg", "head", "object", "embed", "template",
    ]
    /// Site chrome and DITA-OT navigation that is not part of the topic.
    static let skippedClasses: Set<String> = [
        "familylinks", "parentlink", "related-links", "relinfo", "doc-feedback", "help-sidebar", "help-breadcrumb",
        "header", "footer", "doc-title-bar", "cookie", "cookie-bar", "notetitle-hidden",
    ]

    static let noteClasses: Set<String> = ["note", "notice", "caution", "warning"]

    func role(of node: XMLNode, isRoot: Bool) -> ElementRole {
        let name = node.name
        if HTMLDialect.skippedNames.contains(name) { return .skip }
        // Site chrome and navigation come as classed blocks; only those need their class attribute read.
        if name == "div" || name == "ul" || name == "section" || name == "aside",
           node.classes.contains(where: { HTMLDialect.skippedClasses.contains(String($0)) }) { return .skip }
        switch name {
        case "h1": return .title
        case "h2", "h3", "h4", "h5", "h6": return .heading
        case "table": return .table
        case "pre", "xmp", "listing": return .code
        case "ul", "ol": return .list
        case "a": return node.attribute("href") == nil ? .inline : .link
        case "br": return .lineBreak
        case "div" where node.classes.contains(where: { HTMLDialect.noteClasses.contains(String($0)) }): return .note
        default: return HTMLDialect.inlineNames.contains(name) ? .inline : .block
        }
    }

    func isCaption(_ node: XMLNode) -> Bool { node.name == "caption" }

    func isNoteTitle(_ node: XMLNode) -> Bool { node.isElement && node.hasClass("notetitle") }

    func captionText(_ rawCaption: String?, tableNode: XMLNode) -> String? { rawCaption.flatMap { $0.isEmpty ? nil : $0 } }

    func generatedLinkText(href: String) -> String? { nil }

    func extraAnchors(of tableNode: XMLNode) -> [String] {
        var anchors: [String] = []
        var sibling = tableNode.previousSibling
        while let node = sibling {
            if node.isElement {
                guard node.name == "a", let name = node.attribute("name") ?? node.attribute("id") else { break }
                anchors.append(Link.reduceAnchor(name))
            }
            sibling = node.previousSibling
        }
        if let parent = tableNode.parent, parent.name == "div", let id = parent.attribute("id") {
            anchors.append(Link.reduceAnchor(id))
        }
        return anchors
    }
}

/// Reads an HTML page: finds the topic, leaves the site chrome out.
struct HTMLWalker {
    let file: String
    let lines: SourceLines

    func read(root: XMLNode) -> PageReader.Outcome {
        // A saved help-centre page holds the topic in `div.help-content`; a bare export is the topic itself.
        let topic = root.first { $0.name == "div" && $0.hasClass("help-content") }
            ?? root.first { $0.name == "body" }
            ?? root
        var walker = TopicWalker(dialect: HTMLDialect(), file: file, lines: lines)
        walker.walk(topic, isRoot: true)
        let language = root.name == "html" ? root.attribute("lang") : nil
        return .page(PageDocument(
            file: file, format: .html, declaredLanguage: language, title: walker.title,
            edition: lines.edition(), blocks: walker.blocks
        ))
    }
}

