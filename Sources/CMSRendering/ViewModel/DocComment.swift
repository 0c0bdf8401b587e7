import CMSSchema

/// The doc comment of a property or type: the description, its constraints and documented values, and where it is documented.
enum DocComment {
    static func lines(for field: Field, wireName: String, name: NameBuilder.Name, observations: [Observation]) -> [String] {
        var lines = field.description.split(whereSeparator: \.isNewline).map { SwiftLiteral.docLine(String($0)) }.filter { !$0.isEmpty }
        for note in field.notes { lines.append("Note: " + SwiftLiteral.docLine(note)) }
        if let enumeration = field.enumeration {
            lines.append("")
            lines.append("Documented values\(enumeration.closed ? "" : " (others may occur)"):")
            for value in enumeration.values { lines.append("- `\(value.value)`: \(SwiftLiteral.docLine(value.meaning))") }
            if let other = enumeration.otherValues { lines.append("- other values: \(SwiftLiteral.docLine(other))") }
        }
        let constraints = constraintSummary(field.constraints, requirement: field.requirement)
        if !constraints.isEmpty {
            lines.append("")
            lines.append(contentsOf: constraints)
        }
        for observation in observations {
            lines.append("")
            lines.append("The documented example disagrees: \(SwiftLiteral.docLine(observation.message)). Both forms decode.")
        }
        lines.append("")
        var provenance = "Documented in \(field.location.file)"
        if let table = field.location.table { provenance += ", \(table)" }
        if let row = field.location.row { provenance += ", row \(row)" }
        lines.append(provenance + ".")
        if wireName != name.name {
            var wire = "Wire name: `\(wireName)`"
            if !name.corrections.isEmpty { wire += " (read as \(name.corrections.joined(separator: ", ")))" }
            lines.append(wire + ".")
        }
        return lines
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
        } else if constraints.minimum != nil || constraints.maximum != nil {
            switch (constraints.minimum, constraints.maximum) {
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
        if let fixed = constraints.fixedValue { lines.append("- Fixed: `\(fixed)`.") }
        if let format = constraints.format { lines.append("- Format: \(format).") }
        return lines
    }
}
