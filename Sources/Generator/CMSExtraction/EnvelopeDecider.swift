import CMSSchema
import CMSSupport

/// Decides, once per interface, whether its success response is an envelope: a body that carries a result code
/// beside the HTTP status (`resultCode`, the legacy `result`, `returnCode`), which values of it mean success, which
/// fields carry the server's words on a failure, and which carry the payload.
///
/// Success values come from the page's own value list for the field ("0100000: success") and from the Error Code
/// Reference (a code whose meaning is success), for fields whose name says they carry such codes. Every consumer
/// (Swift, OpenAPI, the mock, the example checker) reads the decision from the schema.
enum EnvelopeDecider {
    /// Fields that carry a result code, in the order a client checks them.
    static let codeNames = ["resultCode", "returnCode", "result", "retCode", "errorCode", "code"]
    /// Names whose values are codes of the Error Code Reference; `result` and `code` only count with the page's own list.
    static let referenceCodeNames: Set<String> = ["resultCode", "returnCode", "retCode", "errorCode"]
    /// Fields that carry the server's own words on a failure.
    static let messageNames = ["resultDesc", "description", "message", "resultMsg", "retMsg", "errorMsg", "msg"]
    /// Fields that carry the payload of a success, in the order a client tries them.
    static let payloadNames = ["resultDesc", "resultDatas", "data"]

    static func envelope(of interface: Interface, resultCodes: [ResultCode], diagnostics: inout DiagnosticBag) -> Envelope? {
        guard let body = interface.response else { return nil }
        let fields = body.fields
        let referenceSuccess = resultCodes.filter { meansSuccess($0.description) }.map(\.code)
        var codes: [Envelope.CodeField] = []
        for name in codeNames {
            guard let field = fields.first(where: { $0.name == name }),
                  [.string, .integer, .long, .unknown].contains(field.type.kind) else { continue }
            var values = field.enumeration?.values.filter { meansSuccess($0.meaning) }.map(\.value) ?? []
            if referenceCodeNames.contains(name) {
                let own = Set(field.enumeration?.values.map(\.value) ?? [])
                for code in referenceSuccess where (own.isEmpty || own.contains(code)) && !values.contains(code) { values.append(code) }
            }
            if values.isEmpty {
                diagnostics.warning(.resultCodeUnchecked,
                    "'\(name)' looks like a result code, but neither its description nor the Error Code Reference says which value means success; the client does not check it",
                    at: field.location
                )
                continue
            }
            codes.append(Envelope.CodeField(name: name, successValues: values))
        }
        guard !codes.isEmpty else { return nil }
        let present = Set(fields.map(\.name))
        let payloads = payloadNames.filter { name in
            fields.contains { $0.name == name && ($0.type.kind == .object || $0.type.kind == .array) }
        }
        let messages = (messageNames + payloadNames).filter { present.contains($0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return Envelope(codes: codes, messageFields: messages, payloadFields: payloads)
    }

    /// "success", "succeeded", "The interface is called successfully", "成功"; not "unsuccessful", "failure", "不成功".
    static func meansSuccess(_ meaning: String) -> Bool {
        let lower = meaning.lowercased()
        if lower.includes("unsuccess") || lower.includes("not success") || lower.includes("fail") || lower.includes("不成功") || lower.includes("失败") {
            return false
        }
        return lower.includes("success") || lower.includes("succeed") || lower.includes("成功")
    }
}
