import CMSReading
import CMSSchema

/// What one page contributed: what the page is, its interfaces (one per request line), the reference material of an
/// appendix (result codes, statuses, common request headers), and what was found wrong.
public struct PageExtraction: Sendable {
    /// The page's kind and why; nil for a file that could not be read as a page.
    public var page: PageSummary?
    public var interfaces: [Interface]
    public var resultCodes: [ResultCode]
    /// The statuses of a status-code appendix.
    public var statusCodes: [StatusCode]
    /// The request headers an appendix documents for every interface.
    public var commonHeaders: [Field]
    /// The pages this interface page took fields from (its fragments).
    public var linkedPages: Set<String>
    /// The pages this interface page took documented values from (value appendices).
    public var valuePages: Set<String>
    public var diagnostics: [Diagnostic]

    public init(
        page: PageSummary? = nil, interfaces: [Interface] = [], resultCodes: [ResultCode] = [], statusCodes: [StatusCode] = [],
        commonHeaders: [Field] = [], linkedPages: Set<String> = [], valuePages: Set<String> = [], diagnostics: [Diagnostic] = []
    ) {
        self.valuePages = valuePages
        self.page = page
        self.interfaces = interfaces
        self.resultCodes = resultCodes
        self.statusCodes = statusCodes
        self.commonHeaders = commonHeaders
        self.linkedPages = linkedPages
        self.diagnostics = diagnostics
    }
}

/// A page read and classified, before the pages it may link to are known: the first of extraction's two passes.
struct PageSurvey: Sendable {
    var page: PageDocument
    var sections: PageSections
    var catalog: TableCatalog
    var lines: [RequestLine.URL]
    var verdict: PageClassifier.Verdict
    /// For a page that is not an interface: its fields, for the interface pages that link to it.
    var fragment: Fragment?

    init(_ page: PageDocument) {
        self.page = page
        sections = PageSections(page)
        catalog = TableCatalog(sections: sections)
        lines = RequestLine.findRequestLines(in: sections)
        verdict = PageClassifier.classify(page, sections: sections, catalog: catalog, lines: lines)
        // A page that is not an interface may be a fragment: the tables of one whose request line is missing too, so
        // that a page of data structures that happens to look like one is still found through its links.
        let mayBeLinked: Bool = switch verdict {
        case .other, .interfaceWithoutRequestLine: true
        case .interface: false
        }
        if mayBeLinked, catalog.entries.contains(where: { $0.columns.isParameterTable || $0.part == .values || $0.part == .unusable }) {
            fragment = Fragment(page: page, sections: sections, catalog: catalog)
        }
    }
}

/// Extracts one page's interfaces (or reference material) from its document model.
public enum PageExtractor {
    /// One page on its own: a link to another page finds nothing.
    public static func extract(_ page: PageDocument) -> PageExtraction {
        extract(PageSurvey(page), library: FragmentLibrary())
    }

    /// The second pass: an interface page with the fragments of the other pages at hand, or what an appendix documents.
    static func extract(_ survey: PageSurvey, library: FragmentLibrary) -> PageExtraction {
        let page = survey.page
        let title = page.title?.text
        switch survey.verdict {
        case .interface:
            var extraction = extractInterfaces(survey, library: library)
            extraction.page = PageSummary(file: page.file, kind: .interface, title: title, reason: interfaceReason(survey.lines))
            return extraction
        case .interfaceWithoutRequestLine(let why):
            // In a folder, one page the reader cannot place must not keep the rest of the reference from generating:
            // a warning, and the page is left out. Named on its own, it is an error (`SchemaBuilder`).
            let start = SourceLocation(file: page.file, line: page.title?.line ?? 1, column: page.title?.column ?? 1)
            return PageExtraction(
                page: PageSummary(file: page.file, kind: .interface, title: title, reason: why),
                diagnostics: [Diagnostic(.warning, .noInterface, "no recognisable interface: \(why); the page is left out", at: start)]
            )
        case .other(let kind, let why):
            return reference(survey, kind: kind, reason: why)
        }
    }

