import CMSReading
import CMSSchema

/// Finds the message examples of a page, wherever they stand, and tells request from response.
enum ExampleExtractor {
    struct Found {
        var example: Example
        /// Where each key stands in the file, by dotted path.
        var keyLines: [String: Int]
    }

    static func extract(_ sections: PageSections, file: String, diagnostics: inout DiagnosticBag) -> [Found] {
        var found: [Found] = []
        for entry in sections.entries {
            guard case .code(let code) = entry.block else { continue }
            let trimmed = code.text.trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            let location = SourceLocation(file: file, line: code.line, column: code.column)
            let looksLikeJSON = trimmed.hasPrefix("{") || trimmed.hasPrefix("[")
            if !looksLikeJSON {
                if looksLikeHeaders(trimmed) {
                    found.append(Found(example: Example(role: .requestHeaders, text: trimmed, json: nil, location: location), keyLines: [:]))
                }
                continue
            }
            let label = (entry.lead ?? "").lowercased()
            do {
                let parsed = try JSONText.parse(code.text)
                let role = role(label: label, section: entry.section, json: parsed.value)
                for warning in parsed.warnings {
                    var at = location
                    at.line = code.line + warning.line - 1
                    at.column = warning.line == 1 ? code.column + warning.column : warning.column
                    diagnostics.warning("the \(role.phrase) example: \(warning.message)", at: at)
                }
                let lines = parsed.keyLines.mapValues { code.line + $0 - 1 }
                found.append(Found(example: Example(role: role, text: trimmed, json: parsed.value, location: location), keyLines: lines))
            } catch {
                let role = role(label: label, section: entry.section, json: nil)
                var at = location
                at.line = code.line + error.line - 1
                at.column = error.line == 1 ? code.column + error.column : error.column
                diagnostics.warning("the \(role.phrase) example is not valid JSON: \(error.message); it is kept as text", at: at)
                found.append(Found(example: Example(role: role, text: trimmed, json: nil, location: location), keyLines: [:]))
            }
        }
        return found
    }

    /// `Content-Type: application/json` lines.
    private static func looksLikeHeaders(_ text: String) -> Bool {
        let lines = text.split(separator: "\n")
        return !lines.isEmpty && lines.allSatisfy { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            return !line[..<colon].includes(" ")
        }
    }

    private static func role(label: String, section: SectionKind, json: JSONValue?) -> Example.Role {
        if label.includes("response") || label.includes("响应") || label.includes("应答") || label.includes("返回") { return .response }
        if label.includes("request") || label.includes("请求") { return .request }
        if section == .response { return .response }
        if section == .request { return .request }
        if case .object(let members)? = json, members["resultCode"] != nil || members["result"] != nil || members["returnCode"] != nil {
            return .response
        }
        return .request
    }
}
