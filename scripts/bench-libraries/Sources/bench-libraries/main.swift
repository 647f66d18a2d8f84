// Each hand-written part of modeltop against the library or the standard call it stands in for,
// on the benchmark data set (modeltop-benchdata, scripts/make_bench_logs.py). Prints CPU time
// per path (best of RUNS), and checks that both paths agree where they should.
import CSV
import Foundation
import Glibc
import Histogram
import ModelTopIO
import ModelTopLogs
import ModelTopStatistics
import ModelTopTables
import Subprocess
import SwiftCSV

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: bench-libraries BENCH-DATA-DIR numbers|csv|json|sort|percentiles|spawn|all [runs]")
    exit(2)
}
let data = arguments[1], what = arguments[2]
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3

/// CPU seconds (user + system) of `body`, best of `runs`, and its last result.
func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    var best = Double.infinity
    var result: T?
    for _ in 0..<runs {
        var before = rusage(), after = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &before)
        result = try body()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &after)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        best = min(best, seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime) - seconds(before.ru_stime))
    }
    print("  " + label.padding(toLength: 60, withPad: " ", startingAt: 0) + String(format: "%8.3f s CPU", best))
    return result!
}

/// The first `lines` lines of a file (header included), as bytes.
func head(_ path: String, lines: Int) throws -> [UInt8] {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var seen = 0
    for (k, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
        seen += 1
        if seen == lines { return Array(bytes[...k]) }
    }
    return bytes
}

func numbers() throws {
    print("number parsing: every embedding field of 100,000 production rows")
    let bytes = try head(data + "/prod_data.csv", lines: 100_001)
    let header = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
    var fields: [Range<Int>] = []
    var start = header
    for k in header..<bytes.count where bytes[k] == UInt8(ascii: ",") || bytes[k] == UInt8(ascii: "\n") {
        fields.append(start..<k)
        start = k + 1
    }
    let ours = measure("DecimalParser.parse (Eisel-Lemire, strtod fallback)") {
        bytes.withUnsafeBufferPointer { buffer in
            fields.reduce(0.0) { sum, field in
                if case .number(let value) = DecimalParser.parse(buffer.baseAddress!, field.lowerBound, field.upperBound) { return sum + value }
                return sum
            }
        }
    }
    let swift = measure("Double(Substring) (the standard library)") {
        let text = String(decoding: bytes, as: UTF8.self).utf8
        return fields.reduce(0.0) { sum, field in
            let lower = text.index(text.startIndex, offsetBy: field.lowerBound), upper = text.index(lower, offsetBy: field.count)
            return sum + (Double(Substring(text[lower..<upper])) ?? 0)
        }
    }
    let c = measure("strtod (the C library)") {
        var copy = bytes + [0]
        return copy.withUnsafeMutableBufferPointer { buffer in
            fields.reduce(0.0) { sum, field in
                let saved = buffer[field.upperBound]
                buffer[field.upperBound] = 0
                defer { buffer[field.upperBound] = saved }
                return sum + UnsafeRawPointer(buffer.baseAddress! + field.lowerBound)
                    .withMemoryRebound(to: CChar.self, capacity: field.count + 1) { strtod($0, nil) }
            }
        }
    }
    print("  sums agree bit for bit: \(ours == swift && swift == c) (\(ours))")
}

func csv() throws {
    print("CSV: 100,000 production rows into 32 Double columns")
    let bytes = try head(data + "/prod_data.csv", lines: 100_001)
    let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))!
    let text = String(decoding: bytes, as: UTF8.self)
    let ours = try measure("ChunkParser (modeltop)") { () throws -> Double in
        let schema = try bytes[..<headerEnd].withUnsafeBufferPointer { try TableSchema.parse(header: $0, file: "prod_data.csv") }
        let chunk = bytes[(headerEnd + 1)...].withUnsafeBufferPointer { ChunkParser(schema: schema, file: "prod_data.csv").parse($0) }
        return chunk.embeddings.reduce(0.0) { $0 + $1.reduce(0, +) }
    }
    let names = String(decoding: bytes[..<headerEnd], as: UTF8.self).split(separator: ",")
    let embeddingColumns = names.indices.filter { names[$0].hasPrefix("emb_") }
    let csvSwift = try measure("CSV.swift CSVReader + Double(String)") { () throws -> Double in
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var sum = 0.0
        while let row = reader.next() { for k in embeddingColumns { sum += Double(row[k]) ?? 0 } }
        return sum
    }
    let swiftCSV = try measure("SwiftCSV EnumeratedCSV + Double(String)") { () throws -> Double in
        let parsed = try EnumeratedCSV(string: text, loadColumns: false)
        var sum = 0.0
        for row in parsed.rows { for k in embeddingColumns { sum += Double(row[k]) ?? 0 } }
        return sum
    }
    print("  checksums: modeltop \(ours), CSV.swift \(csvSwift), SwiftCSV \(swiftCSV)")
}

