import Foundation

/// What a request body costs in memory while its request is handled: what the body budget
/// (`CMSMockConfiguration.bodyBudgetBytes`) counts, instead of the body's length.
///
/// A body is held several times over at the peak of its request:
/// - the collected body (`Data`), for the whole request;
/// - in the duplicate-key check, its text (`String`), that text's bytes (`JSONText` reads `[UInt8]`), and for a long
///   string value, its bytes and its `String` once more; or, in the C2 signature check, the body's text, its
///   percent-encoded form, the canonical request and that request's bytes.
///
/// That is `perByte` (5) times the body. It matches what was measured on bodies of one long string when the budget
/// counted only their length: 100 concurrent 15 MB bodies under a 64 MiB budget peaked at 477 MB, about 6 times each
/// admitted body, and one of those 6 copies (the reader's `ByteBuffer` beside the `Data` made from it) is no longer
/// made. Percent-encoding writes 3 bytes for each byte outside `A-Z a-z 0-9 - . _ ~`, in three of the copies:
/// `perEscapedByte` (6) more for each. Each JSON value costs `perValue` (64) more in the parsed trees (`JSONValue`s,
/// Foundation's JSON map); values are counted by the `,` `:` `[` `{` before or around them, strings included, which
/// overcounts. These last two figures are estimated from the layouts, not measured.
public enum CMSMockBodyCost {
    /// Bytes of memory per byte of body.
    public static let perByte = 5
    /// Bytes more per byte that percent-encoding triples.
    public static let perEscapedByte = 6
    /// Bytes more per JSON value.
    public static let perValue = 64

    /// The cost of `body`, or of a part of one: parts add up to the whole.
    public static func cost(of body: Data) -> Int {
        body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in cost(of: bytes) }
    }

    /// The cost of the bytes of a body, or of a part of one.
    static func cost(of bytes: UnsafeRawBufferPointer) -> Int {
        var escaped = 0
        var values = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                continue
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "{"):
                escaped += 1
                values += 1
            default:
                escaped += 1
            }
        }
        return perByte * bytes.count + perEscapedByte * escaped + perValue * values
    }
}
