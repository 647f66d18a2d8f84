import ModelTopSystem
import ModelTopStatistics
import ModelTopLogs
import ModelTopMonitor
import ModelTopIO

/// The one place a dashboard snapshot is put together from the files as read so far: the
/// statistics (`DashboardSnapshot.build`), operations and samples from the logs, the registry's
/// models, the recent window and the input notes. The retrain part comes from the runner,
/// through `AppEvent.retrain`.
package struct LiveSnapshot: Sendable {
    package var drift: DriftOptions
    package var window: ProductionWindow = .all
    /// `--low-confidence`, for the prediction logs' statistics.
    package var lowConfidence = 0.9
    package let artifacts: String?
    package var clock: any AppClock = SystemClock()
    /// How many of the newest requests the alert rules' request figures cover.
    package var alertRequests = AlertRules().recentRequests
    /// The registry's models, re-read only when the registry changes.
    private let registry: RegistryModels

    package init(drift: DriftOptions, window: ProductionWindow, lowConfidence: Double, artifacts: String?, clock: any AppClock = SystemClock()) {
        self.drift = drift
        self.window = window
        self.lowConfidence = lowConfidence
        self.artifacts = artifacts
        self.clock = clock
        registry = RegistryModels(artifacts: artifacts)
    }

    /// Counts rows into `cache` before the feed drops them (retention), so the histograms and
    /// windows keep covering every row. With `--window` the screens show only the window's
    /// rows, which are kept, so there is nothing to count.
    package func foldHistory(_ monitor: Monitor, cache: inout DashboardScanCache) {
        guard window == .all else { return }
        cache.fold(monitor)
    }

    /// What the screens draw; nil when the window cannot be applied to production.
    /// `cache` carries the counts from the last snapshot (see `DashboardScanCache`).
    package func build(_ sources: LiveSources, cache: inout DashboardScanCache) -> DashboardSnapshot? {
        // Until production has a row, the screens draw the reference against nothing and say why.
        let waiting = sources.productionWaiting
        let live = sources.monitor
            ?? Monitor(reference: sources.reference, productionSchema: sources.reference.schema, productionFile: sources.productionPath)
        guard let monitor = try? live.restricted(to: window) else { return nil }
        var operations: OperationsSnapshot?
        var samples: SamplesSnapshot?
        var operationsReport: OperationsReport?
        var recent: RecentRequests?
        if let logs = sources.logMonitor, !logs.files.isEmpty {
            let report = OperationsReport.compute(logs, reference: sources.reference, lowConfidenceThreshold: lowConfidence)
            operationsReport = report
            recent = RecentRequests.compute(logs.table, count: alertRequests, lowConfidence: lowConfidence)
            operations = OperationsSnapshot(report: report, source: sources.logDirectory ?? "")
            if !logs.recentImages.isEmpty { samples = SamplesSnapshot(logs: logs, lowConfidence: lowConfidence) }
        }
        var snapshot = DashboardSnapshot.build(
            monitor: monitor, options: drift, generatedAt: clock.now(), operations: operations, samples: samples, cache: &cache)
        snapshot.models = ModelComparison.compute(monitor: monitor, models: registry.current(), scores: &cache.models)
        // The uncertainty test, when the registry has a current model and the logs carry probabilities.
        var uncertainty: (@Sendable () -> UncertaintyDrift?)?
        let requests = sources.logMonitor?.table.count ?? 0
        if let logs = sources.logMonitor, requests > 0, let (name, model) = registry.current().first {
            if cache.referenceConfidence?.model != name {
                cache.referenceConfidence = ModelConfidence.reference(sources.reference.table, model: model, name: name)
                    .map { ($0.model, $0.confidence) } ?? (name, [])
            }
            let reference = cache.referenceConfidence?.confidence ?? [], table = logs.table
            if !reference.isEmpty {
                uncertainty = { UncertaintyDrift.measure(reference: reference, production: ModelConfidence.requests(table), model: name) }
            }
        }
        snapshot.report.embedding = cache.embedding.judge(monitor, now: clock.monotonic(), requests: requests, uncertainty: uncertainty)
        snapshot.waiting = waiting
        // Beside the whole history, the newest rows on their own: a fresh drift shows at once.
        if window == .all, waiting == nil {
            snapshot.recent = RecentDrift.judge(monitor, options: drift, now: clock.monotonic(), cache: &cache.recent)
        }
        snapshot.inputWarnings = sources.inputWarnings
        snapshot.inputNotes = sources.inputNotes
        var withLogs = snapshot.report
        withLogs.logRejections = sources.logMonitor?.rejections ?? withLogs.logRejections
        withLogs.operations = operationsReport
        snapshot.alertFacts = AlertFacts.observe(
            report: withLogs, recent: recent, qualityChange: snapshot.qualityChange, waiting: waiting != nil)
        return snapshot
    }
}
