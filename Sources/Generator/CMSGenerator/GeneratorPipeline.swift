import CMSExtraction
import CMSRendering
import CMSSchema
import CMSSupport
import Foundation

/// The whole job of `cmsgen generate` as one library call: read the pages (or a schema file) → extract → render →
/// write `Generated/`. The command line and the plugins run it; nothing else copies it.
public struct GeneratorPipeline: Sendable {
    public struct Options: Sendable {
        /// Folders or files of pages. Each folder's `cmsgen-names.json` and `cmsgen-silence.txt`, if any, are read too.
        public var specs: [String]
        /// A schema written by `cmsgen parse` (possibly corrected by hand) to render instead of reading pages.
        public var schema: String?
        /// A folder of templates that replace the built-in ones by file name.
        public var templates: String?
        /// A names file read after those of the page folders.
        public var names: String?
        /// A silence file read after those of the page folders.
        public var silence: String?
        /// The folder to write.
        public var output: String
        /// The prefix of the module's own type names (`CMS` → `CMSClient`, `CMSTypes`, …).
        public var clientName: String
        /// Write nothing; report the files that differ.
        public var check: Bool
        /// Any warning that is not silenced fails the run.
        public var warningsAsErrors: Bool
        /// The directory relative paths (and the paths in messages) are taken against.
        public var workingDirectory: String
        /// The running generator's executable: its stamp is part of the fingerprint of a run. Nil: no record is kept
        /// or used, every run does the full work.
        public var generator: String?
        /// A lock file (`.cmsgen-names.lock`) whose names to keep, for the commands that print a document (`parse`,
        /// `openapi`): their operation ids are then the generated client's method names. `generate` always reads the
        /// one in its output folder.
        public var lock: String?

        public init(
            specs: [String] = ["specs"], schema: String? = nil, templates: String? = nil, names: String? = nil, silence: String? = nil,
            output: String = "Generated", clientName: String = ClientNaming.defaultPrefix, check: Bool = false, warningsAsErrors: Bool = false,
            workingDirectory: String = FileManager.default.currentDirectoryPath, generator: String? = nil, lock: String? = nil
        ) {
            self.lock = lock
            self.specs = specs
            self.schema = schema
            self.templates = templates
            self.names = names
            self.silence = silence
            self.output = output
            self.clientName = clientName
            self.check = check
            self.warningsAsErrors = warningsAsErrors
            self.workingDirectory = workingDirectory
            self.generator = generator
        }
    }

    /// What a run did.
    public struct Outcome: Sendable {
        public var summary: RunSummary
        /// 0: done (or, with `check`, nothing differs); 1: errors, or files differ.
        public var exitCode: Int32
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    /// Runs the pipeline, reporting through `reporter`.
    public func run(reporter: Reporter = Reporter()) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = RunSummary()
        var stageStart = start
        func stage(_ name: String) {
            let now = clock.now
            summary.stages.append((name, Self.seconds(now - stageStart)))
            stageStart = now
        }
        func finish(_ code: Int32) -> Outcome {
            summary.seconds = Self.seconds(clock.now - start)
            reporter.summarize(summary)
            return Outcome(summary: summary, exitCode: code)
        }
        let base = options.workingDirectory
        let outputDisplay = DisplayPath.relative(DisplayPath.absolute(options.output, base: base), to: base)
        // A file where the folder should be, or a link to nothing, is refused before any work; a link to a folder is
        // followed.
        let outputPath: String
        do {
            outputPath = try GeneratedTree.folder(for: DisplayPath.absolute(options.output, base: base))
        } catch {
            let refusal = Diagnostic(.error, .outputNotWritten, "cannot write: \(error.reason); nothing is written", at: SourceLocation(file: outputDisplay, line: 1))
            summary.diagnostics = [refusal]
            reporter.report([refusal])
            return finish(1)
        }

        // Nothing changed since the last run into this folder: say what it said, and stop before reading a page.
        let fingerprint = options.check ? nil : inputsFingerprint()
        if let fingerprint, let record = GenerationRecord.read(in: outputPath), record.inputs == fingerprint, record.outputsAreIntact(in: outputPath) {
            reporter.report(record.diagnostics, silenced: record.silenced)
            summary.pages = record.pages
            summary.pageKinds = Dictionary(uniqueKeysWithValues: record.pageKinds.compactMap { key, value in PageKind(rawValue: key).map { ($0, value) } })
            summary.interfaces = record.interfaces
            summary.diagnostics = record.diagnostics
            summary.silenced = record.silenced
            summary.files = record.fileCount
            summary.upToDate = true
            stage("record")
            return finish(0)
        }

