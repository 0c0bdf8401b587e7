import CMSExtraction
import CMSRendering
import CMSSchema
import Foundation

/// `cmsbench linear`: the work that once grew faster than its input, timed at 1×, 2×, 4× and 8× the input, with the
/// ratio of each time to the one before. Linear work doubles (ratio about 2); quadratic work quadruples.
///
/// - the JSON reader on a string of escapes (`\n`, `\u00e9`), as in an example or a mock request body;
/// - naming a field whose wire name is one long lower-case run, and one long camel-case run;
/// - extraction and rendering of tables linked as a diamond (two fields of each table refer to the next) and as a
///   chain, by depth.
enum LinearBench {
    static func run() throws {
        print("input                          size       seconds   ratio")
        series("JSON string of escapes", sizes: [100_000, 200_000, 400_000, 800_000]) { count in
            let text = "{\"value\": \"" + String(repeating: "\\n\\u00e9", count: count / 2) + "\"}"
            return { _ = try? JSONText.parse(text) }
        }
        let (templates, _) = TemplateSet.load()
        guard let templates else { throw CocoaError(.fileReadCorruptFile) }
        for (label, unit) in [("lower-case name", "a"), ("camel-case name", "aB")] {
            series(label, sizes: [125_000, 250_000, 500_000, 1_000_000]) { length in
                let name = String(repeating: unit, count: length / unit.count)
                let schema = document(request: [Field(name: name, type: FieldType(kind: .string, raw: "String"), location: location)])
                return { _ = try? SwiftGenerator.generate(schema: schema, templates: templates) }
            }
        }
        for (label, fieldsPerTable) in [("diamond of tables, by depth", 2), ("chain of tables, by depth", 1)] {
            series(label, sizes: [4, 8, 16, 32]) { depth in
                let page = linkedTables(depth: depth, fieldsPerTable: fieldsPerTable)
                return {
                    let result = SchemaBuilder.build(pages: [(path: "linked.html", bytes: page)])
                    _ = try? SwiftGenerator.generate(schema: result.schema, templates: templates)
                }
            }
        }
    }

    static let location = SourceLocation(file: "bench.html", line: 1)

    static func document(request: [Field]) -> SchemaDocument {
        var document = SchemaDocument()
        document.interfaces = [Interface(
            title: "Bench", method: "POST", path: "/rest/bench/v1/names", request: Body(table: "Table 2", fields: request, location: location),
            sources: [Source(file: "bench.html", format: .html, language: "en", primary: true)], location: location
        )]
        return document
    }

    /// Prints the best of three timings of each size, and its ratio to the previous size's.
    static func series(_ label: String, sizes: [Int], _ make: (Int) -> () -> Void) {
        var previous: Double?
        for size in sizes {
            let work = make(size)
            var best = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                work()
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let ratio = previous.map { String(format: "%5.2f", best / $0) } ?? "    -"
            print(label.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: " %9d  %9.4f", size, best) + "   " + ratio)
            previous = best
        }
    }

    /// An interface page whose body table and `depth` nested tables each hold `fieldsPerTable` object fields that all
    /// refer to the next table, in the vendor's HTML.
    static func linkedTables(depth: Int, fieldsPerTable: Int) -> [UInt8] {
        let topic = "EN-US_TOPIC_0000001000000001"
        func table(_ id: String, _ number: Int, _ caption: String, _ rows: [[String]]) -> String {
            var text = "<div class=\"tablenoborder\"><table id=\"\(topic)__\(id)\"><caption><b>Table \(number) </b>\(caption)</caption><thead><tr>"
            text += ["Parameter", "Type", "Mandatory", "Description"].map { "<th><p>\($0)</p></th>" }.joined() + "</tr></thead><tbody>"
            text += rows.map { "<tr>" + $0.map { "<td><p>\($0)</p></td>" }.joined() + "</tr>" }.joined()
            return text + "</tbody></table></div>\n"
        }
        func rows(linkingTo level: Int) -> [[String]] {
            (0..<fieldsPerTable).map { ["field\($0)", "Object", "No", "See <a href=\"#\(topic)__level\(level)\">Table \(level + 2)</a>."] }
        }
        var body = "<h1 class=\"topictitle1\">Bench</h1><div id=\"body1\">"
        body += "<div class=\"section\"><h4 class=\"sectiontitle\">Interface Method</h4><p>The request method must be set to POST.</p></div>"
        body += "<div class=\"section\"><h4 class=\"sectiontitle\">Request URL</h4><p>https://ip:port/rest/cmsapp/v1/openapi/bench/linked</p></div>"
        body += "<div class=\"section\"><h4 class=\"sectiontitle\">Request Description</h4>"
        body += table("request", 1, "Parameters in the request message body", rows(linkingTo: 1))
        for level in 1...depth {
            body += table("level\(level)", level + 1, "Parameters of level \(level)", level < depth ? rows(linkingTo: level + 1) : [["leaf", "String", "No", "The end."]])
        }
        return Array((body + "</div></div>").utf8)
    }
}
