import CMSReading
import CMSSchema

/// The documented responses of a page: one per status, with its body, and the success status marked.
///
/// Statuses come from "Status code: 201" paragraphs above response tables, from status-code tables ("Status Code |
/// Description"), and from "Returned Values" lists ("Normal" 200, "Abnormal" 400). A response table that no status
/// names answers the success status. The success status is the first 2xx the response section names, else the one
/// the returned values call normal, else the first 2xx of a status table, else 200 (the layout without statuses).
/// A success without a body table is empty when the page says so ("None") or the status is 204.
struct ResponseExtractor {
    let sections: PageSections
    let catalog: TableCatalog
    let file: String

    private struct Draft {
        var status: Int
        var description: String?
        var body: Body?
        var saysNone = false
        var location: SourceLocation?
    }

    func responses(body: (Int) -> Body, diagnostics: inout DiagnosticBag) -> [Response] {
        var drafts: [Draft] = []
        func draft(_ status: Int) -> Int {
            if let index = drafts.firstIndex(where: { $0.status == status }) { return index }
            drafts.append(Draft(status: status))
            return drafts.count - 1
        }
        // The response section: status markers, "None", and the body tables under them.
        var unmarkedBody: Body?
        var unmarkedSaysNone = false
        var marker: Int?
        for entry in sections.entries {
            if case .heading = entry.block { marker = nil; continue }
            guard case .paragraph(let text) = entry.block, entry.section == .response || isResponseExampleSection(entry) else { continue }
            if let status = TableCatalog.statusMarker(text.text) {
                let index = draft(status)
                drafts[index].location = drafts[index].location ?? SourceLocation(file: file, line: text.line, column: text.column)
                marker = index
            } else if ResponseExtractor.saysNone(text.text) {
                if let marker { drafts[marker].saysNone = true } else if entry.section == .response || unmarkedBody == nil { unmarkedSaysNone = true }
            }
        }
        for index in catalog.all(.responseBody) {
            let documented = body(index)
            if let status = catalog.entries[index].status {
                let slot = draft(status)
                drafts[slot].body = documented
                drafts[slot].location = documented.location
            } else if unmarkedBody == nil {
                unmarkedBody = documented
            }
        }
        let named = drafts.map(\.status)

        // "Returned Values": "Normal" then 200, "Abnormal" then 400 (one paragraph each, or together).
        var normal: [Int] = []
        var label: String?
        for paragraph in sections.paragraphs(in: .statusCodes) {
            let words = paragraph.text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "：" })
            let lower = words.first.map { $0.lowercased() }
            if let lower, ["normal", "abnormal", "正常", "异常"].contains(lower) {
                label = lower
                if words.count < 2 { continue }
            }
            for word in words {
                guard let status = Int(word.prefix { $0.isNumber }), (100...599).contains(status), word.prefix(while: { $0.isNumber }).count == 3 else { continue }
                let index = draft(status)
                drafts[index].location = drafts[index].location ?? SourceLocation(file: file, line: paragraph.line, column: paragraph.column)
                if label == "normal" || label == "正常" { normal.append(status) }
            }
        }

        // Status-code tables.
        var tabled: [Int] = []
        for index in catalog.all(.statusCodes) {
            let entry = catalog.entries[index]
            guard let statusColumn = entry.columns[.status] else { continue }
            let descriptionColumn = entry.columns[.description]
            for row in entry.table.rows where statusColumn < row.cells.count {
                let text = row.cells[statusColumn].text
                guard let status = Int(text.prefix { $0.isNumber }), (100...599).contains(status) else { continue }
                let slot = draft(status)
                tabled.append(status)
                if drafts[slot].description == nil, let column = descriptionColumn, column < row.cells.count, !row.cells[column].text.isEmpty {
                    drafts[slot].description = row.cells[column].text
                }
                drafts[slot].location = drafts[slot].location ?? SourceLocation(file: file, line: row.line, column: row.column, table: catalog.caption(of: index), row: text)
            }
        }

        let success = named.first(where: ResponseExtractor.isSuccess) ?? normal.first ?? tabled.first(where: ResponseExtractor.isSuccess) ?? 200
        let successIndex = draft(success)
        if let unmarkedBody {
            if let existing = drafts[successIndex].body {
                diagnostics.warning(.responseTableIgnored, "a response table names no status and the \(success) response already has '\(existing.table ?? "a table")'; it is ignored", at: unmarkedBody.location)
            } else {
                drafts[successIndex].body = unmarkedBody
                drafts[successIndex].location = drafts[successIndex].location ?? unmarkedBody.location
            }
        }
        if unmarkedSaysNone, drafts[successIndex].body == nil { drafts[successIndex].saysNone = true }
        if !named.isEmpty, !named.contains(where: ResponseExtractor.isSuccess), normal.isEmpty, !tabled.contains(where: ResponseExtractor.isSuccess) {
            diagnostics.warning(.successStatusAssumed, "the page documents no success status (only \(named.map(String.init).joined(separator: ", "))); assuming 200", at: drafts[0].location ?? SourceLocation(file: file, line: 1))
        }
        // The success first, then the others in the order the page gives them.
        let ordered = [drafts[successIndex]] + drafts.enumerated().filter { $0.offset != successIndex }.map(\.element)
        return ordered.map { draft in
            let isSuccess = draft.status == success
            let isEmpty = draft.body == nil && (draft.status == 204 || draft.status == 205 || draft.saysNone)
            return Response(status: draft.status, description: draft.description, isSuccess: isSuccess, body: draft.body, isEmpty: isEmpty, location: draft.location)
        }
    }

    /// Links to other pages in the response section ("See Responses (Task)."), each with the status whose marker stands
    /// above it (nil: the success), the first per status.
    func bodyLinks() -> [(status: Int?, link: Link)] {
        var found: [(status: Int?, link: Link)] = []
        var marker: Int?
        for entry in sections.entries {
            if case .heading = entry.block { marker = nil; continue }
            guard case .paragraph(let text) = entry.block, entry.section == .response else { continue }
            if let status = TableCatalog.statusMarker(text.text) { marker = status; continue }
            guard let link = text.links.first(where: { $0.pageTarget != nil }), !found.contains(where: { $0.status == marker }) else { continue }
            found.append((marker, link))
        }
        return found
    }

    /// An example section whose heading speaks of responses ("Example Responses"), where "None" says the same.
    private func isResponseExampleSection(_ entry: PageSections.Entry) -> Bool {
        entry.section == .examples && !Prose.asciiWords(entry.heading ?? "").isDisjoint(with: ["response", "responses"])
    }

    static func isSuccess(_ status: Int) -> Bool { (200...299).contains(status) }

    /// "None", "None.", "N/A", "无", "Null": a section that says there is nothing.
    static func saysNone(_ text: String) -> Bool {
        var lower = text.trimmingSpaces().lowercased()
        while let last = lower.last, last == "." || last == "。" { lower.removeLast() }
        return ["none", "n/a", "null", "无", "不涉及", "no response body", "no content"].contains(lower)
    }
}
