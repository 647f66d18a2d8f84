import ArgumentParser
import Glibc
import ModelTopSystem
import ModelTopBase
import ModelTopLogs
import ModelTopMonitor
import ModelTopOutput
import ModelTopIO

/// `modeltop watch DIR`: follow a directory that a serving API writes into.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow a live directory (ref_data.csv, prod_data.csv, *.jsonl) as it is written.",
        discussion: """
            With --headless, prints one JSON snapshot per line every --interval (the schema of \
            `modeltop report --format json`), and a final one on SIGINT or SIGTERM (or, with \
            --exit-with-parent, when the process that started it is gone). Exit status: 0 after a \
            signal; 2 usage or input error.
            """
    )

    @Argument(help: "The directory the serving API writes into.")
    var directory: String = "."

    @Flag(name: .long, help: "Print JSON snapshots instead of opening the dashboard.")
    var headless = false

    @Option(name: .long, help: "How often to print a snapshot: 1s, 500ms, 2m.")
    var interval: String = "1s"

    @Flag(name: .customLong("exit-with-parent"), help: "Stop, after a final snapshot, once the process that started modeltop exits (for supervisors and test harnesses: no orphan left following a directory).")
    var exitWithParent = false

    @Option(name: .customLong("poll-interval"), parsing: .unconditional, help: "Poll files every N seconds instead of using inotify (NFS, some container mounts).")
    var pollInterval: Double?

    @Option(name: .long, help: "The directory of prediction logs (*.jsonl); default: DIR if it holds any, else DIR/logs.")
    var logs: String?

    @OptionGroup var drift: DriftFlags

    func validate() throws {
        guard let seconds = DurationText.seconds(interval), seconds > 0 else {
            throw ValidationError("--interval must be a duration such as 1s, 500ms or 2m; found '\(SafeText.inline(interval))'")
        }
        _ = seconds
        if let pollInterval, !(pollInterval > 0) { throw ValidationError("--poll-interval must be a number of seconds > 0") }
        try drift.check()
    }

    func run() throws {
        guard headless else {
            throw ModelTopError.usage("watch without --headless opens the dashboard: run `modeltop \(directory)` (it watches the directory)")
        }
        let seconds = DurationText.seconds(interval) ?? 1
        let sources = try LiveSources(
            referencePath: directory + "/ref_data.csv", productionPath: directory + "/prod_data.csv",
            logDirectory: logs ?? DashboardInputs.findLogs(in: directory) ?? directory)
        let watcher = try DirectoryWatcher(
            directory: directory, pollInterval: pollInterval ?? min(1, seconds), useInotify: pollInterval == nil)
        SignalFlags.install(SignalFlags.stop)
        var next = SystemClock.monotonic() + seconds
        Terminal.writeAll(1, snapshot(sources))
        // Checked at least once per interval: the wait below never sleeps longer.
        let parent = getppid()
        while !SignalFlags.hasArrived(SignalFlags.stop), !(exitWithParent && getppid() != parent) {
            _ = watcher.wait(timeout: max(0, next - SystemClock.monotonic()))
            refresh(sources)
            if SystemClock.monotonic() >= next {
                Terminal.writeAll(1, snapshot(sources))
                next = max(next + seconds, SystemClock.monotonic())
            }
        }
        refresh(sources)
        Terminal.writeAll(1, snapshot(sources))
    }

    /// Reads what changed. A file that cannot be read right now (a permission, a file replaced
    /// under it) is said on stderr and tried again on the next wake-up: monitoring never stops.
    private func refresh(_ sources: LiveSources) {
        do {
            _ = try sources.refresh()
        } catch {
            Terminal.printWarning(Diagnostics.message(for: error))
        }
        for notice in sources.takeNotices() { Terminal.printWarning(notice) }
    }

    /// One line of JSON: the report of the data as it is now.
    private func snapshot(_ sources: LiveSources) -> String {
        guard let monitor = sources.monitor, sources.productionWaiting == nil else {
            let why = sources.productionWaiting ?? "waiting for \(sources.productionPath)"
            return "{\"rows\": {\"reference\": \(sources.reference.table.rowCount), \"production\": 0, \"rejected\": 0}, \"waiting_for\": \(JSONText.quoted(sources.productionPath)), \"waiting\": \(JSONText.quoted(why))}\n"
        }
        do {
            var report = try monitor.restricted(to: drift.productionWindow).report(options: drift.options)
            if let logs = sources.logMonitor, !logs.files.isEmpty {
                report.operations = OperationsReport.compute(logs, reference: sources.reference, lowConfidenceThreshold: drift.lowConfidence)
                report.operationsSource = directory
                report.logRejections = logs.rejections
            }
            report.notes += sources.inputWarnings + sources.inputNotes
            return ReportJSON.render(report, gates: HealthGates(), compact: true)
        } catch {
            return "{\"error\": \(JSONText.quoted(Diagnostics.message(for: error)))}\n"
        }
    }
}
