import ModelTopSystem
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopLogs
import ModelTopMonitor
import ModelTopMetrics
import ModelTopOutput
import ModelTopIO

/// `modeltop watch DIR --headless`: follows a directory as the API writes it and prints one
/// compact JSON report per interval, and a final one when told to stop.
package struct HeadlessWatch {
    package var sources: LiveSources
    package var watcher: any ChangeWatcher
    package var clock: any AppClock = SystemClock()
    /// Seconds between snapshots.
    package var interval: Double
    package var drift: DriftOptions
    package var window: ProductionWindow
    package var lowConfidence: Double
    /// Named as the logs' source in the JSON.
    package var directory: String
    /// One snapshot line (stdout in the binary).
    package var write: (String) -> Void
    /// A problem reading a file, said and retried (stderr in the binary).
    package var warn: (String) -> Void
    /// Checked after every wake-up: a signal, or the parent gone.
    package var shouldStop: () -> Bool
    /// Print a snapshot only when it differs from the last one printed (the final one always).
    package var onlyChanges = false
    /// Alert rules judged about once a second, their events sent by the dispatcher; nil: none.
    package var alerts: AlertWatch?
    /// `--listen` / `--metrics-file`: the figures for Prometheus; nil: not exported.
    package var metrics: MetricsExport?
    /// `--alert-requests`-style size of the newest-requests window the rules judge.
    private var recentRequests: Int { alerts?.engine.rules.recentRequests ?? 0 }

    package init(
        sources: LiveSources, watcher: any ChangeWatcher, interval: Double, drift: DriftOptions, window: ProductionWindow,
        lowConfidence: Double, directory: String, write: @escaping (String) -> Void, warn: @escaping (String) -> Void,
        shouldStop: @escaping () -> Bool
    ) {
        self.sources = sources
        self.watcher = watcher
        self.interval = interval
        self.drift = drift
        self.window = window
        self.lowConfidence = lowConfidence
        self.directory = directory
        self.write = write
        self.warn = warn
        self.shouldStop = shouldStop
    }

    /// Prints a snapshot now, one per interval while the files change or not, and a last one
    /// when `shouldStop` says so. A snapshot is computed again only when something was read
    /// since the last one: with no new data, an interval costs a `stat` per file, not a report.
    package mutating func run() {
        var next = clock.monotonic() + interval
        var latest = Latest(text: snapshot(), inputs: inputState())
        write(latest.text)
        // Counted after the first line is out: a million rows take a second or two to count.
        metrics?.observe(sources, dataArrivedAt: sources.monitor == nil ? nil : clock.now())
        metrics?.publish(cache.report(self))
        var changed = false
        var unsaved = false, lastSave = clock.monotonic()
        var alertFactsStale = alerts != nil
        // Checked at least once per interval (and once a second with alert rules): the wait
        // below never sleeps longer.
        while !shouldStop() {
            let wake = alerts == nil ? next : min(next, clock.monotonic() + 1)
            _ = watcher.wait(timeout: max(0, wake - clock.monotonic()))
            if refresh() {
                changed = true
                unsaved = true
                alertFactsStale = true
                alerts?.dataArrived(now: clock.now())
            }
            if alerts != nil {
                // The figures follow the data at once (not only each --interval): an alert
                // fires as soon as its condition has held for its `for`.
                if alertFactsStale, let facts = alertFacts() { alerts?.update(facts) }
                alertFactsStale = false
                alerts?.evaluate(now: clock.now())
            }
            if clock.monotonic() >= next {
                // A whole-embedding verdict finished or due since the last snapshot: make it again.
                if scan.cache.embedding.needsBuild(now: clock.monotonic()) {
                    changed = true
                    cache.generation += 1
                }
                let made = changed
                if update(&latest, changed: changed) || !onlyChanges { write(latest.text) }
                if made { metrics?.publish(cache.report(self)) }
                changed = false
                next = max(next + interval, clock.monotonic())
            }
            if unsaved, clock.monotonic() - lastSave >= Self.checkpointSeconds {
                saveCheckpoint()
                unsaved = false
                lastSave = clock.monotonic()
            }
        }
        if refresh() { changed = true }
        _ = update(&latest, changed: changed)
        write(latest.text)
        metrics?.publish(cache.report(self))
        metrics?.stop()
        saveCheckpoint()
        // Deliveries under way get the time a command is given to end, and a little more.
        alerts?.dispatcher.waitForDeliveries(timeout: 15)
    }

    /// How often what was read is saved for the next start (and once when stopping).
    package static let checkpointSeconds = 60.0

    private func saveCheckpoint() {
        if let problem = sources.saveCheckpoint(cache: nil) { warn(problem) }
    }

    /// The last snapshot printed, and the inputs' state it was made from.
    private struct Latest {
        var text: String
        var inputs: [String]
    }

    /// Makes the snapshot again when rows were read or the inputs' state (waiting, warnings,
    /// notes) moved; true when its text changed.
    private func update(_ latest: inout Latest, changed: Bool) -> Bool {
        let inputs = inputState()
        guard changed || inputs != latest.inputs else { return false }
        let text = snapshot()
        defer { latest = Latest(text: text, inputs: inputs) }
        return text != latest.text
    }

    /// What a snapshot says about the inputs besides their rows.
    private func inputState() -> [String] {
        [sources.productionWaiting ?? ""] + sources.inputWarnings + sources.inputNotes
    }

    /// Reads what changed; true when something was. A file that cannot be read right now (a
    /// permission, a file replaced under it) is said and tried again on the next wake-up:
    /// monitoring never stops.
    private func refresh() -> Bool {
        var changed = false
        do {
            changed = try sources.refresh()
        } catch {
            warn(Diagnostics.message(for: error))
        }
        metrics?.observe(sources, dataArrivedAt: changed ? clock.now() : nil)
        let notices = sources.takeNotices()
        for notice in notices { warn(notice) }
        if changed || !notices.isEmpty { cache.generation += 1 }
        return changed || !notices.isEmpty
    }

    /// One line of JSON: the report of the data as it is now.
    package func snapshot() -> String {
        guard sources.monitor != nil, sources.productionWaiting == nil else {
            let why = sources.productionWaiting ?? "waiting for \(sources.productionPath)"
            return "{\"rows\": {\"reference\": \(sources.reference.table.rowCount), \"production\": 0, \"rejected\": 0}, \"waiting_for\": \(JSONText.quoted(sources.productionPath)), \"waiting\": \(JSONText.quoted(why))}\n"
        }
        switch cache.result(self) {
        case .success(let report): return ReportJSON.render(report, gates: HealthGates(), compact: true)
        case .failure(let error): return "{\"error\": \(JSONText.quoted(Diagnostics.message(for: error)))}\n"
        }
    }

    /// The last report made, until something is read: the snapshot line and the alert rules
    /// share it instead of computing it twice.
    // @unchecked Sendable: used only by the watch's own thread (its loop and the snapshot it prints).
    private final class ReportCache: @unchecked Sendable {
        var generation = 0
        private var made: (generation: Int, result: Result<Report, ModelTopError>)?

        func result(_ watch: HeadlessWatch) -> Result<Report, ModelTopError> {
            if let made, made.generation == generation { return made.result }
            let result: Result<Report, ModelTopError>
            do { result = .success(try watch.makeReport()) } catch { result = .failure(error) }
            made = (generation, result)
            return result
        }

        func report(_ watch: HeadlessWatch) -> Report? { try? result(watch).get() }
    }

    private let cache = ReportCache()
    /// The counts behind the quality change, carried from one read to the next.
    private let scan = ScanCacheBox()

    /// The report of the data as it is now, with the logs' operations.
    private func makeReport() throws(ModelTopError) -> Report {
        guard let monitor = sources.monitor else { throw .usage("no production rows yet") }
        let judged = try monitor.restricted(to: window)
        var report = judged.report(options: drift)
        report.embedding = scan.cache.embedding.judge(judged, now: clock.monotonic())
        if let logs = sources.logMonitor, !logs.files.isEmpty {
            report.operations = OperationsReport.compute(logs, reference: sources.reference, lowConfidenceThreshold: lowConfidence)
            report.operationsSource = directory
            report.logRejections = logs.rejections
        }
        report.notes += sources.inputWarnings + sources.inputNotes
        return report
    }

    /// What the alert rules judge (nil while production cannot be read yet: no figure changes).
    private func alertFacts() -> AlertFacts? {
        let recent = sources.logMonitor.flatMap {
            RecentRequests.compute($0.table, count: recentRequests, lowConfidence: lowConfidence)
        }
        let waiting = sources.monitor == nil || sources.productionWaiting != nil
        // The window-to-window quality change, from counts folded in as rows arrive (as the
        // dashboard's), for the `accuracy_drop` and `macro_f1_drop` rules.
        var change: QualityChange?
        if !waiting, let monitor = try? sources.monitor?.restricted(to: window) {
            scan.cache.fold(monitor)
            change = scan.cache.qualityChange(labels: monitor.labels)
        }
        return AlertFacts.observe(report: waiting ? nil : cache.report(self), recent: recent, qualityChange: change)
    }
}
