/// A finding about the input, as a value: severity, message and where it is.
public struct Diagnostic: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable, Hashable, Comparable {
        case note, warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// The kind of finding, by its stable id.
    public var kind: DiagnosticKind
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ kind: DiagnosticKind, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// `path:line:col: severity: message [table 'T', row 'R'] [#kind-id]`, the format compilers and editors
    /// understand. One line, whatever the input: controls and bidirectional formatting characters show as `<U+202E>`,
    /// and the message, table and row are cut after `DiagnosticText.messageLimit` characters (`DiagnosticText`).
    public var description: String {
        var text = "\(DiagnosticText.visible(location.description, limit: .max)): \(severity.rawValue): "
        text += DiagnosticText.visible(message, limit: DiagnosticText.messageLimit)
        if let context = location.tableAndRow { text += " [\(DiagnosticText.visible(context, limit: DiagnosticText.messageLimit))]" }
        return text + " [#\(kind.id)]"
    }
}

/// Collects diagnostics while a stage runs.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func emit(_ severity: Diagnostic.Severity, _ kind: DiagnosticKind, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(severity, kind, message, at: location))
    }

    public mutating func warning(_ kind: DiagnosticKind, _ message: String, at location: SourceLocation) { emit(.warning, kind, message, at: location) }
    public mutating func error(_ kind: DiagnosticKind, _ message: String, at location: SourceLocation) { emit(.error, kind, message, at: location) }

    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Diagnostics in file, line, column order; stable for equal positions.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            a.element.location == b.element.location ? a.offset < b.offset : a.element.location < b.element.location
        }.map(\.element)
    }
}
