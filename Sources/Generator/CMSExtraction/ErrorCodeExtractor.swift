import CMSReading
import CMSSchema

/// An error-code table: the Error Code Reference of CC-CMS ("Error Code | Description") or an error-code appendix of the
/// second layout ("Status Code | Error Codes | Error Message | Description | Solution").
enum ErrorCodeExtractor {
    static func extract(_ entry: TableCatalog.Entry, location: SourceLocation, diagnostics: inout DiagnosticBag) -> [ResultCode] {
        guard let codeColumn = entry.columns[.code] else { return [] }
        func text(_ role: ColumnMap.Role, in row: Row) -> String? {
            guard let column = entry.columns[role], column < row.cells.count else { return nil }
            let text = row.cells[column].text
            return text.isEmpty ? nil : text
        }
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
            let message = text(.message, in: row)
            let status = text(.status, in: row).flatMap { Int($0.prefix { $0.isNumber }) }.flatMap { (100...599).contains($0) ? $0 : nil }
            codes.append(ResultCode(
                code: code, description: text(.description, in: row) ?? message ?? "", status: status, message: message, location: rowLocation
            ))
        }
        return codes
    }

    /// The statuses of a status-code table ("Status Code | Message | Description"), in the order of its rows.
    static func statuses(_ entry: TableCatalog.Entry, location: SourceLocation) -> [StatusCode] {
        guard let statusColumn = entry.columns[.status] else { return [] }
        var statuses: [StatusCode] = []
        for row in entry.table.rows where statusColumn < row.cells.count {
            let text = row.cells[statusColumn].text
            guard let status = Int(text.prefix { $0.isNumber }), (100...599).contains(status), !statuses.contains(where: { $0.status == status }) else { continue }
            func cell(_ role: ColumnMap.Role) -> String? {
                guard let column = entry.columns[role], column < row.cells.count, !row.cells[column].text.isEmpty else { return nil }
                return row.cells[column].text
            }
            let message = cell(.message)
            statuses.append(StatusCode(
                status: status, message: message, description: cell(.description) ?? message ?? "",
                location: SourceLocation(file: location.file, line: row.line, column: row.column, table: location.table, row: text)
            ))
        }
        return statuses
    }
}
