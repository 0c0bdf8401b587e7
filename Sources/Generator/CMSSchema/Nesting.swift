/// How deep documented objects may nest, decided once for every consumer of the schema.
///
/// Real pages nest a few levels ("see Table 4" inside Table 3); a page that links tables in a chain of hundreds, or
/// numbers rows `1.1.1.…` hundreds deep, would otherwise make every stage that walks the objects (extraction,
/// shared-type planning, the OpenAPI export, diff, the mock) recurse as deep. Extraction stops reading at this depth,
/// and `limit(_:)` holds every schema to it, including one written or corrected by hand, so that a consumer may
/// recurse over objects without a depth check of its own.
public enum Nesting {
    /// The deepest chain of objects below a body: a body's field holds an object of depth 1.
    public static let maximumDepth = 32

    /// A reference `limit(_:)` cut: the field, and the object it no longer holds.
    public struct Cut: Sendable, Hashable {
        public var field: Field
        public var object: String
        /// The reference closed a cycle of objects (else it went deeper than `maximumDepth`).
        public var closesCycle: Bool
    }

    /// Holds an interface to the rule: a reference that closes a cycle of objects becomes a `recursiveReference`
    /// (untyped JSON, as extraction does for a cycle of tables), and a reference that would nest an object deeper than
    /// `maximumDepth` is dropped (the value is untyped JSON). Iterative, and linear in the number of objects and
    /// fields, however the objects are shared.
    @discardableResult
    public static func limit(_ interface: inout Interface) -> [Cut] {
        var index: [String: Int] = [:]
        for (position, object) in interface.objects.enumerated() where index[object.id] == nil { index[object.id] = position }
        var roots = (interface.request?.fields ?? []) + interface.pathParameters + interface.queryParameters + interface.headerParameters
        for response in interface.responses { roots += response.body?.fields ?? [] }
        let rootObjects = roots.compactMap { $0.recursiveReference == nil ? $0.object.flatMap { index[$0] } : nil }
        var cuts: [Cut] = []

        // Cycles: a depth-first walk without recursion; an edge to an object on the walk's path closes a cycle.
        enum Mark { case onPath, done }
        var marks: [Int: Mark] = [:]
        for root in rootObjects where marks[root] == nil {
            var stack: [(object: Int, nextField: Int)] = [(root, 0)]
            marks[root] = .onPath
            while let top = stack.last {
                let fields = interface.objects[top.object].fields
                guard top.nextField < fields.count else {
                    marks[top.object] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].nextField += 1
                let field = fields[top.nextField]
                guard field.recursiveReference == nil, let id = field.object, let child = index[id] else { continue }
                switch marks[child] {
                case .onPath:
                    interface.objects[top.object].fields[top.nextField].object = nil
                    interface.objects[top.object].fields[top.nextField].recursiveReference = id
                    cuts.append(Cut(field: field, object: id, closesCycle: true))
                case .done:
                    continue
                case nil:
                    marks[child] = .onPath
                    stack.append((child, 0))
                }
            }
        }

        // Depth: in topological order (parents first), each object's depth is final before its fields are read.
        var parents: [Int: Int] = [:]
        for object in marks.keys {
            for field in interface.objects[object].fields where field.recursiveReference == nil {
                if let id = field.object, let child = index[id] { parents[child, default: 0] += 1 }
            }
        }
        var depth: [Int: Int] = [:]
        for root in rootObjects { depth[root] = 1 }
        var ready = Set(rootObjects).filter { (parents[$0] ?? 0) == 0 }.sorted()
        while let object = ready.popLast() {
            let level = depth[object] ?? 1
            for (position, field) in interface.objects[object].fields.enumerated() where field.recursiveReference == nil {
                guard let id = field.object, let child = index[id] else { continue }
                if level + 1 > maximumDepth {
                    interface.objects[object].fields[position].object = nil
                    cuts.append(Cut(field: field, object: id, closesCycle: false))
                } else {
                    depth[child] = max(depth[child] ?? 0, level + 1)
                }
                parents[child, default: 0] -= 1
                if parents[child] == 0 { ready.append(child) }
            }
        }
        return cuts
    }

    /// The diagnostic for a cut, naming the field's table and row.
    public static func diagnostic(_ cut: Cut, severity: Diagnostic.Severity = .warning) -> Diagnostic {
        let message = cut.closesCycle
            ? "'\(cut.field.name)' refers to '\(cut.object)', which contains it: the objects form a cycle; the reference is cut here and the value is left untyped"
            : "'\(cut.field.name)' nests objects deeper than \(maximumDepth) levels (its object is '\(cut.object)'); the reference is cut here and the value is left untyped"
        return Diagnostic(severity, cut.closesCycle ? .tableCycle : .nestingTooDeep, message, at: cut.field.location)
    }
}
