// The one hand-written file of the client target: SwiftPM needs a source file before the first generation, and code
// that imports WidgetClient sees CMSRuntime's types (CMSClient's configuration, CMSError) without a second import.
@_exported import CMSRuntime
