import CMSReading
import CMSSchema

/// Builds the field tree of a body: rows become fields, dotted row numbers and references to other tables become
/// objects, and each field gets its type, requirement, constraints and enumeration.
///
/// Every table is read once, however many fields refer to it, so the schema grows linearly with the page. A reference
/// to a table that is being read further up (a table that refers to itself, or a cycle of tables) is cut there, with
/// a warning that names the tables of the cycle.
struct FieldTreeBuilder {
    let catalog: TableCatalog
    let file: String
    /// The pages that are not interfaces, for rows that link to one for their fields or values.
    let library: FragmentLibrary
    var diagnostics = DiagnosticBag()
    /// Tables some field's fields came from, or whose values became an enumeration.
    private(set) var usedTables: Set<Int> = []
    /// The files of the pages that rows took fields from.
    private(set) var linkedPages: Set<String> = []
    /// The files of the pages that rows took their documented values from.
    private(set) var valuePages: Set<String> = []
    /// The objects read so far, in the order they were first referred to.
    private(set) var objects: [ObjectType] = []
    /// Table → the id of its object, once read.
    private var objectOfTable: [Int: String] = [:]
    /// The tables being read, outermost first.
    private var reading: [Int] = []
    /// The levels of dotted rows being read below the innermost table.
    private var dottedLevels = 0
    /// The depth of an object made now: 1 for a field of a body.
    private var depth: Int { reading.count + dottedLevels }

    init(catalog: TableCatalog, file: String, library: FragmentLibrary = FragmentLibrary()) {
        self.catalog = catalog
        self.file = file
        self.library = library
    }

    /// A row read into a field, with what nesting needs.
    private struct RowField {
        var number: String?
        var field: Field
        var descriptionCell: Cell?
        /// The type cell, whose link can name the table of the field's object (`<a href="#table4">Member</a> object`).
        var typeCell: Cell?
    }

    /// The fields documented by table `index` (a body, header, path or query table).
    mutating func fields(ofTable index: Int) -> [Field] {
        reading.append(index)
        defer { reading.removeLast() }
        return buildFields(ofTable: index)
    }

    /// The id of the object that table `index` documents, reading it the first time; nil when the table is being
    /// read further up (a cycle).
    private mutating func object(ofTable index: Int) -> String? {
        if let id = objectOfTable[index] { return id }
        guard !reading.contains(index) else { return nil }
        let id = catalog.objectID(of: index)
        let slot = objects.count
        objects.append(ObjectType(id: id, table: catalog.caption(of: index), fields: [], location: catalog.location(of: index, file: file)))
        reading.append(index)
        objects[slot].fields = buildFields(ofTable: index)
        reading.removeLast()
        objectOfTable[index] = id
        return id
    }

