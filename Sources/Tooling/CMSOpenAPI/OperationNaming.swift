import CMSSchema

/// The tags of operations, derived from the request paths. (Operation ids are the schema's: `Interface.operationId`.)
enum OperationNaming {
    /// The tag of an interface: the path segment after `openapi` (`calldata`), else the segment before the last.
    static func tag(forPath path: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        if let index = segments.firstIndex(of: "openapi"), index + 1 < segments.count, !segments[index + 1].hasPrefix("{") {
            return segments[index + 1]
        }
        return segments.dropLast().last(where: { !$0.hasPrefix("{") }) ?? "default"
    }
}
