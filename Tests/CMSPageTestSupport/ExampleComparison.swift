import CMSSchema
import Foundation

/// Compares what a generated client decoded or encoded with a page's documented example.
public enum ExampleComparison {
    /// Every place where `actual` and `expected` differ (an absent field and `null` do not); integer, double and string
    /// are different JSON values, except
    /// at `documentedForms`: the dotted paths where the page records that the example contradicts the table, which
    /// the generated type reads as the documented type (`0` sent for a documented string is the string `"0"`).
    public static func differences(_ actual: JSONValue?, _ expected: JSONValue?, at path: String = "$", documentedForms: Set<String> = []) -> [String] {
        switch (actual, expected) {
        case let (.object(got)?, .object(wanted)?):
            return Set(got.keys).union(wanted.keys).sorted().flatMap { differences(got[$0], wanted[$0], at: path + "." + $0, documentedForms: documentedForms) }
        case let (.array(got)?, .array(wanted)?) where got.count == wanted.count:
            return zip(got, wanted).enumerated().flatMap { index, pair in differences(pair.0, pair.1, at: "\(path)[\(index)]", documentedForms: documentedForms) }
        default:
            // `null` and an absent field mean the same to the reader; the generated types leave both out.
            if actual == expected || actual == nil && expected == .null || actual == .null && expected == nil { return [] }
            let dotted = String(path.dropFirst(2)).replacing(/\[[0-9]+\]/, with: "")
            if documentedForms.contains(dotted), let got = actual.flatMap(scalarText), got == expected.flatMap(scalarText) { return [] }
            return ["\(path): got \(render(actual)), expected \(render(expected))"]
        }
    }

    /// A scalar's text: `0` and `"0"` are both `0`.
    public static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        default: nil
        }
    }

    /// The paths where the page records that an example of `role` contradicts the table.
    public static func documentedForms(_ interface: Interface, _ role: Example.Role) -> Set<String> {
        Set(interface.observations.filter { $0.kind == .typeMismatch && $0.role == role }.map(\.path))
    }

    public static func render(_ value: JSONValue?) -> String {
        guard let value else { return "(absent)" }
        switch value {
        case .null: return "null"
        case .bool(let flag): return "\(flag)"
        case .integer(let number): return "\(number) (integer)"
        case .double(let number): return "\(number) (number)"
        case .string(let text): return "\"\(text)\" (string)"
        case .array(let elements): return "[" + elements.map { render($0) }.joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.keys.sorted().map { "\($0): \(render(members[$0]))" }.joined(separator: ", ") + "}"
        }
    }
}
