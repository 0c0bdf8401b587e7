import ArgumentParser
import CMSOpenAPI
import CMSSchema

struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Write the schema of the pages as an OpenAPI 3.1 JSON document."
    )

    @OptionGroup var inputs: PageInputs

    func run() throws {
        let (schema, failed) = inputs.buildSchema()
        try inputs.write(inputs.encoded(OpenAPIBuilder.document(for: schema)))
        if failed { throw ExitCode(1) }
    }
}
