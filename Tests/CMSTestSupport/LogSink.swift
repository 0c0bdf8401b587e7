import Foundation
import Logging

/// A log handler that keeps every line, for tests.
public final class LogSink: LogHandler, @unchecked Sendable {
    public init() {}

    private let lock = NSLock()
    private var stored: [String] = []
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lock.lock()
        stored.append("\(event.level) \(event.message) \(fields)")
        lock.unlock()
    }
}
