import CMSReading

/// Which column of a table holds what, found from the header words in any order and either language.
struct ColumnMap: Equatable {
    enum Role: CaseIterable {
        case number, name, type, mandatory, defaultValue, description, value, code
        /// An HTTP status code column.
        case status
        /// The message that comes with an error code or a status ("Error Message", "Message").
        case message
    }

    private(set) var columns: [Role: Int] = [:]

    subscript(role: Role) -> Int? { columns[role] }

    init(header: [Cell]) {
        for (index, cell) in header.enumerated() {
            guard let role = ColumnMap.role(of: cell.text) else { continue }
            if columns[role] == nil { columns[role] = index }
        }
    }

    /// No header cell names a known column.
    var isEmpty: Bool { columns.isEmpty }

    /// A table whose rows are parameters.
    var isParameterTable: Bool { columns[.name] != nil }
    /// A value/description table (enumeration values and their meanings).
    var isValueTable: Bool { columns[.name] == nil && columns[.value] != nil }
    /// An error-code/description table, possibly with the HTTP status each code comes with ("Status Code | Error
    /// Codes | Error Message | Description").
    var isCodeTable: Bool { columns[.name] == nil && columns[.code] != nil }
    /// An HTTP status-code table ("Status Code | Description", "Status Code | Message | Description").
    var isStatusTable: Bool { columns[.name] == nil && columns[.status] != nil && columns[.code] == nil }

    /// Header words, normalised by folding case and spaces. Order matters: the first match wins. A header that
    /// combines words ("Mandatory (M)/Optional (O)", "Is Mandatory") takes the role of its first known part.
    static func role(of header: String) -> Role? {
        let word = header.lowercased().filter { !$0.isWhitespace && $0 != "." && $0 != ":" && $0 != "：" }
        if let role = exactRole(of: word) { return role }
        // Without what stands in parentheses, and split at slashes: "mandatory(m)/optional(o)" → mandatory, optional.
        var plain = ""
        var depth = 0
        for character in word {
            if character == "(" || character == "（" { depth += 1 } else if character == ")" || character == "）" { depth = max(0, depth - 1) } else if depth == 0 { plain.append(character) }
        }
        for part in plain.split(separator: "/") {
            if let role = exactRole(of: String(part)) { return role }
        }
        // "Is Mandatory", "Is Required".
        if plain.hasPrefix("is"), let role = exactRole(of: String(plain.dropFirst(2))), role == .mandatory { return role }
        return nil
    }

    private static func exactRole(of word: String) -> Role? {
        switch word {
        case "no", "number", "#", "序号", "编号": return .number
        case "parameter", "parameters", "params", "paramname", "parametername", "name", "field", "fields", "fieldname", "header", "headers", "headername",
             "参数", "名称", "参数名", "参数名称", "字段", "字段名", "字段名称", "请求参数": return .name
        case "type", "valuetype", "datatype", "parametertype", "参数类型", "数据类型", "类型", "取值类型", "值类型": return .type
        case "mandatory", "required", "mandatoryornot", "是否必选", "是否必填", "必选", "必填", "是否必须": return .mandatory
        case "defaultvalue", "default", "默认值", "缺省值": return .defaultValue
        case "description", "remarks", "remark", "meaning", "说明", "描述", "含义", "参数说明", "备注": return .description
        case "value", "values", "enumvalue", "取值", "值", "枚举值": return .value
        case "errorcode", "errorcodes", "resultcode", "resultcodes", "code", "codes", "returncode", "错误码", "结果码", "返回码": return .code
        case "errormessage", "errormessages", "errormsg", "message", "错误信息": return .message
        case "statuscode", "httpstatuscode", "httpcode", "httpstatus", "returnedvalue", "状态码", "http状态码": return .status
        default: return nil
        }
    }
}
