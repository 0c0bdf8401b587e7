/// What a diagnostic is about: one stable id per kind of finding (`example-type-mismatch`), printed after the message
/// (`[#example-type-mismatch]`) and named in a silence file (`cmsgen-silence.txt`) to silence a known vendor defect for
/// one page. An id never changes meaning; a new kind of finding gets a new id.
public enum DiagnosticKind: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    // Reading pages.
    case noSuchPath = "no-such-path"
    case noPages = "no-pages"
    case fileUnreadable = "file-unreadable"
    case pageEmpty = "page-empty"
    case pageNotUTF8 = "page-not-utf8"
    case malformedXML = "malformed-xml"
    case markupHalted = "markup-halted"
    case notHTML = "not-html"
    // Extraction: the interface and its tables.
    case noInterface = "no-interface"
    case pageNotInterface = "page-not-interface"
    case tableWithoutParameterColumn = "table-without-parameter-column"
    case tableIgnored = "table-ignored"
    case unreferencedTable = "unreferenced-table"
    case urlRepaired = "url-repaired"
    case methodAssumed = "method-assumed"
    case bodyAsQuery = "body-as-query"
    case parameterNotInPath = "parameter-not-in-path"
    case rowWithoutName = "row-without-name"
    case nameWithExtraWords = "name-with-extra-words"
    case duplicateField = "duplicate-field"
    case unknownType = "unknown-type"
    case unknownMandatory = "unknown-mandatory"
    case limitIgnored = "limit-ignored"
    case impossibleRange = "impossible-range"
    case impossibleLength = "impossible-length"
    case boundOverflow = "bound-overflow"
    case referenceIgnored = "reference-ignored"
    case tableCycle = "table-cycle"
    case nestingTooDeep = "nesting-too-deep"
    case responseTableIgnored = "response-table-ignored"
    case successStatusAssumed = "success-status-assumed"
    case resultCodeUnchecked = "result-code-unchecked"
    case pagesDisagree = "pages-disagree"
    case duplicateResultCode = "duplicate-result-code"
    case resultCodeConflict = "result-code-conflict"
    // Extraction: the examples against the tables.
    case exampleInvalidJSON = "example-invalid-json"
    case exampleLenientJSON = "example-lenient-json"
    case exampleTypeMismatch = "example-type-mismatch"
    case exampleMissingField = "example-missing-field"
    case exampleUndocumentedField = "example-undocumented-field"
    case exampleWrapper = "example-wrapper"
    case exampleElementType = "example-element-type"
    // Naming and planning the Swift code.
    case operationName = "operation-name"
    case operationNameTaken = "operation-name-taken"
    case nameDerived = "name-derived"
    case nameTypoCorrected = "name-typo-corrected"
    case nameReserved = "name-reserved"
    case nameClash = "name-clash"
    case duplicateEnumValue = "duplicate-enum-value"
    case wideTable = "wide-table"
    case sharedType = "shared-type"
    // The generator's own inputs.
    case namesFile = "names-file"
    case unusedName = "unused-name"
    case nameLock = "name-lock"
    case nameChanged = "name-changed"
    case template = "template"
    case silenceFile = "silence-file"
    case unusedSilence = "unused-silence"
    case schemaFile = "schema-file"
    case clientName = "client-name"
    // What a run writes.
    case outputNotWritten = "output-not-written"

    /// The id as printed and as written in a silence file.
    public var id: String { rawValue }

    /// Kinds a run counts in its summary but lists one line each only with `--verbose`: a downloaded reference has
    /// dozens of pages that are not interfaces, and each is a note.
    public var isListedOnlyWhenVerbose: Bool { self == .pageNotInterface }

    public static func < (lhs: DiagnosticKind, rhs: DiagnosticKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
