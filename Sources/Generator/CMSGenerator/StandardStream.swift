import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output or standard error, written with `write(2)` so that a stream that cannot take the text (a full
/// disk, `/dev/full`, a file-size limit) is a failure the command reports, never a trap (`FileHandle.write` traps)
/// and never a silent success (`print` drops the error).
public final class StandardStream: @unchecked Sendable {
    public static let output = StandardStream(descriptor: STDOUT_FILENO, name: "standard output")
    public static let error = StandardStream(descriptor: STDERR_FILENO, name: "standard error")

    /// The exit status of a command whose output could not be written: `EX_IOERR` of sysexits(3).
    public static let ioErrorStatus: Int32 = 74

    public let descriptor: Int32
    /// How messages name the stream: `standard output`.
    public let name: String
    private let lock = NSLock()
    private var firstFailure: String?

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Why the first write that failed failed (the system's words), nil while every write went through.
    public var failure: String? {
        lock.lock()
        defer { lock.unlock() }
        return firstFailure
    }

    /// Writes all of `data`; on failure records and returns the reason.
    @discardableResult
    public func write(_ data: Data) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let firstFailure { return firstFailure }
        let reason = Self.writeAll(data, to: descriptor)
        firstFailure = reason
        return reason
    }

    @discardableResult
    public func write(_ text: String) -> String? { write(Data(text.utf8)) }

    /// Writes every byte to a descriptor, again after an interruption; the system's reason when it cannot.
    static func writeAll(_ data: Data, to descriptor: Int32) -> String? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                if written == 0 { return "nothing could be written" }
                offset += written
            }
            return nil
        }
    }

    /// Makes a write beyond a file-size limit fail with `EFBIG`, which is reported, instead of killing the process
    /// with `SIGXFSZ`; called once at start-up.
    public static func reportFileSizeLimits() {
        signal(SIGXFSZ, SIG_IGN)
    }
}
