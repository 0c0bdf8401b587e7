import CMSSchema

/// The Error Code Reference page's code/description table.
enum ErrorCodeExtractor {
    static func extract(_ entry: TableCatalog.Entry, location: SourceLocation, diagnostics: inout DiagnosticBag) -> [ResultCode] {
        guard let codeColumn = entry.columns[.code] else { return [] }
        let descriptionColumn = entry.columns[.description]
        var codes: [ResultCode] = []
        var seen: Set<String> = []
        for row in entry.table.rows where codeColumn < row.cells.count {
            let code = row.cells[codeColumn].text
            let rowLocation = SourceLocation(file: location.file, line: row.line, column: row.column, table: location.table, row: code)
            guard !code.isEmpty else { continue }
            guard seen.insert(code).inserted else {
                diagnostics.warning(.duplicateResultCode, "duplicate result code '\(code)'; the later row is ignored", at: rowLocation)
                continue
            }
            let description = descriptionColumn.flatMap { $0 < row.cells.count ? row.cells[$0].text : nil } ?? ""
            codes.append(ResultCode(code: code, description: description, location: rowLocation))
        }
        return codes
    }
}
