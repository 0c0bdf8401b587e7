// cmsbench: prints how long reading the bundled pages takes, split into libxml2's own parse time and the time
// CMSKit adds (walking the tree into the document model, then extracting the schema). Rerun with:
//   swift run -c release cmsbench [specs] [--iterations N]
// `cmsbench runtime` prints the generated client's encode, validate and decode throughput against hand-written
// Codable of the same shape (RuntimeBench.swift). `cmsbench linear` times the JSON reader, naming and nested tables at
// 1×, 2×, 4× and 8× the input, to show that each grows linearly (LinearBench.swift).
import CMSExtraction
import CMSReading
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "runtime" {
    try await RuntimeBench.run()
    exit(0)
}
if arguments.first == "linear" {
    try LinearBench.run()
    exit(0)
}
var iterations = 200
var folder = "specs"
var index = 0
while index < arguments.count {
    if arguments[index] == "--iterations", index + 1 < arguments.count {
        iterations = Int(arguments[index + 1]) ?? iterations
        index += 2
    } else {
        folder = arguments[index]
        index += 1
    }
}

let files = SchemaBuilder.pageFiles(in: [folder]).files
let pages = files.map { ($0.display, [UInt8](FileManager.default.contents(atPath: $0.path) ?? Data())) }
let totalBytes = pages.reduce(0) { $0 + $1.1.count }
guard !pages.isEmpty else {
    FileHandle.standardError.write(Data("cmsbench: no pages in \(folder)\n".utf8))
    exit(1)
}

/// Best of five runs of `iterations` passes over all pages, in seconds per pass.
@MainActor func measure(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { body() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(iterations)
        best = min(best, elapsed)
    }
    return best
}

var documents: [PageDocument] = []
let parseOnly = measure {
    for (path, bytes) in pages { ParseBaseline.parseOnly(bytes: bytes, displayPath: path) }
}
let read = measure {
    documents.removeAll(keepingCapacity: true)
    for (path, bytes) in pages {
        if case .page(let page) = PageReader.read(bytes: bytes, displayPath: path) { documents.append(page) }
    }
}
let extract = measure {
    for page in documents { _ = PageExtractor.extract(page) }
}
let whole = measure { _ = SchemaBuilder.build(pages: pages.map { (path: $0.0, bytes: $0.1) }) }

func peakResidentMemory() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "n/a" }
    return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") } ?? "n/a"
}

let model = read - parseOnly
func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
func share(_ seconds: Double) -> String { String(format: "%.0f%%", seconds / parseOnly * 100) }
print("pages: \(pages.count), \(totalBytes / 1024) KiB, \(iterations) passes, best of 5, one thread")
print("libxml2 parse only:             \(ms(parseOnly))  (\(String(format: "%.1f", Double(totalBytes) / parseOnly / 1e6)) MB/s)")
print("document model (tree walk):   + \(ms(model))  = \(share(model)) of libxml2's parse time")
print("extraction (model -> schema): + \(ms(extract))  = \(share(extract)) of libxml2's parse time (goal: at most 50%)")
print("reading in all:                 \(ms(read + extract))  = \(share(model + extract)) added to libxml2's parse time")
print("whole build, pages in parallel: \(ms(whole))")
print("peak resident memory:           \(peakResidentMemory())")
