import CMSReading
import CMSSchema

/// What one page contributed: its interfaces (one per request line), result codes, and what was found wrong.
public struct PageExtraction: Sendable {
    public var interfaces: [Interface]
    public var resultCodes: [ResultCode]
    public var diagnostics: [Diagnostic]

    public init(interfaces: [Interface] = [], resultCodes: [ResultCode] = [], diagnostics: [Diagnostic] = []) {
        self.interfaces = interfaces
        self.resultCodes = resultCodes
        self.diagnostics = diagnostics
    }
}

/// Extracts one page's interfaces (or result codes) from its document model.
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
            diagnostics.error(.tableWithoutParameterColumn, "table has no parameter column (header: \(header.isEmpty ? "none" : header))", at: catalog.location(of: index, file: file))
        }

        let resultCodes = catalog.entries.indices.filter { catalog.entries[$0].part == .errorCodes }.flatMap { index in
            ErrorCodeExtractor.extract(catalog.entries[index], location: catalog.location(of: index, file: file), diagnostics: &diagnostics)
        }

        let lines = RequestLine.findRequestLines(in: sections)
        guard !lines.isEmpty else {
            if resultCodes.isEmpty {
                let what = page.blocks.isEmpty ? "the page has no sections, tables or examples"
                    : catalog.entries.isEmpty ? "no request line and no tables"
                    : "no request line (no 'Request URL' section, no 'METHOD /path' paragraph under 'URI', no request example)"
                diagnostics.error(.noInterface, "no recognisable interface: \(what)", at: pageStart)
            }
            return PageExtraction(resultCodes: resultCodes, diagnostics: diagnostics.diagnostics)
        }

        // The tables are read once; every request line shares them.
        var builder = FieldTreeBuilder(catalog: catalog, file: file)
        let headers = catalog.first(.header).map { builder.fields(ofTable: $0) } ?? []
        let authentication = HeaderReader.authentication(of: headers)
        var request = catalog.first(.requestBody).map { index in
            Body(table: catalog.entries[index].table.caption, fields: builder.fields(ofTable: index), location: catalog.location(of: index, file: file))
        }
        let urlTableRows = catalog.all(.pathParameters).flatMap { builder.fields(ofTable: $0) }
        let queryTableRows = catalog.all(.queryParameters).flatMap { builder.fields(ofTable: $0) }
        let responseReader = ResponseExtractor(sections: sections, catalog: catalog, file: file)
        var responses = responseReader.responses(body: { index in
            Body(table: catalog.entries[index].table.caption, fields: builder.fields(ofTable: index), location: catalog.location(of: index, file: file))
        }, diagnostics: &diagnostics)
        for index in catalog.entries.indices where catalog.entries[index].part == .nested && !builder.usedTables.contains(index) {
            diagnostics.warning(.unreferencedTable, "no field refers to this table; its rows are ignored", at: catalog.location(of: index, file: file))
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
        let objects = builder.objects.map { checker.objects[$0.id] ?? $0 }
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
                examples: examples.filter { !$0.example.text.isEmpty }.map(\.example),
                observations: checker.observations + invalid,
                sources: [Source(file: file, format: page.format == .dita ? .dita : .html, language: PageExtractor.language(of: page), edition: page.edition, primary: true)],
                location: lines.count > 1 ? urlLocation : pageStart
            ))
        }
        return PageExtraction(interfaces: interfaces, resultCodes: resultCodes, diagnostics: diagnostics.diagnostics)
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