func json() throws {
    print("JSON: 200,000 prediction-log lines")
    let bytes = try head(data + "/logs/predictions.jsonl", lines: 200_000)
    let ours = measure("LogChunkParser (modeltop's JSONScanner)") {
        bytes.withUnsafeBufferPointer { LogChunkParser(file: "predictions.jsonl").parse($0).lineCount }
    }
    let lines = bytes.split(separator: UInt8(ascii: "\n"))
    let foundation = measure("JSONSerialization, line by line") {
        lines.reduce(0) { count, line in (try? JSONSerialization.jsonObject(with: Data(line))) == nil ? count : count + 1 }
    }
    struct Line: Decodable {
        var ts: Double?
        var id: String
        var latency_ms: Double?
        var prediction: Int?
        var probs: [Double]?
        var status: Int?
        var target: Int?
    }
    let decoder = JSONDecoder()
    let decodable = measure("JSONDecoder into a struct, line by line") {
        lines.reduce(0) { count, line in (try? decoder.decode(Line.self, from: Data(line))) == nil ? count : count + 1 }
    }
    print("  lines read: modeltop \(ours), JSONSerialization \(foundation), JSONDecoder \(decodable)")
}

func sort() {
    print("sorting: one production column of 1,000,000 doubles")
    var generator = SystemRandomNumberGenerator()
    let values = (0..<1_000_000).map { _ in (Double.random(in: -4...4, using: &generator) * 1e6).rounded() / 1e6 }
    let ours = measure("RadixSort.sorted (modeltop)") { RadixSort.sorted(values) }
    let standard = measure("Array.sorted() (introsort)") { values.sorted() }
    print("  identical: \(ours == standard)")
}

func percentiles() throws {
    print("latency percentiles: every request of the log benchmark")
    let bytes = try head(data + "/logs/predictions.jsonl", lines: 2_000_000)
    var monitor = LogMonitor()
    monitor.append(bytes.withUnsafeBufferPointer { LogChunkParser(file: "predictions.jsonl").parse($0) }, firstLine: 1)
    let latencies = monitor.table.latencyMs.filter { !$0.isNaN }
    let exact = measure("LatencySummary.compute (sort + numpy's linear percentile)") { LatencySummary.compute(latencies) }
    let hdr = measure("HdrHistogram, 3 significant digits, in microseconds") { () -> [Double] in
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        for value in latencies { _ = histogram.record(UInt64(max(1, (value * 1000).rounded()))) }
        return [50, 95, 99].map { Double(histogram.valueAtPercentile($0)) / 1000 }
    }
    if let exact {
        print("  exact p50 \(exact.p50), p95 \(exact.p95), p99 \(exact.p99) ms; HdrHistogram \(hdr) ms")
    }
}

func spawn() async throws {
    print("starting a child: 200 runs of /bin/true, waiting for each")
    let clock = ContinuousClock()
    var ours = Duration.seconds(1000)
    for _ in 0..<runs {
        let start = clock.now
        for _ in 0..<200 {
            let child = try ChildProcess.start(path: "/bin/true", arguments: [], now: 0)
            while child.isRunning { _ = child.pump(now: 0, budget: 1 << 16); usleep(200) }
        }
        ours = min(ours, clock.now - start)
    }
    print("  ChildProcess / posix_spawn (modeltop), polled every 0.2 ms: \(ours) wall for 200")
    var best = Duration.seconds(1000)
    for _ in 0..<runs {
        let start = clock.now
        for _ in 0..<200 { _ = try await run(.path("/bin/true"), output: .discarded) }
        best = min(best, clock.now - start)
    }
    print("  swift-subprocess run(.path(\"/bin/true\")), awaited: \(best) wall for 200")
}

/// The floor under any report on the file: one parallel parse of every row, nothing computed
/// (the streamed report's pass 1 is this plus the counting; issue 15's speed target is below it).
func parse() throws {
    print("Parse only: every row of prod_data.csv through CSVFileStream's parallel parse, nothing computed")
    for _ in 0..<runs {
        let start = Date()
        var before = rusage(), after = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &before)
        let stream = try CSVFileStream(path: data + "/prod_data.csv", roundBytes: StreamedProduction.roundBytes)
        let parser = ChunkParser(schema: stream.schema, file: stream.name)
        var rows = 0
        try stream.forEachChunk(parser: parser) { chunk, _ in rows += chunk.rowCount }
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &after)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let cpu = seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime) - seconds(before.ru_stime)
        print(String(format: "  %d rows: %.3f s wall, %.3f s CPU", rows, Date().timeIntervalSince(start), cpu))
    }
}

switch what {
case "parse": try parse()
case "numbers": try numbers()
case "csv": try csv()
case "json": try json()
case "sort": sort()
case "percentiles": try percentiles()
case "spawn": try await spawn()
case "all":
    try numbers()
    try csv()
    try json()
    sort()
    try percentiles()
    try await spawn()
default:
    print("unknown benchmark \(what)")
    exit(2)
}
