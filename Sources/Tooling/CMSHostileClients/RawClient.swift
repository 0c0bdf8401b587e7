import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private func socketSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
}
#elseif canImport(Darwin)
private func socketSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    Darwin.send(descriptor, bytes, count, 0)
}
#endif

/// A raw TCP client on loopback for clients that misbehave on purpose: it sends what it is told, when it is told.
/// Blocking: keep it off Swift's cooperative thread pool.
public final class RawClient: @unchecked Sendable {
    public let descriptor: Int32

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "connect to port \(port): \(reason)")
        }
    }

    deinit { close(descriptor) }

    /// Sends all of `bytes`; false when the peer has closed.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { socketSend(descriptor, $0.baseAddress, $0.count) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Sends `text` one byte at a time, `interval` seconds apart, until it is all sent or the peer answers or closes;
    /// returns the bytes sent.
    public func trickle(_ text: String, every interval: TimeInterval) -> Int {
        var count = 0
        for byte in text.utf8 {
            guard !hasAnswered, send([byte]) else { break }
            count += 1
            usleep(useconds_t(interval * 1_000_000))
        }
        return count
    }

    /// What arrives until the peer closes or `seconds` pass, and whether it closed.
    public func readUntilClosed(within seconds: TimeInterval) -> (text: String, closed: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return (String(decoding: received, as: UTF8.self), false) }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, Int32(min(remaining, 0.5) * 1000) + 1) > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received.append(contentsOf: buffer[0..<count])
        }
    }

    /// One whole answer (its header, and as many body bytes as its `Content-Length` says), or what arrived by the
    /// time the peer closed or `seconds` passed.
    public func readAnswer(within seconds: TimeInterval) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !Self.isComplete(received) {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { break }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, Int32(min(remaining, 0.5) * 1000) + 1) > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Whether `bytes` hold a whole HTTP/1.1 answer with a `Content-Length`.
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let header = text[..<end.lowerBound].lowercased()
        guard let line = header.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return false }
        return text.utf8.count - text[..<end.upperBound].utf8.count >= length
    }

    /// Whether something can be read (an answer, or the end of the connection) right now.
    public var hasAnswered: Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) > 0
    }

    /// Whether the peer still holds the connection open: nothing to read and no end of file, right now.
    public var isOpen: Bool {
        guard hasAnswered else { return true }
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count > 0
    }

    /// The status code of the first response in `text` (`HTTP/1.1 408 …`), or nil.
    public static func status(of text: String) -> Int? {
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }
}
