import CMSSchema

/// The Mandatory column's vocabulary, English and Chinese.
enum RequirementParser {
    /// Nil when the word is not one the vendor uses for the column.
    static func parse(_ text: String) -> Requirement? {
        let word = text.lowercased().filter { !$0.isWhitespace && $0 != "." && $0 != "。" }
        switch word {
        case "": return .unspecified
        case "yes", "y", "true", "mandatory", "required", "m", "是", "必选", "必填", "必须", "必需": return .required
        case "no", "n", "false", "optional", "o", "否", "可选", "选填", "非必填", "非必选": return .optional
        case "true/false", "yes/no", "conditional", "conditionallymandatory", "c", "条件必选", "条件必填", "是/否", "可选/必选", "必选/可选":
            return .conditional
        default: return nil
        }
    }
}
