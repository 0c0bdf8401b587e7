import CMSReading
import CMSSchema

/// Builds the field tree of a body: rows become fields, dotted row numbers and "see Table N" references become nesting,
/// and each field gets its type, requirement, constraints and enumeration.
struct FieldTreeBuilder {
    let catalog: TableCatalog
    let file: String
    var diagnostics = DiagnosticBag()
    /// Tables some field's fields came from, or whose values became an enumeration.
    private(set) var usedTables: Set<Int> = []
    /// Tables already built, by table and ancestors: "Parameters of resultDesc or resultDatas" serves two fields.
    private var built: [[Int]: [Field]] = [:]

    init(catalog: TableCatalog, file: String) {
        self.catalog = catalog
        self.file = file
    }

    /// A row read into a field, with what nesting needs.
    private struct RowField {
        var number: String?
        var field: Field
        var descriptionCell: Cell?
    }

    /// The fields documented by table `index`; `ancestors` are the tables above it, to refuse cycles.
    mutating func fields(ofTable index: Int, ancestors: [Int] = []) -> [Field] {
        if let fields = built[ancestors + [index]] { return fields }
        let fields = buildFields(ofTable: index, ancestors: ancestors)
        built[ancestors + [index]] = fields
        return fields
    }

    private mutating func buildFields(ofTable index: Int, ancestors: [Int]) -> [Field] {
        usedTables.insert(index)
        let entry = catalog.entries[index]
        let caption = entry.table.caption ?? "table \(entry.table.ordinal) (no caption)"
        var rows: [RowField] = []
        var seen: Set<String> = []
        for row in entry.table.rows {
            guard let rowField = readRow(row, columns: entry.columns, caption: caption) else { continue }
            let key = (rowField.number.map { parentNumber(of: $0) ?? "" } ?? "") + "/" + rowField.field.name
            if seen.contains(key) {
                diagnostics.warning("duplicate field '\(rowField.field.name)'; the later row is ignored", at: rowField.field.location)
                continue
            }
            seen.insert(key)
            rows.append(rowField)
        }
        return nest(rows, tableIndex: index, ancestors: ancestors)
    }

    // MARK: Rows

    private mutating func readRow(_ row: Row, columns: ColumnMap, caption: String) -> RowField? {
        func cell(_ role: ColumnMap.Role) -> Cell? {
            guard let column = columns[role], column < row.cells.count else { return nil }
            return row.cells[column]
        }
        let number = cell(.number).map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        let nameText = cell(.name)?.text ?? ""
        let location = SourceLocation(file: file, line: row.line, column: row.column, table: caption, row: number ?? (nameText.isEmpty ? nil : nameText))
        guard !nameText.isEmpty else {
            if row.cells.contains(where: { !$0.text.isEmpty }) {
                diagnostics.warning("row has no parameter name; it is ignored", at: location)
            }
            return nil
        }
        var name = nameText
        if let space = nameText.firstIndex(where: { $0 == " " || $0 == "(" || $0 == "（" }) {
            name = String(nameText[..<space])
            diagnostics.warning("parameter name '\(nameText)' has extra words; using '\(name)'", at: location)
        }

        // Type.
        let typeText = cell(.type)?.text ?? ""
        var type = FieldType(kind: .unknown, raw: typeText)
        var constraints = Constraints()
        if columns[.type] == nil {
            // No type column: the type is unknown until an example shows it.
        } else {
            let normalized = TypeNormalizer.normalize(typeText)
            type = normalized.type
            constraints = normalized.constraints
            if !normalized.recognised {
                diagnostics.warning("unknown type spelling '\(typeText)'; the field keeps its raw type", at: location)
            }
        }

        // Requirement.
        var requirement = Requirement.unspecified
        if let mandatory = cell(.mandatory) {
            if let parsed = RequirementParser.parse(mandatory.text) {
                requirement = parsed
            } else {
                diagnostics.warning("unknown Mandatory value '\(mandatory.text)'; the field is left unspecified", at: location)
            }
        }

        // Description, enumeration, constraints.
        let description = cell(.description)
        var enumeration = description.flatMap { EnumerationMiner.fromItems($0.items, at: location) }
        var text = description?.paragraphs ?? []
        if enumeration == nil, let items = description?.items, !items.isEmpty {
            text.append(contentsOf: items.map { "- " + $0 })
        }
        if type.kind == .array, type.element == nil, let stated = ElementTypeMiner.elementKind(in: description?.paragraphs ?? []) {
            type.element = stated
        }
        let mined = ConstraintMiner.mine(((description?.paragraphs ?? []) + (description?.notes ?? [])).joined(separator: " "), kind: type.kind)
        constraints = merge(constraints, mined.constraints)
        for ignored in mined.ignored {
            diagnostics.warning("\(ignored); the limit is ignored", at: location)
        }
        var defaultValue = cell(.defaultValue).map(\.text).flatMap { $0.isEmpty || $0 == "-" || $0 == "N/A" || $0 == "无" ? nil : $0 }
        if defaultValue == nil { defaultValue = mined.defaultValue }
        if enumeration != nil, type.kind == .boolean { enumeration = nil }

        let field = Field(
            name: name, type: type, requirement: requirement, defaultValue: defaultValue,
            description: text.joined(separator: "\n"), notes: description?.notes ?? [], constraints: constraints,
            enumeration: enumeration, location: location
        )
        return RowField(number: number, field: field, descriptionCell: description)
    }

