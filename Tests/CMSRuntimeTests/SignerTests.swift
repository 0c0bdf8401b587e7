import CMSRuntime
import Foundation
import Testing

/// The C2 (auth-v2) signer against the vectors of auth.md, and the cases around them.
@Suite struct SignerTests {
    static let credentials = CMSCredentials(accessKey: "globalaktest", secretKey: "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")
    static let host = "10.22.26.181:28080"
    static let date = CMSC2Signer.date(fromTimestamp: "2024-10-31T14:06:52Z")!

    static func signer(_ options: CMSSigningOptions = .vendorDemo) -> CMSC2Signer {
        CMSC2Signer(credentials: credentials, options: options, now: { date })
    }

    static let accessCodeInfo = CMSHTTPRequest(
        method: "POST", path: "/rest/cmsapp/v1/openapi/vdn/queryaccesscodeinfo",
        headers: ["Content-Type": "application/json;charset=UTF-8"], body: Data(#"{"ccId":1,"vdn":170}"#.utf8)
    )

    @Test func vector1SignsHost() {
        let signature = Self.signer().signature(for: Self.accessCodeInfo, host: Self.host, date: Self.date)
        #expect(signature.canonicalRequest == "POST\n/rest/cmsapp/v1/openapi/vdn/queryaccesscodeinfo\nhost\nhost:10.22.26.181%3A28080\n%7B%22ccId%22%3A1%2C%22vdn%22%3A170%7D")
        #expect(signature.signingKey == "c13a2c5e680eb409b84bb9c02b015016bb1b78900fd244105b8b47da277ae6f9")
        #expect(signature.authorization == "auth-v2/globalaktest/2024-10-31T14:06:52Z/host/71b0a1c8dce6f27d64670f4e7ccee193aa25e11bc3f6b3883d5732283599f7a2")
        let signed = Self.signer().sign(Self.accessCodeInfo, host: Self.host)
        #expect(signed.headers["Authorization"] == signature.authorization)
    }

    @Test func vector2SignsContentHeadersAndHost() {
        let options = CMSSigningOptions(signedHeaders: ["host", "content-type", "content-length"], timestampPrecision: .seconds)
        let signature = Self.signer(options).signature(for: Self.accessCodeInfo, host: Self.host, date: Self.date)
        #expect(signature.authorization == "auth-v2/globalaktest/2024-10-31T14:06:52Z/content-length;content-type;host/e97ce264690b40cea7fa4dc01ef140020d526a995232b16b1ad88ff2cbc93451")
    }

    @Test func vector3QueryWithEmptyValueAndNoBody() {
        let request = CMSHTTPRequest(method: "GET", path: "/rest/cmsapp/v1/openapi/configures/calledconfigs/1/170", query: [("a", ""), ("b", "x y")])
        let signature = Self.signer().signature(for: request, host: Self.host, date: Self.date)
        #expect(signature.canonicalRequest == "GET\n/rest/cmsapp/v1/openapi/configures/calledconfigs/1/170\na=&b=x%20y\nhost\nhost:10.22.26.181%3A28080\n")
        #expect(signature.authorization == "auth-v2/globalaktest/2024-10-31T14:06:52Z/host/0e8c1a67e40a4a040a46913aa70bb597aae1485646c24e5ac2ee417efbe2a759")
    }

    @Test func queryIsSortedAndBodylessRequestsEndAfterTheHeaders() {
        let request = CMSHTTPRequest(method: "get", path: "/p", query: [("z", "1"), ("a", "~.-_"), ("m", "é")])
        let signature = Self.signer().signature(for: request, host: "h:1", date: Self.date)
        #expect(signature.canonicalRequest == "GET\n/p\na=~.-_&m=%C3%A9&z=1\nhost\nhost:h%3A1\n")
    }

    @Test func nonASCIIBodyIsEncodedByteByByte() {
        let request = CMSHTTPRequest(method: "POST", path: "/p", body: Data(#"{"name":"座席 A"}"#.utf8))
        let signature = Self.signer().signature(for: request, host: "h:1", date: Self.date)
        #expect(signature.canonicalRequest == "POST\n/p\nhost\nhost:h%3A1\n%7B%22name%22%3A%22%E5%BA%A7%E5%B8%AD%20A%22%7D")
        // A known vector, computed outside the signer with Python's standard library following auth.md (which
        // reproduces auth.md's vector 1 byte for byte):
        //   enc = lambda s: urllib.parse.quote(s.encode("utf-8"), safe="-._~")
        //   hmac_hex = lambda k, m: hmac.new(k.encode(), m.encode(), hashlib.sha256).hexdigest()
        //   key = hmac_hex("1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "auth-v2/globalaktest/2024-10-31T14:06:52Z/host")
        //   hmac_hex(key, "POST\n/p\nhost\nhost:" + enc("h:1") + "\n" + enc('{"name":"座席 A"}'))
        #expect(signature.signingKey == "c13a2c5e680eb409b84bb9c02b015016bb1b78900fd244105b8b47da277ae6f9")
        #expect(signature.signature == "091cb7f9a17c82880f6418fcecc3d9b1a2c278e78a340d3eec348a1c78ae0659")
        #expect(signature.authorization == "auth-v2/globalaktest/2024-10-31T14:06:52Z/host/091cb7f9a17c82880f6418fcecc3d9b1a2c278e78a340d3eec348a1c78ae0659")
    }

    @Test func millisecondTimestamps() {
        let date = Self.date.addingTimeInterval(0.123)
        #expect(CMSC2Signer.timestamp(date, precision: .milliseconds) == "2024-10-31T14:06:52.123Z")
        #expect(CMSC2Signer.timestamp(date, precision: .seconds) == "2024-10-31T14:06:52Z")
        let signed = Self.signer(.contentAndHost).signature(for: Self.accessCodeInfo, host: Self.host, date: date)
        #expect(signed.authorization.hasPrefix("auth-v2/globalaktest/2024-10-31T14:06:52.123Z/content-length;content-type;host/"))
    }

    @Test func theSecretNeverShows() {
        let text = "\(Self.credentials) \(String(reflecting: Self.credentials))"
        var dumped = ""
        dump(Self.credentials, to: &dumped)
        for shown in [text, dumped] {
            #expect(!shown.contains(Self.credentials.secretKey), "\(shown)")
            #expect(shown.contains("<redacted>"))
        }
    }
}
