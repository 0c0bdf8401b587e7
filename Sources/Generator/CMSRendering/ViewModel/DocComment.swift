import CMSSchema

/// Doc comment lines, as templates print them after `///`: a leading space before text, nothing for a blank line.
/// Every piece of vendor text goes through `SwiftLiteral.comment`.
enum DocComment {
    /// The widest doc comment line, after `///`: longer vendor prose is wrapped at spaces.
    static let width = 110

    /// Prefixes each line for `///`, wrapping one longer than `width` at spaces; a list item's continuation lines are
    /// indented under its text, so Markdown keeps them in the item.
    static func prefixed(_ lines: [String]) -> [String] {
        lines.flatMap { line -> [String] in
            guard !line.isEmpty else { return [""] }
            return wrapped(line).map { " " + $0 }
        }
    }

    /// `line` cut at spaces into pieces of at most `width` characters (a single longer word stays whole).
    static func wrapped(_ line: String) -> [String] {
        guard line.count > width else { return [line] }
        let indent = line.hasPrefix("- ") ? "  " : ""
        var result: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let prefix = result.isEmpty ? "" : indent
            if !current.isEmpty, prefix.count + current.count + 1 + word.count > width {
                result.append(prefix + current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { result.append((result.isEmpty ? "" : indent) + current) }
        return result
    }

    /// A property's doc: the description, notes, documented values, constraints, example disagreements, where it is
    /// documented and its wire name.
    static func property(
        _ field: Field, name: String, naming: NameBuilder.Name, observations: [Observation], recursion: String?, tables: TableCaptions
    ) -> [String] {
        var lines = paragraphs(field.description).map(tables.resolve)
        for note in field.notes { lines.append("Note: " + tables.resolve(SwiftLiteral.comment(note))) }
        if let enumeration = field.enumeration {
            lines.append("")
            lines.append("Documented values\(enumeration.closed ? "" : " (others may occur)"):")
            for value in enumeration.values { lines.append("- `\(code(value.value))`: \(SwiftLiteral.comment(value.meaning))") }
            if let other = enumeration.otherValues { lines.append("- other values: \(SwiftLiteral.comment(other))") }
        }
        let constraints = constraintSummary(field.constraints, requirement: field.requirement)
        if !constraints.isEmpty {
            lines.append("")
            lines.append(contentsOf: constraints)
        }
        for observation in observations {
            lines.append("")
            lines.append("The documented example disagrees: \(SwiftLiteral.comment(observation.message)). Both forms decode.")
        }
        if let recursion {
            lines.append("")
            lines.append("The table refers back to '\(SwiftLiteral.comment(recursion))', which contains it; the value is untyped JSON.")
        }
        lines.append("")
        lines.append(provenance(field.location))
        if field.name != name {
            var wire = "Wire name: `\(code(field.name))`"
            if !naming.corrections.isEmpty { wire += " (read as \(naming.corrections.map(SwiftLiteral.comment).joined(separator: ", ")))" }
            lines.append(wire + ".")
        }
        return prefixed(lines)
    }

    /// A parameter's `- Parameter name: description` line.
    static func parameter(_ parameter: PlannedParameter, tables: TableCaptions) -> String {
        let fallback = parameter.location == .path ? "the `{\(code(parameter.field.name))}` segment of the path." : "the `\(code(parameter.field.name))` query parameter."
        let description = tables.resolve(SwiftLiteral.comment(parameter.field.description))
        return " - Parameter \(parameter.label): \(description.isEmpty ? fallback : description)"
    }

    /// "Documented in specs/x.html, Table 2 …, row ccId."
    static func provenance(_ location: SourceLocation) -> String {
        var text = "Documented in \(SwiftLiteral.comment(location.file))"
        if let table = location.table { text += ", \(SwiftLiteral.comment(table))" }
        if let row = location.row { text += ", row \(SwiftLiteral.comment(row))" }
        return text + "."
    }

    /// Paragraphs of prose, one comment line each, without empty ones.
    static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { SwiftLiteral.comment(String($0)) }.filter { !$0.isEmpty }
    }

    /// Text inside backticks: a backtick in it would end the code span.
    static func code(_ text: String) -> String {
        SwiftLiteral.comment(text).replacingOccurrences(of: "`", with: "'")
    }

    /// `- Range: 1…65535`, `- Length: at most 20 characters`, …
    static func constraintSummary(_ constraints: Constraints, requirement: Requirement) -> [String] {
        var lines: [String] = []
        switch requirement {
        case .required: lines.append("- Mandatory.")
        case .conditional: lines.append("- Mandatory under the conditions above.")
        default: break
        }
        if let ranges = constraints.ranges {
            lines.append("- Range: " + ranges.map { "\($0.minimum)…\($0.maximum)" }.joined(separator: " or ") + ".")
        } else if constraints.minimum != nil || constraints.maximum != nil || constraints.decimalMinimum != nil || constraints.decimalMaximum != nil {
            let low = constraints.minimum.map(String.init) ?? constraints.decimalMinimum.map { "\($0)" }
            let high = constraints.maximum.map(String.init) ?? constraints.decimalMaximum.map { "\($0)" }
            switch (low, high) {
            case let (min?, max?): lines.append("- Range: \(min)…\(max).")
            case let (min?, nil): lines.append("- At least \(min).")
            case let (nil, max?): lines.append("- At most \(max).")
            default: break
            }
        }
        switch (constraints.minLength, constraints.maxLength) {
        case let (min?, max?): lines.append("- Length: \(min) to \(max) characters.")
        case let (nil, max?): lines.append("- Length: at most \(max) characters.")
        case let (min?, nil): lines.append("- Length: at least \(min) characters.")
        default: break
        }
        if let maxItems = constraints.maxItems { lines.append("- At most \(maxItems) elements.") }
        if let items = constraints.items, let min = items.minimum, let max = items.maximum { lines.append("- Each element: \(min)…\(max).") }
        if let fixed = constraints.fixedValue { lines.append("- Fixed: `\(code(fixed))`.") }
        if let format = constraints.format { lines.append("- Format: \(SwiftLiteral.comment(format)).") }
        return lines
    }
}