    private func merge(_ fromType: Constraints, _ fromProse: Constraints) -> Constraints {
        var result = fromProse
        if let minLength = fromType.minLength { result.minLength = minLength }
        if let maxLength = fromType.maxLength { result.maxLength = min(maxLength, fromProse.maxLength ?? maxLength) }
        return result
    }

    // MARK: Nesting

    /// "2.4.1" → "2.4"; nil for an undotted number.
    private func parentNumber(of number: String) -> String? {
        guard let dot = number.lastIndex(of: ".") else { return nil }
        return String(number[..<dot])
    }

    /// Rows whose dotted number names a parent row of the same table nest under it; the rest are top level.
    private mutating func nest(_ rows: [RowField], tableIndex: Int, ancestors: [Int]) -> [Field] {
        let numbers = Set(rows.compactMap(\.number))
        var childrenOf: [String: [RowField]] = [:]
        var topLevel: [RowField] = []
        for row in rows {
            if let number = row.number, let parent = parentNumber(of: number), numbers.contains(parent) {
                childrenOf[parent, default: []].append(row)
            } else {
                topLevel.append(row)
            }
        }
        func build(_ row: RowField) -> RowField {
            var row = row
            if let number = row.number, let children = childrenOf[number] {
                row.field.fields = children.map { build($0).field }
                row.field.fieldsTable = row.field.location.table
            }
            return row
        }
        return topLevel.map { row in
            var built = build(row)
            resolveNesting(&built, tableIndex: tableIndex, ancestors: ancestors)
            return built.field
        }
    }

    /// Gives an object or array field its fields from the table it refers to, and a scalar its values from a value table.
    private mutating func resolveNesting(_ row: inout RowField, tableIndex: Int, ancestors: [Int]) {
        var field = row.field
        defer { row.field = field }
        for index in field.fields.indices {
            var child = RowField(number: nil, field: field.fields[index], descriptionCell: nil)
            resolveObjectElement(&child.field)
            field.fields[index] = child.field
        }
        let target = row.descriptionCell.flatMap { catalog.referencedTable(from: $0) }
        let isContainer = field.type.kind == .object || field.type.kind == .array && (field.type.element == nil || field.type.element == .object)
        guard isContainer else {
            if let target, catalog.entries[target].part == .values, field.enumeration == nil {
                let location = catalog.location(of: target, file: file)
                field.enumeration = EnumerationMiner.fromValueTable(catalog.entries[target].table, columns: catalog.entries[target].columns, location: location)
                usedTables.insert(target)
            }
            return
        }
        guard field.fields.isEmpty else { return }
        let refused = ancestors + [tableIndex]
        var chosen: Int?
        if let target {
            let entry = catalog.entries[target]
            if entry.part == .nested, !refused.contains(target) {
                chosen = target
            } else {
                diagnostics.warning(
                    "'\(field.name)' refers to '\(entry.table.caption ?? "table \(entry.table.ordinal)")', which does not document its fields; the reference is ignored",
                    at: field.location
                )
            }
        }
        if chosen == nil { chosen = tableNamed(after: field.name, excluding: refused) }
        if chosen == nil, let number = row.number {
            chosen = tableNumbered(under: number, section: catalog.entries[tableIndex].section, excluding: refused)
        }
        guard let chosen else { return }
        field.fields = fields(ofTable: chosen, ancestors: refused)
        field.fieldsTable = catalog.entries[chosen].table.caption ?? "table \(catalog.entries[chosen].table.ordinal)"
        resolveObjectElement(&field)
    }

    /// An array whose elements a table documents has object elements.
    private func resolveObjectElement(_ field: inout Field) {
        if field.type.kind == .array, !field.fields.isEmpty, field.type.element == nil { field.type.element = .object }
    }

    /// A nested table whose caption names the field: "Parameters of details", "details对象参数说明".
    private func tableNamed(after name: String, excluding: [Int]) -> Int? {
        catalog.entries.indices.first { index in
            let entry = catalog.entries[index]
            guard entry.part == .nested, !excluding.contains(index), let caption = entry.table.caption else { return false }
            return captionWords(caption).contains(name.lowercased())
        }
    }

    /// A nested table of the same part of the page (request or response) whose rows are numbered under the field's
    /// own dotted number ("2.4" → rows "2.4.1", …).
    private func tableNumbered(under number: String, section: SectionKind, excluding: [Int]) -> Int? {
        catalog.entries.indices.first { index in
            let entry = catalog.entries[index]
            guard entry.part == .nested, entry.section == section, !excluding.contains(index), let column = entry.columns[.number],
                  let first = entry.table.rows.first, column < first.cells.count else { return false }
            return first.cells[column].text.hasPrefix(number + ".")
        }
    }

    private func captionWords(_ caption: String) -> Set<String> {
        var words: Set<String> = []
        var current = ""
        for scalar in caption.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                current.unicodeScalars.append(scalar)
            } else {
                if !current.isEmpty { words.insert(current) }
                current = ""
            }
        }
        if !current.isEmpty { words.insert(current) }
        return words
    }
}
