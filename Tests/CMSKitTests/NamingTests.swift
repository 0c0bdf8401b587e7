@testable import CMSRendering
import CMSSchema
import Testing

/// The naming rules and the name table: word splitting with the fixed vocabulary, typo correction from a field's own
/// description, keywords and reserved names, collisions.
@Suite struct NamingTests {
    let names = NameBuilder()

    @Test(arguments: [
        ("workno", ["work", "no"]),
        ("querydetailcallinfo", ["query", "detail", "call", "info"]),
        ("totalskillstatusex3", ["total", "skill", "status", "ex", "3"]),
        ("querycalldetailbyid", ["query", "call", "detail", "by", "id"]),
        ("agentstatusinfobyagentids", ["agent", "status", "info", "by", "agent", "ids"]),
        ("agentbyconfigedskill", ["agent", "by", "configed", "skill"]),
        ("logindate", ["login", "date"]),
        ("hisindex", ["his", "index"]),
    ])
    func runTogetherWordsAreSplit(_ name: String, _ expected: [String]) {
        #expect(Vocabulary.standard.segment(name) == expected)
    }

    @Test(arguments: [
        "rindex",       // no reading in common words ("rind" is rare, "r" is a letter)
        "validator",    // "valid at or" would be two short words in a row
        "xyzzyplugh",   // no words at all
    ])
    func namesWithoutAReadingStayWhole(_ name: String) {
        #expect(Vocabulary.standard.segment(name) == nil)
        #expect(names.words(of: name, context: "").words == [name])
    }

    @Test func wordsAreNeverSplitAndTheVocabularyIsFixed() {
        #expect(names.words(of: "validation", context: "").words == ["validation"], "a known word, even a rare one, stays whole")
        #expect(names.words(of: "totals", context: "").words == ["totals"])
        // The same wire name always reads the same, whatever else is being named: nothing is learnt.
        let first = names.memberName(wireName: "workno", context: "")
        _ = names.memberName(wireName: "work", context: "The workno of the agent.")
        #expect(names.memberName(wireName: "workno", context: "") == first)
        #expect(first.name == "workNo")
    }

    @Test(arguments: [
        ("citStatus", "CTI status of the agent.", "ctiStatus", ["cit → cti"]),
        ("orgiCalledNum", "Original called number.", "origCalledNum", ["orgi → orig"]),
        ("citStatus", "Status of the agent.", "citStatus", []),
        ("callinDetial", "Call details.", "callInDetail", ["Detial → Detail"]),
    ])
    func typosAreCorrectedFromTheFieldsOwnDescription(_ wire: String, _ context: String, _ expected: String, _ corrections: [String]) {
        let name = names.memberName(wireName: wire, context: context)
        #expect(name.name == expected)
        #expect(name.corrections == corrections)
    }

    @Test(arguments: [
        ("Content-Type", "contentType", nil), ("vdn_id", "vdnId", nil), ("IDX_COUNT", "idxCount", nil), ("agentIDs", "agentIDs", nil),
        ("default", "default", nil), ("1stCall", "_1stCall", "gives a name that starts with a digit"), ("---", "value", "has no letters or digits"),
        ("rtl\u{200F}mark", "rtlMark", nil), ("phone📞", "phone", nil), ("中文", "value", "has no letters or digits"),
    ])
    func memberNames(_ wire: String, _ expected: String, _ change: String?) {
        let name = names.memberName(wireName: wire, context: "")
        #expect(name.name == expected)
        #expect(name.change == change)
    }

    @Test func keywordsAreBacktickedAsDeclarationsAndBareAsLabels() {
        #expect(Identifier.declaration("default") == "`default`")
        #expect(Identifier.declaration("ccId") == "ccId")
        #expect(Identifier.argumentLabel("default") == "default")
        #expect(Identifier.argumentLabel("inout") == "`inout`")
    }

    @Test(arguments: [
        ("POST", "/rest/cmsapp/v1/openapi/agent/agentbyworkno", "agentByWorkNo"),
        ("POST", "/rest/cmsapp/v1/openapi/agentgroup/agentbyworkno", "agentGroupAgentByWorkNo"),
        ("POST", "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo", "callDataQueryDetailCallInfo"),
        // A path with parameters names resources; the method says what is done with them.
        ("GET", "/rest/cmsapp/v1/openapi/configures/calledconfigs/{ccId}/{vdn}", "getConfiguresCalledConfig"),
        ("DELETE", "/v3/{project_id}/elb/healthmonitors/{id}", "deleteElbHealthMonitor"),
        ("GET", "/v3/{project_id}/elb/healthmonitors", "listElbHealthMonitors"),
        ("POST", "/v3/{project_id}/elb/healthmonitors", "createElbHealthMonitor"),
        ("GET", "/v3/{project_id}/elb/healthmonitors/{id}", "getElbHealthMonitor"),
        ("PUT", "/v3/{project_id}/elb/healthmonitors/{id}", "updateElbHealthMonitor"),
        ("PATCH", "/v2/{project_id}/policies/{policy_id}", "updatePolicy"),
        ("POST", "/v2/{project_id}/servers/{server_id}/action", "serverAction"),
        ("GET", "/v3/{project_id}/gadgets/{gadget_id}/status", "getGadgetStatus"),
        ("POST", "/v3/{project_id}/gadgets/register", "gadgetsRegister"),
        // A POST to an item keeps the path's words (the RPC style of CC-CMS with an id in the path).
        ("POST", "/rest/cmsapp/v1/openapi/snippet/querynamingcases/{ccId}", "snippetQueryNamingCases"),
        ("POST", "/rest/cmsapp/v1/openapi/torture/inject%5C(print(%22x%22))", "tortureInjectPrintX"),
    ])
    func operationNamesComeFromTheirOwnPath(_ method: String, _ path: String, _ expected: String) {
        #expect(names.operationName(method: method, path: path).name == expected)
    }

