import CMSReading

/// The parts of an interface page, recognised from section headings in English or Chinese.
enum SectionKind: Equatable {
    case scenario, method, bmsInterfaces, url, request, response, examples, errorCodes, other

    /// Classifies a heading; nil when it names none of the known parts.
    static func classify(_ heading: String) -> SectionKind? {
        let text = heading.lowercased()
        func has(_ words: String...) -> Bool { words.contains { text.includes($0) } }
        if has("internal encapsulation", "bms interface", "内部封装", "封装接口") { return .bmsInterfaces }
        if has("interface method", "request method", "http method", "接口方法", "请求方法", "调用方法") || text == "method" { return .method }
        if has("request url", "url", "uri", "请求地址", "接口地址", "请求url") { return .url }
        if has("example", "样例", "示例", "报文") { return .examples }
        if has("error code", "错误码", "返回码") { return .errorCodes }
        if has("response", "响应", "返回", "应答") { return .response }
        if has("request", "请求", "parameter", "参数") { return .request }
        if has("scenario", "description", "function", "overview", "场景", "功能", "描述", "概述", "说明") { return .scenario }
        return nil
    }
}

/// The page's blocks, each tagged with the part of the page it stands in.
struct PageSections {
    struct Entry {
        var block: Block
        var section: SectionKind
        /// The text of the nearest paragraph before this block in the same section, for labelling code blocks.
        var lead: String?
        var heading: String?
    }

    let entries: [Entry]

    init(_ page: PageDocument) {
        var entries: [Entry] = []
        var section = SectionKind.other
        var heading: String?
        var lead: String?
        for block in page.blocks {
            switch block {
            case .heading(let text):
                section = SectionKind.classify(text.text) ?? .other
                heading = text.text
                lead = nil
                entries.append(Entry(block: block, section: section, lead: nil, heading: heading))
            case .paragraph(let text):
                entries.append(Entry(block: block, section: section, lead: lead, heading: heading))
                lead = text.text
            default:
                entries.append(Entry(block: block, section: section, lead: lead, heading: heading))
            }
        }
        self.entries = entries
    }

    /// Paragraph texts of the sections of one kind.
    func paragraphs(in kind: SectionKind) -> [TextBlock] {
        entries.compactMap { entry in
            guard entry.section == kind, case .paragraph(let text) = entry.block else { return nil }
            return text
        }
    }
}
