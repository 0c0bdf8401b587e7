import CMSReading
import CMSSupport

/// The parts of an interface page, recognised from section headings in English or Chinese.
enum SectionKind: Equatable {
    case scenario, method, bmsInterfaces, url, request, response, examples, statusCodes, errorCodes, other

    /// Classifies a heading by its words, never by substrings ("Precautions During Use" holds no "uri"); nil when it
    /// names none of the known parts.
    static func classify(_ heading: String) -> SectionKind? {
        let lower = heading.lowercased()
        let words = Prose.asciiWords(lower)
        func has(_ any: String...) -> Bool { any.contains { words.contains($0) } }
        func cjk(_ any: String...) -> Bool { any.contains { lower.includes($0) } }
        if has("example", "examples", "sample", "samples") || cjk("样例", "示例", "报文") { return .examples }
        if has("status") && has("code", "codes") || has("returned", "return") && has("value", "values", "code", "codes") || cjk("状态码", "返回值") {
            return .statusCodes
        }
        if has("error") && has("code", "codes") || cjk("错误码", "返回码") { return .errorCodes }
        if has("encapsulation", "bms") || cjk("内部封装", "封装接口") { return .bmsInterfaces }
        // "Interface Method", "Request Method", "HTTP Method", "Method"; not "Calling Method".
        if has("method") && words.isSubset(of: ["interface", "request", "http", "method", "api"]) || cjk("接口方法", "请求方法", "调用方法") { return .method }
        if has("uri", "url", "urls", "uris") || cjk("请求地址", "接口地址", "请求url", "接口url", "请求uri") { return .url }
        if has("response", "responses") || cjk("响应", "返回", "应答") { return .response }
        if has("request", "requests", "parameter", "parameters") || cjk("请求", "参数") { return .request }
        if has("scenario", "scenarios", "description", "function", "functions", "overview", "constraints", "constraint") || cjk("场景", "功能", "描述", "概述", "说明", "约束") {
            return .scenario
        }
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

    /// The links to other pages in the paragraphs of the sections of one kind, in order.
    func links(in kind: SectionKind) -> [Link] {
        paragraphs(in: kind).flatMap { $0.links.filter { $0.pageTarget != nil } }
    }

    /// Paragraph texts of the sections of one kind.
    func paragraphs(in kind: SectionKind) -> [TextBlock] {
        entries.compactMap { entry in
            guard entry.section == kind, case .paragraph(let text) = entry.block else { return nil }
            return text
        }
    }
}
