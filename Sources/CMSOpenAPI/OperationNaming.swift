import CMSSchema

/// Operation ids and tags, derived from the request paths.
enum OperationNaming {
    /// One camelCase id per interface, in the same order: the last path segment (`querydetailcallinfo`), or as
    /// many trailing segments as it takes to tell interfaces apart (`agentAgentbyworkno`, `agentgroupAgentbyworkno`);
    /// then the method, then a number. Depends only on the paths and methods, not on their order.
    static func operationIds(for interfaces: [Interface]) -> [String] {
        let segments = interfaces.map { words(ofPath: $0.path) }
        var depth = Array(repeating: 1, count: interfaces.count)
        func name(_ index: Int) -> String { camelCase(Array(segments[index].suffix(depth[index]))) }

        // Lengthen names that different paths share until they differ or cannot grow.
        while true {
            let groups = Dictionary(grouping: interfaces.indices, by: name)
            var grew = false
            for members in groups.values where Set(members.map { interfaces[$0].path }).count > 1 {
                for index in members where depth[index] < segments[index].count {
                    depth[index] += 1
                    grew = true
                }
            }
            if !grew { break }
        }

        var ids = interfaces.indices.map(name)
        // Same path, several methods: prefix the method.
        for members in Dictionary(grouping: interfaces.indices, by: { ids[$0] }).values where members.count > 1 {
            for index in members { ids[index] = camelCase([[interfaces[index].method.lowercased()]] + segments[index].suffix(depth[index])) }
        }
        // Anything still equal (the same operation twice): number it, in path-then-method order.
        for members in Dictionary(grouping: interfaces.indices, by: { ids[$0] }).values where members.count > 1 {
            let ordered = members.sorted { (interfaces[$0].path, interfaces[$0].method, $0) < (interfaces[$1].path, interfaces[$1].method, $1) }
            for (offset, index) in ordered.enumerated() where offset > 0 { ids[index] += String(offset + 1) }
        }
        return ids.map { $0.isEmpty ? "operation" : $0 }
    }

    /// The tag of an interface: the path segment after `openapi` (`calldata`), else the segment before the last.
    static func tag(forPath path: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        if let index = segments.firstIndex(of: "openapi"), index + 1 < segments.count, !segments[index + 1].hasPrefix("{") {
            return segments[index + 1]
        }
        return segments.dropLast().last(where: { !$0.hasPrefix("{") }) ?? "default"
    }

    /// The path's segments, each as its words: `{agentId}` gives `by`, `agentId`; `querycalls-v1` gives `querycalls`, `v1`.
    static func words(ofPath path: String) -> [[String]] {
        path.split(separator: "/").map { segment in
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                return ["by"] + splitWords(String(segment.dropFirst().dropLast()))
            }
            return splitWords(String(segment))
        }.filter { !$0.isEmpty }
    }

    private static func splitWords(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init)
    }

    /// `[["agentgroup"], ["agentbyworkno"]]` → `agentgroupAgentbyworkno`; a leading digit gets an `op` prefix.
    static func camelCase(_ segments: [[String]]) -> String {
        let words = segments.flatMap { $0 }
        var result = ""
        for (offset, word) in words.enumerated() {
            result += offset == 0 ? lowerFirst(word) : upperFirst(word)
        }
        if let first = result.first, first.isNumber { result = "op" + result }
        return result
    }

    private static func upperFirst(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }
    private static func lowerFirst(_ word: String) -> String { word.prefix(1).lowercased() + word.dropFirst() }
}