    private static func interfaceReason(_ lines: [RequestLine.URL]) -> String {
        let shown = lines.prefix(3).map { "\($0.method ?? "") \($0.path)".trimmingSpaces() }.joined(separator: ", ")
        return "request line\(lines.count == 1 ? "" : "s") \(shown)\(lines.count > 3 ? ", …" : "")"
    }

    /// What a page that is not an interface documents for the others: error codes, statuses, common request headers.
    private static func reference(_ survey: PageSurvey, kind: PageKind, reason: String) -> PageExtraction {
        let catalog = survey.catalog
        let file = survey.page.file
        var diagnostics = DiagnosticBag()
        var extraction = PageExtraction(page: PageSummary(file: file, kind: kind, title: survey.page.title?.text, reason: reason))
        extraction.resultCodes = catalog.all(.errorCodes).flatMap { index in
            ErrorCodeExtractor.extract(catalog.entries[index], location: catalog.location(of: index, file: file), diagnostics: &diagnostics)
        }
        extraction.statusCodes = catalog.all(.statusCodes).flatMap { index in
            ErrorCodeExtractor.statuses(catalog.entries[index], location: catalog.location(of: index, file: file))
        }
        var builder = FieldTreeBuilder(catalog: catalog, file: file)
        extraction.commonHeaders = catalog.all(.header).flatMap { builder.fields(ofTable: $0) }
        // Only what the reference material itself holds wrong is worth a word; the page's other tables are not read.
        extraction.diagnostics = diagnostics.diagnostics
        return extraction
    }