    @Test(arguments: [
        ("4", "idle (CTI platform status 1)", "idle"), ("Y", "yes", "yes"), ("MEDIA_TYPE_PHONE", "phone", "mediaTypePhone"),
        ("0", "成功", "value0"), ("1a", "the first variant", "firstVariant"), ("", "nothing", "nothing"),
        // A leading number is spelt out; a long meaning keeps its first words, its negations and its last word, so a
        // name never stops before what the meaning says; only the first clause counts.
        ("15MIN", "15-minute interval", "fifteenMinuteInterval"), ("1", "120 seconds", "oneHundredTwentySeconds"),
        ("0101001", "The interface for quality inspection relationships is abnormal.", "interfaceForQualityInspectionAbnormal"),
        ("1", "The query parameter has a value that is not allowed.", "queryParameterHasValueNotAllowed"),
        ("2", "Normal: the tile shows current figures.", "normal"),
    ])
    func caseNames(_ value: String, _ meaning: String, _ expected: String) {
        #expect(names.caseName(value: value, meaning: meaning).name == expected)
    }

    // MARK: The name table

    static let location = SourceLocation(file: "names.html", line: 3, table: "Table 2 Request", row: "r")

    static func plan(_ fields: [Field], method: String = "POST", path: String = "/rest/cmsapp/v1/openapi/names/call", objects: [ObjectType] = [],
                     overrides: NameOverrides = NameOverrides()) -> (InterfacePlan, [Diagnostic]) {
        let interface = Interface(title: "Names", method: method, path: path, request: Body(table: nil, fields: fields, location: location),
                                  objects: objects, location: location)
        var planner = InterfacePlanner(overrides: overrides)
        let plans = planner.plan(SchemaDocument(interfaces: [interface]))
        return (plans[0], planner.diagnostics.sorted)
    }

    static func field(_ name: String, _ kind: FieldType.Kind = .string, object: String? = nil, enumeration: Enumeration? = nil) -> Field {
        Field(name: name, type: FieldType(kind: kind, raw: kind.rawValue), enumeration: enumeration, object: object, location: location)
    }

    @Test func collisionsAreNumberedWithAWarningThatNamesTheKey() {
        let (plan, diagnostics) = Self.plan([Self.field("agent_id"), Self.field("agentId"), Self.field("agent-id")])
        #expect(plan.request.properties.map(\.name) == ["agentId", "agentId2", "agentId3"])
        #expect(diagnostics.map(\.description) == [
            #"names.html:3:1: warning: 'agentId' reads as 'agentId', which another name here already has; its Swift name is 'agentId2' (pin it in cmsgen-names.json as "POST /rest/cmsapp/v1/openapi/names/call request agentId") [table 'Table 2 Request', row 'r'] [#name-clash]"#,
            #"names.html:3:1: warning: 'agent-id' reads as 'agentId', which another name here already has; its Swift name is 'agentId3' (pin it in cmsgen-names.json as "POST /rest/cmsapp/v1/openapi/names/call request agent-id") [table 'Table 2 Request', row 'r'] [#name-clash]"#,
        ])
    }

    @Test func localsNeverTakeTheGeneratedCodesNames() {
        let (plan, _) = Self.plan([Self.field("container"), Self.field("problems"), Self.field("decoder"), Self.field("containerValue")])
        #expect(plan.request.properties.map(\.name) == ["container", "problems", "decoder", "containerValue"])
        #expect(plan.request.properties.map(\.local) == ["containerValue", "problemsValue", "decoderValue", "containerValue2"])
    }

    @Test func parameterNamesInsideFunctionsNeverTakeTheirLocals() {
        let interface = Interface(
            title: "Params", method: "GET", path: "/rest/cmsapp/v1/openapi/names/{request}/{validation}/{bodyValue}/{body}",
            pathParameters: ["request", "validation", "bodyValue", "body"].map { Field(name: $0, type: FieldType(kind: .string, raw: ""), requirement: .required, location: Self.location) },
            location: Self.location
        )
        var planner = InterfacePlanner()
        let plan = planner.plan(SchemaDocument(interfaces: [interface]))[0]
        #expect(plan.parameters.map(\.label) == ["request", "validationValue", "bodyValue", "body"])
        #expect(plan.parameters.map(\.internalName) == ["requestValue", "validationValue", "bodyValue", "bodyValue2"])
    }

    @Test func typeNamesAreUniquePerPartAndFreeOfModuleNames() {
        let object = ObjectType(id: "t", table: "t", fields: [Self.field("x")], location: Self.location)
        let values = Enumeration(values: [EnumValue(value: "a", meaning: "a")], closed: true, location: Self.location)
        let (plan, _) = Self.plan([
            Self.field("swift", .object, object: "t"), Self.field("status", enumeration: values), Self.field("Status", enumeration: values),
        ], objects: [object])
        let names = plan.nestedTypes.map { type -> String in
            switch type {
            case .structure(let structure): structure.qualifiedName
            case .enumeration(let enumeration): enumeration.qualifiedName
            }
        }
        #expect(names == ["NamesCall.Request.SwiftType", "NamesCall.Request.Status", "NamesCall.Request.Status2"], "a type named Swift would hide the module")
    }
}
