// Times watch mode's incremental step (issue 5): 1,000 rows appended to a 1,000,000-row
// production set, parsed, counted into the drift statistics and reported, against a
// 60,000-row reference. Target: ≤ 20 ms of computation.
//
// usage: modeltop-bench-append [DATA_DIR]   (default bench-data, written by scripts/bench-report.sh)
import Dispatch
import ModelTopCore
import ModelTopIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
}

/// The first `limit` bytes of a file (enough for the batches).
func readPrefix(_ path: String, limit: Int) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: limit)
    let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, limit) }
    return Array(bytes.prefix(max(0, count)))
}

let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "bench-data"
do {
    let reference = ReferenceProfile(table: try DataFiles.loadTable(path: directory + "/ref_data.csv"))
    var monitor = try DataFiles.loadMonitor(reference: reference, productionPath: directory + "/prod_data.csv")
    let clock = ContinuousClock()
    let first = clock.measure { monitor.catchUpStatistics() }
    _ = monitor.report(options: DriftOptions())
    print("loaded \(monitor.rows) production rows; first catch-up (counts + one sort) \(first)")

    // Batches of 1,000 real rows from the start of the same file, appended again.
    let bytes = readPrefix(directory + "/prod_data.csv", limit: 64 << 20)
    let body = bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    var batches: [ArraySlice<UInt8>] = []
    var start = body, lines = 0
    for k in body..<bytes.count where bytes[k] == UInt8(ascii: "\n") {
        lines += 1
        if lines == 1_000 {
            batches.append(bytes[start...k])
            start = k + 1
            lines = 0
            if batches.count == 100 { break }
        }
    }
    let parser = ChunkParser(schema: monitor.productionSchema, file: "prod_data.csv")
    var wall: [Double] = [], cpu: [Double] = [], counting: [Double] = [], reporting: [Double] = []
    for batch in batches {
        let cpuBefore = cpuSeconds()
        let start = clock.now
        let chunk = Array(batch).withUnsafeBufferPointer { parser.parse($0) }
        monitor.append(chunk)
        monitor.catchUpStatistics()
        let counted = clock.now
        _ = monitor.report(options: DriftOptions())
        let end = clock.now
        wall.append(milliseconds(end - start))
        counting.append(milliseconds(counted - start))
        reporting.append(milliseconds(end - counted))
        cpu.append((cpuSeconds() - cpuBefore) * 1e3)
    }
    wall.sort()
    cpu.sort()
    counting.sort()
    reporting.sort()
    func row(_ name: String, _ values: [Double]) -> String {
        let p = { (q: Double) in values[min(values.count - 1, Int(Double(values.count) * q))] }
        return "\(name): median \(Int(p(0.5) * 10) / 10) ms, p90 \(Int(p(0.9) * 10) / 10) ms, max \(Int(values.last! * 10) / 10) ms"
    }
    print("\(batches.count) appends of 1,000 rows onto \(monitor.rows - batches.count * 1_000)+ rows × \(reference.dimensions.count) dimensions")
    print(row("wall", wall))
    print(row("cpu ", cpu))
    print(row("  parse + append + count (wall)", counting))
    print(row("  report (wall)", reporting))
} catch {
    print("modeltop-bench-append: \(error)")
    exit(2)
}
