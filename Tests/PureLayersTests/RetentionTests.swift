import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics
@testable import ModelTopMonitor
import ModelTopTables
import ModelTopIO

/// Watch mode's retention (issue 15): only the newest rows are kept whole, older ones live on as
/// counts. Everything counted must still cover every row; what needs values says what it covers.
@Suite struct RetentionTests {
    static let reference = Result {
        ReferenceProfile(table: try DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv")))
    }

    /// The fixture read in small rounds into a monitor keeping `retention` rows, with the
    /// dashboard's counts folded in before every drop, as the live feed does.
    static func retained(_ retention: Int) throws -> (monitor: Monitor, cache: DashboardScanCache, drops: Int) {
        let path = Goldens.fixture("digits/prod_data.csv")
        let stream = try CSVFileStream(path: path, name: "prod.csv", roundBytes: 2048)
        let schema = try stream.schema.aligned(to: reference.get().schema, file: "prod.csv", referenceFile: "ref.csv")
        var monitor = Monitor(reference: try reference.get(), productionSchema: schema, productionFile: "prod.csv")
        monitor.retention = retention
        var cache = DashboardScanCache(), drops = 0
        try stream.forEachChunk(parser: ChunkParser(schema: schema, file: "prod.csv")) { chunk, _ in
            monitor.append(chunk)
            if monitor.retainedRows > retention + retention / 4 {
                monitor.catchUpStatistics()
                cache.fold(monitor)
                if monitor.dropRowsBeyondRetention() { drops += 1 }
            }
        }
        monitor.catchUpStatistics()
        return (monitor, cache, drops)
    }

    static func whole() throws -> Monitor {
        try DataFiles.loadMonitor(reference: reference.get(), productionPath: Goldens.fixture("digits/prod_data.csv"), name: "prod.csv")
    }

    @Test func memoryIsBoundedAndTheCountedStatisticsCoverEveryRow() throws {
        let (monitor, _, drops) = try Self.retained(100)
        #expect(drops > 3)
        #expect(monitor.rows == 899 && monitor.retainedRows <= 125 && monitor.firstRow == 899 - monitor.retainedRows)
        #expect(monitor.dimensions.allSatisfy { $0.values.count == monitor.retainedRows })
        #expect(monitor.target.count == monitor.retainedRows && monitor.timestamp.count == monitor.retainedRows)

        let kept = monitor.report(options: DriftOptions()), exact = try Self.whole().report(options: DriftOptions())
        #expect(kept.productionRows == exact.productionRows && kept.productionUnlabelled == exact.productionUnlabelled)
        #expect(kept.quality == exact.quality)
        #expect(kept.drift.drifted == exact.drift.drifted)
        for (a, b) in zip(kept.drift.dimensions, exact.drift.dimensions) {
            #expect(a.ksStatistic == b.ksStatistic && a.ksPValue == b.ksPValue && a.psi == b.psi, "\(a.name)")
            #expect(a.productionCount == b.productionCount)
            // The whole history's Wasserstein distance is estimated, within its stated bound.
            #expect(abs(a.wassersteinNorm - b.wassersteinNorm) <= a.wassersteinNormBound * (1 + 1e-9) + 1e-12, "\(a.name)")
        }
        #expect(kept.drift.dimensions.contains { $0.wassersteinNormBound > 0 })
        #expect(kept.notes.contains { $0.contains("kept as counts only") })
        #expect(!exact.notes.contains { $0.contains("kept as counts only") })
    }

    /// A time window longer than what is kept covers the kept rows and says so.
    @Test func aTimeWindowPastTheKeptRowsSaysSo() throws {
        let (monitor, _, _) = try Self.retained(100)
        let windowed = try monitor.restricted(to: .seconds(30 * 86_400))
        #expect(windowed.rows == monitor.retainedRows)
        #expect(windowed.report(options: DriftOptions()).notes.contains { $0.contains("may reach back further") })
        let inside = try monitor.restricted(to: .seconds(600))
        #expect(inside.rows < monitor.retainedRows && inside.windowNote == nil)
    }

    @Test func evidentlyBinningSaysItNeedsEveryValue() throws {
        let (monitor, _, _) = try Self.retained(100)
        let report = monitor.report(options: DriftOptions(psiBinning: .evidently))
        #expect(report.drift.dimensions.allSatisfy { $0.psi.isNaN })
        #expect(report.notes.contains { $0.contains("Evidently's PSI needs every value") })
    }

    /// The dashboard's histograms and timeline, counted before each drop, equal a build from
    /// every row (counts exactly; mean confidence per window to rounding).
    @Test func theDashboardCountsSurviveTheDrops() throws {
        var (monitor, cache, _) = try Self.retained(100)
        let kept = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0, cache: &cache)
        let fresh = DashboardSnapshot.build(monitor: try Self.whole(), options: DriftOptions(), generatedAt: 0)
        #expect(kept.histograms == fresh.histograms)
        let a = try #require(kept.timeline), b = try #require(fresh.timeline)
        #expect(a.start == b.start && a.windowSeconds == b.windowSeconds && a.rows == b.rows)
        #expect(a.accuracy.elementsEqual(b.accuracy) { $0 == $1 || $0.isNaN && $1.isNaN })
        #expect(a.psi.elementsEqual(b.psi) { $0.elementsEqual($1) { $0 == $1 || $0.isNaN && $1.isNaN } })
        #expect(a.meanConfidence.elementsEqual(b.meanConfidence) { abs($0 - $1) <= 1e-12 || $0.isNaN && $1.isNaN })
        #expect(kept.confidence == fresh.confidence)
        monitor.catchUpStatistics()
    }

    /// The live feed keeps the retention while it reads, the first read of a file included.
    @Test func theLiveFeedDropsAsItReads() throws {
        let directory = NSTemporaryDirectory() + "modeltop-retention-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["ref_data.csv", "prod_data.csv"] {
            try FileManager.default.copyItem(atPath: Goldens.fixture("digits/" + name), toPath: directory + "/" + name)
        }
        var folded = 0
        let sources = try LiveSources(
            referencePath: directory + "/ref_data.csv", productionPath: directory + "/prod_data.csv", logDirectory: nil,
            retention: 100, beforeDroppingRows: { monitor in folded = max(folded, monitor.rows) })
        let monitor = try #require(sources.monitor)
        #expect(monitor.rows == 899 && monitor.retainedRows <= 125)
        #expect(folded > 0 && folded <= 899)
        let exact = try Self.whole().report(options: DriftOptions())
        #expect(monitor.report(options: DriftOptions()).drift.dimensions.map(\.ksStatistic) == exact.drift.dimensions.map(\.ksStatistic))
    }
}
