import CMSReading
import CMSSchema

/// The fields a page that is not an interface documents, for interface pages that link to it ("See Responses (Task)",
/// "For details, see Data Types"): each parameter table read into a body, the objects its rows refer to, its value
/// tables, and its response example.
struct Fragment: Sendable {
    struct TableBody: Sendable {
        /// The id of the table's object, unique in its page (its caption, or the caption and its position).
        var objectID: String
        var anchors: [String]
        /// Whether the table stands in a response part of the page (a "Response Parameters" section, a caption that
        /// says response).
        var isResponse: Bool
        var body: Body
    }

    struct ValueTable: Sendable {
        var anchors: [String]
        var enumeration: Enumeration
    }

    var file: String
    var title: String?
    /// What goes in front of the ids of the page's objects, to keep them unique across pages.
    var prefix: String
    /// The parameter tables that no other table of the page refers to, in page order.
    var tables: [TableBody]
    /// The objects those tables' rows refer to, with ids unique across pages.
    var objects: [ObjectType]
    var valueTables: [ValueTable]
    /// The page's response example, for interfaces that take their response from here and show none of their own.
    var responseExample: Example?

    /// Reads the parameter and value tables of a page.
    init(page: PageDocument, sections: PageSections, catalog: TableCatalog) {
        file = page.file
        title = page.title?.text
        var builder = FieldTreeBuilder(catalog: catalog, file: page.file)
        var tables: [TableBody] = []
        // Tables of typed parameters, the way an interface documents a body; headers and tables without a Type column
        // (the parts of a URI, say) are not bodies.
        for index in catalog.entries.indices where catalog.entries[index].columns.isParameterTable && !builder.usedTables.contains(index) {
            let entry = catalog.entries[index]
            guard entry.part != .responseHeaders, entry.part != .header, entry.columns[.type] != nil else { continue }
            let fields = builder.fields(ofTable: index)
            guard !fields.isEmpty else { continue }
            let isResponse = entry.section == .response || entry.part == .responseBody
            tables.append(TableBody(
                objectID: catalog.objectID(of: index), anchors: entry.table.anchors, isResponse: isResponse,
                body: Body(table: entry.table.caption, fields: fields, location: catalog.location(of: index, file: page.file))
            ))
        }
        let prefix = (page.title?.text).map { "\($0) (\(page.file))" } ?? page.file
        self.prefix = prefix
        // Object ids become unique across pages: the page they come from goes in front.
        func rename(_ id: String) -> String { "\(prefix): \(id)" }
        func renamed(_ fields: [Field]) -> [Field] {
            fields.map { field in
                var field = field
                field.object = field.object.map(rename)
                field.recursiveReference = field.recursiveReference.map(rename)
                return field
            }
        }
        self.tables = tables.map { table in
            var table = table
            table.body.fields = renamed(table.body.fields)
            return table
        }
        objects = builder.objects.map { object in
            var object = object
            object.id = rename(object.id)
            object.fields = renamed(object.fields)
            return object
        }
        valueTables = catalog.entries.indices.compactMap { index in
            let entry = catalog.entries[index]
            guard entry.part == .values || entry.part == .unusable,
                  let enumeration = EnumerationMiner.fromValueTable(
                    entry.table, columns: entry.columns, location: catalog.location(of: index, file: page.file), valuesInFirstColumn: true
                  )
            else { return nil }
            return ValueTable(anchors: entry.table.anchors, enumeration: enumeration)
        }
        var ignored = DiagnosticBag()
        responseExample = ExampleExtractor.extract(sections, file: page.file, diagnostics: &ignored)
            .first { $0.example.role == .response && $0.example.json != nil }?.example
    }

    /// The table a link names by its anchor, else the first response table for a response (the first other table for
    /// a request or a field, else the first).
    func table(anchor: String?, forResponse: Bool) -> TableBody? {
        if let anchor, let named = tables.first(where: { $0.anchors.contains(anchor) }) { return named }
        return forResponse ? tables.first(where: \.isResponse) ?? tables.first : tables.first(where: { !$0.isResponse }) ?? tables.first
    }

    /// The value table a link names by its anchor; without one, the page's only value table.
    func valueTable(anchor: String?) -> ValueTable? {
        if let anchor { return valueTables.first { $0.anchors.contains(anchor) } ?? (valueTables.count == 1 ? valueTables.first : nil) }
        return valueTables.count == 1 ? valueTables.first : nil
    }

    /// The objects `fields` refer to, directly or through other objects.
    func objects(reachableFrom fields: [Field]) -> [ObjectType] {
        var wanted = fields.compactMap(\.object)
        var seen: Set<String> = []
        var result: [ObjectType] = []
        while let id = wanted.popLast() {
            guard seen.insert(id).inserted, let object = objects.first(where: { $0.id == id }) else { continue }
            result.append(object)
            wanted.append(contentsOf: object.fields.compactMap(\.object))
        }
        return objects.filter { object in result.contains { $0.id == object.id } }
    }
}

/// The fragments of all pages read, by file, for the interface pages that link to them.
struct FragmentLibrary: Sendable {
    private var byFile: [String: Fragment] = [:]

    init(_ fragments: [Fragment] = []) {
        for fragment in fragments { byFile[fragment.file] = fragment }
    }

    var isEmpty: Bool { byFile.isEmpty }

    /// The fragment a link of the page `file` points to: the link's path taken relative to the page's folder.
    func fragment(for link: Link, from file: String) -> Fragment? {
        guard let target = link.pageTarget else { return nil }
        return byFile[Self.resolve(target, from: file)]
    }

    /// `other.html` seen from `docs/api/page.html` → `docs/api/other.html`; `..` and `.` segments are folded.
    static func resolve(_ target: String, from file: String) -> String {
        var segments = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if let last = segments.last, last != ".." && !last.isEmpty { segments.removeLast() } else { segments.append("..") }
            default: segments.append(String(segment).removingPercentEncodingIfValid)
            }
        }
        return segments.joined(separator: "/")
    }
}
