import CMSSchema
import CMSSupport
import Foundation

/// The rendering half: the schema in, the Swift files of `Generated/` out.
///
/// One file per interface (`Interfaces/<Namespace>.swift`: the namespace enum, the request, the response and their
/// nested types, each in an extension of its parent, and the client method), plus `Shared/CMSClient.swift` (client and
/// operation registry), `Shared/CMSClientProtocol.swift` (the protocol that apps fake in tests) and
/// `Shared/CMSResultCodes.swift`.
public enum SwiftGenerator {
    public struct Failure: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// The files, and what naming had to say about them (typo corrections, renames, collisions).
    public struct Output: Sendable {
        public var tree: GeneratedTree
        public var diagnostics: [Diagnostic]
        /// Every public name of the client, by its key (also written as `.cmsgen-names.lock` in the tree).
        public var lock: NameLock
    }

    /// Renders every file.
    /// - Parameters:
    ///   - overrides: Swift names pinned by the maintainer (`cmsgen-names.json`).
    ///   - locked: the names the client had last time (its lock file), kept unless `overrides` says otherwise.
    ///   - specsLabel: what the shared files' header names as their source (the folders of pages).
    ///   - progress: hears of each interface file when it is rendered, from any thread.
    ///   - naming: the names of the module's own types (`CMSClient`, `CMSTypes`, …; `--client-name`).
    public static func generate(
        schema: SchemaDocument, templates: TemplateSet, overrides: NameOverrides = NameOverrides(), locked: NameOverrides = NameOverrides(),
        specsLabel: [String] = ["specs"], naming: ClientNaming = ClientNaming(), progress: (@Sendable (String) -> Void)? = nil
    ) throws(Failure) -> Output {
        let contexts = Contexts(schema: schema, overrides: overrides, locked: locked, specsLabel: specsLabel, naming: naming)
        var files: [String: String] = [:]
        let rendered = Parallel.map(contexts.interfaces) { file in
            defer { progress?("\(file.namespace).swift") }
            return Result { () throws(Failure) -> String in try render(file, "interface", templates) }
        }
        for (file, text) in zip(contexts.interfaces, rendered) {
            files["Interfaces/\(file.namespace).swift"] = try text.get()
        }
        let shared = Parallel.map(contexts.sharedTypes) { file in
            Result { () throws(Failure) -> String in try render(file, "sharedType", templates) }
        }
        for (file, text) in zip(contexts.sharedTypes, shared) {
            files["Shared/Types/\(file.name).swift"] = try text.get()
        }
        files["Shared/\(naming.client).swift"] = try render(contexts.client, "client", templates)
        files["Shared/\(naming.clientProtocol).swift"] = try render(contexts.client, "clientProtocol", templates)
        files["Shared/\(naming.resultCodes).swift"] = try render(contexts.resultCodes, "resultCodes", templates)
        files[NameLock.fileName] = contexts.lock.text(sources: specsLabel)
        return Output(tree: GeneratedTree(files: files), diagnostics: contexts.diagnostics, lock: contexts.lock)
    }

    /// What the templates receive for a schema: one context per file.
    struct Contexts {
        var interfaces: [InterfaceFileContext] = []
        /// The types several interfaces declare alike, one file each.
        var sharedTypes: [SharedTypeFileContext] = []
        var client: ClientFileContext
        var resultCodes: ResultCodesFileContext
        var diagnostics: [Diagnostic]
        var lock: NameLock

        init(
            schema: SchemaDocument, overrides: NameOverrides = NameOverrides(), locked: NameOverrides = NameOverrides(), specsLabel: [String] = ["specs"],
            naming: ClientNaming = ClientNaming()
        ) {
            self.init(plan: ClientPlan(schema: schema, overrides: overrides, locked: locked, naming: naming), schema: schema, specsLabel: specsLabel)
        }

        init(plan clientPlan: ClientPlan, schema: SchemaDocument, specsLabel: [String]) {
            let naming = clientPlan.naming
            let plans = clientPlan.plans
            let sources = ListItem.list(specsLabel.map(SwiftLiteral.comment))
            sharedTypes = clientPlan.shared.map { shared in
                SharedTypeFileContext(
                    sources: sources, name: SharedTypePlanner.localName(shared.type),
                    type: InterfaceTranslator(plan: shared.plan, naming: naming).declaration(of: shared.type, sharedBy: shared.users)
                )
            } + clientPlan.keptNames.map { kept in
                SharedTypeFileContext(sources: sources, name: kept.name, type: TypeContext(
                    parent: naming.types, name: kept.name,
                    docLines: DocComment.prefixed(["The name an earlier edition of the client gave `\(kept.target)`, kept so that code written against it still builds."]),
                    alias: AliasContext(target: kept.target)
                ))
            }
            sharedTypes.sort { $0.name < $1.name }
            let translated = Parallel.map(plans) { plan in
                let translator = InterfaceTranslator(plan: plan, naming: naming)
                return translator.fileContext()
            }
            interfaces = translated
            let operations = translated.map(\.operation)
            let schemes = schema.interfaces.flatMap(\.authentication.accepted)
            let tokenHeaders = schemes.filter { $0.scheme == .token }.compactMap(\.header)
            // The most documented token header, the first by name among equals.
            let tokenHeader = Dictionary(grouping: tokenHeaders, by: { $0 }).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
            let usesAKSK = schemes.contains { $0.scheme == .akSk }
            client = ClientFileContext(
                sources: ListItem.list(specsLabel.map(SwiftLiteral.comment)), clientType: naming.client, typesType: naming.types,
                operationsType: naming.operations, resultCodesType: naming.resultCodes, protocolType: naming.clientProtocol,
                operations: operations, operationCount: operations.count,
                usesC2: schemes.contains { $0.scheme == .c2 } || tokenHeader == nil && !usesAKSK,
                tokenHeaderLiteral: tokenHeader.map(SwiftLiteral.string), tokenHeader: tokenHeader.map(SwiftLiteral.comment), usesAKSK: usesAKSK
            )
            let codes = schema.resultCodes.enumerated().map { offset, code in
                ResultCodeContext(codeLiteral: SwiftLiteral.string(code.code), meaningLiteral: SwiftLiteral.string(code.description),
                                  isLast: offset == schema.resultCodes.count - 1)
            }
            let codeSources = Array(Set(schema.resultCodes.map(\.location.file))).sorted()
            resultCodes = ResultCodesFileContext(
                sources: ListItem.list((codeSources.isEmpty ? specsLabel : codeSources).map(SwiftLiteral.comment)), resultCodesType: naming.resultCodes,
                resultCodeType: clientPlan.shared.contains { SharedTypePlanner.qualifiedName($0.type) == naming.resultCodeType } ? naming.resultCodeType : nil,
                codes: codes
            )
            diagnostics = clientPlan.diagnostics
            lock = clientPlan.lock
        }
    }

    /// The page folders and files as the shared files' header names them: relative to `base`, folders with a slash
    /// (`specs/`).
    public static func specsLabel(paths: [String], relativeTo base: String) -> [String] {
        paths.map { path in
            let absolute = DisplayPath.absolute(path, base: base)
            var isDirectory: ObjCBool = false
            let display = DisplayPath.relative(absolute, to: base)
            _ = FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
            return isDirectory.boolValue ? display + "/" : display
        }
    }

    private static func render(_ context: some Encodable, _ template: String, _ templates: TemplateSet) throws(Failure) -> String {
        do {
            return try templates.render(context, template: template)
        } catch {
            throw Failure(diagnostics: [Diagnostic(.error, .template, error.message, at: SourceLocation(file: error.file, line: 1))])
        }
    }
}
