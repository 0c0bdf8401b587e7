import CMSSchema
import CMSTestSupport

/// The names random schemas are made of.
public enum RandomNames {
    public static var keywords: Set<String> {
        ["default", "self", "Type", "init", "class", "inout", "return", "protocol", "Self", "some", "any", "is", "as", "in", "where", "case"]
    }

    /// Names of every class that has ever broken a generator.
    public static var awkwardNames: [String] {
        Array(keywords) + [
            "data", "Data", "path", "container", "problems", "explicitNulls", "_explicitNulls", "CodingKeys", "codingKeys", "validator",
            "encoder", "decoder", "mode", "core", "request", "response", "body", "validation", "rawValue", "hashValue", "description",
            "stringValue", "unknown", "string", "String", "Swift", "Foundation", "CMSRuntime", "Int", "Request", "Response",
            "*/", "\"\"\"", "\\(x)", "back\\slash", "say\"hi", "phone📞", "rtl\u{200F}mark", "\u{202E}gnp.exe", "1stCall", "---", "",
            "a\\u{41}", "agent_id", "agentId", "agent-id", "callID", "callId", "workno", "totalskillstatusex3", "citStatus", "中文名",
            String(repeating: "veryLongName", count: 12), "x", "_", "__", "a.b", "$ref", "null", "true",
        ]
    }

    public static var plainNames: [String] { ["ccId", "vdn", "agentId", "skillId", "callId", "status", "count", "details", "total", "name"] }

    public static var descriptions: [String] {
        ["", "Plain text.", "Closes */ and opens /* and \"\"\" and \\(print(1)).", "Line one\nline two\u{2028}line three",
         "Bidi \u{202E}evil\u{202C} and NUL \u{0} and tab\t.", "中文描述。", "`code` and ``` fences"]
    }
}

/// Makes schemas the reading half could produce, at random; the same seed, the same schema.
public struct RandomSchema {
    public var rng: Xorshift

    public init(seed: UInt64) { rng = Xorshift(seed: seed) }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
    public mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    public mutating func name() -> String { chance(35) ? pick(RandomNames.awkwardNames) : pick(RandomNames.plainNames) }

    public static let location = SourceLocation(file: "random.html", line: 1, table: "Table 2", row: "r")

    public mutating func constraints(for kind: FieldType.Kind) -> Constraints {
        var constraints = Constraints()
        switch kind {
        case .integer, .long, .number:
            if chance(50) { constraints.minimum = Int64(number(-5...5)) }
            if chance(50) { constraints.maximum = Int64(number(6...Int(Int32.max))) }
            if chance(15) { constraints.ranges = [ValueRange(1, 10), ValueRange(20, 30)] }
            if kind == .number, chance(20) { constraints.decimalMinimum = 0.5; constraints.decimalMaximum = chance(50) ? 2.25 : nil }
        case .string:
            if chance(40) { constraints.maxLength = number(1...64) }
            if chance(20) { constraints.minLength = number(0...1) }
            if chance(10) { constraints.fixedValue = pick(["v2", "quote\"d", "back\\slash", "\\(x)"]) }
        case .array:
            if chance(40) { constraints.maxItems = number(1...100) }
            if chance(20) { constraints.minItems = number(0...1) }
            if chance(30) { constraints.items = ItemConstraints(minimum: 1, maximum: 9, maxLength: 5) }
        case .date:
            if chance(50) { constraints.format = pick(["timestamp-ms", "timestamp-s", "date-time"]) }
        default:
            break
        }
        return constraints
    }

    public mutating func enumeration(for kind: FieldType.Kind) -> Enumeration? {
        guard (kind == .string || kind == .integer || kind == .long), chance(30) else { return nil }
        let values: [String] = kind == .string
            ? ["a", "A", "1a", "", "unknown", "default", "self", "rawValue", "MEDIA_TYPE_PHONE", "中", "x y", "\"q\""]
            : ["0", "1", "01", "+1", "-2", "42"]
        let chosen = (0..<number(1...5)).map { _ in pick(values) }
        return Enumeration(values: chosen.map { EnumValue(value: $0, meaning: pick(["success", "unknown", "idle (status 1)", "成功", "", "*/"])) },
                           closed: chance(60), otherValues: chance(20) ? "failure" : nil, location: Self.location)
    }

