import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics
@testable import ModelTopMonitor
@testable import ModelTopLogs
import ModelTopIO

/// Checkpoints (issue 15): what was read of `prod_data.csv` saved for the next start, trusted only
/// when the files are the ones it describes.
@Suite struct CheckpointTests {
    /// A directory with the digits fixture's reference and the first `rows` production rows.
    final class Setup {
        let directory = NSTemporaryDirectory() + "modeltop-checkpoint-\(UUID().uuidString)"
        var reference: String { directory + "/ref_data.csv" }
        var production: String { directory + "/prod_data.csv" }
        var store: CheckpointStore { CheckpointStore(directory: directory + "/cache/modeltop") }
        let lines: [String]

        init(rows: Int) throws {
            lines = try String(contentsOfFile: Goldens.fixture("digits/prod_data.csv"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Goldens.fixture("digits/ref_data.csv"), toPath: reference)
            try write(rows: 0..<rows)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// The header and rows `range` of the fixture, replacing the file.
        func write(rows range: Range<Int>) throws {
            try ([lines[0]] + lines[(range.lowerBound + 1)..<(range.upperBound + 1)]).joined(separator: "\n").appending("\n")
                .write(toFile: production, atomically: false, encoding: .utf8)
        }

        func append(rows range: Range<Int>) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: production))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((lines[(range.lowerBound + 1)..<(range.upperBound + 1)].joined(separator: "\n") + "\n").utf8))
        }

        func sources(checkpoints: Bool = true, retention: Int? = 200) throws -> LiveSources {
            try LiveSources(
                referencePath: reference, productionPath: production, logDirectory: nil,
                retention: retention, checkpoints: checkpoints ? store : nil)
        }

        var checkpointPath: String { store.path(reference: reference, production: production) }
    }

    static func expectSameCounts(_ a: Report, _ b: Report, _ context: String) {
        #expect(a.productionRows == b.productionRows && a.productionUnlabelled == b.productionUnlabelled, "\(context)")
        #expect(a.quality == b.quality, "\(context)")
        for (x, y) in zip(a.drift.dimensions, b.drift.dimensions) {
            #expect(x.ksStatistic == y.ksStatistic && x.psi == y.psi && x.productionCount == y.productionCount, "\(context) \(x.name)")
        }
    }

    @Test func aRestartResumesWhereTheLastRunStoppedAndReadsOnlyTheNewRows() throws {
        let setup = try Setup(rows: 600)
        let first = try setup.sources()
        #expect(first.saveCheckpoint(cache: nil) == nil)
        #expect(FileManager.default.fileExists(atPath: setup.checkpointPath))
        #expect(!setup.checkpointPath.hasPrefix(setup.directory + "/prod"), "never in the data directory")
        let before = try #require(first.monitor).report(options: DriftOptions())

        let second = try setup.sources()
        let resumed = try #require(second.resumed)
        #expect(resumed.rows == 600)
        #expect(second.takeNotices().isEmpty)
        let restored = try #require(second.monitor)
        #expect(restored.rows == 600 && restored.firstRow == 600 - restored.retainedRows)
        #expect(restored.report(options: DriftOptions()).drift == before.drift)

        // New rows after the restart are read from where the checkpoint stopped.
        try setup.append(rows: 600..<899)
        _ = try second.refresh()
        let fresh = try setup.sources(checkpoints: false)
        let whole = try DataFiles.loadMonitor(reference: fresh.reference, productionPath: setup.production)
        Self.expectSameCounts(try #require(second.monitor).report(options: DriftOptions()), whole.report(options: DriftOptions()), "resumed + appended")
        #expect(second.monitor?.rows == 899)
    }

    @Test func theDashboardCountsComeBackWithTheMonitor() throws {
        let setup = try Setup(rows: 899)
        let first = try setup.sources(retention: nil)
        var cache = DashboardScanCache()
        let monitor = try #require(first.monitor)
        let original = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0, cache: &cache)
        #expect(first.saveCheckpoint(cache: cache) == nil)

        var counts: DashboardScanCache?
        let second = try LiveSources(
            referencePath: setup.reference, productionPath: setup.production, logDirectory: nil,
            checkpoints: setup.store, restoreCounts: { counts = $0 })
        var restored = try #require(counts)
        let rebuilt = DashboardSnapshot.build(monitor: try #require(second.monitor), options: DriftOptions(), generatedAt: 0, cache: &restored)
        #expect(restored.lastWork.rows == 0, "nothing counted again")
        #expect(rebuilt.histograms == original.histograms)
        // NaN (windows too small for a PSI) is not == itself: compare the printed figures.
        #expect(String(describing: rebuilt.timeline) == String(describing: original.timeline))
        #expect(String(describing: rebuilt.qualityChange) == String(describing: original.qualityChange))
        #expect(rebuilt.confidence == original.confidence && rebuilt.latency == original.latency)
    }

    /// The dashboard's whole path: counts folded before each drop, saved, restored before the
    /// first read after a restart, and rows appended since dropped into them: the histograms and
    /// windows still equal one build over every row.
    @Test func aRestartedDashboardKeepsCountingEveryRow() throws {
        final class Box: @unchecked Sendable { var cache = DashboardScanCache() }
        let setup = try Setup(rows: 500)
        func open(_ box: Box) throws -> LiveSources {
            try LiveSources(
                referencePath: setup.reference, productionPath: setup.production, logDirectory: nil, retention: 200,
                beforeDroppingRows: { box.cache.fold($0) }, checkpoints: setup.store, restoreCounts: { box.cache = $0 })
        }
        let first = Box()
        let before = try open(first)
        _ = DashboardSnapshot.build(monitor: try #require(before.monitor), options: DriftOptions(), generatedAt: 0, cache: &first.cache)
        #expect(before.saveCheckpoint(cache: first.cache) == nil)

        let second = Box()
        let after = try open(second)
        #expect(after.resumed?.rows == 500)
        try setup.append(rows: 500..<899)
        _ = try after.refresh()
        let monitor = try #require(after.monitor)
        #expect(monitor.rows == 899 && monitor.firstRow > 500)
        let kept = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: 0, cache: &second.cache)
        let whole = try DataFiles.loadMonitor(reference: after.reference, productionPath: setup.production)
        let fresh = DashboardSnapshot.build(monitor: whole, options: DriftOptions(), generatedAt: 0)
        #expect(kept.histograms == fresh.histograms)
        let a = try #require(kept.timeline), b = try #require(fresh.timeline)
        #expect(a.rows == b.rows && a.start == b.start && a.windowSeconds == b.windowSeconds)
        #expect(a.psi.elementsEqual(b.psi) { $0.elementsEqual($1) { $0 == $1 || $0.isNaN && $1.isNaN } })
        #expect(a.accuracy.elementsEqual(b.accuracy) { $0 == $1 || $0.isNaN && $1.isNaN })
    }

    /// The whole-history dashboard cannot resume from a checkpoint without its counts (one that
    /// `watch --headless` made): its histograms and windows would miss every row before it.
    @Test func theDashboardReadsAgainWhenTheCheckpointHoldsNoCounts() throws {
        let setup = try Setup(rows: 400)
        #expect(try setup.sources().saveCheckpoint(cache: nil) == nil)
        var counts: DashboardScanCache?
        let dashboard = try LiveSources(
            referencePath: setup.reference, productionPath: setup.production, logDirectory: nil, retention: 200,
            checkpoints: setup.store, restoreCounts: { counts = $0 })
        #expect(counts == nil && dashboard.resumed == nil)
        #expect(dashboard.takeNotices().contains { $0.contains("holds no dashboard counts") })
        #expect(dashboard.monitor?.rows == 400)
        // watch --headless resumes from it.
        #expect(try setup.sources().resumed?.rows == 400)
    }

    @Test(arguments: ["truncated", "rotated", "rewritten", "reference"])
    func aChangedFileStartsOver(change: String) throws {
        let setup = try Setup(rows: 500)
        #expect(try setup.sources().saveCheckpoint(cache: nil) == nil)
        switch change {
        case "truncated":
            try setup.write(rows: 0..<100)
        case "rotated":
            try FileManager.default.moveItem(atPath: setup.production, toPath: setup.production + ".1")
            try setup.write(rows: 0..<500)
        case "rewritten":
            // Same length, other bytes: the rows in another order.
            let rows = Array(setup.lines[1...500].reversed())
            try ([setup.lines[0]] + rows).joined(separator: "\n").appending("\n").write(toFile: setup.production, atomically: false, encoding: .utf8)
        default:
            try (try String(contentsOfFile: setup.reference, encoding: .utf8) + "\n").write(toFile: setup.reference, atomically: true, encoding: .utf8)
        }
        let again = try setup.sources()
        #expect(again.resumed == nil, "\(change)")
        let notices = again.takeNotices()
        #expect(notices.contains { $0.contains("checkpoint ignored") }, "\(change): \(notices)")
        let whole = try DataFiles.loadMonitor(reference: again.reference, productionPath: setup.production)
        Self.expectSameCounts(try #require(again.monitor).report(options: DriftOptions()), whole.report(options: DriftOptions()), change)
    }

    @Test(arguments: ["corrupt", "foreign", "empty", "cut short"])
    func aBadCheckpointIsIgnoredWithANotice(kind: String) throws {
        let setup = try Setup(rows: 300)
        #expect(try setup.sources().saveCheckpoint(cache: nil) == nil)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: setup.checkpointPath)))
        switch kind {
        case "corrupt": bytes[bytes.count / 2] ^= 0x40
        case "foreign": bytes = Array("{\"not\": \"a checkpoint\"}".utf8)
        case "empty": bytes = []
        default: bytes = Array(bytes.prefix(bytes.count / 3))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: setup.checkpointPath))
        let again = try setup.sources()
        #expect(again.resumed == nil)
        #expect(again.takeNotices().contains { $0.contains("ignored") }, "\(kind)")
        #expect(again.monitor?.rows == 300)
    }

    /// A file with its header only (no feedback yet) is saved and resumed like any other.
    @Test func aHeaderOnlyFileIsCheckpointedToo() throws {
        let setup = try Setup(rows: 0)
        #expect(try setup.sources().saveCheckpoint(cache: nil) == nil)
        let again = try setup.sources()
        #expect(again.resumed?.rows == 0)
        try setup.append(rows: 0..<10)
        _ = try again.refresh()
        #expect(again.monitor?.rows == 10)
    }

    /// The prediction logs are in the checkpoint too: a restart reads only the lines written since.
    @Test func theLogsResumeWithProduction() throws {
        let setup = try Setup(rows: 300)
        let logs = setup.directory + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let lines = try String(contentsOfFile: Goldens.fixture("logs/predictions.jsonl"), encoding: .utf8).split(separator: "\n")
        try FileManager.default.copyItem(atPath: Goldens.fixture("logs/predictions.jsonl.1"), toPath: logs + "/predictions.jsonl.1")
        try (lines[..<1000].joined(separator: "\n") + "\n").write(toFile: logs + "/predictions.jsonl", atomically: false, encoding: .utf8)
        func open(_ checkpoints: Bool = true) throws -> LiveSources {
            try LiveSources(
                referencePath: setup.reference, productionPath: setup.production, logDirectory: logs,
                checkpoints: checkpoints ? setup.store : nil, feedbackHorizon: 500)
        }
        let first = try open()
        let before = OperationsReport.compute(try #require(first.logMonitor), reference: nil)
        #expect(first.saveCheckpoint(cache: nil) == nil)

        let second = try open()
        #expect(second.takeNotices().isEmpty)
        let restored = OperationsReport.compute(try #require(second.logMonitor), reference: nil)
        #expect(restored.requests == before.requests && restored.status == before.status && restored.measured == before.measured)
        #expect(restored.latency == before.latency && restored.latencyAllRequests == before.latencyAllRequests)

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logs + "/predictions.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines[1000...].joined(separator: "\n") + "\n").utf8))
        try handle.close()
        _ = try second.refresh()
        let resumed = OperationsReport.compute(try #require(second.logMonitor), reference: nil)
        let fresh = OperationsReport.compute(try #require(try open(false).logMonitor), reference: nil)
        #expect(resumed.requests == fresh.requests && resumed.status == fresh.status && resumed.measured == fresh.measured)
        #expect(resumed.orphanFeedback == fresh.orphanFeedback && resumed.latency == fresh.latency)

        // A rewritten log is read again, and says so.
        try (lines[..<500].joined(separator: "\n") + "\n").write(toFile: logs + "/predictions.jsonl", atomically: true, encoding: .utf8)
        #expect(second.saveCheckpoint(cache: nil) == nil)
        let third = try open()
        _ = third.takeNotices()
        let again = OperationsReport.compute(try #require(third.logMonitor), reference: nil)
        let truth = OperationsReport.compute(try #require(try open(false).logMonitor), reference: nil)
        #expect(again.requests == truth.requests && again.measured == truth.measured)
    }

    @Test func checkpointsLiveInTheUsersCacheDirectory() {
        #expect(CheckpointStore.standard(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])?.directory == "/x/cache/modeltop")
        #expect(CheckpointStore.standard(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])?.directory == "/home/u/.cache/modeltop")
        #expect(CheckpointStore.standard(environment: [:]) == nil)
        let store = CheckpointStore(directory: "/c")
        #expect(store.path(reference: "/d/ref_data.csv", production: "/d/prod_data.csv") != store.path(reference: "/e/ref_data.csv", production: "/e/prod_data.csv"))
    }
}
