import CMSSchema
import Foundation

/// Reads a page file into a `PageDocument`: HTML (a bare DITA-OT topic export or a saved web page) or a DITA XML topic.
public enum PageReader {
    /// What reading a file gave: the page, or the reason there is none.
    public enum Outcome: Sendable {
        case page(PageDocument)
        case failure(Diagnostic)
    }

    /// Reads the file at `path`. `displayPath` is the name used in locations (defaults to `path`).
    public static func read(path: String, displayPath: String? = nil) -> Outcome {
        let shown = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(.error, .fileUnreadable, "cannot read file", at: SourceLocation(file: shown, line: 1)))
        }
        return read(bytes: [UInt8](data), displayPath: shown)
    }

    /// Reads a page from memory.
    public static func read(bytes: [UInt8], displayPath: String) -> Outcome {
        let start = SourceLocation(file: displayPath, line: 1)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(Diagnostic(.error, .pageEmpty, "file is empty: expected an HTML or DITA interface page", at: start))
        }
        if bytes.contains(0) || String(validating: bytes, as: UTF8.self) == nil {
            return .failure(Diagnostic(.error, .pageNotUTF8, "file is not UTF-8 text (binary data?): expected an HTML or DITA interface page", at: start))
        }
        let lines = SourceLines(bytes)
        if looksLikeXML(displayPath: displayPath, text: String(decoding: bytes.prefix(512), as: UTF8.self)) {
            guard let document = LibXMLDocument.xml(bytes, url: displayPath), let root = document.root else {
                guard let error = LibXMLDocument.lastError() else {
                    return .failure(Diagnostic(.error, .malformedXML, "malformed XML: the DITA topic is not well-formed", at: start))
                }
                let at = SourceLocation(file: displayPath, line: max(error.line, 1), column: max(error.column, 1))
                return .failure(Diagnostic(.error, .malformedXML, "malformed XML: \(error.message); the DITA topic is not read (entities are never expanded)", at: at))
            }
            return DITAWalker(file: displayPath, lines: lines).read(root: root)
        }
        let parsed = LibXMLDocument.html(bytes, url: displayPath)
        if let halted = parsed.halted {
            let at = SourceLocation(file: displayPath, line: max(halted.line, 1), column: max(halted.column, 1))
            return .failure(Diagnostic(.error, .markupHalted, "libxml2 stopped reading the page here (\(halted.message)); the rest of the page would be lost, so the page is not read", at: at))
        }
        guard let document = parsed.document, let root = document.root else {
            return .failure(Diagnostic(.error, .notHTML, "not an HTML page", at: start))
        }
        return HTMLWalker(file: displayPath, lines: lines).read(root: root)
    }

    static func looksLikeXML(displayPath: String, text: String) -> Bool {
        let lower = displayPath.lowercased()
        if lower.hasSuffix(".dita") || lower.hasSuffix(".xml") { return true }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return false }
        let head = text.prefix(512).trimmingCharacters(in: .whitespacesAndNewlines)
        return head.hasPrefix("<?xml") && !head.lowercased().contains("<html")
    }
}

/// The source bytes by line, to turn a line number and an element name into a column, and to find the edition line.
struct SourceLines {
    private let bytes: [UInt8]
    /// Offset of the first byte of each line.
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.starts = starts
    }

    /// The 1-based byte column of the first `<name` on `line`, or 1.
    func column(of name: String, line: Int) -> Int {
        guard line >= 1, line <= starts.count else { return 1 }
        let start = starts[line - 1]
        let end = line < starts.count ? starts[line] : bytes.count
        let needle = Array(name.utf8)
        var index = start
        while index + needle.count < end {
            if bytes[index] == UInt8(ascii: "<") {
                var matched = true
                for (offset, byte) in needle.enumerated() where bytes[index + 1 + offset] != byte {
                    matched = false
                    break
                }
                if matched { return index - start + 1 }
            }
            index += 1
        }
        return 1
    }

    /// The date after the first "Updated on" / "更新时间" in the file (the page's edition), if any.
    func edition() -> String? {
        for marker in ["Updated on", "更新时间"] {
            let needle = Array(marker.utf8)
            guard let found = firstIndex(of: needle) else { continue }
            var index = found + needle.count
            // Skip spaces and colons (ASCII or full-width "：", E F B C 9 A).
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == UInt8(ascii: ":") || bytes[index] == 0xEF || bytes[index] == 0xBC || bytes[index] == 0x9A { index += 1 }
            var date: [UInt8] = []
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) || bytes[index] == UInt8(ascii: "-") {
                date.append(bytes[index])
                index += 1
            }
            if date.count >= 8 { return String(decoding: date, as: UTF8.self) }
        }
        return nil
    }

    private func firstIndex(of needle: [UInt8]) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// Folds runs of white space (including no-break and ideographic spaces) into single spaces and trims the ends.
func foldWhitespace(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var width = 0
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                width = 1
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 {
                width = 2 // U+00A0 no-break space
            } else if byte == 0xE3, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
                width = 3 // U+3000 ideographic space
            }
            if width > 0 {
                pendingSpace = !output.isEmpty
                index += width
                continue
            }
            if pendingSpace { output.append(0x20) }
            pendingSpace = false
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
