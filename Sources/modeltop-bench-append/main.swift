// Times watch mode's incremental step (issue 5): 1,000 rows appended to a 1,000,000-row
// production set, parsed, counted into the drift statistics and reported, against a
// 60,000-row reference. Target: ≤ 20 ms of computation. Then the live dashboard's step: a
// `DashboardSnapshot.build` after each append, carrying a `DashboardScanCache`.
//
// usage: modeltop-bench-append [DATA_DIR]   (default bench-data, written by scripts/bench-report.sh)
import Dispatch
import ModelTopIO
import Glibc
import ModelTopTables
import ModelTopStatistics
import ModelTopMonitor
import Foundation

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
    var cache = DashboardScanCache()
    let firstBuild = clock.measure {
        _ = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0, cache: &cache)
    }
    print("first dashboard build (every row counted into the cache) \(firstBuild)")
    var foldOnly = DashboardScanCache()
    foldOnly.fold(monitor)

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
    var dashboardWall: [Double] = [], dashboardCPU: [Double] = [], folding: [Double] = []
    var recountedDimensions = 0, recountedWindows = 0, startedOver = 0
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

        let dashboardCPUBefore = cpuSeconds()
        let dashboardStart = clock.now
        _ = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0, cache: &cache)
        dashboardWall.append(milliseconds(clock.now - dashboardStart))
        dashboardCPU.append((cpuSeconds() - dashboardCPUBefore) * 1e3)
        // The same step without its report (histograms, windows, summaries), on a second cache
        // that shares no storage with the first, so neither pays for copy-on-write.
        let foldStart = clock.now
        foldOnly.fold(monitor)
        folding.append(milliseconds(clock.now - foldStart))
        recountedDimensions += cache.lastWork.recountedDimensions
        recountedWindows += cache.lastWork.recountedWindows ? 1 : 0
        startedOver += cache.lastWork.startedOver ? 1 : 0
    }
    dashboardWall.sort()
    dashboardCPU.sort()
    folding.sort()
    wall.sort()
    cpu.sort()
    counting.sort()
    reporting.sort()
    /// Median, p90 and max of sorted milliseconds, whole (`12 ms`) or to a tenth (`10.5 ms`).
    func row(_ name: String, _ values: [Double], tenths: Bool = false) -> String {
        let shown = { (x: Double) in tenths ? "\(Double(Int(x * 10)) / 10)" : "\(Int(x * 10) / 10)" }
        let p = { (q: Double) in values[min(values.count - 1, Int(Double(values.count) * q))] }
        return "\(name): median \(shown(p(0.5))) ms, p90 \(shown(p(0.9))) ms, max \(shown(values.last!)) ms"
    }
    print("\(batches.count) appends of 1,000 rows onto \(monitor.rows - batches.count * 1_000)+ rows × \(reference.dimensions.count) dimensions")
    print(row("wall", wall))
    print(row("cpu ", cpu))
    print(row("  parse + append + count (wall)", counting))
    print(row("  report (wall)", reporting))
    print(row("dashboard build with cache, after each append (wall)", dashboardWall, tenths: true))
    print(row("dashboard build with cache, after each append (cpu) ", dashboardCPU, tenths: true))
    print(row("  of which the cache's fold of the new rows (wall)", folding, tenths: true))
    print("  recounted from the first row: \(recountedDimensions) dimension histograms, windows \(recountedWindows) times, everything \(startedOver) times")
    // One more batch with a value far past one dimension's range: that histogram starts over.
    var outlier = Array(batches[0]).withUnsafeBufferPointer { parser.parse($0) }
    outlier.embeddings[0][0] = 1e6
    monitor.append(outlier)
    monitor.catchUpStatistics()
    let recount = clock.measure { foldOnly.fold(monitor) }
    print("an append with one value past a dimension's range: fold \(recount) (\(foldOnly.lastWork.recountedDimensions) dimension recounted)")
    let fresh = clock.measure { _ = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0) }
    print("dashboard build without a cache (every row), once: \(fresh)")
    // The Overview's recent window (the last 15 minutes, at least 500 rows) is judged per
    // snapshot: its cost for 500 rows, 15 minutes at 20 and at 100 requests a second.
    for rows in [500, 18_000, 90_000] {
        let times = (0..<3).map { _ in
            clock.measure {
                let recent = (try? monitor.restricted(to: .rows(rows))) ?? monitor
                _ = DriftReport.compute(reference: recent.reference.dimensions, production: recent.dimensions, options: DriftOptions())
            }
        }
        print("recent window of \(rows) rows: \(times.map { String(format: "%.1f", milliseconds($0)) }.joined(separator: ", ")) ms")
    }
} catch {
    print("modeltop-bench-append: \(error)")
    exit(2)
}
