import CMSSchema

/// Makes one interface of the pages that document the same method and path, and reports where they disagree.
enum InterfaceMerger {
    static func merge(_ interfaces: [Interface], diagnostics: inout DiagnosticBag) -> [Interface] {
        var groups: [String: [Interface]] = [:]
        for interface in interfaces { groups[interface.method + " " + interface.path, default: []].append(interface) }
        return groups.keys.sorted().map { key in
            let group = groups[key]!.sorted { rank($0) < rank($1) }
            var primary = group[0]
            primary.sources = group.flatMap(\.sources).enumerated().map { index, source in
                var source = source
                source.primary = index == 0
                return source
            }
            for other in group.dropFirst() {
                compare(primary, other, diagnostics: &diagnostics)
            }
            return primary
        }.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// English HTML first, then English DITA, then other languages; then the page that documents the most (a page
    /// that only mentions the request line, such as a walkthrough, never hides the interface's own page); newer
    /// editions before older; then by file name.
    private static func rank(_ interface: Interface) -> (Int, Int, String, String) {
        let source = interface.sources[0]
        let languageRank = source.language == "en" ? 0 : 2
        let formatRank = source.format == .html ? 0 : 1
        let documented = interface.pathParameters.count + interface.queryParameters.count + interface.headers.count
            + (interface.request?.fields.count ?? 0) + interface.responses.reduce(0) { $0 + ($1.body?.fields.count ?? 0) } + interface.objects.count
        // Newer editions sort first: invert the date characters.
        let edition = String((source.edition ?? "").map { $0.isNumber ? Character(String(9 - $0.wholeNumberValue!)) : $0 })
        return (languageRank + formatRank, -documented, edition, source.file)
    }

    private static func compare(_ primary: Interface, _ other: Interface, diagnostics: inout DiagnosticBag) {
        var comparison = Comparison(primary: primary, other: other)
        comparison.compareFields(primary.pathParameters, other.pathParameters, part: "path parameter")
        comparison.compareFields(primary.queryParameters, other.queryParameters, part: "query parameter")
        comparison.compareFields(primary.headers, other.headers, part: "request header")
        comparison.compareFields(primary.request?.fields ?? [], other.request?.fields ?? [], part: "request")
        comparison.compareFields(primary.response?.fields ?? [], other.response?.fields ?? [], part: "response")
        diagnostics.append(contentsOf: comparison.diagnostics.diagnostics)
        if primary.bmsInterfaces != other.bmsInterfaces, !other.bmsInterfaces.isEmpty {
            diagnostics.warning(.pagesDisagree,
                "BMS interfaces differ: \(other.bmsInterfaces.joined(separator: ", ")) here, \(primary.bmsInterfaces.joined(separator: ", ")) in \(primary.location)",
                at: other.location
            )
        }
    }

    /// Walks the fields of two pages of one interface side by side; each pair of objects is compared once.
    private struct Comparison {
        let primary: Interface
        let other: Interface
        var diagnostics = DiagnosticBag()
        private var comparedObjects: Set<[String]> = []

        init(primary: Interface, other: Interface) {
            self.primary = primary
            self.other = other
        }

        mutating func compareFields(_ mine: [Field], _ theirs: [Field], part: String, path: String = "") {
            let left = primary.sources[0].file
            let right = other.sources[0].file
            let byName = Dictionary(mine.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let otherNames = Set(theirs.map(\.name))
            for field in theirs {
                let fieldPath = path.isEmpty ? field.name : path + "." + field.name
                guard let main = byName[field.name] else {
                    diagnostics.warning(.pagesDisagree, "\(part) field '\(fieldPath)' is documented here but not in \(left)", at: field.location)
                    continue
                }
                func disagree(_ what: String, _ mine: String, _ theirs: String) {
                    diagnostics.warning(.pagesDisagree, "\(part) field '\(fieldPath)': \(what) is \(theirs) here but \(mine) in \(main.location)", at: field.location)
                }
                if main.type.kind != field.type.kind || main.type.element != field.type.element, field.type.kind != .unknown, main.type.kind != .unknown {
                    disagree("the type", main.type.description, field.type.description)
                }
                if main.requirement != field.requirement { disagree("Mandatory", main.requirement.rawValue, field.requirement.rawValue) }
                if main.constraints != field.constraints {
                    disagree("the constraints", InterfaceMerger.describe(main.constraints), InterfaceMerger.describe(field.constraints))
                }
                let mainValues = main.enumeration?.values.map(\.value) ?? []
                let otherValues = field.enumeration?.values.map(\.value) ?? []
                if mainValues != otherValues { disagree("the documented values", InterfaceMerger.list(mainValues), InterfaceMerger.list(otherValues)) }
                if let mineID = main.object, let theirsID = field.object, comparedObjects.insert([mineID, theirsID]).inserted {
                    compareFields(primary.fields(of: main), other.fields(of: field), part: part, path: fieldPath)
                }
            }
            for field in mine where !otherNames.contains(field.name) {
                let fieldPath = path.isEmpty ? field.name : path + "." + field.name
                diagnostics.warning(.pagesDisagree, "\(part) field '\(fieldPath)' is documented here but not in \(right)", at: field.location)
            }
        }
    }

    static func list(_ values: [String]) -> String { values.isEmpty ? "none" : values.joined(separator: ", ") }

    /// `1…65535, maxLength 20` style summary of constraints.
    static func describe(_ constraints: Constraints) -> String {
        var parts: [String] = []
        let low = constraints.minimum.map(String.init) ?? constraints.decimalMinimum.map { "\($0)" }
        let high = constraints.maximum.map(String.init) ?? constraints.decimalMaximum.map { "\($0)" }
        if low != nil || high != nil { parts.append("\(low ?? "")…\(high ?? "")") }
        if let minLength = constraints.minLength { parts.append("minLength \(minLength)") }
        if let maxLength = constraints.maxLength { parts.append("maxLength \(maxLength)") }
        if let maxItems = constraints.maxItems { parts.append("maxItems \(maxItems)") }
        if let items = constraints.items, items.minimum != nil || items.maximum != nil {
            parts.append("items \(items.minimum.map(String.init) ?? "")…\(items.maximum.map(String.init) ?? "")")
        }
        if let fixed = constraints.fixedValue { parts.append("fixed '\(fixed)'") }
        if let format = constraints.format { parts.append("format \(format)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
