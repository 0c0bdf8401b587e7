import CMSReading
import CMSSchema

/// What one page contributed: an interface, result codes, or neither, and what was found wrong.
public struct PageExtraction: Sendable {
    public var interface: Interface?
    public var resultCodes: [ResultCode]
    public var diagnostics: [Diagnostic]
}

/// Extracts one page's interface (or result codes) from its document model.
public enum PageExtractor {
    public static func extract(_ page: PageDocument) -> PageExtraction {
        var diagnostics = DiagnosticBag()
        let file = page.file
        let sections = PageSections(page)
        let catalog = TableCatalog(sections: sections)
        let pageStart = SourceLocation(file: file, line: page.title?.line ?? 1, column: page.title?.column ?? 1)

        for index in catalog.entries.indices where catalog.entries[index].part == .unusable {
            let table = catalog.entries[index].table
            let header = table.header.map(\.text).joined(separator: " | ")
            diagnostics.error("table has no parameter column (header: \(header.isEmpty ? "none" : header))", at: catalog.location(of: index, file: file))
        }

        let resultCodes = catalog.entries.indices.filter { catalog.entries[$0].part == .errorCodes }.flatMap { index in
            ErrorCodeExtractor.extract(catalog.entries[index], location: catalog.location(of: index, file: file), diagnostics: &diagnostics)
        }

        guard let url = RequestLine.findURL(in: sections) else {
            if resultCodes.isEmpty {
                let what = page.blocks.isEmpty ? "the page has no sections, tables or examples" : catalog.entries.isEmpty ? "no request URL and no tables" : "no request URL"
                diagnostics.error("no recognisable interface: \(what)", at: pageStart)
            }
            return PageExtraction(interface: nil, resultCodes: resultCodes, diagnostics: diagnostics.diagnostics)
        }
        let urlLocation = SourceLocation(file: file, line: url.paragraph.line, column: url.paragraph.column)
        for repair in url.repairs { diagnostics.warning(repair, at: urlLocation) }

        let method = RequestLine.findMethod(in: sections) ?? {
            diagnostics.warning("no request method found in the 'Interface Method' section; assuming POST", at: pageStart)
            return "POST"
        }()

        var builder = FieldTreeBuilder(catalog: catalog, file: file)
        let headers = catalog.first(.header).map { builder.fields(ofTable: $0) } ?? []
        func body(_ part: TablePart) -> Body? {
            catalog.first(part).map { index in
                Body(table: catalog.entries[index].table.caption, fields: builder.fields(ofTable: index), location: catalog.location(of: index, file: file))
            }
        }
        var request = body(.requestBody)
        var response = body(.responseBody)
        let urlTableRows = catalog.all(.pathParameters).flatMap { builder.fields(ofTable: $0) }
        let queryTableRows = catalog.all(.queryParameters).flatMap { builder.fields(ofTable: $0) }
        let pathParameters = RequestLine.pathParameters(url: url, table: urlTableRows, paragraphs: sections.paragraphs(in: .url), file: file)
        var queryParameters = RequestLine.queryParameters(
            url: url, tables: queryTableRows, urlTableRows: urlTableRows, paragraphs: sections.paragraphs(in: .url), file: file, diagnostics: &diagnostics
        )
        // A GET carries no body: what its request table documents travels in the query string.
        if method == "GET", let body = request, !body.fields.isEmpty {
            diagnostics.warning("a GET request has no body; the fields of this table are sent as query parameters", at: body.location)
            for field in body.fields where !queryParameters.contains(where: { $0.name == field.name }) { queryParameters.append(field) }
            request = nil
        }

        for index in catalog.entries.indices where catalog.entries[index].part == .nested && !builder.usedTables.contains(index) {
            diagnostics.warning("no field refers to this table; its rows are ignored", at: catalog.location(of: index, file: file))
        }
        diagnostics.append(contentsOf: builder.diagnostics.diagnostics)

        // Examples, checked against the tables.
        let examples = ExampleExtractor.extract(sections, file: file, diagnostics: &diagnostics)
        var checker = ExampleChecker(file: file, objects: builder.objects)
        for found in examples {
            switch found.example.role {
            case .request:
                if let body = request {
                    let result = checker.check(found, against: body, tableName: body.table ?? "the request table")
                    request?.fields = result.fields
                    if let wrapper = result.wrapper { request?.exampleWrapper = wrapper }
                }
            case .response:
                if let body = response {
                    let result = checker.check(found, against: body, tableName: body.table ?? "the response table")
                    response?.fields = result.fields
                    if let wrapper = result.wrapper { response?.exampleWrapper = wrapper }
                }
            case .requestHeaders:
                break
            }
        }
        diagnostics.append(contentsOf: checker.diagnostics.diagnostics)
        let objects = builder.objects.map { checker.objects[$0.id] ?? $0 }
        let invalid = examples.filter { $0.example.json == nil && $0.example.role != .requestHeaders }.map { found in
            Observation(kind: .invalidJSON, role: found.example.role, path: "", message: "the \(found.example.role.phrase) example is not valid JSON", location: found.example.location)
        }

        let scenario = sections.paragraphs(in: .scenario).map(\.text).filter { !isEditionLine($0) }
        let interface = Interface(
            title: page.title?.text ?? url.path,
            scenario: scenario.isEmpty ? nil : scenario.joined(separator: "\n"),
            method: method,
            path: url.path,
            pathParameters: pathParameters,
            queryParameters: queryParameters,
            bmsInterfaces: RequestLine.bmsInterfaces(in: sections),
            headers: headers,
            request: request,
            response: response,
            objects: objects,
            examples: examples.map(\.example),
            observations: checker.observations + invalid,
            sources: [Source(file: file, format: page.format == .dita ? .dita : .html, language: PageExtractor.language(of: page), edition: page.edition, primary: true)],
            location: pageStart
        )
        return PageExtraction(interface: interface, resultCodes: resultCodes, diagnostics: diagnostics.diagnostics)
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