        let (lock, lockDiagnostics) = NameLock.load(
            outputFolder: outputPath, displayPath: DisplayPath.relative(outputPath + "/" + NameLock.fileName, to: base)
        )
        let input = readSchema(reporter: reporter, lock: lock)
        summary.pages = input.pages
        summary.pageKinds = Self.pageKinds(input.schema)
        summary.interfaces = input.schema.interfaces.count
        stage("read")
        let (templateSet, templateDiagnostics) = TemplateSet.load(overrides: options.templates.map { DisplayPath.absolute($0, base: base) })
        let (overrides, namesDiagnostics) = NameOverrides.load(pageFolders: options.specs, extra: options.names, relativeTo: base)
        let silences = SilenceList.load(pageFolders: options.schema == nil ? options.specs : [], extra: options.silence, relativeTo: base)
        var diagnostics = input.diagnostics + templateDiagnostics + namesDiagnostics + lockDiagnostics
        if let problem = ClientNaming.problem(with: options.clientName) {
            diagnostics.append(Diagnostic(.error, .clientName, "\(problem) (--client-name)", at: SourceLocation(file: "cmsgen", line: 1)))
        }

        func fail() -> Outcome {
            let (reported, silenced) = silences.apply(to: diagnostics, relativeTo: base)
            summary.diagnostics = reported
            summary.silenced = silenced
            reporter.report(reported, silenced: silenced)
            reporter.say("cmsgen: nothing written; \(outputDisplay)/ is unchanged")
            return finish(1)
        }
        guard !diagnostics.contains(where: { $0.severity == .error }), let templateSet else { return fail() }

        let generated: SwiftGenerator.Output
        reporter.begin(input.schema.interfaces.count)
        do {
            generated = try SwiftGenerator.generate(
                schema: input.schema, templates: templateSet, overrides: overrides, locked: lock.pins,
                specsLabel: options.schema.map { [DisplayPath.relative(DisplayPath.absolute($0, base: base), to: base)] }
                    ?? SwiftGenerator.specsLabel(paths: options.specs, relativeTo: base),
                naming: ClientNaming(prefix: options.clientName), progress: { reporter.advance($0) }
            )
        } catch {
            diagnostics += error.diagnostics
            return fail()
        }
        stage("render")
        diagnostics += generated.diagnostics
        diagnostics += Self.nameChanges(from: lock, to: generated.lock, overrides: overrides, check: options.check,
                                        at: SourceLocation(file: DisplayPath.relative(outputPath + "/" + NameLock.fileName, to: base), line: 1))
        var (reported, silenced) = silences.apply(to: diagnostics, relativeTo: base)
        if options.warningsAsErrors {
            reported = reported.map { diagnostic in
                guard diagnostic.severity == .warning else { return diagnostic }
                var error = diagnostic
                error.severity = .error
                error.message += " (a warning, made an error by --warnings-as-errors)"
                return error
            }
        }
        summary.diagnostics = reported
        summary.silenced = silenced
        reporter.report(reported, silenced: silenced)
        summary.files = generated.tree.files.count
        guard !reported.contains(where: { $0.severity == .error }) else {
            reporter.say("cmsgen: nothing written; \(outputDisplay)/ is unchanged")
            return finish(1)
        }

        let tree = generated.tree
        if options.check {
            let difference = tree.difference(from: outputPath)
            summary.difference = difference
            stage("compare")
            summary.checked = true
            if !difference.isEmpty {
                reporter.say("cmsgen: \(difference.lines.count) file(s) in \(outputDisplay)/ differ from the generator's output; run `swift run cmsgen generate`")
                return finish(1)
            }
            return finish(0)
        }
        // The write is all or nothing, so the last record stays valid until the new one replaces it: it names the
        // old inputs, which no later run matches unless the old files are back.
        do {
            summary.difference = try tree.write(to: outputPath)
        } catch {
            let failure = Diagnostic(.error, .outputNotWritten, "cannot write: \(error.reason); \(outputDisplay)/ is unchanged",
                                     at: SourceLocation(file: DisplayPath.relative(error.path, to: base), line: 1))
            summary.diagnostics.append(failure)
            reporter.report([failure])
            return finish(1)
        }
        stage("write")
        if let fingerprint {
            let record = GenerationRecord(
                inputs: fingerprint, outputs: [:], diagnostics: reported, silenced: silenced,
                pages: summary.pages, pageKinds: Dictionary(uniqueKeysWithValues: summary.pageKinds.map { ($0.key.rawValue, $0.value) }),
                interfaces: summary.interfaces, fileCount: tree.files.count
            )
            GenerationRecord.write(record, files: tree.files.keys, in: outputPath)
        }
        return finish(0)
    }

