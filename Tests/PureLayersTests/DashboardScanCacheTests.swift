import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopStatistics
@testable import ModelTopMonitor

/// The cached dashboard build against a fresh one and the one-pass oracle, over random appends.
@Suite struct DashboardScanCacheTests {
    /// Snapshots compared as text: `==` on doubles says NaN ≠ NaN, and the text tells −0 from +0.
    static func text(_ snapshot: DashboardSnapshot) -> String {
        var out = ""
        dump(snapshot, to: &out)
        return out
    }

    static let header = "timestamp,d0,d1,d2,target,prediction,latency_ms,confidence"
    static let headerWithoutTime = "d0,d1,d2,target,prediction,latency_ms,confidence"

    static func schema(_ header: String) -> TableSchema {
        try! header.utf8.withContiguousStorageIfAvailable { bytes throws(ModelTopError) in
            try TableSchema.parse(header: bytes, file: "prod.csv")
        }!
    }

    /// Random production rows: values mostly inside the reference's range, some NaN or ±inf,
    /// timestamps mostly rising (some NaN), labels from a growing set, latency with ±0.
    struct Rows {
        var random: SeededGenerator
        var clock = 1_700_000_000.0
        var timed = true

        init(seed: UInt64) { random = SeededGenerator(seed: seed) }

        mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &random) }
        mutating func chance(_ p: Double) -> Bool { uniform(0...1) < p }

        mutating func value(dimension d: Int) -> Double {
            if chance(0.04) { return [.nan, .infinity, -.infinity][Int.random(in: 0..<3, using: &random)] }
            switch d {
            case 1: return chance(0.97) ? 5 : uniform(4.5...5.5)  // constant in the reference
            default: return uniform(-2.5...2.5)
            }
        }

        /// `outlier`: one value far outside the range; `jump`: time leaps forward (new window
        /// width); `earlier`: one timestamp before every other (the windows' start moves).
        mutating func chunk(rows: Int, outlier: Bool = false, jump: Bool = false, earlier: Bool = false) -> TableChunk {
            var chunk = TableChunk(dimensions: 3, probabilityColumns: 0)
            chunk.rowCount = rows
            chunk.lineCount = rows
            chunk.embeddings = (0..<3).map { d in (0..<rows).map { _ in value(dimension: d) } }
            if outlier, rows > 0 {
                let d = Int.random(in: 0..<3, using: &random)
                chunk.embeddings[d][Int.random(in: 0..<rows, using: &random)] = (chance(0.5) ? 1 : -1) * uniform(10...1000)
            }
            if timed {
                if jump { clock += uniform(3600...400_000) }
                chunk.timestamp = (0..<rows).map { _ in
                    clock += uniform(0...40)
                    return chance(0.08) ? .nan : clock
                }
                if earlier, rows > 0 { chunk.timestamp[0] = clock - uniform(1e5...1e7) }
            }
            chunk.labelNames = ["a", "b", "c", chance(0.2) ? "late" : "b"]
            chunk.target = (0..<rows).map { _ in Int32.random(in: 0..<4, using: &random) }
            chunk.prediction = chunk.target.map { chance(0.7) ? $0 : Int32.random(in: 0..<4, using: &random) }
            chunk.latencyMs = (0..<rows).map { _ in chance(0.05) ? .nan : chance(0.05) ? (chance(0.5) ? 0.0 : -0.0) : uniform(1...200) }
            chunk.confidence = (0..<rows).map { _ in chance(0.05) ? .nan : uniform(0.3...1) }
            return chunk
        }

        /// A reference: d0 spread, d1 constant, d2 without a finite value (no deciles).
        mutating func reference(header: String) -> ReferenceProfile {
            var chunk = TableChunk(dimensions: 3, probabilityColumns: 0)
            let rows = Int.random(in: 30...120, using: &random)
            chunk.rowCount = rows
            chunk.lineCount = rows
            chunk.embeddings = [(0..<rows).map { _ in uniform(-3...3) }, Array(repeating: 5, count: rows), Array(repeating: .nan, count: rows)]
            chunk.timestamp = header.hasPrefix("timestamp") ? Array(repeating: 0, count: rows) : []
            chunk.labelNames = ["a", "b", "c"]
            chunk.target = (0..<rows).map { _ in Int32.random(in: 0..<3, using: &random) }
            chunk.prediction = chunk.target
            chunk.latencyMs = Array(repeating: 1, count: rows)
            chunk.confidence = Array(repeating: 1, count: rows)
            var table = DataTable(schema: schema(header), file: "ref.csv")
            table.append(chunk)
            return ReferenceProfile(table: table)
        }
    }

    static func monitor(_ reference: ReferenceProfile, header: String) -> Monitor {
        Monitor(reference: reference, productionSchema: schema(header), productionFile: "prod.csv")
    }

    /// Builds with `cache`, then checks against a fresh build and the one-pass oracle.
    static func check(_ monitor: Monitor, bins: Int = 24, cache: inout DashboardScanCache, _ note: String) {
        let cached = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0, histogramBins: bins, cache: &cache)
        let fresh = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0, histogramBins: bins)
        #expect(text(cached) == text(fresh), "cached ≠ fresh: \(note)")
        #expect(text(fresh) == text(onePassSnapshot(monitor: monitor, histogramBins: bins)), "fresh ≠ one pass: \(note)")
    }

    @Test(arguments: 0..<24)
    func randomAppendsGiveTheFreshSnapshot(seed: UInt64) throws {
        var rows = Rows(seed: seed)
        let header = seed % 4 == 3 ? Self.headerWithoutTime : Self.header
        rows.timed = header == Self.header
        var reference = rows.reference(header: header)
        var monitor = Self.monitor(reference, header: header)
        var cache = DashboardScanCache()
        for step in 0..<30 {
            let action = Int.random(in: 0..<20, using: &rows.random)
            var note = "seed \(seed) step \(step)"
            switch action {
            case 0:
                // The file restarted: a new monitor with fewer rows than before.
                note += " restart"
                monitor = Self.monitor(reference, header: header)
                monitor.append(rows.chunk(rows: Int.random(in: 0...5, using: &rows.random)))
            case 1:
                note += " new reference"
                reference = rows.reference(header: header)
                monitor = Self.monitor(reference, header: header)
            default:
                for _ in 0..<Int.random(in: 0...3, using: &rows.random) {
                    let size = Int.random(in: 0...40, using: &rows.random)
                    monitor.append(rows.chunk(
                        rows: size, outlier: rows.chance(0.15), jump: rows.chance(0.08), earlier: rows.chance(0.04)))
                }
            }
            let bins = rows.chance(0.15) ? 12 : 24
            if rows.chance(0.15), monitor.rows > 2 {
                // A restricted window drops the oldest rows from what the dashboard sees.
                Self.check(try monitor.restricted(to: .rows(monitor.rows / 2)), bins: bins, cache: &cache, note + " window")
            } else {
                Self.check(monitor, bins: bins, cache: &cache, note)
            }
        }
    }

    @Test func eachChangeStartsOverOnlyWhatItInvalidates() throws {
        var rows = Rows(seed: 99)
        let reference = rows.reference(header: Self.header)
        var monitor = Self.monitor(reference, header: Self.header)
        var cache = DashboardScanCache()
        monitor.append(rows.chunk(rows: 200))
        Self.check(monitor, cache: &cache, "first")
        #expect(cache.lastWork.rows == 200)

        // In range, same windows: only the new rows are counted.
        var inRange = rows.chunk(rows: 30)
        inRange.embeddings = inRange.embeddings.map { $0.map { $0.isFinite ? min(max($0, -2), 2) : $0 } }
        inRange.embeddings[1] = Array(repeating: 5, count: 30)
        monitor.append(inRange)
        Self.check(monitor, cache: &cache, "in range")
        #expect(cache.lastWork == .init(rows: 30, startedOver: false, recountedDimensions: 0, recountedWindows: false))

        // Nothing new: nothing counted.
        Self.check(monitor, cache: &cache, "again")
        #expect(cache.lastWork == .init())

        // An outlier in d0 widens its layout only: its counts are added in pairs, none counted again.
        var outlier = inRange
        outlier.embeddings[0][3] = 1e6
        monitor.append(outlier)
        Self.check(monitor, cache: &cache, "outlier")
        #expect(cache.lastWork.widenedDimensions == 1 && cache.lastWork.recountedDimensions == 0 && !cache.lastWork.recountedWindows)

        // Another bin count recounts every histogram.
        Self.check(monitor, bins: 10, cache: &cache, "bins")
        #expect(cache.lastWork.recountedDimensions == 3)

        // Three days later the windows widen: every window count starts over.
        monitor.append(rows.chunk(rows: 5, jump: false))
        var late = rows.chunk(rows: 5)
        late.timestamp = late.timestamp.map { $0 + 3 * 86_400 }
        monitor.append(late)
        Self.check(monitor, bins: 10, cache: &cache, "wider windows")
        #expect(cache.lastWork.recountedWindows && !cache.lastWork.startedOver)

        // A restricted window dropped rows: a different monitor.
        Self.check(try monitor.restricted(to: .rows(100)), bins: 10, cache: &cache, "window")
        #expect(cache.lastWork.startedOver && cache.lastWork.rows == 100)

        // A restarted file with more rows than before is still another monitor.
        var restarted = Self.monitor(reference, header: Self.header)
        restarted.append(rows.chunk(rows: 400))
        Self.check(restarted, bins: 10, cache: &cache, "restart")
        #expect(cache.lastWork.startedOver && cache.lastWork.rows == 400)
    }

    @Test func rowsWithoutTimestampsStayOutOfLaterWindows() {
        var rows = Rows(seed: 5)
        let reference = rows.reference(header: Self.header)
        var monitor = Self.monitor(reference, header: Self.header)
        var cache = DashboardScanCache()
        var untimed = rows.chunk(rows: 20)
        untimed.timestamp = Array(repeating: .nan, count: 20)
        monitor.append(untimed)
        Self.check(monitor, cache: &cache, "no timestamps yet")
        monitor.append(rows.chunk(rows: 20))
        Self.check(monitor, cache: &cache, "timestamps arrive")
        #expect(!cache.lastWork.recountedWindows && cache.lastWork.rows == 20)
    }

    @Test func sortedSampleMatchesASortAcrossInsertsAndSplits() {
        var random = SeededGenerator(seed: 3)
        var sample = SortedSample()
        var column: [Double] = []
        for round in 0..<120 {
            let size = round == 0 ? 3000 : Int.random(in: 0...60, using: &random)
            for _ in 0..<size {
                let pick = Int.random(in: 0..<20, using: &random)
                column.append(pick == 0 ? .nan : pick == 1 ? -0.0 : pick == 2 ? 0.0 : Double(Int.random(in: -500...500, using: &random)) / 7)
            }
            sample.fold(column)
            let sorted = column.withUnsafeBufferPointer { RadixSort.sortedFinite($0).sorted }
            #expect(sample.count == sorted.count)
            if round % 20 == 0 || round == 119 {
                #expect((0..<sorted.count).allSatisfy { sample.element(at: $0).bitPattern == sorted[$0].bitPattern })
            }
            for q in [0, 0.013, 0.5, 0.95, 0.99, 1] {
                #expect(sample.quantile(q).bitPattern == NumpyArithmetic.quantile(sorted: sorted, q).bitPattern)
            }
        }
    }
}
