/// Where a fact came from: a file, a line and column in it, and, inside a table, the table's caption and the row.
public struct SourceLocation: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path of the page as it was given to the reader (for example `specs/vdn-querycalls-v1.html`).
    public var file: String
    /// 1-based line in the file.
    public var line: Int
    /// 1-based column in the line.
    public var column: Int
    /// The caption of the table the fact comes from (for example `Table 4 Parameters of resultDesc`).
    public var table: String?
    /// The row inside that table: its `No.` cell when it has one, else its parameter name.
    public var row: String?

    public init(file: String, line: Int, column: Int = 1, table: String? = nil, row: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.table = table
        self.row = row
    }

    /// `file:line:col`, the compiler-style prefix.
    public var description: String { "\(file):\(line):\(column)" }

    /// A short human phrase for the table and row, for messages: `table 'Table 2 …', row 'ccId'`.
    public var tableAndRow: String? {
        switch (table, row) {
        case let (table?, row?): return "table '\(table)', row '\(row)'"
        case let (table?, nil): return "table '\(table)'"
        case let (nil, row?): return "row '\(row)'"
        default: return nil
        }
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The same place seen from a table row.
    public func inTable(_ table: String?, row: String?) -> SourceLocation {
        var copy = self
        copy.table = table
        copy.row = row
        return copy
    }
}