    /// The schema to render, with the number of pages it comes from and what reading said. Every interface carries
    /// its operation's one name (`OperationIdentity`): from the names files, the lock (`lock`, else the file
    /// `options.lock` names), or its method and path.
    public func readSchema(reporter: Reporter = Reporter(verbosity: .quiet), lock: NameLock? = nil) -> (schema: SchemaDocument, pages: Int, diagnostics: [Diagnostic]) {
        let base = options.workingDirectory
        var schema: SchemaDocument
        var pages: Int
        var diagnostics: [Diagnostic]
        if let file = options.schema {
            let (loaded, found) = SchemaFile.load(file, relativeTo: base)
            pages = Set((loaded?.interfaces ?? []).flatMap { $0.sources.map(\.file) }).count
            (schema, diagnostics) = (loaded ?? SchemaDocument(), found)
        } else {
            let files = SchemaBuilder.pageFiles(in: options.specs, relativeTo: base).files
            reporter.begin(files.count)
            let result = SchemaBuilder.build(paths: options.specs, relativeTo: base, progress: { reporter.advance($0.display) })
            reporter.endProgress()
            (schema, pages, diagnostics) = (result.schema, files.count, result.diagnostics)
        }
        var locked = lock ?? NameLock()
        if lock == nil, let path = options.lock {
            let absolute = DisplayPath.absolute(path, base: base)
            let display = DisplayPath.relative(absolute, to: base)
            if let data = FileManager.default.contents(atPath: absolute) {
                let (loaded, found) = NameLock.parse(String(decoding: data, as: UTF8.self), displayPath: display)
                locked = loaded
                diagnostics += found
            } else {
                diagnostics.append(Diagnostic(.error, .nameLock, "cannot read the lock file", at: SourceLocation(file: display, line: 1)))
            }
        }
        // The names files' diagnostics are the generate run's to report; here they only pin operation names.
        let (overrides, _) = NameOverrides.load(pageFolders: options.specs, extra: options.names, relativeTo: base)
        diagnostics += OperationIdentity.assign(&schema, overrides: overrides, locked: locked.pins, naming: ClientNaming(prefix: options.clientName))
        return (schema, pages, diagnostics)
    }

    /// A name the lock file had that the new client gives otherwise: a note when the names file renamed it, else a
    /// warning (an error for `--check`): a public name changed that nothing explains.
    static func nameChanges(from old: NameLock, to new: NameLock, overrides: NameOverrides, check: Bool, at location: SourceLocation) -> [Diagnostic] {
        old.renames(to: new).map { rename in
            if overrides[rename.key] == rename.new {
                return Diagnostic(.note, .nameChanged, "'\(rename.old)' is renamed '\(rename.new)' by \(NameOverrides.fileName) (\(rename.key))", at: location)
            }
            return Diagnostic(check ? .error : .warning, .nameChanged,
                              "the public name '\(rename.old)' would become '\(rename.new)' (\(rename.key)), and nothing explains it; pin the name in \(NameOverrides.fileName) to keep or change it", at: location)
        }
    }

    /// The fingerprint of everything a run reads: the generator itself, the working directory and the options (paths
    /// in messages depend on both), and every page, schema, names file, silence file and template, byte for byte. Nil
    /// when there is no generator to stamp, or a page path is missing: that run must fail the long way.
    func inputsFingerprint() -> String? {
        guard let generator = options.generator else { return nil }
        let base = options.workingDirectory
        var fingerprint = InputFingerprint()
        fingerprint.add("cmsgen generate, record format 3")
        fingerprint.add(stampOf: generator)
        fingerprint.add(base)
        let flags = ["--schema", options.schema ?? "", "--templates", options.templates ?? "", "--names", options.names ?? "",
                     "--silence", options.silence ?? "", "--output", options.output, "--client-name", options.clientName,
                     options.warningsAsErrors ? "--warnings-as-errors" : ""]
        for value in options.specs + flags { fingerprint.add(value) }
        if let schema = options.schema {
            fingerprint.add(fileAt: DisplayPath.absolute(schema, base: base))
        } else {
            let (pages, missing) = SchemaBuilder.pageFiles(in: options.specs, relativeTo: base)
            guard missing.isEmpty else { return nil }
            for page in pages { fingerprint.add(fileAt: page.path) }
        }
        for path in options.specs { fingerprint.add(fileAt: DisplayPath.absolute(path, base: base) + "/" + NameOverrides.fileName) }
        if let names = options.names { fingerprint.add(fileAt: DisplayPath.absolute(names, base: base)) }
        for file in SilenceList.files(pageFolders: options.specs, extra: options.silence, relativeTo: base) { fingerprint.add(fileAt: file) }
        let (sources, _) = TemplateSet.sources(overrides: options.templates.map { DisplayPath.absolute($0, base: base) })
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            fingerprint.add(name)
            fingerprint.add(source.text)
        }
        return fingerprint.hex
    }

    /// How many pages of each kind the schema records.
    public static func pageKinds(_ schema: SchemaDocument) -> [PageKind: Int] {
        schema.pages.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
