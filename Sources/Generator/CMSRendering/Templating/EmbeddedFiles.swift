/// Files compiled into cmsgen by the EmbedBuiltIns build plugin (`cmsembed`), so that a `cmsgen` binary carries them
/// wherever it runs: the templates of `Templates/` and the word lists of `Naming/Words/`.
///
/// The plugin attaches each set as a conformance of its marker type (`extension BuiltInTemplates: EmbeddedFileSet`)
/// rather than declaring a variable the code names directly. SwiftPM builds a plugin tool's dependencies once without
/// their own plugins before the real build (cmsgen is the tool of GenerateCMSClientOnBuild); this way that first pass
/// compiles too, and finds no files.
protocol EmbeddedFileSet {
    /// Each file's text, by its name without extension.
    static var files: [(name: String, text: String)] { get }
}

/// The templates of the package's `Templates/` folder.
enum BuiltInTemplates {}

/// The word lists of `Naming/Words/`.
enum BuiltInWordLists {}

enum EmbeddedFiles {
    /// The files the plugin attached to `marker`; none in a build without the plugin.
    static func of(_ marker: Any.Type) -> [(name: String, text: String)] {
        (marker as? any EmbeddedFileSet.Type)?.files ?? []
    }
}