    /// A field; objects it refers to are added to `objects` (only later ones, so references never cycle).
    public mutating func field(depth: Int, objects: inout [ObjectType]) -> Field {
        let kind = pick(FieldType.Kind.allCases)
        let requirement: Requirement = pick([.required, .optional, .conditional, .unspecified])
        var made = Field(name: name(), type: FieldType(kind: kind, raw: kind.rawValue), requirement: requirement, description: pick(RandomNames.descriptions),
                         constraints: constraints(for: kind), enumeration: enumeration(for: kind), location: Self.location)
        if kind == .array { made.type.element = pick([nil, .string, .integer, .long, .number, .boolean, .date, .object, .unknown]) }
        if kind == .map { made.type.element = pick([nil, .string, .integer, .long, .number, .boolean, .date, .object, .array, .unknown]) }
        if kind == .object || kind == .array && made.type.element == .object {
            if chance(20) {
                made.recursiveReference = objects.last?.id ?? "Table 1 Self"
            } else if depth < 4 {
                if let shared = objects.last, chance(25) {
                    made.object = shared.id
                } else {
                    let id = "Table \(objects.count + 3) \(pick(["Parameters", "参数", "Details of \"x\""])) \(objects.count)"
                    objects.append(ObjectType(id: id, table: id, fields: [], location: Self.location))
                    let slot = objects.count - 1
                    var fields: [Field] = []
                    for _ in 0..<number(0...4) { fields.append(field(depth: depth + 1, objects: &objects)) }
                    objects[slot].fields = fields
                    made.object = id
                }
            }
        }
        if chance(5) { made.type.name = pick(["callinDetial", "Swift", "any"]) }
        return made
    }

    public mutating func parameter(_ name: String, required: Bool) -> Field {
        let kind = pick([FieldType.Kind.string, .integer, .long, .boolean, .number, .object])
        return Field(name: name, type: FieldType(kind: kind, raw: kind.rawValue), requirement: required ? .required : pick([.optional, .required]),
                     description: pick(RandomNames.descriptions), constraints: constraints(for: kind), enumeration: enumeration(for: kind), location: Self.location)
    }

    public mutating func interface(_ index: Int) -> Interface {
        let method = pick(["POST", "POST", "GET", "PUT", "DELETE"])
        let pathNames = (0..<number(0...3)).map { _ in pick(["ccId", "vdn", "class", "default", "request", "validation", "body", "id", "agent_id", "agentId", "path", "self"]) }
        // No group at times, so that a keyword tail is the whole operation name.
        let group = pick(["agent", "vdn", "torture", "inject%5C(x)", "q%22", "calldata", ""])
        let tail = pick(["queryinfo", "query_status", "queryStatus", "agentbyworkno", "x", "perform", "core", "CMSClient", "1st", "中",
                         "default", "init", "self", "deinit", "Type", "return"])
        let segments = ["rest", "cmsapp", "v1", "openapi"] + (group.isEmpty ? [] : [group]) + [tail] + pathNames.map { "{\($0)}" }
        var seen = Set<String>()
        let pathParameters = pathNames.filter { seen.insert($0).inserted }.map { parameter($0, required: true) }
        var queryParameters: [Field] = []
        for _ in 0..<(chance(40) ? number(1...3) : 0) {
            let candidate = parameter(name(), required: false)
            if seen.insert(candidate.name).inserted { queryParameters.append(candidate) }
        }
        var objects: [ObjectType] = []
        var requestFields: [Field] = []
        if method != "GET" { for _ in 0..<number(0...6) { requestFields.append(field(depth: 0, objects: &objects)) } }
        var responseFields: [Field]?
        if !chance(15) {
            var fields: [Field] = []
            for _ in 0..<number(0...6) { fields.append(field(depth: 0, objects: &objects)) }
            responseFields = fields
        }
        if chance(40), responseFields != nil {
            let id = "Table 9 Payload \(index)"
            objects.append(ObjectType(id: id, table: id, fields: [Field(name: "workNo", type: FieldType(kind: .integer, raw: "int"), location: Self.location)], location: Self.location))
            responseFields! += [Field(name: "resultCode", type: FieldType(kind: .string, raw: "String"), location: Self.location),
                                Field(name: "resultDesc", type: FieldType(kind: pick([.object, .array]), element: .object, raw: "Object"), object: id, location: Self.location)]
        }
        var observations: [Observation] = []
        if let mismatch = responseFields?.first(where: { [.string, .integer].contains($0.type.kind) }), chance(30) {
            observations.append(Observation(kind: .typeMismatch, role: .response, path: mismatch.name, message: "the example sends a number", location: Self.location))
        }
        var headers: [Field] = []
        if chance(50) {
            headers.append(Field(name: "Content-Type", type: FieldType(kind: .string, raw: "String"), requirement: .required,
                                 constraints: Constraints(fixedValue: pick(["application/json; charset=UTF-8", "text/\"x\""])), location: Self.location))
        }
        // Header parameters a caller gives, named like anything a header table holds.
        var headerParameters: [Field] = []
        for _ in 0..<(chance(30) ? number(1...2) : 0) {
            let candidate = parameter(pick(["X-Language", "x-request-id", "X-Project-Id"] + RandomNames.awkwardNames), required: false)
            if seen.insert(candidate.name).inserted { headerParameters.append(candidate) }
        }
        let authentication = pick([Authentication(scheme: .c2, header: "Authorization"), Authentication(scheme: .token, header: "X-Auth-Token"),
                                   Authentication(scheme: .token, header: pick(["X-\"Token\"", "token\\(x)"])), Authentication()])
        var interface = Interface(
            title: pick(["Query \(index)", "*/ \"\"\" \\(x)", "查询"]), scenario: chance(50) ? pick(RandomNames.descriptions) : nil, method: method,
            path: "/" + segments.joined(separator: "/"), pathParameters: pathParameters, queryParameters: queryParameters, headers: headers,
            headerParameters: headerParameters, authentication: authentication,
            request: chance(10) && method != "GET" ? nil : Body(table: "Table 2", fields: requestFields, exampleWrapper: chance(10) ? "queryParam" : nil, location: Self.location),
            response: responseFields.map { Body(table: "Table 3", fields: $0, location: Self.location) },
            objects: objects, observations: observations, sources: [Source(file: "random-\(index).html", format: .html, language: "en", primary: true)],
            location: SourceLocation(file: "random-\(index).html", line: 1)
        )
        // Statuses: a success other than 200 (possibly without a body), and error answers with bodies of their own.
        if chance(30) {
            let status = pick([201, 202, 204])
            if interface.responses.isEmpty { interface.responses = [Response(status: status, isSuccess: true, isEmpty: status == 204)] }
            interface.responses[0].status = status
            if status == 204, chance(70) { interface.responses[0].body = nil; interface.responses[0].isEmpty = true }
        }
        if chance(30) {
            interface.responses.append(Response(status: pick([400, 404, 500]), description: pick(RandomNames.descriptions), isSuccess: false,
                                                body: Body(table: "Table 5", fields: [Field(name: "error_msg", type: FieldType(kind: .string, raw: "String"), location: Self.location)], location: Self.location)))
        }
        // An envelope, with values and field names that must stay literals.
        if chance(50), let body = interface.response, let code = body.fields.first(where: { $0.type.kind == .string || $0.type.kind == .integer }) {
            let payload = body.fields.filter { $0.type.kind == .object || $0.type.kind == .array }.map(\.name)
            interface.envelope = Envelope(
                codes: [Envelope.CodeField(name: code.name, successValues: pick([["0100000"], ["0", "\"q\"", "\\(x)"], ["*/"]]))],
                messageFields: chance(50) ? [pick(RandomNames.awkwardNames)] : [], payloadFields: payload
            )
        }
        return interface
    }

    public mutating func schema(interfaces count: Int) -> SchemaDocument {
        var interfaces: [Interface] = []
        var keys = Set<String>()
        for index in 0..<count {
            let interface = interface(index)
            // The reading half merges pages of one method and path into one interface.
            if keys.insert("\(interface.method) \(interface.path)").inserted { interfaces.append(interface) }
        }
        let codes = chance(50) ? [] : [ResultCode(code: "0100000", description: "Success \"quoted\" \\(x).", location: Self.location)]
        return SchemaDocument(interfaces: interfaces.sorted { ($0.path, $0.method) < ($1.path, $1.method) }, resultCodes: codes)
    }
}
