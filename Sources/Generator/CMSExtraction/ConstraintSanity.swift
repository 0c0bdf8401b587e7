import CMSSchema

/// The last word on a field's constraints: bounds that no value can meet (`at least 100` with `cannot exceed 10`,
/// `String(25-1)`) are reported and dropped, so that nothing is generated that rejects every value.
enum ConstraintSanity {
    static func check(_ constraints: inout Constraints, diagnostics: inout DiagnosticBag, at location: SourceLocation) {
        func check<Bound: Comparable>(_ minimum: inout Bound?, _ maximum: inout Bound?, _ kind: DiagnosticKind, _ what: (Bound, Bound) -> String) {
            guard let low = minimum, let high = maximum, low > high else { return }
            diagnostics.warning(kind, "\(what(low, high)); both are dropped", at: location)
            minimum = nil
            maximum = nil
        }
        check(&constraints.minimum, &constraints.maximum, .impossibleRange) { "the range \($0)…\($1) admits no value" }
        check(&constraints.decimalMinimum, &constraints.decimalMaximum, .impossibleRange) { "the range \($0)…\($1) admits no value" }
        check(&constraints.minLength, &constraints.maxLength, .impossibleLength) { "a length of \($0) to \($1) admits no text" }
        check(&constraints.minItems, &constraints.maxItems, .impossibleLength) { "\($0) to \($1) items admit no list" }
        if var items = constraints.items {
            check(&items.minimum, &items.maximum, .impossibleRange) { "the range \($0)…\($1) of each item admits no value" }
            constraints.items = items == ItemConstraints() ? nil : items
        }
        if let ranges = constraints.ranges {
            for range in ranges where range.minimum > range.maximum {
                diagnostics.warning(.impossibleRange, "the range \(range.minimum)…\(range.maximum) admits no value; it is dropped", at: location)
            }
            let possible = ranges.filter { $0.minimum <= $0.maximum }
            constraints.ranges = possible.isEmpty ? nil : possible
        }
    }
}
