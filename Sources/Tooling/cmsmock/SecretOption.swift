import ArgumentParser
import Foundation

/// A secret the server accepts, given one of three ways: on the command line, where `ps` shows it to every user of
/// the machine; in a file; or in an environment variable. Giving it two ways is an error, so that no one has to guess
/// which one counts.
struct SecretOption {
    /// What the secret is, for messages (`the secret key`).
    let name: String
    /// The option that takes it on the command line (`--sk`).
    let flag: String
    /// The option that names a file holding it (`--sk-file`).
    let fileFlag: String
    /// The environment variable that holds it (`CMSMOCK_SK`).
    let variable: String
    /// Reads the values out of the file's text or the variable's: `firstLine`, or `lines` and `commaSeparated`.
    let fromFile: (String) -> [String]
    let fromVariable: (String) -> [String]

    /// The largest part of a file that is read; a secret is far shorter.
    static let maximumFileBytes = 1 << 20

    /// The values given: `given` from the command line, else the file's, else the variable's; nil when none is given.
    /// Throws when it is given more than one way, when the file cannot be read, or when the file or variable holds
    /// nothing.
    func resolve(given: [String], file: String?, environment: [String: String]) throws -> [String]? {
        var ways: [String] = []
        if !given.isEmpty { ways.append(flag) }
        if file != nil { ways.append(fileFlag) }
        if environment[variable] != nil { ways.append(variable) }
        guard ways.count <= 1 else {
            let sources = ways.count == 2 ? "both \(ways[0]) and \(ways[1])" : "\(ways.dropLast().joined(separator: ", ")) and \(ways[ways.count - 1]) all"
            throw ValidationError("\(sources) give \(name); use only one of them")
        }
        if !given.isEmpty { return given }
        if let file {
            let text = try Self.read(file, option: fileFlag)
            let values = fromFile(text)
            guard !values.isEmpty else { throw ValidationError("\(fileFlag) \(file) gives nothing for \(name)") }
            return values
        }
        if let text = environment[variable] {
            let values = fromVariable(text)
            guard !values.isEmpty else { throw ValidationError("\(variable) is set but gives nothing for \(name)") }
            return values
        }
        return nil
    }

    /// The text of the file at `path` (its first `maximumFileBytes` bytes).
    static func read(_ path: String, option: String) throws -> String {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumFileBytes) ?? Data()
        } catch {
            throw ValidationError("cannot read \(option) \(path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(option) \(path) is not UTF-8 text") }
        return text
    }

    /// The first line, without its line break; nothing when it is empty.
    static func firstLine(_ text: String) -> [String] {
        var line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if line.hasSuffix("\r") { line = line.dropLast() }
        return line.isEmpty ? [] : [String(line)]
    }

    /// The whole text, as it is; nothing when it is empty.
    static func whole(_ text: String) -> [String] {
        text.isEmpty ? [] : [text]
    }

    /// Each line that holds something, without the spaces around it.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Each comma-separated item that holds something, without the spaces around it.
    static func commaSeparated(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The secret key of the AK/SK pair (C2 and AK/SK signatures alike).
    static var secretKey: SecretOption {
        SecretOption(name: "the secret key", flag: "--sk", fileFlag: "--sk-file", variable: "CMSMOCK_SK", fromFile: firstLine, fromVariable: whole)
    }

    /// The tokens accepted in the token header.
    static var tokens: SecretOption {
        SecretOption(name: "the tokens", flag: "--token", fileFlag: "--token-file", variable: "CMSMOCK_TOKENS", fromFile: lines, fromVariable: commaSeparated)
    }
}
