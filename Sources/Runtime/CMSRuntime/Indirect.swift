/// Stores a generated object behind a reference, so that a struct holding objects that hold objects stays one
/// pointer wide whatever the nesting: without it, value sizes and the compiler's copy code grow with the product of
/// the nesting, which for pages whose tables refer to each other is exponential. Reads and equality see the value.
@propertyWrapper
public struct CMSIndirect<Value: Sendable>: Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    public init(wrappedValue: Value) { box = Box(wrappedValue) }

    public var wrappedValue: Value {
        get { box.value }
        set { box = Box(newValue) }
    }

    /// Whether both hold the same box; values are compared only when they do not.
    fileprivate static func sameBox(_ lhs: CMSIndirect, _ rhs: CMSIndirect) -> Bool { lhs.box === rhs.box }
}

extension CMSIndirect: Equatable where Value: Equatable {
    public static func == (lhs: CMSIndirect, rhs: CMSIndirect) -> Bool { sameBox(lhs, rhs) || lhs.wrappedValue == rhs.wrappedValue }
}

extension CMSIndirect: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension CMSIndirect: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(wrappedValue: try Value(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try wrappedValue.encode(to: encoder)
    }
}
