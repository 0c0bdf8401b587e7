import CMSRendering
import CMSSchema

/// One difference between two editions of the docs, with what it does to the generated Swift API.
public struct SchemaChange: Codable, Sendable, Hashable {
    public var check: CheckID
    public var severity: ChangeSeverity
    /// The interface, `METHOD path` as the new edition documents it (the old one's when it is gone).
    public var interface: String
    /// Where in the interface: `request`, `response`, `parameter` or `interface`; `result-codes` for the Error Code
    /// Reference.
    public var part: String
    /// The field's wire path (`resultDatas.status`), the parameter (`query limit`), or empty.
    public var field: String
    public var old: String?
    public var new: String?
    /// A sentence on the change.
    public var message: String
    /// Where the new edition documents it (the old one when it is gone).
    public var location: SourceLocation
    public var swift: SwiftImpact
}

/// What a change does to the generated client's public API.
public struct SwiftImpact: Codable, Sendable, Hashable {
    /// One public symbol that appears, disappears or changes its declaration.
    public struct SymbolChange: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable, Hashable { case added, removed, changed }
        public var kind: Kind
        public var symbol: String
        public var old: String?
        public var new: String?
        /// Whether code that compiled against the old symbol may stop compiling.
        public var sourceBreaking: Bool
        /// Why, when it is not evident (`an exhaustive switch needs a new case`).
        public var reason: String?
    }

    public var symbols: [SymbolChange] = []
    /// Whether code that uses the client may stop compiling.
    public var sourceBreaking: Bool { symbols.contains(where: \.sourceBreaking) }

    public init(symbols: [SymbolChange] = []) { self.symbols = symbols }
}
