import ArgumentParser
import Glibc
import ModelTopSystem
import ModelTopBase
import ModelTopIO
import ModelTopApp

/// `modeltop watch DIR`: follow a directory that a serving API writes into.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow a live directory (ref_data.csv, prod_data.csv, *.jsonl) as it is written.",
        discussion: """
            With --headless, prints one JSON snapshot per line every --interval (the schema of \
            `modeltop report --format json`), and a final one on SIGINT or SIGTERM (or, with \
            --exit-with-parent, when the process that started it is gone). A snapshot is computed \
            again only when new data was read; with --only-changes an unchanged one is not printed. Exit status: 0 after a \
            signal; 2 usage or input error.
            """
    )

    @Argument(help: "The directory the serving API writes into.")
    var directory: String = "."

    @Flag(name: .long, help: "Print JSON snapshots instead of opening the dashboard.")
    var headless = false

    @Option(name: .long, help: "How often to print a snapshot: 1s, 500ms, 2m. (default: 1s)", transform: FlagValue.duration("--interval", example: "1s, 500ms or 2m"))
    var interval = FlagDuration(seconds: 1, text: "1s")

    @Flag(name: .customLong("only-changes"), help: "Print a snapshot only when it differs from the last one printed (the first and the final one always).")
    var onlyChanges = false

    @Flag(name: .customLong("exit-with-parent"), help: "Stop, after a final snapshot, once the process that started modeltop exits (for supervisors and test harnesses: no orphan left following a directory).")
    var exitWithParent = false

    @Option(name: .customLong("poll-interval"), parsing: .unconditional, help: "Poll files every N seconds instead of using inotify (NFS, some container mounts).")
    var pollInterval: Double?

    @Option(name: .long, help: "The directory of prediction logs (*.jsonl); default: DIR if it holds any, else DIR/logs.")
    var logs: String?

    @OptionGroup var drift: DriftFlags

    @OptionGroup var retention: RetentionFlags

    @OptionGroup(title: "Alerts") var alerts: AlertFlags

    @OptionGroup(title: "Prometheus") var metrics: MetricsFlags

    @OptionGroup var configFile: ConfigFlag

    func validate() throws {
        try retention.check()
        try alerts.check()
        if let pollInterval, !(pollInterval > 0) { throw ValidationError("--poll-interval must be a number of seconds > 0") }
        try drift.check()
    }

    func run() throws {
        guard headless else {
            throw ModelTopError.usage("watch without --headless opens the dashboard: run `modeltop \(directory)` (it watches the directory)")
        }
        let seconds = interval.seconds
        let export = try metrics.export(artifacts: directory + "/artifacts", warn: Terminal.printWarning)
        let sources = try LiveSources(
            referencePath: directory + "/ref_data.csv", productionPath: directory + "/prod_data.csv",
            logDirectory: logs ?? DashboardInputs.findLogs(in: directory) ?? directory,
            retention: retention.rows(for: drift.productionWindow), beforeDroppingRows: export.map { export in { export.observe($0) } },
            checkpoints: retention.checkpoints,
            feedbackHorizon: retention.feedbackHorizon)
        let watcher = try DirectoryWatcher(
            directory: directory, pollInterval: pollInterval ?? min(1, seconds), useInotify: pollInterval == nil)
        SignalFlags.install(SignalFlags.stop)
        let parent = getppid(), exitWithParent = self.exitWithParent
        var watch = HeadlessWatch(
            sources: sources, watcher: watcher, interval: seconds, drift: drift.options, window: drift.productionWindow,
            lowConfidence: drift.lowConfidence, directory: directory, write: { Terminal.writeAll(1, $0) }, warn: Terminal.printWarning,
            shouldStop: { SignalFlags.hasArrived(SignalFlags.stop) || (exitWithParent && getppid() != parent) }
        )
        watch.onlyChanges = onlyChanges
        watch.metrics = export
        // Each alert's start and end, and each delivery's outcome, on stderr (a service's journal).
        let dispatcher = alerts.dispatcher(report: { Terminal.writeAll(2, "modeltop: alert: \($0)\n") })
        watch.alerts = AlertWatch(rules: alerts.alertRules, source: directory, dispatcher: dispatcher, now: SystemClock.now())
        watch.run()
    }
}
