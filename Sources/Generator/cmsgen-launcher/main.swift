#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// cmsgen-launcher CMSGEN ARGUMENT...: becomes the cmsgen executable at CMSGEN, run with the arguments.
//
// The tool of the GenerateCMSClientOnBuild plugin. A plugin's tool is built a second time, for the host, with all it
// depends on, and cmsgen depends on the whole generator. This tool depends on nothing: the plugin hands it the cmsgen
// that the same build makes anyway, beside this tool, and names that file as an input of its command, so that it is
// built first.
/// Writes `message` to standard error, by its descriptor (the C `stderr` is a global Swift 6 will not share).
func complain(_ message: String) {
    let bytes = Array(message.utf8)
    _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    complain("usage: cmsgen-launcher CMSGEN [ARGUMENT...]\n")
    exit(2)
}
var argv: [UnsafeMutablePointer<CChar>?] = arguments.dropFirst().map { strdup($0) } + [nil]
execv(arguments[1], &argv)
complain("cmsgen-launcher: cannot run \(arguments[1]): \(String(cString: strerror(errno)))\n")
exit(127)
