import Mustache

/// Turns a template context (an `Encodable` value of `ViewModel/Contexts.swift`) into the plain values that
/// swift-mustache looks up without reflection: `[String: Any]` for each struct, `[Any]` for each list, and strings,
/// booleans and numbers. Looking keys up through `Mirror` was most of the time of a whole `generate`.
///
/// A nil optional is an empty value that is there (`Absent`): a section over it renders nothing, an inverted one renders,
/// and printing it prints nothing, as for a missing key; but the renderer finds it at once instead of asking every
/// enclosing context for the name (which was a large part of the time of a whole `generate`).
enum TemplateData {
    static func make(_ value: some Encodable) throws -> Any {
        let root = Slot()
        try TreeEncoder(slot: root).encode(value)
        return root.resolve() ?? Node([:])
    }

    /// One value being built: a leaf, an object or a list.
    private final class Slot {
        var leaf: Any?
        var object: [String: Slot]?
        var array: [Slot]?

        func resolve() -> Any? {
            if let object { return Node(object.compactMapValues { $0.resolve() }) }
            if let array { return array.compactMap { $0.resolve() } }
            return leaf
        }
    }

    /// A text of the context: a final class the renderer prints without describing it.
    final class Text: MustacheCustomRenderable, @unchecked Sendable {
        let renderText: String
        var isNull: Bool { false }

        init(_ text: String) { renderText = text }
    }

    /// A nil optional of the context.
    final class Absent: MustacheCustomRenderable, @unchecked Sendable {
        static let shared = Absent()
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    /// An object of the context: a final class, so that the renderer's type checks on it are cheap (a generic
    /// dictionary costs a conformance lookup at every key).
    final class Node: MustacheParent, @unchecked Sendable {
        let members: [String: Any]

        init(_ members: [String: Any]) { self.members = members }

        func child(named name: String) -> Any? { members[name] }
    }

    private struct TreeEncoder: Encoder {
        let slot: Slot
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// Stores a value in `slot`: strings, booleans and numbers as they are, anything else through its own encoding.
        func encode(_ value: some Encodable) throws {
            switch value {
            case let string as String: slot.leaf = Text(string)
            case let bool as Bool: slot.leaf = bool
            case let integer as Int: slot.leaf = integer
            case let double as Double: slot.leaf = double
            default: try value.encode(to: self)
            }
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if slot.object == nil { slot.object = [:] }
            return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if slot.array == nil { slot.array = [] }
            return Unkeyed(slot: slot, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws {}

        /// A nil optional stays a key, with the `Absent` value.
        private func absent(_ key: Key) {
            let child = Slot()
            child.leaf = Absent.shared
            slot.object?[key.stringValue] = child
        }

        mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { absent(key) }
        }

        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { absent(key) }
        }

        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { absent(key) }
        }

        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { absent(key) }
        }

        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { absent(key) }
        }

        mutating func encode(_ value: some Encodable, forKey key: Key) throws {
            let child = Slot()
            try TreeEncoder(slot: child, codingPath: codingPath + [key]).encode(value)
            slot.object?[key.stringValue] = child
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Slot()
            slot.object?[key.stringValue] = child
            return TreeEncoder(slot: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = Slot()
            slot.object?[key.stringValue] = child
            return TreeEncoder(slot: child, codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { TreeEncoder(slot: slot, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(slot: slot, codingPath: codingPath) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey]
        var count: Int { slot.array?.count ?? 0 }

        mutating func encodeNil() throws {}

        mutating func encode(_ value: some Encodable) throws {
            let child = Slot()
            try TreeEncoder(slot: child, codingPath: codingPath).encode(value)
            slot.array?.append(child)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = Slot()
            slot.array?.append(child)
            return TreeEncoder(slot: child, codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = Slot()
            slot.array?.append(child)
            return TreeEncoder(slot: child, codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { TreeEncoder(slot: slot, codingPath: codingPath) }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws {}
        mutating func encode(_ value: some Encodable) throws { try encoder.encode(value) }
    }
}
