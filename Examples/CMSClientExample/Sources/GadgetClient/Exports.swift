// The one hand-written file of the client target: SwiftPM needs a source file before the first generation, and code
// that imports GadgetClient sees CMSRuntime's types (CMSCredentials, CMSError) without a second import.
@_exported import CMSRuntime
