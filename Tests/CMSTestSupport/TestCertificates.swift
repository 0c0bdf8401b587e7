import Foundation
import Testing

/// A throwaway PKI made with the `openssl` command at test time: a CA, and a server certificate it signed for
/// `IP:127.0.0.1` and `DNS:localhost`, valid for a day. Nothing is committed to the repository.
public struct TestCertificates {
    /// The folder holding every file; `remove()` deletes it.
    public let directory: String
    /// The CA certificate (PEM): what a client must trust.
    public let caCertificatePath: String
    /// The server certificate (PEM), signed by the CA.
    public let serverCertificatePath: String
    /// The server's private key (PEM, unencrypted).
    public let serverKeyPath: String

    /// The CA certificate as PEM text.
    public var caCertificatePEM: String {
        get throws { try String(contentsOfFile: caCertificatePath, encoding: .utf8) }
    }

    public static let opensslPath = "/usr/bin/openssl"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Makes a new CA and server certificate in a new temporary folder.
    /// Throws (and so fails the test) with a clear message when `/usr/bin/openssl` is missing or fails.
    public static func make() throws -> TestCertificates {
        guard FileManager.default.isExecutableFile(atPath: opensslPath) else {
            throw Failure(description: "the HTTPS tests need the openssl command at \(opensslPath) to make a test CA; install it (apt-get install openssl)")
        }
        let directory = NSTemporaryDirectory() + "cmskit-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certificates = TestCertificates(
            directory: directory,
            caCertificatePath: directory + "/ca.pem",
            serverCertificatePath: directory + "/server.pem",
            serverKeyPath: directory + "/server-key.pem"
        )
        do {
            try certificates.generate()
        } catch {
            certificates.remove()
            throw error
        }
        return certificates
    }

    private func generate() throws {
        let caKey = directory + "/ca-key.pem"
        let request = directory + "/server.csr"
        let extensions = directory + "/server-ext.cnf"
        let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

        // The CA: self-signed, CA:TRUE, may sign certificates.
        try Self.openssl(["req", "-x509"] + ecKey + [
            "-keyout", caKey, "-out", caCertificatePath, "-days", "1", "-sha256",
            "-subj", "/O=CMSKit tests/CN=CMSKit Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-addext", "subjectKeyIdentifier=hash",
        ])
        // The server: a key and a signing request, then a certificate from the CA.
        try Self.openssl(["req", "-new"] + ecKey + ["-keyout", serverKeyPath, "-out", request, "-subj", "/O=CMSKit tests/CN=127.0.0.1"])
        try """
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1,DNS:localhost
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid

            """.write(toFile: extensions, atomically: true, encoding: .utf8)
        try Self.openssl([
            "x509", "-req", "-in", request, "-CA", caCertificatePath, "-CAkey", caKey, "-CAcreateserial",
            "-out", serverCertificatePath, "-days", "1", "-sha256", "-extfile", extensions,
        ])
        for path in [caCertificatePath, serverCertificatePath, serverKeyPath] where !FileManager.default.fileExists(atPath: path) {
            throw Failure(description: "openssl ran but did not write \(path)")
        }
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs openssl with `arguments`; throws with its output when it fails.
    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opensslPath)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(opensslPath): \(error)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus):\n\(text)")
        }
    }
}
