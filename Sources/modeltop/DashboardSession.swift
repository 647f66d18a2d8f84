import Foundation
import ModelTopBase
import ModelTopStatistics
import ModelTopLogs
import ModelTopTraining
import ModelTopMonitor
import ModelTopIO
import ModelTopUI
import ModelTopTerminal

/// One run of the dashboard: checks the terminal, loads the data like `report`, then hands the
/// screen to the loop and always takes it back, whatever ends the loop.
struct DashboardSession {
    var inputs: DashboardInputs
    var drift: DriftOptions
    var window: ProductionWindow = .all
    /// `--low-confidence`, for the prediction logs' statistics.
    var lowConfidence = 0.9
    var ascii: Bool
    /// `--retrain-cmd`: the user's retrain hook instead of the built-in trainer.
    var retrainCommand: String?
    /// When the dashboard retrains by itself (off unless a `--retrain-*` rule is given).
    var triggers = RetrainTriggers()

    func run() throws {
        if case .unusable(let reason) = TerminalEnvironment.current() {
            Terminal.printError(reason)
            throw ExitStatus(code: 2)
        }
        // The files are followed from the start: the first snapshot and every later one come
        // from the same incremental reader, so what the screen shows is what a report would.
        let sources = try LiveSources(
            referencePath: inputs.reference, productionPath: inputs.production, logDirectory: inputs.logs)
        if sources.reference.table.rowCount == 0 {
            throw ModelTopError.noUsableRows(file: inputs.reference, rejected: sources.reference.table.rejections.count)
        }
        if case .seconds = window, sources.monitor?.productionSchema.hasTimestamp == false {
            throw ModelTopError.usage("--window \(window.description) needs a timestamp column in \(inputs.production); use a row count instead")
        }
        let window = self.window, lowConfidence = self.lowConfidence
        let artifacts = inputs.artifacts
        let build: LiveUpdater.Build = {
            Self.snapshot($0, $1, window: window, lowConfidence: lowConfidence, artifacts: artifacts, cache: &$2)
        }
        var cache = DashboardScanCache()
        guard let snapshot = build(sources, drift, &cache) else { throw ModelTopError.usage("--window \(window.description): cannot be applied to \(inputs.production)") }
        let directory = (inputs.production as NSString).deletingLastPathComponent
        let watcher = try DirectoryWatcher(directory: directory.isEmpty ? "." : directory, pollInterval: 1.0)
        let updater = LiveUpdater(
            sources: sources, watcher: watcher, drift: drift, build: build, cache: cache,
            alsoWatched: artifacts.map { [ArtifactStore(directory: $0).registryPath] } ?? [])
        let terminal = try CursesTerminal.start(asciiRequested: ascii, colorAllowed: TerminalEnvironment.colorAllowed)
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
        defer { updater.stop() }
        var loop = DashboardLoop(terminal: terminal, updater: updater)
        loop.retrain = runner
        let outcome = try loop.run(&dashboard)
        terminal.end()
        if case .signal(let number) = outcome { throw ExitStatus(code: 128 + number) }
    }

    /// What the screens draw, from the data as read so far; nil until production has a header.
    /// `cache` carries the counts from the last snapshot (see `DashboardScanCache`).
    static func snapshot(
        _ sources: LiveSources, _ drift: DriftOptions, window: ProductionWindow, lowConfidence: Double = 0.9,
        artifacts: String?, cache: inout DashboardScanCache
    ) -> DashboardSnapshot? {
        // Until production has a row, the screens draw the reference against nothing and say why.
        let waiting = sources.productionWaiting
        let live = sources.monitor
            ?? Monitor(reference: sources.reference, productionSchema: sources.reference.schema, productionFile: sources.productionPath)
        guard let monitor = try? live.restricted(to: window) else { return nil }
        var operations: OperationsSnapshot?
        var samples: SamplesSnapshot?
        if let logs = sources.logMonitor, !logs.files.isEmpty {
            let report = OperationsReport.compute(logs, reference: sources.reference, lowConfidenceThreshold: lowConfidence)
            operations = OperationsSnapshot(report: report, source: sources.logDirectory ?? "")
            if !logs.recentImages.isEmpty { samples = SamplesSnapshot(logs: logs, lowConfidence: lowConfidence) }
        }
        var snapshot = DashboardSnapshot.build(
            monitor: monitor, options: drift, generatedAt: DashboardClock.now(), operations: operations,
            samples: samples, cache: &cache)
        snapshot.models = ModelComparison.compute(monitor: monitor, models: registryModels(artifacts), scores: &cache.models)
        snapshot.waiting = waiting
        // Beside the whole history, the newest rows on their own: a fresh drift shows at once.
        if window == .all, waiting == nil {
            snapshot.recent = RecentDrift.judge(monitor, options: drift, now: DashboardClock.monotonic(), cache: &cache.recent)
        }
        snapshot.inputWarnings = sources.inputWarnings
        snapshot.inputNotes = sources.inputNotes
        return snapshot
    }

    /// The current model and the latest challenger (when it differs) from the registry; none
    /// when there is no registry yet or it cannot be read (the Retrain screen reports that).
    static func registryModels(_ artifacts: String?) -> [(name: String, model: SoftmaxModel)] {
        guard let artifacts else { return [] }
        let store = ArtifactStore(directory: artifacts)
        guard let registry = try? store.loadRegistry() else { return [] }
        var models: [(name: String, model: SoftmaxModel)] = []
        if let current = registry.current, let artifact = try? store.loadModel(current) {
            models.append(("champion \(current) (current)", artifact.model))
        }
        if let latest = registry.history.last(where: { $0.trigger != ModelRegistry.rollbackTrigger }),
           latest.version != registry.current, let artifact = try? store.loadModel(latest.version) {
            models.append(("challenger \(latest.version) (\(latest.promoted ? "promoted" : "refused"))", artifact.model))
        }
        return models
    }
}
