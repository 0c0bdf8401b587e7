import CMSSchema
import Foundation

/// The tables of an interface's page by number, so that a doc comment never says a bare "see Table 5": the reader of
/// Swift code cannot see the page's numbering. "Table 5" becomes the table's caption (`the table “Parameters of
/// idxs”`), or, for a table the interface does not document (another page's), "Table 5 of <page>".
struct TableCaptions {
    /// "5" → "Parameters of idxs".
    private let byNumber: [String: String]
    /// The page the numbers belong to.
    private let page: String

    init(_ interface: Interface) {
        var byNumber: [String: String] = [:]
        let captions = interface.objects.map(\.table) + [interface.request?.table, interface.response?.table].compactMap { $0 }
        for caption in captions {
            guard let (number, words) = TableCaptions.split(caption), byNumber[number] == nil else { continue }
            byNumber[number] = words
        }
        self.byNumber = byNumber
        page = interface.location.file
    }

    /// `Table 5 Parameters of idxs` → (`5`, `Parameters of idxs`).
    static func split(_ caption: String) -> (String, String)? {
        let words = caption.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count == 3, words[0] == "Table", words[1].allSatisfy(\.isNumber) else { return nil }
        return (words[1], words[2])
    }

    /// `text` with each "Table N" named in words the reader can follow.
    func resolve(_ text: String) -> String {
        guard text.contains("Table ") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "Table ") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let digits = after.prefix(while: \.isNumber)
            // "Table 5" as a word: not "Table 5a", not a caption already followed by its words.
            guard !digits.isEmpty, after.dropFirst(digits.count).first.map({ !$0.isLetter && !$0.isNumber }) ?? true else {
                result += rest[range]
                rest = after
                continue
            }
            if let caption = byNumber[String(digits)] {
                result += "the table “\(caption)”"
            } else {
                result += "Table \(digits) of \(page)"
            }
            rest = after.dropFirst(digits.count)
        }
        return result + rest
    }
}