    /// The interfaces of an interface page, one per request line.
    private static func extractInterfaces(_ survey: PageSurvey, library: FragmentLibrary) -> PageExtraction {
        var diagnostics = DiagnosticBag()
        let page = survey.page
        let file = page.file
        let sections = survey.sections
        let catalog = survey.catalog
        let lines = survey.lines
        let pageStart = SourceLocation(file: file, line: page.title?.line ?? 1, column: page.title?.column ?? 1)

        let resultCodes = catalog.entries.indices.filter { catalog.entries[$0].part == .errorCodes }.flatMap { index in
            ErrorCodeExtractor.extract(catalog.entries[index], location: catalog.location(of: index, file: file), diagnostics: &diagnostics)
        }

        // The tables are read once; every request line shares them.
        var builder = FieldTreeBuilder(catalog: catalog, file: file, library: library)
        let headers = catalog.first(.header).map { builder.fields(ofTable: $0) } ?? []
        // "This API does not require authentication." is said where the page says what the API does, not in a list of
        // statuses or error codes.
        let prose = (sections.paragraphs(in: .scenario) + sections.paragraphs(in: .request)).map(\.text)
        let authentication = HeaderReader.authentication(of: headers, prose: prose)
        var request = catalog.first(.requestBody).map { index in
            Body(table: catalog.entries[index].table.caption, fields: builder.fields(ofTable: index), location: catalog.location(of: index, file: file))
        }
        let urlTableRows = catalog.all(.pathParameters).flatMap { builder.fields(ofTable: $0) }
        let queryTableRows = catalog.all(.queryParameters).flatMap { builder.fields(ofTable: $0) }
        let responseReader = ResponseExtractor(sections: sections, catalog: catalog, file: file)
        var responses = responseReader.responses(body: { index in
            Body(table: catalog.entries[index].table.caption, fields: builder.fields(ofTable: index), location: catalog.location(of: index, file: file))
        }, diagnostics: &diagnostics)
        // "See Responses (Task)": a body documented on another page of the reference.
        var linkedObjects: [ObjectType] = []
        var linkedPages: Set<String> = []
        var linkedExamples: [Example] = []
        func take(_ link: Link, forResponse: Bool) -> Body? {
            guard let fragment = library.fragment(for: link, from: file), let table = fragment.table(anchor: link.pageAnchor, forResponse: forResponse) else { return nil }
            linkedPages.insert(fragment.file)
            for object in fragment.objects(reachableFrom: table.body.fields) where !linkedObjects.contains(where: { $0.id == object.id }) {
                linkedObjects.append(object)
            }
            if forResponse, let example = fragment.responseExample { linkedExamples.append(example) }
            return table.body
        }
        if !library.isEmpty {
            for (status, link) in responseReader.bodyLinks() {
                // A response the page says has no body ("None", 204) stays empty, whatever else its section links to.
                guard let index = responses.firstIndex(where: { response in status.map { response.status == $0 } ?? response.isSuccess }),
                      responses[index].body == nil, !responses[index].isEmpty else { continue }
                let examples = linkedExamples.count
                guard let body = take(link, forResponse: true) else { continue }
                responses[index].body = body
                for example in linkedExamples.indices.dropFirst(examples) { linkedExamples[example].status = responses[index].status }
            }
            if request == nil, let link = sections.links(in: .request).first(where: { library.fragment(for: $0, from: file) != nil }) {
                request = take(link, forResponse: false)
            }
        }
        linkedPages.formUnion(builder.linkedPages)
        for index in catalog.entries.indices where catalog.entries[index].part == .nested && !builder.usedTables.contains(index) {
            diagnostics.warning(.unreferencedTable, "no field refers to this table; its rows are ignored", at: catalog.location(of: index, file: file))
        }
        for index in catalog.entries.indices where catalog.entries[index].part == .unusable && !builder.usedTables.contains(index) {
            let header = catalog.headerText(of: index)
            if catalog.entries[index].namesParameters {
                // A table of parameters whose columns name no parameter: the interface is read without it. In a folder a
                // warning, so that one page cannot keep a whole reference from generating; named on its own, an error
                // (`SchemaBuilder`).
                diagnostics.warning(.tableWithoutParameterColumn, "table has no parameter column (header: \(header)); the interface is read without it", at: catalog.location(of: index, file: file))
            } else {
                diagnostics.warning(.tableIgnored, "the table has no parameter column (header: \(header)) and no field refers to it; it is not read", at: catalog.location(of: index, file: file))
            }
        }
        diagnostics.append(contentsOf: builder.diagnostics.diagnostics)

        // Body fields that the older layout lists in the URI table, next to the path parameters ("Request: None").
        let first = lines[0]
        let firstMethod = first.method ?? RequestLine.findMethod(in: sections) ?? "POST"
        if request == nil, RequestLine.carriesBody(firstMethod) {
            let named = Set(lines.flatMap { $0.pathParameterNames + $0.query.map(\.name) })
            let bodyRows = urlTableRows.filter { !named.contains($0.name) }
            if !bodyRows.isEmpty {
                request = Body(table: bodyRows[0].location.table, fields: bodyRows, location: bodyRows[0].location)
            }
        }
        let bodyInURLTable = request.map { body in Set(urlTableRows.map(\.name)).isSuperset(of: body.fields.map(\.name)) && !body.fields.isEmpty } ?? false

        // Examples, checked against the tables. A request example of another path (a preparatory call) is not checked.
        let examples = ExampleExtractor.extract(sections, file: file, diagnostics: &diagnostics).filter { found in
            guard let line = found.requestLine else { return true }
            return lines.contains { RequestLine.samePath(line.path, $0.path) }
        }
        var checker = ExampleChecker(file: file, objects: builder.objects + linkedObjects)
        for found in examples {
            switch found.example.role {
            case .request:
                if let body = request {
                    let result = checker.check(found, against: body, tableName: body.table ?? "the request table")
                    request?.fields = result.fields
                    if let wrapper = result.wrapper { request?.exampleWrapper = wrapper }
                }
            case .response:
                let index = responses.firstIndex { response in found.example.status.map { response.status == $0 } ?? response.isSuccess }
                if let index, let body = responses[index].body {
                    let result = checker.check(found, against: body, tableName: body.table ?? "the response table")
                    responses[index].body?.fields = result.fields
                    if let wrapper = result.wrapper { responses[index].body?.exampleWrapper = wrapper }
                }
            case .requestHeaders:
                break
            }
        }
        diagnostics.append(contentsOf: checker.diagnostics.diagnostics)
        let objects = (builder.objects + linkedObjects).map { checker.objects[$0.id] ?? $0 }
        let invalid = examples.filter { $0.example.json == nil && $0.example.role != .requestHeaders && !$0.example.text.isEmpty }.map { found in
            Observation(kind: .invalidJSON, role: found.example.role, path: "", message: "the \(found.example.role.phrase) example is not valid JSON", location: found.example.location)
        }

        let scenario = sections.paragraphs(in: .scenario).map(\.text).filter { !isEditionLine($0) }
        var interfaces: [Interface] = []
        for url in lines {
            let urlLocation = SourceLocation(file: file, line: url.paragraph.line, column: url.paragraph.column)
            for repair in url.repairs { diagnostics.warning(.urlRepaired, repair, at: urlLocation) }
            let method = url.method ?? RequestLine.findMethod(in: sections) ?? {
                diagnostics.warning(.methodAssumed, "no request method found in the 'Interface Method' section; assuming POST", at: pageStart)
                return "POST"
            }()
            let pathParameters = RequestLine.pathParameters(url: url, table: urlTableRows, paragraphs: sections.paragraphs(in: .url), file: file)
            var queryParameters = RequestLine.queryParameters(
                url: url, tables: queryTableRows, urlTableRows: bodyInURLTable ? urlTableRows.filter { row in !(request?.fields.contains { $0.name == row.name } ?? false) } : urlTableRows,
                paragraphs: sections.paragraphs(in: .url), file: file, diagnostics: &diagnostics
            )
            var ownRequest = request
            // A GET carries no body: what its request table documents travels in the query string.
            if !RequestLine.carriesBody(method), let body = ownRequest, !body.fields.isEmpty {
                diagnostics.warning(.bodyAsQuery, "a \(method) request has no body; the fields of this table are sent as query parameters", at: body.location)
                for field in body.fields where !queryParameters.contains(where: { $0.name == field.name }) { queryParameters.append(field) }
                ownRequest = nil
            }
            interfaces.append(Interface(
                title: page.title?.text ?? url.path,
                scenario: scenario.isEmpty ? nil : scenario.joined(separator: "\n"),
                method: method,
                path: url.path,
                pathParameters: pathParameters,
                queryParameters: queryParameters,
                bmsInterfaces: RequestLine.bmsInterfaces(in: sections),
                headers: headers,
                headerParameters: HeaderReader.parameters(of: headers, authentication: authentication),
                authentication: authentication,
                request: ownRequest,
                responses: responses,
                objects: objects,
                examples: examples.filter { !$0.example.text.isEmpty }.map(\.example)
                    + linkedExamples.filter { linked in !examples.contains { $0.example.role == .response && ($0.example.status ?? linked.status) == linked.status } },
                observations: checker.observations + invalid,
                sources: [Source(file: file, format: page.format == .dita ? .dita : .html, language: PageExtractor.language(of: page), edition: page.edition, primary: true)],
                location: lines.count > 1 ? urlLocation : pageStart
            ))
            // The vendor's name is the page's: it names the operation only when the page documents one.
            if lines.count == 1 { interfaces[interfaces.count - 1].vendorOperationName = VendorOperationName.find(in: page) }
        }
        return PageExtraction(
            interfaces: interfaces, resultCodes: resultCodes, linkedPages: linkedPages, valuePages: builder.valuePages, diagnostics: diagnostics.diagnostics
        )
    }

    /// `zh` when the page declares Chinese or its headings are Chinese, else `en`.
    static func language(of page: PageDocument) -> String {
        if let declared = page.declaredLanguage?.lowercased() { return declared.hasPrefix("zh") ? "zh" : "en" }
        let headings = page.blocks.compactMap { block -> String? in
            switch block {
            case .heading(let text): text.text
            case .table(let table): table.caption
            default: nil
            }
        }
        return headings.contains(where: \.containsCJK) ? "zh" : "en"
    }

    private static func isEditionLine(_ text: String) -> Bool {
        text.hasPrefix("Updated on") || text.hasPrefix("更新时间")
    }
}
