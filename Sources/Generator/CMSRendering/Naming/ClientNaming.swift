/// The names of a generated module's own top-level types, from one prefix, so that several generated services fit in
/// one app: `Widget` gives `WidgetClient`, `WidgetTypes`, `WidgetOperations`, `WidgetResultCodes` and
/// `WidgetClientProtocol`. The default prefix is `CMS`.
public struct ClientNaming: Sendable, Hashable {
    public static let defaultPrefix = "CMS"

    public let prefix: String

    /// Names from `prefix`; check it first with `problem(with:)`.
    public init(prefix: String = ClientNaming.defaultPrefix) {
        self.prefix = prefix
    }

    /// The client struct.
    public var client: String { prefix + "Client" }
    /// The namespace of the types several interfaces share.
    public var types: String { prefix + "Types" }
    /// The registry of operations.
    public var operations: String { prefix + "Operations" }
    /// The result codes and their meanings.
    public var resultCodes: String { prefix + "ResultCodes" }
    /// The protocol the client conforms to, for fakes.
    public var clientProtocol: String { prefix + "ClientProtocol" }
    /// The shared enumeration of result codes.
    public var resultCodeType: String { types + ".ResultCode" }

    /// Every top-level name the module declares besides the interfaces' namespaces.
    public var all: [String] { [client, types, operations, resultCodes, clientProtocol] }

    /// Why `prefix` cannot name the types (not an identifier, or a name Swift or the runtime owns); nil when it can.
    public static func problem(with prefix: String) -> String? {
        guard let first = prefix.unicodeScalars.first else { return "the client name is empty" }
        let isLetter = { (scalar: Unicode.Scalar) in scalar.isASCII && (scalar.properties.isAlphabetic || scalar == "_") }
        guard isLetter(first), prefix.unicodeScalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) }) else {
            return "the client name '\(prefix)' is not an identifier: ASCII letters, digits and '_', not starting with a digit"
        }
        let naming = ClientNaming(prefix: prefix)
        if let taken = naming.all.first(where: { ReservedNames.types.contains($0) || $0.hasPrefix("CMSRuntime") }) {
            return "the client name '\(prefix)' gives '\(taken)', a name Swift or the runtime owns"
        }
        return nil
    }
}
