import Foundation
import ModelTopSystem
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopTraining
import ModelTopMonitor
import ModelTopIO
import ModelTopUI
import ModelTopTerminal
import ModelTopApp

/// One run of the dashboard: checks the terminal, loads the data like `report`, then hands the
/// screen to the loop and always takes it back, whatever ends the loop.
struct DashboardSession {
    var inputs: DashboardInputs
    var drift: DriftOptions
    var window: ProductionWindow = .all
    /// `--low-confidence`, for the prediction logs' statistics.
    var lowConfidence = 0.9
    var ascii: Bool
    /// The newest production rows kept whole (`--retain`).
    var retention: Int?
    /// Where to resume from and save to; nil with `--no-checkpoint`.
    var checkpoints: CheckpointStore?
    /// Prediction-log requests kept whole (`--feedback-horizon`).
    var feedbackHorizon: Int?
    /// `--retrain-cmd`: the user's retrain hook instead of the built-in trainer.
    var retrainCommand: String?
    /// When the dashboard retrains by itself (off unless a `--retrain-*` rule is given).
    var triggers = RetrainTriggers()
    /// `--color` with NO_COLOR: whether curses may colour.
    var colorAllowed = TerminalEnvironment.colorAllowed
    /// The alert rules (defaults and the config file's) and where their events go.
    var alertRules = AlertRules()
    var alertDispatcher = AlertDispatcher(command: nil, webhook: nil)
    /// `--listen` / `--metrics-file`: this replica's figures for Prometheus.
    var metrics: MetricsFlags?
    /// Where `e` writes the screen.
    var exports: ScreenExports? = ScreenExports.standard(environment: ProcessInfo.processInfo.environment)

    func run() throws {
        if case .unusable(let reason) = TerminalEnvironment.current() {
            throw ModelTopError.usage(reason)
        }
        // The files are followed from the start: the first snapshot and every later one come
        // from the same incremental reader, so what the screen shows is what a report would.
        let artifacts = inputs.artifacts
        let builder = {
            var builder = LiveSnapshot(drift: drift, window: window, lowConfidence: lowConfidence, artifacts: artifacts)
            builder.alertRequests = alertRules.recentRequests
            return builder
        }()
        let box = ScanCacheBox()
        // Listening starts before any file is read: a busy port is an error before the screen opens.
        let export = try metrics?.export(artifacts: inputs.artifacts, warn: nil)
        let sources = try LiveSources(
            referencePath: inputs.reference, productionPath: inputs.production, logDirectory: inputs.logs,
            retention: retention,
            beforeDroppingRows: { monitor in
                export?.observe(monitor)
                builder.foldHistory(monitor, cache: &box.cache)
            },
            checkpoints: checkpoints,
            // The histograms and windows as saved with the checkpoint, when it is resumed from.
            restoreCounts: window == .all ? { restored in box.cache = restored } : nil, feedbackHorizon: feedbackHorizon)
        if sources.reference.table.rowCount == 0 {
            throw ModelTopError.noUsableRows(file: inputs.reference, rejected: sources.reference.table.rejections.count)
        }
        if case .seconds = window, sources.monitor?.productionSchema.hasTimestamp == false {
            throw ModelTopError.usage("--window \(window.description) needs a timestamp column in \(inputs.production); use a row count instead")
        }
        let build: LiveUpdater.Build = { sources, cache in builder.build(sources, cache: &cache) }
        guard let snapshot = builder.build(sources, cache: &box.cache) else { throw ModelTopError.usage("--window \(window.description): cannot be applied to \(inputs.production)") }
        let directory = PathText.directory(of: inputs.production)
        let watcher = try DirectoryWatcher(directory: directory.isEmpty ? "." : directory, pollInterval: 1.0)
        var alerts = AlertWatch(rules: alertRules, source: inputs.production, dispatcher: alertDispatcher, now: SystemClock.now())
        alerts.update(snapshot.alertFacts)
        defer { export?.stop() }
        let updater = LiveUpdater(
            sources: sources, watcher: watcher, build: build, cache: box,
            alsoWatched: artifacts.map { [ArtifactStore(directory: $0).registryPath] } ?? [], alerts: alerts, metrics: export)
        let terminal = try CursesTerminal.start(asciiRequested: ascii, colorAllowed: colorAllowed)
        defer { terminal.end() }
        let options = DashboardOptions(ascii: terminal.textMode == .ascii, colors: terminal.colors)
        var dashboard = Dashboard(snapshot: snapshot, options: options)
        let runner = RetrainRunner(
            setup: RetrainSetup(
                backend: retrainCommand.map { .hook($0) } ?? .builtIn, reference: inputs.reference,
                production: inputs.production, artifacts: inputs.artifacts),
            triggers: triggers)
        defer { runner.shutdown() }
        updater.start()
        // The thread saves a last checkpoint as it stops: wait for it (briefly).
        defer { updater.stopAndWait() }
        var loop = DashboardLoop(terminal: terminal, clock: SystemClock(), feed: updater, retrain: runner)
        loop.afterFrame = CrashDrill.runIfAsked
        loop.alerts = alertDispatcher
        loop.exports = exports
        let outcome = try loop.run(&dashboard)
        terminal.end()
        if case .signal(let number) = outcome { throw ExitStatus(code: 128 + number) }
    }
}