    private mutating func buildFields(ofTable index: Int) -> [Field] {
        usedTables.insert(index)
        let entry = catalog.entries[index]
        let caption = catalog.caption(of: index)
        var rows: [RowField] = []
        var seen: Set<String> = []
        for row in entry.table.rows {
            guard let rowField = readRow(row, columns: entry.columns, caption: caption) else { continue }
            let key = (rowField.number.map { parentNumber(of: $0) ?? "" } ?? "") + "/" + rowField.field.name
            if seen.contains(key) {
                diagnostics.warning(.duplicateField, "duplicate field '\(rowField.field.name)'; the later row is ignored", at: rowField.field.location)
                continue
            }
            seen.insert(key)
            rows.append(rowField)
        }
        return nest(rows, tableIndex: index)
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
                diagnostics.warning(.rowWithoutName, "row has no parameter name; it is ignored", at: location)
            }
            return nil
        }
        // A row of prose across the table ("The following two parameters …", a cell spanning every column): a note
        // between the rows, not a parameter.
        if nameText.split(separator: " ").count >= 3, row.cells.enumerated().allSatisfy({ $0.offset == columns[.name] || $0.element.text.isEmpty }) {
            return nil
        }
        var name = nameText
        // "ccId (optional)": the name is what stands before the words, when that is a name at all (not `\(x)`).
        if let space = nameText.firstIndex(where: { $0 == " " || $0 == "(" || $0 == "（" }),
           nameText[..<space].contains(where: { $0.isLetter || $0.isNumber }) {
            name = String(nameText[..<space])
            diagnostics.warning(.nameWithExtraWords, "parameter name '\(nameText)' has extra words; using '\(name)'", at: location)
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
                diagnostics.warning(.unknownType, "unknown type spelling '\(typeText)'; the field keeps its raw type", at: location)
            }
        }

        // Requirement.
        var requirement = Requirement.unspecified
        if let mandatory = cell(.mandatory) {
            if let parsed = RequirementParser.parse(mandatory.text) {
                requirement = parsed
            } else {
                diagnostics.warning(.unknownMandatory, "unknown Mandatory value '\(mandatory.text)'; the field is left unspecified", at: location)
            }
        }

        // Description, enumeration, constraints.
        let description = cell(.description)
        var enumeration = description.flatMap { EnumerationMiner.fromItems($0.items, lead: $0.paragraphs.last, at: location) }
            ?? description.flatMap { EnumerationMiner.fromProse(paragraphs: $0.paragraphs, items: $0.items, at: location) }
        var text = description?.paragraphs ?? []
        if enumeration == nil, let items = description?.items, !items.isEmpty {
            text.append(contentsOf: items.map { "- " + $0 })
        }
        if type.kind == .array, type.element == nil, let stated = ElementTypeMiner.elementKind(in: description?.paragraphs ?? []) {
            type.element = stated
        }
        // "The value is a map<string,string>." on an Object row that no table details.
        if type.kind == .object || type.kind == .unknown, type.name == nil, let map = TypeNormalizer.mapInProse(description?.text ?? "") {
            type = FieldType(kind: .map, element: map.element, raw: typeText)
        }
        let mined = ConstraintMiner.mine(paragraphs: (description?.paragraphs ?? []) + (description?.notes ?? []), kind: type.kind, element: type.element)
        constraints = merge(constraints, mined.constraints)
        for ignored in mined.ignored {
            diagnostics.warning(.limitIgnored, "\(ignored); the limit is ignored", at: location)
        }
        for number in mined.overflowing {
            diagnostics.warning(.boundOverflow, "the number \(number) does not fit in 64 bits; no bound is taken from it", at: location)
        }
        ConstraintSanity.check(&constraints, diagnostics: &diagnostics, at: location)
        var defaultValue = cell(.defaultValue).map(\.text).flatMap { $0.isEmpty || $0 == "-" || $0 == "N/A" || $0 == "无" ? nil : $0 }
        if defaultValue == nil { defaultValue = mined.defaultValue }
        if enumeration != nil, type.kind == .boolean { enumeration = nil }

        let field = Field(
            name: name, type: type, requirement: requirement, defaultValue: defaultValue,
            description: text.joined(separator: "\n"), notes: description?.notes ?? [], constraints: constraints,
            enumeration: enumeration, location: location
        )
        return RowField(number: number, field: field, descriptionCell: description, typeCell: cell(.type))
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

    /// Rows whose dotted number names a parent row of the same table nest under it, as an object of their own;
    /// the rest are the table's fields.
    private mutating func nest(_ rows: [RowField], tableIndex: Int) -> [Field] {
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
        func build(_ row: RowField) -> Field {
            var row = row
            if let number = row.number, let children = childrenOf[number] {
                guard depth <= Nesting.maximumDepth else {
                    tooDeep(&row.field, below: "the rows numbered under \(number)")
                    return row.field
                }
                dottedLevels += 1
                let fields = children.map(build)
                dottedLevels -= 1
                let id = catalog.objectID(of: tableIndex) + ", row " + number
                objects.append(ObjectType(id: id, table: catalog.caption(of: tableIndex), fields: fields, location: row.field.location))
                row.field.object = id
                resolveObjectElement(&row.field)
            } else {
                resolveNesting(&row, tableIndex: tableIndex)
            }
            return row.field
        }
        return topLevel.map(build)
    }

    /// Gives an object or array field the object of the table it refers to, and a scalar its values from a value table.
    private mutating func resolveNesting(_ row: inout RowField, tableIndex: Int) {
        var field = row.field
        defer { row.field = field }
        let target = row.typeCell.flatMap { catalog.linkedTable(from: $0) } ?? row.descriptionCell.flatMap { catalog.referencedTable(from: $0) }
        let isContainer = field.type.kind == .object || field.type.kind == .array && (field.type.element == nil || field.type.element == .object)
        let pageLinks = (row.typeCell?.links ?? []) + (row.descriptionCell?.links ?? [])
        guard isContainer else {
            guard field.enumeration == nil else { return }
            if let target, [.values, .unusable].contains(catalog.entries[target].part) {
                let location = catalog.location(of: target, file: file)
                // A table without a value column ("Status | Description") gives its first column's values.
                field.enumeration = EnumerationMiner.fromValueTable(
                    catalog.entries[target].table, columns: catalog.entries[target].columns, location: location, valuesInFirstColumn: true
                )
                if field.enumeration != nil { usedTables.insert(target) }
            } else if target == nil {
                for link in pageLinks {
                    guard let fragment = library.fragment(for: link, from: file), let values = fragment.valueTable(anchor: link.pageAnchor) else { continue }
                    field.enumeration = values.enumeration
                    valuePages.insert(fragment.file)
                    break
                }
            }
            return
        }
        // "For details, see Table 7 and Table 8.": one of two shapes. The object holds the fields of both, each mandatory
        // one only under the condition that its shape is the one sent.
        let alternatives = row.typeCell.flatMap { catalog.linkedTable(from: $0) } == nil
            ? (row.descriptionCell.map { catalog.referencedTables(from: $0) } ?? []).filter { catalog.entries[$0].part == .nested } : []
        if alternatives.count >= 2, !alternatives.contains(where: reading.contains) {
            guard depth <= Nesting.maximumDepth else {
                for table in alternatives { markUsed(below: table) }
                tooDeep(&field, below: alternatives.map { "'\(catalog.caption(of: $0))'" }.joined(separator: " or "))
                return
            }
            field.object = alternativesObject(alternatives)
            resolveObjectElement(&field)
            return
        }
        var chosen: Int?
        if let target {
            let entry = catalog.entries[target]
            if entry.part == .nested, reading.contains(target) {
                cutCycle(&field, at: target)
                return
            } else if entry.part == .nested {
                chosen = target
            } else if entry.part == .unusable {
                // The field's fields are in a table that names no parameter: the value stays untyped JSON, and the
                // rest of the interface is read.
                usedTables.insert(target)
                diagnostics.warning(.referenceIgnored,
                    "'\(field.name)' refers to '\(catalog.caption(of: target))' for its fields, but that table has no parameter column (header: \(catalog.headerText(of: target))); the value is left untyped",
                    at: field.location
                )
                return
            } else {
                diagnostics.warning(.referenceIgnored,
                    "'\(field.name)' refers to '\(catalog.caption(of: target))', which does not document its fields; the reference is ignored",
                    at: field.location
                )
            }
        }
        if chosen == nil {
            // The caption names the type ("Table 6 Member" for a `Member object`), else the field.
            let named = field.type.name.map { tablesTitled($0, from: tableIndex) }.flatMap { $0.isEmpty ? nil : $0 } ?? tablesNamed(after: field.name)
            if let free = named.first(where: { !reading.contains($0) }) {
                chosen = free
            } else if let closing = named.first {
                cutCycle(&field, at: closing)
                return
            }
        }
        if chosen == nil, let number = row.number {
            chosen = tableNumbered(under: number, section: catalog.entries[tableIndex].section, excluding: reading)
        }
        if chosen == nil, target == nil {
            // A link to another page of the reference: its table documents the fields.
            for link in pageLinks {
                guard let fragment = library.fragment(for: link, from: file),
                      let table = fragment.table(anchor: link.pageAnchor, forResponse: catalog.entries[tableIndex].section == .response) else { continue }
                let id = fragment.prefix + ": " + table.objectID
                if !objects.contains(where: { $0.id == id }) {
                    objects.append(ObjectType(id: id, table: table.body.table ?? fragment.file, fields: table.body.fields, location: table.body.location))
                    for object in fragment.objects(reachableFrom: table.body.fields) where !objects.contains(where: { $0.id == object.id }) {
                        objects.append(object)
                    }
                }
                field.object = id
                resolveObjectElement(&field)
                linkedPages.insert(fragment.file)
                return
            }
        }
        guard let chosen else { return }
        if objectOfTable[chosen] == nil, !reading.contains(chosen), depth > Nesting.maximumDepth {
            markUsed(below: chosen)
            tooDeep(&field, below: "'\(catalog.caption(of: chosen))'")
            return
        }
        if let id = object(ofTable: chosen) {
            field.object = id
            resolveObjectElement(&field)
        } else {
            cutCycle(&field, at: chosen)
        }
    }

    /// One object for several tables a field refers to as alternatives: the fields of all, in table order, each name
    /// once; a field mandatory in its own table is mandatory only when that shape is sent (`conditional`).
    private mutating func alternativesObject(_ tables: [Int]) -> String {
        let id = tables.map { catalog.objectID(of: $0) }.joined(separator: " or ")
        if objects.contains(where: { $0.id == id }) { return id }
        let slot = objects.count
        objects.append(ObjectType(id: id, table: tables.map { catalog.caption(of: $0) }.joined(separator: " or "), fields: [], location: catalog.location(of: tables[0], file: file)))
        var fields: [Field] = []
        for table in tables {
            reading.append(table)
            for var field in buildFields(ofTable: table) where !fields.contains(where: { $0.name == field.name }) {
                if field.requirement == .required { field.requirement = .conditional }
                fields.append(field)
            }
            reading.removeLast()
        }
        objects[slot].fields = fields
        return id
    }

    /// Leaves a reference that closes a cycle of tables unexpanded, and says which tables the cycle runs through.
    private mutating func cutCycle(_ field: inout Field, at target: Int) {
        usedTables.insert(target)
        let start = reading.firstIndex(of: target) ?? 0
        let cycle = (reading[start...] + [target]).map { catalog.caption(of: $0) }
        field.recursiveReference = catalog.objectID(of: target)
        let what = reading.last == target ? "its own table" : "a table that contains it"
        diagnostics.warning(.tableCycle,
            "'\(field.name)' refers to \(what) ('\(catalog.caption(of: target))'): the tables form a cycle (\(cycle.map { "'\($0)'" }.joined(separator: " → "))); the reference is cut here and the value is left untyped",
            at: field.location
        )
    }

    /// Counts a table left unread for its depth, and every table its rows refer to, as used: one warning for the
    /// cut, not one more for each table below it.
    private mutating func markUsed(below table: Int) {
        var waiting = [table]
        while let next = waiting.popLast() {
            guard usedTables.insert(next).inserted else { continue }
            for row in catalog.entries[next].table.rows {
                for cell in row.cells {
                    waiting += catalog.referencedTables(from: cell)
                    if let linked = catalog.linkedTable(from: cell) { waiting.append(linked) }
                }
            }
        }
    }

    /// Leaves an object that would nest deeper than `Nesting.maximumDepth` unread: the value is untyped JSON.
    private mutating func tooDeep(_ field: inout Field, below source: String) {
        diagnostics.warning(.nestingTooDeep,
            "'\(field.name)' nests objects deeper than \(Nesting.maximumDepth) levels (its fields are in \(source)); the reference is cut here and the value is left untyped",
            at: field.location
        )
    }

    /// An array whose elements a table documents has object elements.
    private func resolveObjectElement(_ field: inout Field) {
        if field.type.kind == .array, field.object != nil, field.type.element == nil { field.type.element = .object }
    }

    /// The nested tables whose caption, without its "Table N", is exactly `typeName` (case and spaces aside): the
    /// tables of the same part of the page as table `from` first, then the nearest after it, then the rest.
    private func tablesTitled(_ typeName: String, from: Int) -> [Int] {
        let wanted = TableCatalog.folded(typeName)
        let section = catalog.entries[from].section
        let matches = catalog.entries.indices.filter { index in
            catalog.entries[index].part == .nested && catalog.title(of: index).map(TableCatalog.folded) == wanted
        }
        return matches.sorted { a, b in
            let sameA = catalog.entries[a].section == section, sameB = catalog.entries[b].section == section
            if sameA != sameB { return sameA }
            let afterA = a > from, afterB = b > from
            if afterA != afterB { return afterA }
            return abs(a - from) < abs(b - from)
        }
    }

    /// The nested tables whose caption names the field: "Parameters of details", "details对象参数说明".
    private func tablesNamed(after name: String) -> [Int] {
        catalog.entries.indices.filter { index in
            let entry = catalog.entries[index]
            guard entry.part == .nested, let caption = entry.table.caption else { return false }
            return Prose.asciiWords(caption).contains(name.lowercased())
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
}
