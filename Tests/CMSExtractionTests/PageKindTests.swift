import CMSExtraction
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// What a page of a downloaded reference is, from its structure: snippet pages for the cases that decide it.
@Suite struct PageKindTests {
    static func kind(_ page: PageBuilder.Page, path: String = "page.html") -> (kind: PageKind?, interfaces: [Interface], diagnostics: [Diagnostic]) {
        let result = SchemaBuilder.build(pages: [(path, Array(page.html().utf8)), (BadInputTests.goodPath, Array(BadInputTests.goodPage.html().utf8))])
        let interfaces = result.schema.interfaces.filter { $0.sources.contains { $0.file == path } }
        return (result.schema.pages.first { $0.file == path }?.kind, interfaces, result.diagnostics.filter { $0.location.file == path })
    }

    static let responseSection = PageBuilder.Part.section("Response Parameters", [
        .table(PageBuilder.responseTable(caption: "Response body parameters", rows: [["job_id", "String", "The task."]])),
    ])

    /// A URI given in a code block, as some pages write it.
    @Test func aRequestLineInACodeBlockOfTheURISection() {
        let page = PageBuilder.Page(title: "Deleting a Gadget", parts: [
            .section("URI", [.example("DELETE /v2/{project_id}/gadgets/{gadget_id}")]), Self.responseSection,
        ])
        let found = Self.kind(page)
        #expect(found.kind == .interface)
        #expect(found.interfaces.map { "\($0.method) \($0.path)" } == ["DELETE /v2/{project_id}/gadgets/{gadget_id}"])
    }

    /// A method in lower case names the method all the same.
    @Test func aMethodInLowerCase() {
        let page = PageBuilder.Page(title: "Querying Gadgets", parts: [.section("URI", [.paragraph("Get /v2/{project_id}/gadgets")]), Self.responseSection])
        #expect(Self.kind(page).interfaces.map(\.method) == ["GET"])
    }

    /// A page that explains how to call APIs: its URI section gives the form of every URI and an example URL; it is no
    /// interface, and its table of common headers is an appendix the interfaces use.
    @Test func aPageAboutCallingAPIsIsNoInterface() {
        let page = PageBuilder.Page(title: "Making an API Request", parts: [
            .section("Request URI", [
                .paragraph("A request URI is in the following format:"), .paragraph("{URI-scheme}://{Endpoint}/{resource-path}?{query-string}"),
                .paragraph("https://gadgets.example.com/v2/projects"),
            ]),
            .section("Request Method", [.paragraph("GET: requests the server to return resources."), .paragraph("POST: requests the server to add a resource.")]),
            .section("Request Header", [.table(PageBuilder.Table(id: "headers", caption: "Common request headers", header: ["Parameter", "Mandatory", "Description"], rows: [
                ["X-Auth-Token", "No", "User token, for token-based authentication."], ["X-Project-Id", "No", "Project ID."],
            ]))]),
        ])
        let found = Self.kind(page)
        #expect(found.kind == .appendix, "\(found.diagnostics)")
        #expect(found.interfaces.isEmpty)
        #expect(found.diagnostics.map(\.kind) == [.pageNotInterface])
    }

    /// A walkthrough that names request lines in its steps, without a response of its own.
    @Test func aWalkthroughIsAnOverview() {
        let page = PageBuilder.Page(title: "Getting Started", parts: [
            .section("Procedure", [.paragraph("Create a gadget:"), .paragraph("POST https://{endpoint}/v2/{project_id}/gadgets"), .example("{\"gadget\": {\"name\": \"a\"}}")]),
        ])
        let found = Self.kind(page)
        #expect(found.kind == .overview)
        #expect(found.interfaces.isEmpty)
    }

    /// Tables that list APIs, in any columns, make an overview; a permission matrix too.
    @Test func aPermissionMatrixIsAnOverview() {
        let page = PageBuilder.Page(title: "Permissions and Supported Actions", parts: [
            .section("Supported Actions", [.table(PageBuilder.Table(id: "actions", caption: "Actions", header: ["Permission", "API", "Action", "Dependent Permission"], rows: [
                ["Creating a gadget", "POST /v2/{project_id}/gadgets", "gds:gadgets:create", "-"],
                ["Deleting a gadget", "DELETE /v2/{project_id}/gadgets/{gadget_id}", "gds:gadgets:delete", "-"],
            ]))]),
        ])
        #expect(Self.kind(page).kind == .overview)
    }

    /// A table written without a header row: its first row is the header when it names the columns of parameters.
    @Test func aTableWithoutAHeaderRow() throws {
        let page = PageBuilder.Page(title: "Querying Gadgets", parts: [
            .section("URI", [.paragraph("GET /v2/{project_id}/gadgets")]),
            .section("Response Parameters", [.table(PageBuilder.Table(id: "response", caption: "Response body parameters", header: [], rows: [
                ["Parameter", "Type", "Description"], ["count", "Integer", "How many gadgets there are."],
            ]))]),
        ])
        let found = Self.kind(page)
        #expect(!found.diagnostics.contains { $0.severity != .note }, "\(found.diagnostics)")
        #expect(try #require(found.interfaces.first).response?.fields.map(\.name) == ["count"])
    }

    /// A DITA CALS table whose entries span rows (`morerows`) and columns (`namest`/`nameend`): every value is read from
    /// its own column.
    @Test func spansOfACALSTable() throws {
        let dita = """
        <?xml version="1.0" encoding="UTF-8"?>
        <reference id="spans"><title>Querying Spans</title><refbody>
        <section><title>URI</title><p>POST /v3/{project_id}/spans</p></section>
        <section><title>Request Parameters</title>
        <table><title>Request body parameters</title><tgroup cols="4">
        <colspec colname="c1"/><colspec colname="c2"/><colspec colname="c3"/><colspec colname="c4"/>
        <thead><row><entry>Parameter</entry><entry>Mandatory</entry><entry>Type</entry><entry>Description</entry></row></thead>
        <tbody>
        <row><entry>count</entry><entry morerows="1">Yes</entry><entry morerows="1">Integer</entry><entry>How many.</entry></row>
        <row><entry>size</entry><entry>How large.</entry></row>
        <row><entry namest="c1" nameend="c4">The next parameter is optional.</entry></row>
        <row><entry>label</entry><entry>No</entry><entry>String</entry><entry>A label.</entry></row>
        </tbody></tgroup></table></section>
        <section><title>Response Parameters</title><p>Status code: 200</p>
        <table><title>Response body parameters</title><tgroup cols="3"><thead><row><entry>Parameter</entry><entry>Type</entry><entry>Description</entry></row></thead>
        <tbody><row><entry>id</entry><entry>String</entry><entry>The ID.</entry></row></tbody></tgroup></table></section>
        </refbody></reference>
        """
        let result = SchemaBuilder.build(pages: [("spans.dita", Array(dita.utf8))])
        #expect(!result.diagnostics.contains { $0.severity != .note }, "\(result.diagnostics)")
        let fields = try #require(result.schema.interfaces.first?.request?.fields)
        #expect(fields.map { "\($0.name) \($0.type.kind.rawValue) \($0.requirement.rawValue)" } == ["count integer required", "size integer required", "label string optional"])
    }
}
