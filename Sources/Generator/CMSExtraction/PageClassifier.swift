import CMSReading
import CMSSchema

/// Decides what a page of a downloaded reference is, from its structure alone: its request lines, the parts its
/// sections and tables document, their columns and their links. Titles and file names never count.
///
/// - An **interface** page gives a request line that stands alone (`METHOD /path` under "URI", a "Request URL"
///   section), or a request line in prose together with a documented response.
/// - A page without one that still documents a request and a response is an interface page whose request line is
///   missing: an error, not a page of another kind.
/// - Otherwise the tables decide: error codes, status codes or request headers make an **appendix**; a table that lists
///   APIs (its rows link to other pages or name `METHOD /path`) makes an **overview**; parameter tables make a page
///   that other pages may link to for their fields (a **fragment** once one does, else an appendix of data types);
///   value tables make an appendix of values; anything else is an overview.
enum PageClassifier {
    /// What the structure says, before the other pages are known.
    enum Verdict: Equatable {
        case interface
        /// An interface page whose request line cannot be found.
        case interfaceWithoutRequestLine(String)
        /// Not an interface: its kind (a parameter page is an appendix until a link makes it a fragment) and why.
        case other(PageKind, String)
    }

    static func classify(_ page: PageDocument, sections: PageSections, catalog: TableCatalog, lines: [RequestLine.URL]) -> Verdict {
        let parts = Set(catalog.entries.map(\.part))
        let documentsResponse = parts.contains(.responseBody) || parts.contains(.statusCodes)
            || sections.entries.contains { $0.section == .response || $0.section == .statusCodes }
            || sections.entries.contains { entry in
                guard case .code = entry.block, entry.section == .examples else { return false }
                return Prose.asciiWords(entry.heading ?? "").contains { $0.hasPrefix("response") }
            }
        if lines.contains(where: \.standsAlone) || !lines.isEmpty && documentsResponse { return .interface }

        let documentsRequest = !parts.isDisjoint(with: [.requestBody, .pathParameters, .queryParameters])
        if parts.contains(.responseBody) && documentsRequest && !parts.contains(.errorCodes) {
            return .interfaceWithoutRequestLine(
                "the page documents a request and a response, but no request line (no 'Request URL' section, no 'METHOD /path' paragraph under 'URI', no request example)"
            )
        }
        let prefix = lines.isEmpty ? "no request line" : "a URL only in prose, and no documented response"
        if parts.contains(.errorCodes) { return .other(.appendix, "\(prefix); a table of error codes") }
        if parts.contains(.statusCodes) { return .other(.appendix, "\(prefix); a table of HTTP status codes") }
        if parts.contains(.header) { return .other(.appendix, "\(prefix); a table of request headers") }
        if let listing = catalog.entries.first(where: listsPages) {
            let header = listing.table.header.map(\.text).filter { !$0.isEmpty }.joined(separator: " | ")
            return .other(.overview, "\(prefix); a table that lists APIs or pages (\(header.isEmpty ? "no header" : header))")
        }
        if parts.contains(.responseHeaders) { return .other(.appendix, "\(prefix); a table of response headers") }
        if catalog.entries.contains(where: { $0.columns.isParameterTable && $0.columns[.type] != nil }) {
            return .other(.appendix, "\(prefix); tables of typed parameters (data types) that no interface of the pages read links to")
        }
        if parts.contains(.values) { return .other(.appendix, "\(prefix); a table of values") }
        if catalog.entries.isEmpty { return .other(.overview, page.blocks.isEmpty ? "the page is empty" : "\(prefix) and no tables") }
        return .other(.overview, "\(prefix); no table of parameters, codes or values")
    }

    /// A table whose rows list APIs or pages: most rows link to another page, or name a `METHOD /path` or a path.
    static func listsPages(_ entry: TableCatalog.Entry) -> Bool {
        guard !entry.columns.isParameterTable, !entry.table.rows.isEmpty else { return false }
        let listing = entry.table.rows.filter { row in
            row.cells.contains { cell in
                cell.links.contains { $0.pageTarget != nil } || cell.paragraphs.contains { paragraph in
                    let tokens = paragraph.split(separator: " ")
                    return tokens.count <= 2 && (tokens.first.map { RequestLine.methods.contains(String($0)) } == true
                        || tokens.first.map { $0.hasPrefix("/") && $0.count > 1 } == true)
                }
            }
        }
        return listing.count * 2 >= entry.table.rows.count
    }
}

extension Link {
    /// The page a link points to, without its fragment (`other.html#table3` → `other.html`), or nil for a link within
    /// the page, to a site (`https://…`), mail or script.
    var pageTarget: String? {
        let target = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !target.isEmpty, !target.contains(":"), !target.hasPrefix("/") else { return nil }
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        let lower = path.lowercased()
        guard [".html", ".htm", ".dita", ".xml"].contains(where: { lower.hasSuffix($0) }) else { return nil }
        return path
    }

    /// The element id after the `#` of a link to another page (`other.html#table3` → `table3`), if any.
    var pageAnchor: String? {
        guard pageTarget != nil, let hash = href.firstIndex(of: "#") else { return nil }
        let anchor = String(href[href.index(after: hash)...])
        return anchor.isEmpty ? nil : Link.reduceAnchor(anchor)
    }
}

extension PageKind {
    /// "an" or "a", for messages: "an appendix, not an interface".
    var article: String { self == .interface || self == .appendix || self == .overview ? "an" : "a" }
}
