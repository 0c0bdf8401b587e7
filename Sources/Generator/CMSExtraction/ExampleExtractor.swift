import CMSReading
import CMSSchema
import CMSSupport

/// Finds the message examples of a page, wherever they stand, and tells request from response.
enum ExampleExtractor {
    struct Found {
        var example: Example
        /// Where each key stands in the file, by dotted path.
        var keyLines: [String: Int]
        /// The request line the example starts with (`POST https://{endpoint}/v3/…`), when it starts with one.
        var requestLine: RequestLine.URL?
    }

    static func extract(_ sections: PageSections, file: String, diagnostics: inout DiagnosticBag) -> [Found] {
        var found: [Found] = []
        var status: Int?
        for entry in sections.entries {
            if case .heading = entry.block { status = nil }
            if case .paragraph(let text) = entry.block, let named = TableCatalog.statusMarker(text.text) { status = named }
            guard case .code(var code) = entry.block else { continue }
            var trimmed = code.text.trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            // `POST https://{endpoint}/v3/…` (the method and URL possibly on two lines), headers, a blank line, the body.
            let message = requestMessage(code)
            if let message {
                code = message.body
                trimmed = code.text.trimmingSpaces()
                guard !trimmed.isEmpty else {
                    let location = SourceLocation(file: file, line: message.line.paragraph.line, column: message.line.paragraph.column)
                    found.append(Found(example: Example(role: .request, text: "", json: nil, location: location), keyLines: [:], requestLine: message.line))
                    continue
                }
            }
            let location = SourceLocation(file: file, line: code.line, column: code.column)
            let looksLikeJSON = trimmed.hasPrefix("{") || trimmed.hasPrefix("[")
            if !looksLikeJSON {
                if message == nil, looksLikeHeaders(trimmed) {
                    found.append(Found(example: Example(role: .requestHeaders, text: trimmed, json: nil, location: location), keyLines: [:]))
                }
                continue
            }
            let label = (entry.lead ?? "").lowercased()
            let heading = message != nil ? "request" : (entry.heading ?? "").lowercased()
            do {
                let parsed = try JSONText.parse(code.text)
                let role = role(label: label, heading: heading, section: entry.section, json: parsed.value)
                for warning in parsed.warnings {
                    var at = location
                    at.line = code.line + warning.line - 1
                    at.column = warning.line == 1 ? code.column + warning.column : warning.column
                    diagnostics.warning(.exampleLenientJSON, "the \(role.phrase) example: \(warning.message)", at: at)
                }
                let lines = parsed.keyLines.mapValues { code.line + $0 - 1 }
                found.append(Found(example: Example(role: role, text: trimmed, json: parsed.value, status: role == .response ? status : nil, location: location), keyLines: lines, requestLine: message?.line))
            } catch {
                let role = role(label: label, heading: heading, section: entry.section, json: nil)
                var at = location
                at.line = code.line + error.line - 1
                at.column = error.line == 1 ? code.column + error.column : error.column
                diagnostics.warning(.exampleInvalidJSON, "the \(role.phrase) example is not valid JSON: \(error.message); it is kept as text", at: at)
                found.append(Found(example: Example(role: role, text: trimmed, json: nil, status: role == .response ? status : nil, location: location), keyLines: [:], requestLine: message?.line))
            }
        }
        return found
    }

    /// A code block that starts with a request line: the line, and the body after the headers and the blank line
    /// (its own line numbers kept).
    static func requestMessage(_ code: TextBlock) -> (line: RequestLine.URL, body: TextBlock)? {
        let lines = code.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { !String($0).trimmingSpaces().isEmpty }) else { return nil }
        var text = String(lines[first]).trimmingSpaces()
        var consumed = first + 1
        // The method alone on its line, the URL on the next.
        if RequestLine.methods.contains(text), consumed < lines.count {
            text += " " + String(lines[consumed]).trimmingSpaces()
            consumed += 1
        }
        guard let line = RequestLine.methodLine(TextBlock(text: text, line: code.line + first, column: code.column)) else { return nil }
        // Headers up to the first blank line, or up to the body's first `{` / `[`.
        while consumed < lines.count {
            let current = String(lines[consumed]).trimmingSpaces()
            if current.isEmpty { consumed += 1; break }
            if current.hasPrefix("{") || current.hasPrefix("[") { break }
            consumed += 1
        }
        let body = lines[min(consumed, lines.count)...].joined(separator: "\n")
        return (line, TextBlock(text: body, line: code.line + consumed, column: 1))
    }

    /// `Content-Type: application/json` lines.
    private static func looksLikeHeaders(_ text: String) -> Bool {
        let lines = text.split(separator: "\n")
        return !lines.isEmpty && lines.allSatisfy { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            return !line[..<colon].includes(" ")
        }
    }

    /// A heading that names one side ("Example Responses") decides; then the paragraph before the example ("Response
    /// message:", "Status code: 201"); then the section; then the shape of an envelope.
    private static func role(label: String, heading: String, section: SectionKind, json: JSONValue?) -> Example.Role {
        let headingWords = Prose.asciiWords(heading)
        let headingSaysResponse = !headingWords.isDisjoint(with: ["response", "responses"])
        let headingSaysRequest = !headingWords.isDisjoint(with: ["request", "requests"])
        if headingSaysResponse != headingSaysRequest { return headingSaysResponse ? .response : .request }
        if label.includes("response") || label.includes("响应") || label.includes("应答") || label.includes("返回") { return .response }
        if label.includes("request") || label.includes("请求") { return .request }
        if TableCatalog.statusMarker(label) != nil { return .response }
        if section == .response { return .response }
        if section == .request { return .request }
        if case .object(let members)? = json, EnvelopeDecider.codeNames.contains(where: { members[$0] != nil }) {
            return .response
        }
        return .request
    }
}
