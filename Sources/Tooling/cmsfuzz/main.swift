import CMSFuzzing
import Foundation

// cmsfuzz TARGET [libFuzzer options and corpus folders]
//
// Built with `swift build -c release -Xswiftc -sanitize=fuzzer,address --product cmsfuzz`, it runs TARGET under
// libFuzzer (Scripts/fuzz.sh runs every target). Built without the fuzzer, it runs TARGET once on each file it is
// given, which replays a corpus or a crash. `cmsfuzz seeds FOLDER` writes every target's seeds. `cmsfuzz TARGET
// --replay [--seeds] FILE...` replays in any build, naming each input before it runs (what the tests use).

typealias FuzzerDriver = @convention(c) (
    UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) var selectedTarget = FuzzTarget.pages

let arguments = CommandLine.arguments
// cmsfuzz seeds FOLDER: every target's seeds, as FOLDER/<target>/seed-NNNN.
if arguments.count == 3, arguments[1] == "seeds" {
    for target in FuzzTarget.allCases {
        let folder = URL(fileURLWithPath: arguments[2]).appendingPathComponent(target.rawValue)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, seed) in FuzzSeeds.seeds(for: target).enumerated() {
            try seed.write(to: folder.appendingPathComponent(String(format: "seed-%04d", index)))
        }
    }
    exit(0)
}
// The target is the first argument, or CMSFUZZ_TARGET: libFuzzer's -jobs and -fork start the program again with
// its own options only, so that the workers find the target there (the script sets it).
let named = arguments.count > 1 ? FuzzTarget(rawValue: arguments[1]) : nil
guard let target = named ?? ProcessInfo.processInfo.environment["CMSFUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: cmsfuzz TARGET [options] [corpus...]; TARGET is one of \(names)\n".utf8))
    exit(2)
}
selectedTarget = target
/// The arguments after the target (libFuzzer's options and corpus folders, or the files to replay).
let options = Array(arguments.dropFirst(named == nil ? 1 : 2))

// cmsfuzz TARGET --mutate N [--seed S] [--keep FILE] [--deep]: a campaign without libFuzzer (FuzzCampaign), N inputs
// from seed S; each input is written to FILE before it runs, so that the one a crash stops on is kept. The structural
// shapes are of moderate size (FuzzShapeLimits.moderate, as in `swift test`); --deep grows them to the sizes of the
// bugs found so far (chains hundreds of tables long, names of a million characters: FuzzShapeLimits.deep).
if let flag = arguments.firstIndex(of: "--mutate"), flag + 1 < arguments.count, let count = Int(arguments[flag + 1]) {
    func value(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
    let seed = value("--seed").flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
    let keep = value("--keep")
    let deep = arguments.contains("--deep")
    var campaign = FuzzCampaign(target: target, seed: seed, shapes: deep ? .deep : .moderate)
    let start = Date()
    campaign.run(count: count) { input in
        if let keep { _ = FileManager.default.createFile(atPath: keep, contents: input) }
    }
    let seconds = Date().timeIntervalSince(start)
    print("cmsfuzz \(target.rawValue): \(count) mutated inputs from seed \(seed)\(deep ? " (deep shapes)" : "") without a finding, \(String(format: "%.1f", seconds)) s (\(String(format: "%.0f", Double(count) / max(seconds, 0.001)))/s)")
    exit(0)
}
// cmsfuzz TARGET --replay [--seeds] [FILE|FOLDER...]: runs TARGET once on each input, in order, without libFuzzer
// even in a fuzzer build: its seeds first with --seeds (FuzzSeeds, named seed-NNNN as `cmsfuzz seeds` writes them),
// then every file given (folders: their files, sorted). Each input is named on standard error (unbuffered) before it
// runs, so that a crash names the input it stopped on; exits 0 once every input ran, 2 when a path cannot be read.
if options.contains("--replay") {
    var inputs: [(name: String, data: Data)] = []
    if options.contains("--seeds") {
        inputs += FuzzSeeds.seeds(for: target).enumerated().map { (name: String(format: "seed-%04d", $0.offset), data: $0.element) }
    }
    for path in options where path != "--replay" && path != "--seeds" {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            FileHandle.standardError.write(Data("cmsfuzz: no such file or folder: \(path)\n".utf8))
            exit(2)
        }
        let files = isDirectory.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
            : [path]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("cmsfuzz: cannot read \(file)\n".utf8))
                exit(2)
            }
            inputs.append((name: file, data: data))
        }
    }
    for input in inputs {
        FileHandle.standardError.write(Data("cmsfuzz \(target.rawValue): replaying \(input.name)\n".utf8))
        target.run(input.data)
    }
    print("cmsfuzz \(target.rawValue): \(inputs.count) inputs replayed without a finding")
    exit(0)
}

// Lazy globals (the schema, the mock server, the operation list) are made now, not inside the first input, where
// LeakSanitizer would take what they keep for a leak.
target.run(Data())

// libFuzzer's driver, when the fuzzer is linked in; looked up at run time so that an ordinary build links too.
if let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "LLVMFuzzerRunDriver") {
    let driver = unsafeBitCast(symbol, to: FuzzerDriver.self)
    // libFuzzer reads its own options; the target name is not one.
    var driverArguments = [arguments[0]] + options
    var argc = Int32(driverArguments.count)
    var cStrings: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
    let status = cStrings.withUnsafeMutableBufferPointer { buffer -> Int32 in
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
        return driver(&argc, &argv) { bytes, count in
            selectedTarget.run(Data(bytes: UnsafeRawPointer(bytes ?? UnsafePointer(bitPattern: 1)!), count: count))
            return 0
        }
    }
    driverArguments.removeAll()
    exit(status)
}

// Replay: every file given (folders: their files), once.
var count = 0
for path in options {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
    let files = isDirectory.boolValue
        ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
        : [path]
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        target.run(data)
        count += 1
    }
}
print("cmsfuzz \(target.rawValue): \(count) inputs replayed without a finding")
