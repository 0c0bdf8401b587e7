// cmsloadbench: signed requests per second from the generated client to the local CC-CMS over loopback.
// Rerun with:
//   swift run -c release cmsloadbench [--requests 2000] [--tasks 8] [--hold 0] [--specs specs]
// --hold N keeps N connections open meanwhile, half silent and half sending a header one byte every half second.
import CMSExtraction
import CMSHostileClients
import CMSKit
import CMSMock
import CMSRuntime
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let requests = option("--requests", 2000)
let tasks = max(1, option("--tasks", 8))
let hold = max(0, option("--hold", 0))
let specs = arguments.firstIndex(of: "--specs").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "specs"

let result = SchemaBuilder.build(paths: [specs])
guard !result.hasErrors else {
    FileHandle.standardError.write(Data("cmsloadbench: \(specs) has errors; run cmsgen parse\n".utf8))
    exit(1)
}
let credentials = CMSCredentials(accessKey: "bench-ak", secretKey: "bench-sk")
// Held connections must outlast the run: no timeout cuts them, and there is room for them and the client's.
let server = CMSMockServer(schema: result.schema, configuration: CMSMockConfiguration(
    credentials: credentials, idleTimeout: 3600, maximumConnections: hold + 1024, headerTimeout: 3600
))
let url = try await server.start()
let held = hold > 0 ? try HeldConnections(count: hold, port: url.port ?? 80, path: "/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo") : nil
let client = CMSClient(configuration: CMSConfiguration(baseURL: url, credentials: credentials))

// Warm up the connections.
_ = try await client.callDataQueryDetailCallInfo(.init(ccId: 1, vdn: 1, callId: "warm-up"))

let start = DispatchTime.now().uptimeNanoseconds
let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
    for task in 0..<tasks {
        let share = requests / tasks + (task < requests % tasks ? 1 : 0)
        group.addTask {
            var latencies: [Double] = []
            latencies.reserveCapacity(share)
            for index in 0..<share {
                let begin = DispatchTime.now().uptimeNanoseconds
                _ = try await client.callDataQueryDetailCallInfo(.init(ccId: 1, vdn: 1, callId: "\(task)-\(index)"))
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            }
            return latencies
        }
    }
    var all: [Double] = []
    for try await part in group { all += part }
    return all
}.sorted()
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let closed = held?.closedByServer ?? 0
held?.release()
let statistics = await server.statistics()
await server.stop()

func percentile(_ p: Double) -> String { String(format: "%.2f ms", latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) }
print("requests: \(latencies.count) signed POSTs from \(tasks) tasks over loopback (URLSession, C2 signing, local CC-CMS verifying)")
print("rate:     \(String(format: "%.0f", Double(latencies.count) / seconds)) requests/s (\(String(format: "%.2f", seconds)) s)")
print("latency:  p50 \(percentile(0.5)), p90 \(percentile(0.9)), p99 \(percentile(0.99)), max \(percentile(1.0))")
if hold > 0 { print("held:     \(hold) connections (\(hold / 2) silent, \(hold - hold / 2) sending a header byte every 0.5 s), \(closed) closed by the server") }
let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
if let peak = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
    print("memory:   peak \(peak.dropFirst(6).trimmingCharacters(in: .whitespaces)) (client and server, one process)")
}
print("server:   received \(statistics.received), served \(statistics.served), unauthorized \(statistics.unauthorized), invalid \(statistics.invalid)")
