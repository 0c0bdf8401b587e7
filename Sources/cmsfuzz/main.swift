import CMSFuzzing
import Foundation

// cmsfuzz TARGET [libFuzzer options and corpus folders]
//
// Built with `swift build -c release -Xswiftc -sanitize=fuzzer,address --product cmsfuzz`, it runs TARGET under
// libFuzzer (Scripts/fuzz.sh runs every target). Built without the fuzzer, it runs TARGET once on each file it is
// given, which replays a corpus or a crash.

typealias FuzzerDriver = @convention(c) (
    UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) var selectedTarget = FuzzTarget.pages

let arguments = CommandLine.arguments
guard arguments.count > 1, let target = FuzzTarget(rawValue: arguments[1]) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: cmsfuzz TARGET [options] [corpus...]; TARGET is one of \(names)\n".utf8))
    exit(2)
}
selectedTarget = target
// Lazy globals (the schema, the mock server, the operation list) are made now, not inside the first input, where
// LeakSanitizer would take what they keep for a leak.
target.run(Data())

// libFuzzer's driver, when the fuzzer is linked in; looked up at run time so that an ordinary build links too.
if let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "LLVMFuzzerRunDriver") {
    let driver = unsafeBitCast(symbol, to: FuzzerDriver.self)
    // libFuzzer reads its own options; the target name is not one.
    var driverArguments = [arguments[0]] + arguments.dropFirst(2)
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
for path in arguments.dropFirst(2) {
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
