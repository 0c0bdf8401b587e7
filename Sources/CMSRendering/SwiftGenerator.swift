import CMSSchema

/// The rendering half: the schema in, the Swift files of `Generated/` out.
///
/// One file per interface (`Interfaces/<Name>.swift`: request, response and nested types, validation, request builder and
/// the client method), plus `Shared/CMSClient.swift` (client and operation registry) and `Shared/CMSResultCodes.swift`.
public enum SwiftGenerator {
    public struct Failure: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// Renders every file. `specsLabel` names the page folder in the headers of the shared files.
    public static func generate(schema: SchemaDocument, templates: TemplateSet, specsLabel: String = "specs/") throws(Failure) -> GeneratedTree {
        let names = NameBuilder(schema: schema)
        let operationNames = names.operationNames(for: schema.interfaces)
        var files: [String: String] = [:]
        var registry: [RegistryEntryContext] = []
        for (interface, operationName) in zip(schema.interfaces, operationNames) {
            var context = InterfaceTranslator(names: names, interface: interface, operationName: operationName).fileContext()
            context.types = context.types.map(prefixDocLines)
            context.renderedTypes = try context.types.map { type throws(Failure) in try renderType(type, templates) }
            context.operation.docLines = prefixed(context.operation.docLines)
            let typeBase = Identifier.camelCase([operationName], upper: true)
            files["Interfaces/\(typeBase).swift"] = try render(context, "interface", templates)
            registry.append(RegistryEntryContext(
                name: operationName, method: interface.method, path: interface.path,
                requestType: context.operation.requestType, responseType: context.operation.responseType,
                wrapperLiteral: interface.request?.exampleWrapper.map(SwiftLiteral.string) ?? "nil",
                title: SwiftLiteral.string(interface.title),
                pathParameterNames: context.operation.pathParameters.map { SwiftLiteral.string($0.wireName) }.joined(separator: ", "),
                pathArguments: context.operation.pathParameters.map {
                    "\($0.name): try CMSPathArgument.value(\($0.type).self, \(SwiftLiteral.string($0.wireName)), in: pathParameters), "
                }.joined(),
                isLast: false
            ))
        }
        if !registry.isEmpty { registry[registry.count - 1].isLast = true }
        files["Shared/CMSClient.swift"] = try render(ClientFileContext(header: Header.line(sources: [specsLabel]), operations: registry), "client", templates)
        var codes = schema.resultCodes.map {
            ResultCodeContext(codeLiteral: SwiftLiteral.string($0.code), meaningLiteral: SwiftLiteral.string($0.description), isLast: false)
        }
        if !codes.isEmpty { codes[codes.count - 1].isLast = true }
        let codeSources = Array(Set(schema.resultCodes.map(\.location.file))).sorted()
        files["Shared/CMSResultCodes.swift"] = try render(
            ResultCodesFileContext(header: Header.line(sources: codeSources.isEmpty ? [specsLabel] : codeSources), codes: codes),
            "resultCodes", templates
        )
        return GeneratedTree(files: files)
    }

    private static func render(_ context: Any, _ template: String, _ templates: TemplateSet) throws(Failure) -> String {
        do {
            return try templates.render(context, template: template)
        } catch {
            throw Failure(diagnostics: [Diagnostic(.error, error.message, at: SourceLocation(file: error.file, line: 1))])
        }
    }

    /// Renders a type with its nested types rendered first and indented one level.
    private static func renderType(_ type: TypeContext, _ templates: TemplateSet) throws(Failure) -> String {
        var type = type
        type.renderedNestedTypes = try type.nestedTypes.map { nested throws(Failure) in indent(try renderType(nested, templates)) }
        var text = try render(type, "type", templates)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Four spaces before every non-empty line.
    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }

    /// Doc lines as the templates write them after `///`: a space before text, nothing for a blank line.
    private static func prefixed(_ lines: [String]) -> [String] {
        lines.map { $0.isEmpty ? "" : " " + $0 }
    }

    private static func prefixDocLines(_ type: TypeContext) -> TypeContext {
        var type = type
        type.docLines = prefixed(type.docLines)
        type.nestedTypes = type.nestedTypes.map(prefixDocLines)
        type.properties = type.properties.map { property in
            var property = property
            property.docLines = prefixed(property.docLines)
            return property
        }
        type.cases = type.cases.map { item in
            var item = item
            item.docLines = prefixed(item.docLines)
            return item
        }
        return type
    }
}
