import Foundation

/// A 128-bit fingerprint of a sequence of byte strings: two independent 64-bit multiply-xor lanes over 8-byte words,
/// each string framed by its length so that `["ab", "c"]` and `["a", "bc"]` differ. Fast (a 25 MB corpus in tens of
/// milliseconds) and stable across runs and machines; not a cryptographic hash, and never used as one.
public struct InputFingerprint: Sendable {
    private var first: UInt64 = 0x243F_6A88_85A3_08D3
    private var second: UInt64 = 0x1319_8A2E_0370_7344

    public init() {}

    /// Adds one string of bytes.
    public mutating func add(_ bytes: some Collection<UInt8>) {
        var first = self.first, second = self.second
        func mix(_ word: UInt64) {
            first = (first ^ word) &* 0x9E37_79B9_7F4A_7C15
            first ^= first >> 29
            second = (second ^ (word &+ 0x632B_E59B_D9B4_E019)) &* 0xBF58_476D_1CE4_E5B9
            second ^= second >> 31
        }
        mix(UInt64(bytes.count))
        let handled: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            var offset = 0
            while offset + 8 <= raw.count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            var tail: UInt64 = 0
            for (shift, byte) in raw[offset...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
            mix(tail)
            return true
        }
        if handled == nil { add(Array(bytes)); return }
        self.first = first
        self.second = second
    }

    /// Adds a string's UTF-8 bytes.
    public mutating func add(_ text: String) { add(Array(text.utf8)) }

    /// Adds a file's path and bytes; a file that cannot be read counts as different from every file that can.
    public mutating func add(fileAt path: String) {
        add(path)
        if let data = FileManager.default.contents(atPath: path) {
            add([1])
            add(data)
        } else {
            add([0])
        }
    }

    /// Adds a file's stamp (size, modification time, inode) rather than its bytes: for the generator's own executable.
    public mutating func add(stampOf path: String) {
        add(path)
        guard let stamp = GenerationRecord.stamp(of: path) else { return add([0]) }
        add("\(stamp.size) \(stamp.modified) \(stamp.inode)")
    }

    /// 32 hex digits.
    public var hex: String {
        let digits = String(first, radix: 16), more = String(second, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits + String(repeating: "0", count: 16 - more.count) + more
    }
}
