import CMSSchema

/// The element type of an array, when the prose states it: "Each element is a string.", "每个元素为整数".
enum ElementTypeMiner {
    static func elementKind(in paragraphs: [String]) -> FieldType.Kind? {
        for paragraph in paragraphs {
            let prose = Prose(paragraph)
            for phrase in ["each element is a", "each element is an", "each element is of type", "elements are", "每个元素为", "每个元素是", "元素类型为"] {
                for end in prose.ends(of: phrase) {
                    guard let word = prose.word(at: prose.skip(from: end, over: ["n"])) else { continue }
                    if let kind = TypeNormalizer.kind(ofWord: word.text.hasSuffix("s") && word.text.count > 4 ? String(word.text.dropLast()) : word.text),
                       kind != .array {
                        return kind
                    }
                }
            }
        }
        return nil
    }
}
