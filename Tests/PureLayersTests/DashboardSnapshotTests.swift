import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopStatistics
@testable import ModelTopMonitor
import ModelTopIO

/// The dashboard snapshot: histograms, windows over time and quality change, from the fixtures.
@Suite struct DashboardSnapshotTests {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/digits", isDirectory: true)
    }

    static func monitor(_ production: String) throws -> Monitor {
        let reference = try DataFiles.loadTable(path: fixtures.appendingPathComponent("ref_data.csv").path, name: "ref_data.csv")
        return try DataFiles.loadMonitor(
            reference: ReferenceProfile(table: reference), productionPath: fixtures.appendingPathComponent(production).path,
            name: production)
    }

    /// A monitor over synthetic columns, built without text: `values[d][row]`.
    static func synthetic(reference: [[Double]], production: [[Double]], timestamps: [Double] = [], labels: Bool = true) -> Monitor {
        let names = reference.indices.map { "d\($0)" }
        let header = (timestamps.isEmpty ? [] : ["timestamp"]) + names + (labels ? ["target", "prediction"] : [])
        let schema = try! header.joined(separator: ",").utf8.withContiguousStorageIfAvailable { bytes throws(ModelTopError) in
            try TableSchema.parse(header: bytes, file: "x.csv")
        }!
        func chunk(_ columns: [[Double]], _ time: [Double]) -> TableChunk {
            var chunk = TableChunk(dimensions: columns.count, probabilityColumns: 0)
            chunk.embeddings = columns
            chunk.rowCount = columns.first?.count ?? 0
            chunk.lineCount = chunk.rowCount
            chunk.timestamp = time
            if labels {
                chunk.labelNames = ["a", "b"]
                chunk.target = (0..<chunk.rowCount).map { Int32($0 % 2) }
                chunk.prediction = (0..<chunk.rowCount).map { Int32($0 % 3 == 0 ? 1 : $0 % 2) }
            }
            return chunk
        }
        var table = DataTable(schema: schema, file: "ref.csv")
        table.append(chunk(reference, timestamps.isEmpty ? [] : Array(repeating: 0, count: reference[0].count)))
        var monitor = Monitor(reference: ReferenceProfile(table: table), productionSchema: schema, productionFile: "prod.csv")
        monitor.append(chunk(production, timestamps))
        return monitor
    }

    /// The reference's range, doubled around its centre as often as production needs.
    @Test func histogramsCoverTheUnionRangeAndSumToOne() throws {
        let monitor = try Self.monitor("prod_data.csv")
        let snapshot = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0)
        #expect(snapshot.histograms.count == 16)
        for (d, histogram) in snapshot.histograms.enumerated() {
            let reference = monitor.reference.dimensions[d].sorted, production = monitor.dimensions[d].values
            let low = min(reference.first!, production.min()!), high = max(reference.last!, production.max()!)
            #expect(histogram.lower <= low && histogram.upper >= high)
            let doublings = log2((histogram.upper - histogram.lower) / (reference.last! - reference.first!))
            #expect(abs(doublings - doublings.rounded()) < 1e-9, "a power of two of the reference's range")
            // The smallest such range: half of it would leave a value out.
            let centre = (reference.first! + reference.last!) / 2, half = (histogram.upper - histogram.lower) / 4
            #expect(doublings.rounded() == 0 || low < centre - half * (1 - 1e-9) || high > centre + half * (1 - 1e-9))
            #expect(histogram.reference.count == 24 && histogram.production.count == 24)
            #expect(abs(histogram.reference.reduce(0, +) - 1) < 1e-9)
            #expect(abs(histogram.production.reduce(0, +) - 1) < 1e-9)
            // The merge over sorted reference values agrees with binning each value.
            let scale = 24 / (histogram.upper - histogram.lower)
            var naive = [Double](repeating: 0, count: 24)
            for v in reference { naive[min(23, Int((v - histogram.lower) * scale))] += 1 / Double(reference.count) }
            // Equal but for a value lying on a bin edge, which rounding may put on either side.
            let moved = zip(naive, histogram.reference).reduce(0) { $0 + abs($1.0 - $1.1) }
            #expect(moved <= 2.0 / Double(reference.count) + 1e-9, "\(naive) \(histogram.reference)")
        }
    }

    @Test func windowsFitTheSpanAndCountEveryRow() throws {
        let monitor = try Self.monitor("prod_data.csv")
        let snapshot = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0)
        let timeline = try #require(snapshot.timeline)
        // 899 rows one minute apart from 1795000000 (not on a quarter hour): 15-minute windows
        // aligned to the clock would need 61, so 30-minute ones, 31 of them.
        #expect(timeline.windowSeconds == 1800)
        #expect(timeline.windowName == "30 min")
        #expect(timeline.windowCount == 31)
        #expect(timeline.start.truncatingRemainder(dividingBy: 1800) == 0 && timeline.start <= 1_795_000_000)
        #expect(timeline.rows.reduce(0, +) == 899)
        #expect(timeline.psi.count == 16 && timeline.psi.allSatisfy { $0.count == 31 })
        // Accuracy per window recomputed row by row.
        for w in [0, 15, 30] {
            let rows = monitor.timestamp.indices.filter { Int((monitor.timestamp[$0] - timeline.start) / 1800) == w }
            let correct = rows.filter { monitor.target[$0] == monitor.prediction[$0] }.count
            #expect(abs(timeline.accuracy[w] - Double(correct) / Double(rows.count)) < 1e-12)
        }
        let change = try #require(snapshot.qualityChange)
        #expect(change.current.rows == timeline.rows[30])
        #expect(change.previous.rows == timeline.rows[29])
        #expect(abs(change.accuracy - (timeline.accuracy[30] - timeline.accuracy[29])) < 1e-12)
    }

    @Test func theDriftedFixtureDriftsOverTimeAndRaisesAlerts() throws {
        let snapshot = DashboardSnapshot.build(monitor: try Self.monitor("prod_data.csv"), options: DriftOptions(), generatedAt: 42)
        #expect(snapshot.generatedAt == 42)
        #expect(snapshot.productionFile == "prod_data.csv" && snapshot.referenceFile == "ref_data.csv")
        let timeline = try #require(snapshot.timeline)
        let worst = snapshot.report.drift.dimensions.indices.max { snapshot.report.drift.dimensions[$0].psi < snapshot.report.drift.dimensions[$1].psi }!
        let early = timeline.psi[worst].prefix(10).filter(\.isFinite), late = timeline.psi[worst].suffix(10).filter(\.isFinite)
        let earlyMean: Double = early.reduce(0, +) / Double(early.count)
        let lateMean: Double = late.reduce(0, +) / Double(late.count)
        #expect(lateMean > earlyMean)
        #expect(snapshot.alerts.first?.severity == .critical)
        #expect(snapshot.confidence != nil && snapshot.latency != nil)
        #expect(snapshot.operations == nil && snapshot.samples == nil && snapshot.retrain == nil && snapshot.model == nil)
    }

    @Test func windowWidthsChosenFromTheSpan() {
        func windows(_ span: Double) -> SnapshotWindows? { SnapshotWindows.choose(timestamps: [1000, 1000 + span, .nan]) }
        #expect(windows(600)?.width == 60)
        #expect(windows(600)?.count == 11)
        #expect(windows(3 * 86_400)?.width == 10_800)
        #expect(windows(0)?.count == 1)
        #expect(windows(1e9).map { $0.count <= SnapshotWindows.maxWindows } == true)
        #expect(SnapshotWindows.choose(timestamps: [.nan, .infinity]) == nil)
        #expect(SnapshotWindows.name(seconds: 900) == "15 min" && SnapshotWindows.name(seconds: 10_800) == "3 h")
    }

    @Test func windowsWithFewRowsHaveNoPSI() {
        let reference = [(0..<200).map { Double($0) }]
        let production = [(0..<25).map { Double($0 * 8) }]
        // 20 rows in the first minute, 5 in the second.
        let times = (0..<25).map { $0 < 20 ? 0.0 : 60.0 }
        let snapshot = DashboardSnapshot.build(
            monitor: Self.synthetic(reference: reference, production: production, timestamps: times), options: DriftOptions(),
            generatedAt: 0)
        let timeline = snapshot.timeline!
        #expect(timeline.rows == [20, 5])
        #expect(timeline.psi[0][0].isFinite && timeline.psi[0][1].isNaN)
    }

    @Test func withoutTimestampsThereIsNoTimeline() {
        let snapshot = DashboardSnapshot.build(
            monitor: Self.synthetic(reference: [[1, 2, 3]], production: [[1, 2, 2]]), options: DriftOptions(), generatedAt: 0)
        #expect(snapshot.timeline == nil && snapshot.qualityChange == nil)
        #expect(snapshot.confidence == nil && snapshot.latency == nil)
        #expect(snapshot.histograms[0].production.reduce(0, +) == 1)
    }

    @Test func constantAndEmptyDimensionsDoNotBreakHistograms() {
        let snapshot = DashboardSnapshot.build(
            monitor: Self.synthetic(reference: [[5, 5, 5], [.nan, .nan, .nan]], production: [[5, 5], [.nan, .infinity]]),
            options: DriftOptions(), generatedAt: 0)
        #expect(snapshot.histograms[0].reference[12] == 1 && snapshot.histograms[0].production[12] == 1)
        #expect(snapshot.histograms[1].lower.isNaN && snapshot.histograms[1].production.allSatisfy { $0 == 0 })
    }

    @Test func summariesOfConfidenceAndLatency() {
        let confidence = SnapshotConfidence([0.2, 0.9, 0.6, .nan])!
        // Under the 0.9 "abnormal prediction" line: 0.2 and 0.6 (0.9 itself is not under).
        #expect(confidence.count == 3 && abs(confidence.mean - 1.7 / 3) < 1e-12 && abs(confidence.lowShare - 2.0 / 3) < 1e-12)
        let latency = SnapshotLatency((1...100).map(Double.init))!
        #expect(latency.p50 == 50.5 && abs(latency.p95 - 95.05) < 1e-9 && abs(latency.p99 - 99.01) < 1e-9)
        #expect(SnapshotLatency([]) == nil && SnapshotConfidence([.nan]) == nil)
    }

    /// The extras beyond the report for 1M rows × 32 dimensions; prints timings with MODELTOP_BENCH=1.
    @Test func buildCostAtScale() {
        let bench = ProcessInfo.processInfo.environment["MODELTOP_BENCH"] == "1"
        let rows = bench ? 1_000_000 : 2_000, dimensions = bench ? 32 : 4
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let reference = (0..<dimensions).map { _ in (0..<rows / 10).map { _ in next() } }
        let production = (0..<dimensions).map { _ in (0..<rows).map { _ in next() + 0.1 } }
        let times = (0..<rows).map { Double($0) }
        let monitor = Self.synthetic(reference: reference, production: production, timestamps: times)
        let start = DispatchTime.now().uptimeNanoseconds
        var cache = DashboardScanCache()
        cache.fold(monitor)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        var snapshot = DashboardSnapshot(report: monitor.report(options: DriftOptions()), generatedAt: 0)
        cache.fill(&snapshot, monitor: monitor)
        #expect(snapshot.histograms.count == dimensions && snapshot.timeline?.rows.reduce(0, +) == rows)
        if bench {
            let windows = SnapshotWindows.choose(timestamps: monitor.timestamp)!
            let t0 = DispatchTime.now().uptimeNanoseconds
            let assigned = windows.assign(monitor.timestamp)
            for d in 0..<dimensions {
                _ = OnePassScan.run(reference: monitor.reference.dimensions[d], production: monitor.dimensions[d], bins: 24,
                                    windows: assigned, windowCount: windows.count)
            }
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = OnePassSeries.compute(monitor: monitor, windows: windows, rowWindows: assigned)
            let t2 = DispatchTime.now().uptimeNanoseconds
            print("buildCostAtScale one-pass oracle, one thread: scans \(String(format: "%.1f", Double(t1 - t0) / 1e6)) ms, windows \(String(format: "%.1f", Double(t2 - t1) / 1e6)) ms")
        }
        if bench { print("buildCostAtScale: histograms + windows for \(rows) rows × \(dimensions) dims: \(String(format: "%.1f", elapsed)) ms") }
    }
}
