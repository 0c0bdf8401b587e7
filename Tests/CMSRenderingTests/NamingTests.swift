@testable import CMSExtraction
@testable import CMSRendering
import CMSSchema
import CMSTestSupport
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

    @Test func theWordListsAreFrontCoded() {
        #expect(Vocabulary.frontDecoded("0abandon\n7ed\n7ing\n0ab\n2c\n9toolong\n") == ["abandon", "abandoned", "abandoning", "ab", "abc", "abctoolong"])
        #expect(Vocabulary.frontDecoded("") == [])
        // The shipped lists decode to sorted, lower-case words of two letters or more, and hold the words names use.
        for name in ["common", "rare"] {
            let words = Vocabulary.frontDecoded(builtInWordLists.first { $0.name == name }?.text ?? "")
            #expect(words.count > 1000, "\(name)")
            #expect(words == words.sorted() && Set(words).count == words.count, "\(name) is sorted, without repeats")
            #expect(words.allSatisfy { $0.count >= 2 && $0.allSatisfy { ("a"..."z").contains($0) } }, "\(name)")
        }
        let common = Set(Vocabulary.frontDecoded(builtInWordLists.first { $0.name == "common" }?.text ?? ""))
        #expect(common.isSuperset(of: ["query", "detail", "call", "information", "abandoned", "zone"]))
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

    /// Pages in the second layout (Tests/Naming/specs): version twins, run-together path words and a documentation
    /// placeholder. Every name is English, none is numbered, and of twins the oldest version has the plain name.
    @Test func operationNamesOfTheSecondLayoutReadAsEnglish() throws {
        let schema = SchemaBuilder.build(paths: ["Tests/Naming/specs"], relativeTo: TestSupport.packageRoot).schema
        let expected = [
            "GET /": "listApiVersions",
            "GET /v2/{project_id}/servers/{server_id}": "getServer",
            "GET /v2.1/{project_id}/servers/{server_id}": "getServerV2_1",
            "POST /v1/{project_id}/workspaces": "createWorkspace",
            "POST /v1/{project_id}/cloudservers/{server_id}/changeos": "changeCloudServerOs",
            "POST /v1/{project_id}/cloudservers/{server_id}/reinstallos": "reinstallCloudServerOs",
            "DELETE /v1/{project_id}/services/xxxxxx": "deleteServices",
            // The page links to API Explorer with the vendor's own name for the operation.
            "POST /v1/{project_id}/cloudservers/{server_id}/nics": "batchAddServerNics",
            "GET /v2/{project_id}/os-floating-ips": "listOsFloatingIps",
            "GET /v2.1/{project_id}/os-floating-ips": "listOsFloatingIpsV2_1",
        ]
        #expect(ClientPlan(schema: schema).operationsByKey == expected)
        // The order of the pages does not matter.
        var reversed = schema
        reversed.interfaces.reverse()
        #expect(ClientPlan(schema: reversed).operationsByKey == expected)
    }

    @Test(arguments: [
        ("https://console.example.com/apiexplorer/#/openapi/ECS/doc?api=ShowServer", "ShowServer"),
        ("https://console.example.com/apiexplorer/#/openapi/ECS/doc?version=v2&api=ListServers&x=1", "ListServers"),
        ("https://example.com/doc?api=ShowServer", nil), ("https://console.example.com/apiexplorer/#/doc?api=1st", nil),
        ("https://console.example.com/apiexplorer/#/doc?api=a%22b", nil),
    ] as [(String, String?)])
    func theVendorsOperationNameComesFromAnAPIExplorerLink(_ href: String, _ expected: String?) {
        #expect(VendorOperationName.name(in: href) == expected)
    }

    @Test(arguments: [
        ("DELETE", "/v1/{project_id}/services/xxxxxx", "deleteServices"), ("GET", "/v1/items/XXX/<id>", "getItems"),
        ("GET", "/", "listApiVersions"), ("GET", "/v3", "getApiVersionV3"), ("GET", "/v3/{project_id}", "getApiVersionV3"),
        ("POST", "/v1/{project_id}/servers/{server_id}/reboot", "rebootServer"), ("POST", "/v1/{project_id}/workspaces", "createWorkspace"),
        ("GET", "/v2/{project_id}/metrics", "listMetrics"), ("GET", "/v2/{project_id}/status", "getStatus"),
    ])
    func operationNamesLeaveOutPlaceholdersAndPutActionsFirst(_ method: String, _ path: String, _ expected: String) {
        #expect(names.operationName(method: method, path: path).name == expected)
    }

    /// Two interfaces whose paths differ only in punctuation: nothing tells them apart but a number, with a warning.
    @Test func onlyIndistinguishablePathsAreNumbered() {
        let location = Self.location
        var schema = SchemaDocument(interfaces: [
            Interface(title: "a", method: "POST", path: "/rest/cmsapp/v1/openapi/torture/query_status", location: location),
            Interface(title: "b", method: "POST", path: "/rest/cmsapp/v1/openapi/torture/queryStatus", location: location),
            Interface(title: "c", method: "GET", path: "/rest/cmsapp/v1/openapi/torture/queryStatus", location: location),
            Interface(title: "d", method: "POST", path: "/rest/cmsapp/v2/openapi/torture/queryStatus", location: location),
        ])
        let diagnostics = OperationIdentity.assign(&schema)
        #expect(schema.interfaces.map(\.operationId) == ["tortureQueryStatus", "tortureQueryStatus2", "getTortureQueryStatus", "tortureQueryStatusV2"])
        #expect(diagnostics.filter { $0.severity == .warning }.count == 1)
    }

    /// The lock file's names are kept: a derived name never takes one, and a locked name survives a new page that
    /// wants it.
    @Test func lockedNamesAreKept() {
        let location = Self.location
        let v2 = Interface(title: "v2", method: "GET", path: "/v2/{project_id}/servers/{server_id}", location: location)
        let v21 = Interface(title: "v2.1", method: "GET", path: "/v2.1/{project_id}/servers/{server_id}", location: location)
        // Last time only v2.1 existed, and it was `getServer`.
        var schema = SchemaDocument(interfaces: [v2, v21])
        let locked = NameOverrides(["GET /v2.1/{project_id}/servers/{server_id}": "getServer"])
        _ = OperationIdentity.assign(&schema, locked: locked)
        #expect(schema.interfaces.map(\.operationId) == ["getServerV2", "getServer"])
        // The names file outranks the lock.
        var pinned = SchemaDocument(interfaces: [v2, v21])
        _ = OperationIdentity.assign(&pinned, overrides: NameOverrides(["GET /v2.1/{project_id}/servers/{server_id}": "showServer"]), locked: locked)
        #expect(pinned.interfaces.map(\.operationId) == ["getServer", "showServer"])
    }

    @Test func theLockFileReadsBackWhatItWrites() {
        let lock = NameLock(names: ["POST /a request x": "x", "POST /b response \"odd\"\tkey\n": "odd", "shared GET /c response y (type)": "Y"])
        let text = lock.text(sources: ["specs/"])
        #expect(text.hasPrefix("// Generated by cmsgen from specs/. DO NOT EDIT"))
        let (read, diagnostics) = NameLock.parse(text, displayPath: "lock")
        #expect(diagnostics.isEmpty)
        #expect(read == lock)
        let (_, bad) = NameLock.parse("x \"key\"\n1bad \"key\"\nnoquote key\n", displayPath: "Generated/.cmsgen-names.lock")
        #expect(bad.map(\.description).map { String($0.prefix(40)) } == [
            "Generated/.cmsgen-names.lock:2:1: error:", "Generated/.cmsgen-names.lock:3:1: error:",
        ])
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
