// Writes the benchmark's data set: a 60,000-row reference and a 1,000,000-row production CSV
// with 32 embedding columns and 10 classes, the same bytes for the same seed on any machine.
//
// usage: modeltop-benchdata OUT_DIR [--reference-rows N] [--production-rows N] [--dimensions N] [--seed N]
import Glibc
import ModelTopBase

/// Uniform and normal draws on the seeded generator, so the data set is the same everywhere.
extension SeededGenerator {
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Box–Muller standard normal.
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// `%.Nf` without varargs: round to N decimals, then print the integer and fraction parts.
func fixed(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int64((abs(value) * scale).rounded())
    let whole = scaled / Int64(scale), fraction = String(scaled % Int64(scale))
    let sign = value < 0 && scaled != 0 ? "-" : ""
    return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

func fail(_ message: String) -> Never {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

struct Options {
    var out = ""
    var referenceRows = 60_000
    var productionRows = 1_000_000
    var dimensions = 32
    var seed: UInt64 = 42
}

func parseOptions() -> Options? {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--reference-rows": options.referenceRows = Int(arguments.popFirst() ?? "") ?? -1
        case "--production-rows": options.productionRows = Int(arguments.popFirst() ?? "") ?? -1
        case "--dimensions": options.dimensions = Int(arguments.popFirst() ?? "") ?? -1
        case "--seed": options.seed = UInt64(arguments.popFirst() ?? "") ?? 0
        default: options.out = argument
        }
    }
    guard !options.out.isEmpty, options.referenceRows > 0, options.productionRows > 0, options.dimensions > 0 else { return nil }
    return options
}

/// Writes one file; production rows drift slowly (a shift growing along the file) and carry
/// predictions that are right ~90% of the time, wrong more often as the drift grows.
func write(path: String, rows: Int, dimensions: Int, production: Bool, random: inout SeededGenerator) -> Bool {
    guard let file = fopen(path, "w") else { return false }
    defer { fclose(file) }
    var header = (1...dimensions).map { "emb_\($0)" }.joined(separator: ",") + ",target"
    if production { header += ",prediction,timestamp,latency_ms,confidence" }
    fputs(header + "\n", file)
    var row = ""
    row.reserveCapacity(512)
    for r in 0..<rows {
        row.removeAll(keepingCapacity: true)
        let label = Int(random.next() % 10)
        let progress = production ? Double(r) / Double(rows) : 0
        for d in 0..<dimensions {
            let center = Double((label * 7 + d * 3) % 10) / 5 - 1
            let shift = production && d % 3 == 0 ? 0.6 * progress : 0
            let value = center + random.normal() + shift
            row += fixed(value, decimals: 6)
            row += ","
        }
        row += String(label)
        if production {
            let wrong = random.uniform() < 0.08 + 0.2 * progress
            let prediction = wrong ? Int(random.next() % 10) : label
            let latency = exp(2.3 + 0.35 * random.normal())
            let confidence = wrong ? 0.3 + 0.5 * random.uniform() : 0.8 + 0.2 * random.uniform()
            row += ",\(prediction),\(1_795_000_000 + r / 20),\(fixed(latency, decimals: 3)),\(fixed(confidence, decimals: 4))"
        }
        row += "\n"
        fputs(row, file)
    }
    return true
}

guard let options = parseOptions() else {
    fail("usage: modeltop-benchdata OUT_DIR [--reference-rows N] [--production-rows N] [--dimensions N] [--seed N]")
}
mkdir(options.out, 0o755)
var random = SeededGenerator(seed: options.seed)
let ok = write(path: options.out + "/ref_data.csv", rows: options.referenceRows, dimensions: options.dimensions, production: false, random: &random)
    && write(path: options.out + "/prod_data.csv", rows: options.productionRows, dimensions: options.dimensions, production: true, random: &random)
if !ok { fail("modeltop-benchdata: cannot write into \(options.out)") }
