import CMSAsyncHTTPClient
import CMSExtraction
import CMSKit
import CMSMock
import CMSPageTestSupport
import CMSRuntime
import CMSSchema
import CMSTestSupport
import Foundation
import Testing

/// The generated client over real HTTPS: the local CC-CMS serves TLS with a certificate from a CA made at test time,
/// the way an NSLB with a private CA does. Traffic stays on 127.0.0.1.
@Suite struct HTTPSTests {
    static let credentials = CMSCredentials(accessKey: "https-ak", secretKey: "https-sk")
    static let request = CallDataQueryDetailCallInfo.Request(ccId: 1, vdn: 1, callId: "1453723531-574")

    /// The local CC-CMS serving HTTPS with the test server certificate.
    private static func httpsServer(_ certificates: TestCertificates) -> CMSMockServer {
        CMSMockServer(
            schema: TestSupport.specsResult.schema,
            configuration: CMSMockConfiguration(
                credentials: credentials,
                tls: CMSMockTLS(certificatePath: certificates.serverCertificatePath, privateKeyPath: certificates.serverKeyPath)
            )
        )
    }

    /// Makes a CA and a server certificate, starts the mock CC-CMS on HTTPS with them, runs `body`,
    /// then stops the server and deletes the certificates, whether `body` threw or not.
    private func withHTTPSServer(
        _ body: (_ url: URL, _ certificates: TestCertificates, _ server: CMSMockServer) async throws -> Void
    ) async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let server = Self.httpsServer(certificates)
        let url: URL
        do {
            url = try await server.start()
        } catch {
            await server.stop()
            throw error
        }
        #expect(url.scheme == "https")
        do {
            try await body(url, certificates, server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Runs `body` with a transport, and shuts the transport down afterwards, whether `body` threw or not.
    private func withTransport(
        _ url: URL, trust: CMSCertificateTrust, timeout: TimeInterval = 60,
        _ body: (CMSClient) async throws -> Void
    ) async throws {
        let transport = CMSAsyncHTTPClientTransport(baseURL: url, trust: trust, timeout: timeout)
        let client = CMSClient(configuration: CMSConfiguration(baseURL: url, credentials: Self.credentials), transport: transport)
        do {
            try await body(client)
        } catch {
            try await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
    }

    /// The `CMSError.transport` message of a call that must fail with one; records an issue otherwise.
    private func transportFailure(
        _ call: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async -> String? {
        await transportFailureValue(call, sourceLocation: sourceLocation)?.reason
    }

    /// The words `CMSAsyncHTTPClientTransport` gives a TLS handshake that failed because the server's certificate does
    /// not chain to a trusted CA, and BoringSSL's reason for it.
    static let notVerified = "failed: the server certificate could not be verified against the trusted CAs"
    static let verifyFailed = "CERTIFICATE_VERIFY_FAILED"

    /// Requires that a call failed because the server's certificate was not verified against the trusted CAs: a TLS
    /// handshake failure from NIOSSL (kept underneath) with BoringSSL's CERTIFICATE_VERIFY_FAILED, not any other
    /// failure that merely mentions a certificate (a host name mismatch, an unreadable CA file, a refused connection).
    private func expectCertificateNotVerified(
        _ call: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async {
        guard let failure = await transportFailureValue(call, sourceLocation: sourceLocation) else { return }
        #expect(failure.reason.contains(Self.notVerified), "\(failure.reason)", sourceLocation: sourceLocation)
        #expect(failure.reason.contains(Self.verifyFailed), "\(failure.reason)", sourceLocation: sourceLocation)
        #expect(!failure.reason.contains("host name"), "\(failure.reason)", sourceLocation: sourceLocation)
        let underlying = failure.underlying.map { String(describing: type(of: $0)) }
        #expect(underlying == "NIOSSLError", "the handshake error is kept underneath: \(String(describing: failure.underlying))", sourceLocation: sourceLocation)
        #expect(failure.underlying.map { String(describing: $0).contains("handshakeFailed") } == true,
                "\(String(describing: failure.underlying))", sourceLocation: sourceLocation)
    }

    /// The `CMSError.transport` failure of a call that must fail with one; records an issue otherwise.
    private func transportFailureValue(
        _ call: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async -> CMSTransportFailure? {
        do {
            try await call()
            Issue.record("the call succeeded; a transport failure was expected", sourceLocation: sourceLocation)
        } catch let error as CMSError {
            guard case .transport(let failure) = error else {
                Issue.record("expected CMSError.transport, got \(error)", sourceLocation: sourceLocation)
                return nil
            }
            #expect(failure.underlying != nil || failure.reason.contains("CA"), "the error underneath is kept", sourceLocation: sourceLocation)
            return failure
        } catch {
            Issue.record("expected CMSError.transport, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test func trustedCAFileServesTheDocumentedExample() async throws {
        try await withHTTPSServer { url, certificates, server in
            try await withTransport(url, trust: .certificateAuthority(pemFile: certificates.caCertificatePath)) { client in
                let details = try await client.callDataQueryDetailCallInfo(Self.request)
                #expect(details?.callingNum == "88881363")
                // The connection is reused: a second call over the same pool.
                let again = try await client.callDataQueryDetailCallInfo(Self.request)
                #expect(again?.callingNum == "88881363")
            }
            let statistics = await server.statistics()
            #expect(statistics.served == 2)
            #expect(statistics.unauthorized == 0)
            #expect(statistics.invalid == 0)
        }
    }

    @Test func systemRootsRejectThePrivateCA() async throws {
        try await withHTTPSServer { url, _, server in
            try await withTransport(url, trust: .systemRoots) { client in
                await expectCertificateNotVerified { _ = try await client.callDataQueryDetailCallInfo(Self.request) }
            }
            let statistics = await server.statistics()
            #expect(statistics.received == 0)
            #expect(statistics.served == 0)
        }
    }

    @Test func trustedCAPEMTextWorksToo() async throws {
        try await withHTTPSServer { url, certificates, server in
            let pem = try certificates.caCertificatePEM
            try await withTransport(url, trust: .certificateAuthorityPEM(pem)) { client in
                let details = try await client.callDataQueryDetailCallInfo(Self.request)
                #expect(details?.callingNum == "88881363")
            }
            #expect(await server.statistics().served == 1)
        }
    }

    @Test func urlSessionCannotTrustThePrivateCA() async throws {
        try await withHTTPSServer { url, _, server in
            // No transport: the default, URLSession, which on Linux trusts the system bundle only.
            let client = CMSClient(configuration: CMSConfiguration(baseURL: url, credentials: Self.credentials, timeout: 60))
            let message = await transportFailure { _ = try await client.callDataQueryDetailCallInfo(Self.request) }
            // libcurl's words: "SSL certificate problem: unable to get local issuer certificate".
            #expect(message?.localizedCaseInsensitiveContains("certificate") == true, "\(message ?? "")")
            #expect(await server.statistics().served == 0)
        }
    }

    @Test func aCAFileThatCannotBeReadFailsEveryCallWithoutSending() async throws {
        try await withHTTPSServer { url, certificates, server in
            let missing = certificates.directory + "/no-such-ca.pem"
            // The transport's own configuration error, raised before any I/O (so nothing is kept underneath), not a TLS
            // failure of a call that went out with the system roots instead.
            try await withTransport(url, trust: .certificateAuthority(pemFile: missing)) { client in
                let failure = await transportFailureValue { _ = try await client.callDataQueryDetailCallInfo(Self.request) }
                #expect(failure?.reason == "cannot load the CA certificate file \(missing): no such readable file", "\(failure?.reason ?? "")")
                #expect(failure != nil && failure?.underlying == nil, "\(String(describing: failure?.underlying))")
            }
            try await withTransport(url, trust: .certificateAuthorityPEM("not a certificate")) { client in
                let failure = await transportFailureValue { _ = try await client.callDataQueryDetailCallInfo(Self.request) }
                let reason = failure?.reason ?? ""
                // NIOSSL either finds no certificate in the text or refuses it; both are the configuration error.
                #expect(reason == "the CA PEM text contains no certificate" || reason.hasPrefix("cannot read the CA certificate PEM text: "), "\(reason)")
                #expect(!reason.contains("TLS"), "\(reason)")
                #expect(failure != nil && failure?.underlying == nil, "\(String(describing: failure?.underlying))")
            }
            #expect(await server.statistics().received == 0)
        }
    }

    @Test func aCertificateForAnotherCAIsRejected() async throws {
        // A second, unrelated CA: trusting it must not make the server's certificate acceptable.
        let other = try TestCertificates.make()
        defer { other.remove() }
        try await withHTTPSServer { url, _, server in
            try await withTransport(url, trust: .certificateAuthority(pemFile: other.caCertificatePath)) { client in
                await expectCertificateNotVerified { _ = try await client.callDataQueryDetailCallInfo(Self.request) }
            }
            #expect(await server.statistics().served == 0)
        }
    }

    @Test func insecureModeAcceptsAnyCertificate() async throws {
        try await withHTTPSServer { url, _, _ in
            try await withTransport(url, trust: .insecureNoVerificationForTestingOnly) { client in
                let details = try await client.callDataQueryDetailCallInfo(Self.request)
                #expect(details?.callingNum == "88881363")
            }
        }
    }

    @Test func aClosedPortFailsFastWithATransportError() async throws {
        // Start and stop a server to get a port nobody listens on any more.
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let server = Self.httpsServer(certificates)
        let url = try await server.start()
        await server.stop()
        let start = Date()
        try await withTransport(url, trust: .certificateAuthority(pemFile: certificates.caCertificatePath), timeout: 300) { client in
            let message = await transportFailure { _ = try await client.callDataQueryDetailCallInfo(Self.request) }
            #expect(message?.contains("127.0.0.1") == true, "\(message ?? "")")
        }
        // Far below the 300 s timeout it would wait for, and far above what a busy machine adds.
        #expect(Date().timeIntervalSince(start) < 60, "a refused connection must not wait for the timeout")
    }
}
