import ArgumentParser
import CMSExtraction
import CMSSchema
import Foundation

@main
struct CMSGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmsgen",
        abstract: "Turns Huawei CC-CMS interface pages into a typed, validated Swift client.",
        subcommands: [Generate.self, Parse.self, OpenAPI.self],
        defaultSubcommand: Generate.self
    )
}

/// Options shared by the commands that read pages.
struct PageInputs: ParsableArguments {
    @Argument(help: "Page files (.html, .dita) or folders of pages.")
    var paths: [String] = ["specs"]

    @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
    var output: String?

    /// Reads every page, prints the diagnostics, and returns the schema; exits 1 after writing if any page had an error.
    func buildSchema() throws -> (SchemaDocument, hasErrors: Bool) {
        let result = SchemaBuilder.build(paths: paths, relativeTo: FileManager.default.currentDirectoryPath)
        DiagnosticPrinter.print(result.diagnostics)
        return (result.schema, result.hasErrors)
    }

    func write(_ data: Data) throws {
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

enum DiagnosticPrinter {
    /// Prints the diagnostics and their count to standard error, and returns what it printed.
    @discardableResult
    static func print(_ diagnostics: [Diagnostic]) -> String {
        let text = self.text(diagnostics)
        FileHandle.standardError.write(Data(text.utf8))
        return text
    }

    /// One compiler-style line per diagnostic, then the counts; nothing when there are none.
    static func text(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let notes = diagnostics.filter { $0.severity == .note }.count
        text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        text += notes > 0 ? ", \(notes) note\(notes == 1 ? "" : "s")\n" : "\n"
        return text
    }
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the intermediate schema of the pages as one stable JSON document."
    )

    @OptionGroup var inputs: PageInputs

    func run() throws {
        let (schema, hasErrors) = try inputs.buildSchema()
        try inputs.write(SchemaJSON.encode(schema))
        if hasErrors { throw ExitCode(1) }
    }
}
