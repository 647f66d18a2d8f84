import Foundation
import Testing
import ModelTopStatistics
import ModelTopMonitor
import ModelTopIO
@testable import ModelTopApp

/// The live updater's round and headless watch, driven with a watcher that returns at once and
/// a clock moved by hand: appended rows show in the next snapshot, with no thread and no sleep.
@Suite struct LiveFollowingTests {
    /// Returns at once; each wait moves the clock by its timeout, as a quiet directory would.
    final class InstantWatcher: ChangeWatcher {
        let clock: ManualClock
        private(set) var waits = 0
        init(clock: ManualClock) { self.clock = clock }
        func wait(timeout: Double) -> Bool {
            waits += 1
            clock.advance(by: timeout)
            return false
        }
    }

    /// A project directory with the digits reference and the first `rows` production rows.
    static func directory(rows: Int) throws -> (path: String, rest: [String]) {
        let path = try AppFixtures.temporaryDirectory()
        let fixtures = AppFixtures.directory
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("ref_data.csv").path, toPath: path + "/ref_data.csv")
        let lines = try String(contentsOf: fixtures.appendingPathComponent("prod_data.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try (lines[0...rows].joined(separator: "\n") + "\n").write(toFile: path + "/prod_data.csv", atomically: false, encoding: .utf8)
        return (path, Array(lines[(rows + 1)...]).filter { !$0.isEmpty })
    }

    static func append(_ lines: [String], to file: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }

    @Test func appendedRowsShowInTheNextSnapshot() throws {
        let clock = ManualClock()
        let (path, rest) = try Self.directory(rows: 100)
        let sources = try LiveSources(
            referencePath: path + "/ref_data.csv", productionPath: path + "/prod_data.csv", logDirectory: nil, clock: clock.monotonic)
        let builder = LiveSnapshot(drift: DriftOptions(), window: .all, lowConfidence: 0.9, artifacts: nil, clock: clock)
        let updater = LiveUpdater(
            sources: sources, watcher: InstantWatcher(clock: clock), build: { builder.build($0, cache: &$1) }, clock: clock)
        var state = updater.initialStepState()
        updater.step(&state)
        #expect(updater.take().snapshot == nil, "nothing changed yet: no snapshot is built")
        try Self.append(Array(rest.prefix(50)), to: path + "/prod_data.csv")
        updater.step(&state)
        let first = try #require(updater.take().snapshot)
        #expect(first.report.productionRows == 150)
        try Self.append(Array(rest.dropFirst(50)), to: path + "/prod_data.csv")
        updater.step(&state)
        let second = try #require(updater.take().snapshot)
        #expect(second.report.productionRows == 899)
        // The same rows read at once give the same statistics (the cache folded in only new rows).
        let oneShot = try AppFixtures.snapshot()
        #expect(second.report.drift == oneShot.report.drift)
    }

    /// Stopping the updater saves a checkpoint with the dashboard's counts; the next start
    /// resumes from it and draws the same snapshot without reading the rows again.
    @Test func stoppingSavesACheckpointTheNextStartResumes() throws {
        let clock = ManualClock()
        let (path, rest) = try Self.directory(rows: 300)
        let store = CheckpointStore(directory: path + "/cache")
        func start() throws -> (LiveSources, ScanCacheBox, LiveSnapshot) {
            let box = ScanCacheBox()
            let builder = LiveSnapshot(drift: DriftOptions(), window: .all, lowConfidence: 0.9, artifacts: nil, clock: clock)
            let sources = try LiveSources(
                referencePath: path + "/ref_data.csv", productionPath: path + "/prod_data.csv", logDirectory: nil,
                clock: clock.monotonic, retention: 100, beforeDroppingRows: { builder.foldHistory($0, cache: &box.cache) },
                checkpoints: store, restoreCounts: { box.cache = $0 })
            return (sources, box, builder)
        }
        let (sources, box, builder) = try start()
        let first = try #require(builder.build(sources, cache: &box.cache))
        let updater = LiveUpdater(
            sources: sources, watcher: InstantWatcher(clock: clock), build: { builder.build($0, cache: &$1) }, cache: box, clock: clock)
        updater.start()
        updater.stopAndWait()
        #expect(FileManager.default.fileExists(atPath: store.path(reference: path + "/ref_data.csv", production: path + "/prod_data.csv")))

        let (again, restoredBox, againBuilder) = try start()
        #expect(again.resumed?.rows == 300)
        let second = try #require(againBuilder.build(again, cache: &restoredBox.cache))
        #expect(restoredBox.cache.lastWork.rows == 0, "nothing counted again")
        #expect(second.histograms == first.histograms && second.report.drift.dimensions.map(\.ksStatistic) == first.report.drift.dimensions.map(\.ksStatistic))
        try Self.append(rest, to: path + "/prod_data.csv")
        _ = try again.refresh()
        #expect(again.monitor?.rows == 899)
    }

    @Test func headlessWatchPrintsOneLinePerIntervalAndAFinalOne() throws {
        let clock = ManualClock()
        let (path, rest) = try Self.directory(rows: 10)
        let sources = try LiveSources(
            referencePath: path + "/ref_data.csv", productionPath: path + "/prod_data.csv", logDirectory: nil, clock: clock.monotonic)
        var lines: [String] = []
        var warnings: [String] = []
        let start = clock.monotonic()
        var watch = HeadlessWatch(
            sources: sources, watcher: InstantWatcher(clock: clock), interval: 2, drift: DriftOptions(), window: .all,
            lowConfidence: 0.9, directory: path, write: { lines.append($0) }, warn: { warnings.append($0) },
            shouldStop: { clock.monotonic() - start >= 5 })
        watch.clock = clock
        try Self.append(rest, to: path + "/prod_data.csv")
        watch.run()
        // t = 0, 2, 4 and 6 (the stop is seen after the wait that crossed t = 5), then the final one.
        #expect(lines.count == 5, "\(lines.count) lines")
        let last = try #require(lines.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect((last["rows"] as? [String: Any])?["production"] as? Int == 899)
        #expect(lines.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().contains("\n") == false })
        #expect(warnings.isEmpty)
    }

    @Test func onlyChangesPrintsWhatIsNewAndTheFinalOne() throws {
        let clock = ManualClock()
        let (path, rest) = try Self.directory(rows: 10)
        let sources = try LiveSources(
            referencePath: path + "/ref_data.csv", productionPath: path + "/prod_data.csv", logDirectory: nil, clock: clock.monotonic)
        var lines: [String] = []
        let start = clock.monotonic()
        var appended = false
        var watch = HeadlessWatch(
            sources: sources, watcher: InstantWatcher(clock: clock), interval: 1, drift: DriftOptions(), window: .all,
            lowConfidence: 0.9, directory: path, write: { lines.append($0) }, warn: { _ in },
            shouldStop: {
                // Rows arrive once, after 4 quiet seconds; the watch stops at 9.
                if !appended, clock.monotonic() - start >= 4 {
                    appended = true
                    try? LiveFollowingTests.append(Array(rest.prefix(40)), to: path + "/prod_data.csv")
                }
                return clock.monotonic() - start >= 9
            })
        watch.clock = clock
        watch.onlyChanges = true
        watch.run()
        // The first (10 rows), the one after the append (50 rows), the final one (unchanged, printed anyway).
        let productionRows = try lines.map { line -> Int in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require((object["rows"] as? [String: Any])?["production"] as? Int)
        }
        #expect(productionRows == [10, 50, 50])
    }
}

extension LiveFollowingTests {
    /// watch --headless judges its alert rules once a second on the test clock, whether or not
    /// data arrives: a drift held for its `for` fires once, and staleness fires once data stops.
    @Test func headlessWatchFiresEachAlertOnceOnItsOwnClock() throws {
        let clock = ManualClock()
        let (path, rest) = try Self.directory(rows: 10)
        let sources = try LiveSources(
            referencePath: path + "/ref_data.csv", productionPath: path + "/prod_data.csv", logDirectory: nil, clock: clock.monotonic)
        let start = clock.monotonic()
        var appended = false
        var watch = HeadlessWatch(
            sources: sources, watcher: InstantWatcher(clock: clock), interval: 5, drift: DriftOptions(), window: .all,
            lowConfidence: 0.9, directory: path, write: { _ in }, warn: { _ in },
            shouldStop: {
                if !appended, clock.monotonic() - start >= 4 {
                    appended = true
                    try? LiveFollowingTests.append(rest, to: path + "/prod_data.csv")
                }
                return clock.monotonic() - start >= 12
            })
        watch.clock = clock
        let rules = AlertRules(rules: [
            AlertRule(name: "data_drift", metric: .datasetDrift, .above, 0, severity: .critical, holdSeconds: 3, minSamples: 100),
            AlertRule(name: "stale_data", metric: .staleSeconds, .above, 5, severity: .warning),
        ])
        let dispatcher = AlertDispatcher(command: nil, webhook: nil)
        watch.alerts = AlertWatch(rules: rules, source: path, dispatcher: dispatcher, now: clock.now())
        watch.run()
        let history = dispatcher.snapshot.history.map(\.event)
        #expect(history.map(\.rule.name) == ["data_drift", "stale_data"], "\(history.map(\.summary))")
        #expect(history.allSatisfy { $0.status == .firing })
        // Drift: rows at t = 4 (10 rows before: too few to judge), held 3 s. Stale: 5 s after t = 4.
        let t0 = history[0].at - clock.now() + (clock.monotonic() - start)
        #expect(t0 >= 7 && t0 < 9, "fired at t = \(t0)")
        #expect(history[1].at - history[0].at >= 1)
        #expect(dispatcher.snapshot.active.count == 2)
    }
}

/// The Overview's model comparison follows the registry: read when it changes, not at every snapshot.
@Suite struct RegistryModelsTests {
    @Test func aNewModelInTheRegistryShowsInTheNextSnapshot() throws {
        let (path, _) = try LiveFollowingTests.directory(rows: 898)
        let artifacts = path + "/artifacts"
        let clock = ManualClock()
        let job = ArtifactJob(directory: artifacts, warn: { _ in })
        let train = TrainJob(reference: path + "/ref_data.csv", artifacts: job)
        _ = try train.run()
        let sources = try LiveSources(
            referencePath: path + "/ref_data.csv", productionPath: path + "/prod_data.csv", logDirectory: nil, clock: clock.monotonic)
        let builder = LiveSnapshot(drift: DriftOptions(), window: .all, lowConfidence: 0.9, artifacts: artifacts, clock: clock)
        var cache = DashboardScanCache()
        let first = try #require(builder.build(sources, cache: &cache))
        #expect(first.models?.rows.map { $0.name }.contains("champion v1 (current)") == true, "\(String(describing: first.models))")
        _ = try train.run()
        let second = try #require(builder.build(sources, cache: &cache))
        #expect(second.models?.rows.map { $0.name }.contains("champion v2 (current)") == true, "\(String(describing: second.models))")
    }
}
