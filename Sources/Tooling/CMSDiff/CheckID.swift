/// How much a change matters to code that calls the interface.
public enum ChangeSeverity: String, Codable, Sendable, Comparable, CaseIterable {
    /// Nothing that worked stops working.
    case info
    /// Worth a look: callers may see other values, or other failures, than before.
    case warning
    /// A call that worked may now fail, or a value that was there may be missing.
    case breaking

    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: ChangeSeverity, rhs: ChangeSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// Every kind of change `cmsgen diff` reports, by a stable id, with its severity. An id never changes meaning.
public enum CheckID: String, Codable, Sendable, CaseIterable, Comparable {
    // Interfaces.
    case interfaceRemoved = "interface-removed"
    case interfaceAdded = "interface-added"
    case pathChanged = "path-changed"
    case methodChanged = "method-changed"
    case envelopeChanged = "envelope-changed"
    // Request fields and parameters.
    case requestFieldRemoved = "request-field-removed"
    case requestFieldAddedMandatory = "request-field-added-mandatory"
    case optionalFieldAdded = "optional-field-added"
    case requestFieldBecameMandatory = "request-field-became-mandatory"
    case requestFieldBecameOptional = "request-field-became-optional"
    case rangeNarrowed = "range-narrowed"
    case rangeWidened = "range-widened"
    case lengthNarrowed = "length-narrowed"
    case lengthWidened = "length-widened"
    // Request and response fields.
    case fieldTypeChanged = "field-type-changed"
    case enumValueRemoved = "enum-value-removed"
    case enumValueAdded = "enum-value-added"
    case descriptionChanged = "description-changed"
    // Response fields.
    case responseFieldRemoved = "response-field-removed"
    case responseFieldAdded = "response-field-added"
    case responseFieldBecameOptional = "response-field-became-optional"
    case responseFieldBecameMandatory = "response-field-became-mandatory"
    case responseConstraintChanged = "response-constraint-changed"
    // The Error Code Reference.
    case resultCodeRemoved = "result-code-removed"
    case resultCodeAdded = "result-code-added"
    case resultCodeChanged = "result-code-changed"
    case authenticationRemoved = "authentication-removed"
    case authenticationAdded = "authentication-added"
    case errorBodyChanged = "error-body-changed"
    case statusCodeRemoved = "status-code-removed"
    case statusCodeAdded = "status-code-added"
    // Names of the generated client.
    case symbolRenamed = "symbol-renamed"
    case sharedTypeSplit = "shared-type-split"
    case sharedTypeMerged = "shared-type-merged"

    public var id: String { rawValue }

    public var severity: ChangeSeverity {
        switch self {
        case .interfaceRemoved, .pathChanged, .methodChanged, .requestFieldRemoved, .requestFieldAddedMandatory,
             .requestFieldBecameMandatory, .rangeNarrowed, .lengthNarrowed, .fieldTypeChanged, .enumValueRemoved, .responseFieldRemoved,
             .authenticationRemoved, .symbolRenamed, .sharedTypeSplit:
            .breaking
        case .envelopeChanged, .responseFieldBecameOptional, .resultCodeRemoved, .errorBodyChanged:
            .warning
        case .interfaceAdded, .optionalFieldAdded, .requestFieldBecameOptional, .rangeWidened, .lengthWidened, .enumValueAdded,
             .descriptionChanged, .responseFieldAdded, .responseFieldBecameMandatory, .responseConstraintChanged, .resultCodeAdded,
             .resultCodeChanged, .authenticationAdded, .statusCodeRemoved, .statusCodeAdded, .sharedTypeMerged:
            .info
        }
    }

    /// One line on what the check finds.
    public var summary: String {
        switch self {
        case .interfaceRemoved: "an interface is no longer documented"
        case .interfaceAdded: "a new interface"
        case .pathChanged: "the page of an interface gives another path"
        case .methodChanged: "the page of an interface gives another HTTP method"
        case .envelopeChanged: "the result-code field, its success values or the payload fields changed"
        case .requestFieldRemoved: "a request field or parameter is gone"
        case .requestFieldAddedMandatory: "a new mandatory request field or parameter"
        case .optionalFieldAdded: "a new optional request field or parameter"
        case .requestFieldBecameMandatory: "an optional request field or parameter became mandatory"
        case .requestFieldBecameOptional: "a mandatory request field or parameter became optional"
        case .rangeNarrowed: "a request value's allowed range got smaller (or gained a bound)"
        case .rangeWidened: "a request value's allowed range got larger (or lost a bound)"
        case .lengthNarrowed: "a request text's allowed length got smaller (or gained a limit)"
        case .lengthWidened: "a request text's allowed length got larger (or lost a limit)"
        case .fieldTypeChanged: "a field's documented type changed"
        case .enumValueRemoved: "a documented value is gone"
        case .enumValueAdded: "a new documented value"
        case .descriptionChanged: "only the prose of a title, scenario or field changed"
        case .responseFieldRemoved: "a response field is gone"
        case .responseFieldAdded: "a new response field"
        case .responseFieldBecameOptional: "a mandatory response field became optional: it may be missing"
        case .responseFieldBecameMandatory: "an optional response field became mandatory"
        case .responseConstraintChanged: "a response field's documented range or length changed"
        case .resultCodeRemoved: "a result code is no longer in the Error Code Reference"
        case .resultCodeAdded: "a new result code in the Error Code Reference"
        case .resultCodeChanged: "a result or error code's meaning, message or HTTP status changed"
        case .authenticationRemoved: "an interface no longer accepts a scheme it accepted (C2, AK/SK, a token); callers signed that way are refused"
        case .authenticationAdded: "an interface accepts another scheme, or none"
        case .errorBodyChanged: "where a failure's body carries its error code changed"
        case .statusCodeRemoved: "a status is no longer in the status-code appendix"
        case .statusCodeAdded: "a new status in the status-code appendix"
        case .symbolRenamed: "a public Swift name changed (the names file renamed it, or the lock file could not keep it)"
        case .sharedTypeSplit: "interfaces that shared one type in `CMSTypes` now declare it differently: their values are no longer of one type"
        case .sharedTypeMerged: "types that were apart are now one shared type; the old names stay as typealiases"
        }
    }

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool { lhs.rawValue < rhs.rawValue }
}
