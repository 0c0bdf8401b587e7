@testable import CMSRuntime
import CMSTestSupport
import Testing

/// The runtime's own SHA-256 and HMAC-SHA256 against published vectors: FIPS 180-4's examples, RFC 4231's test cases,
/// and digests of every padding boundary computed with Python's `hashlib` (`hashlib.sha256(bytes(i % 251 for i in
/// range(n))).hexdigest()`).
@Suite struct DigestTests {
    static func sha256(_ bytes: [UInt8]) -> String { HMACSHA256.hex(SHA256Hasher.hash(bytes)) }
    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 251) } }

    @Test func theFIPSExamples() {
        #expect(Self.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.sha256([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the block (64) and the length field (56): the padding takes one block or two.
    @Test(arguments: [
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (57, "2fe741af801cc238602ac0ec6a7b0c3a8a87c7fc7d7f02a3fe03d1c12eac4d8f"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
        (127, "92ca0fa6651ee2f97b884b7246a562fa71250fedefe5ebf270d31c546bfea976"),
        (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
        (129, "5099c6a56203f9687f7d33f4bfdf576d31dc91f6b695ecea38b2770c87631135"),
        (1000, "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d"),
    ])
    func everyPaddingBoundary(_ count: Int, _ digest: String) {
        #expect(Self.sha256(Self.pattern(count)) == digest, "\(count) bytes")
    }

    /// Fed in pieces of any size, the digest is the same as in one piece.
    @Test func piecesGiveTheSameDigestAsTheWhole() {
        let message = Self.pattern(1000)
        var random = Xorshift(seed: TestSeed.derived("DigestTests.pieces"))
        for _ in 0..<50 {
            var hasher = SHA256Hasher()
            var offset = 0
            while offset < message.count {
                let size = Int.random(in: 0...130, using: &random)
                hasher.update(message[offset..<min(offset + size, message.count)])
                offset += size
            }
            #expect(HMACSHA256.hex(hasher.finalize()) == "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d",
                    "\(TestSeed.replay(TestSeed.derived("DigestTests.pieces")))")
        }
    }

    /// RFC 4231 test cases 1, 2, 3, 4, 6 and 7 (6 and 7: a key longer than a block), and a key of exactly one block.
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array(("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed "
             + "before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ([UInt8](repeating: UInt8(ascii: "k"), count: 64), Array("exactly one block of key".utf8),
         "baa93ea4ccc7062ed6870c5e7937dbd35ad7791df4e29df9addeb429ff491acf"),
    ])
    func theRFC4231Vectors(_ key: [UInt8], _ message: [UInt8], _ code: String) {
        #expect(HMACSHA256.hex(HMACSHA256.authenticationCode(key: key, message: message)) == code)
    }
}
