import Foundation

/// The pairs of editions `cmsgen diff` is tested on, kept as one `<case>.edition` file each in `Tests/Diff/editions/`
/// (the format is described in that folder's README): the pages each edition holds, named by their path under the
/// folder (`base/…`, `pages/…`), and exact-text replacements applied to those pages.
///
/// `scratch` writes pairs out as folders, `<scratch>/<layout>/<case>/old/…` and `…/new/…`: with the layout
/// `Tests/Diff/editions` and the scratch folder as the working directory, the locations the diff prints are the ones
/// it printed when the folders were committed.
struct DiffEditions: Sendable {
    /// The folder that holds the `.edition` files; the page paths in them are relative to it.
    let folder: String

    /// What went wrong reading or applying an edition file, with its file and line.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    enum Side: String, Sendable, CaseIterable {
        case old, new
    }

    /// A page of one edition: its file name in the edition's folder, and the file it starts from (relative to `folder`).
    struct Page: Sendable, Equatable {
        var name: String
        var source: String
    }

    /// A page an edit applies to.
    struct Target: Sendable, Equatable {
        var side: Side
        var name: String
        var path: String { side.rawValue + "/" + name }
    }

    /// One exact-text replacement: `old` must be found exactly once in each target page, and becomes `new`.
    struct Replacement: Sendable {
        var targets: [Target]
        var old: [UInt8]
        var new: [UInt8]
        /// The line of its `edit` line in the edition file.
        var line: Int
    }

    /// One `<case>.edition` file, read.
    struct Pair: Sendable {
        var name: String
        var old: [Page]
        var new: [Page]
        var replacements: [Replacement]

        func pages(_ side: Side) -> [Page] { side == .old ? old : new }
    }

    static let fileExtension = ".edition"

    /// The names of the cases: the `.edition` files in `folder`, sorted.
    func cases() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(Self.fileExtension) }
            .map { String($0.dropLast(Self.fileExtension.count)) }
            .sorted()
    }

    /// Reads `<name>.edition`.
    func pair(_ name: String) throws -> Pair {
        let path = folder + "/" + name + Self.fileExtension
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure("\(path): no such edition file")
        }
        return try Self.parse([UInt8](data), name: name, file: name + Self.fileExtension)
    }

    /// A fresh folder in the temporary directory, holding the named pairs at `<root>/<layout>/<case>/{old,new}`.
    /// The caller removes it with `remove()`.
    struct Scratch: Sendable {
        let root: String
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    func scratch(_ names: [String], at layout: String) throws -> Scratch {
        let scratch = Scratch(root: NSTemporaryDirectory() + "cmsgen-diff-editions-\(UUID().uuidString)")
        do {
            for name in names { try materialise(name, under: scratch.root + "/" + layout) }
        } catch {
            scratch.remove()
            throw error
        }
        return scratch
    }

    /// Writes the pair `name` to `<destination>/<name>/old/…` and `<destination>/<name>/new/…`.
    func materialise(_ name: String, under destination: String) throws {
        let pair = try self.pair(name)
        let file = name + Self.fileExtension
        var contents: [String: [UInt8]] = [:]
        for side in Side.allCases {
            for page in pair.pages(side) {
                guard let data = FileManager.default.contents(atPath: folder + "/" + page.source) else {
                    throw Failure("\(file): \(side.rawValue)/\(page.name): cannot read \(page.source)")
                }
                contents[side.rawValue + "/" + page.name] = [UInt8](data)
            }
        }
        for replacement in pair.replacements {
            for target in replacement.targets {
                guard let page = contents[target.path] else {
                    throw Failure("\(file):\(replacement.line): \(target.path) is not a page of the \(target.side.rawValue) edition")
                }
                let found = Self.occurrences(of: replacement.old, in: page)
                guard found.count == 1, let start = found.first else {
                    throw Failure("\(file):\(replacement.line): the text to replace is found \(found.count) times in \(target.path), not exactly once")
                }
                contents[target.path] = Array(page[..<start]) + replacement.new + Array(page[(start + replacement.old.count)...])
            }
        }
        for side in Side.allCases {
            let sideFolder = destination + "/" + name + "/" + side.rawValue
            try FileManager.default.createDirectory(atPath: sideFolder, withIntermediateDirectories: true)
            for page in pair.pages(side) {
                let bytes = contents[side.rawValue + "/" + page.name] ?? []
                try Data(bytes).write(to: URL(fileURLWithPath: sideFolder + "/" + page.name))
            }
        }
    }

    /// Where `needle` starts in `haystack`, overlapping matches included (none for an empty needle).
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { found.append(start) }
        }
        return found
    }

    // MARK: Reading the format

    static let openMarker = Array("<<<".utf8)
    static let middleMarker = Array("===".utf8)
    static let closeMarker = Array(">>>".utf8)

    /// Reads the lines of an edition file (see the README of `Tests/Diff/editions/`).
    static func parse(_ bytes: [UInt8], name: String, file: String) throws -> Pair {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var sides: [Side: [Page]] = [:]
        var replacements: [Replacement] = []
        var index = 0
        while index < lines.count {
            let number = index + 1
            let text = String(decoding: lines[index], as: UTF8.self)
            index += 1
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if text.hasPrefix("#") { continue }
            if let side = Side.allCases.first(where: { text.hasPrefix($0.rawValue + ":") }) {
                guard sides[side] == nil else { throw Failure("\(file):\(number): a second '\(side.rawValue):' line") }
                sides[side] = try pages(String(text.dropFirst(side.rawValue.count + 1)), at: "\(file):\(number)")
                continue
            }
            if text.hasPrefix("edit ") {
                let targets = try editTargets(String(text.dropFirst("edit ".count)), at: "\(file):\(number)")
                guard index < lines.count, lines[index] == openMarker else { throw Failure("\(file):\(number + 1): expected '<<<' after the edit line") }
                index += 1
                var old: [[UInt8]] = []
                while index < lines.count, lines[index] != middleMarker {
                    old.append(lines[index])
                    index += 1
                }
                guard index < lines.count else { throw Failure("\(file):\(number): the edit has no '===' line") }
                index += 1
                var new: [[UInt8]] = []
                while index < lines.count, lines[index] != closeMarker {
                    new.append(lines[index])
                    index += 1
                }
                guard index < lines.count else { throw Failure("\(file):\(number): the edit has no '>>>' line") }
                index += 1
                let oldText = Array(old.joined(separator: [UInt8(ascii: "\n")]))
                guard !oldText.isEmpty else { throw Failure("\(file):\(number): the text to replace is empty") }
                replacements.append(Replacement(targets: targets, old: oldText, new: Array(new.joined(separator: [UInt8(ascii: "\n")])), line: number))
                continue
            }
            throw Failure("\(file):\(number): expected 'old:', 'new:', 'edit', a '#' comment or a blank line, not '\(text)'")
        }
        guard let old = sides[.old] else { throw Failure("\(file): no 'old:' line") }
        guard let new = sides[.new] else { throw Failure("\(file): no 'new:' line") }
        return Pair(name: name, old: old, new: new, replacements: replacements)
    }

    /// The pages of an `old:` or `new:` line: `path` (the page keeps the file name) or `name=path`.
    static func pages(_ list: String, at location: String) throws -> [Page] {
        var pages: [Page] = []
        for entry in list.split(whereSeparator: \.isWhitespace).map(String.init) {
            let name: String
            let source: String
            if let equals = entry.firstIndex(of: "=") {
                name = String(entry[..<equals])
                source = String(entry[entry.index(after: equals)...])
            } else {
                name = entry.split(separator: "/").last.map(String.init) ?? ""
                source = entry
            }
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { throw Failure("\(location): '\(entry)' does not name a page") }
            let parts = source.split(separator: "/", omittingEmptySubsequences: false)
            guard !source.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw Failure("\(location): '\(source)' is not a path inside the editions folder")
            }
            guard !pages.contains(where: { $0.name == name }) else { throw Failure("\(location): the page \(name) is listed twice") }
            pages.append(Page(name: name, source: source))
        }
        return pages
    }

    /// The pages of an `edit` line: `old/<name>` or `new/<name>`, one or more.
    static func editTargets(_ list: String, at location: String) throws -> [Target] {
        let targets = try list.split(whereSeparator: \.isWhitespace).map { entry -> Target in
            guard let slash = entry.firstIndex(of: "/"), let side = Side(rawValue: String(entry[..<slash])) else {
                throw Failure("\(location): '\(entry)' is not old/<page> or new/<page>")
            }
            let name = String(entry[entry.index(after: slash)...])
            guard !name.isEmpty else { throw Failure("\(location): '\(entry)' names no page") }
            return Target(side: side, name: name)
        }
        guard !targets.isEmpty else { throw Failure("\(location): the edit names no page") }
        return targets
    }
}
