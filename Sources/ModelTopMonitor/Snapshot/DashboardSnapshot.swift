import ModelTopStatistics

/// Everything the dashboard screens draw, computed once per data update so frames stay cheap.
///
/// Pure: built from a `Monitor` and the drift options; the time it was made is passed in
/// (`generatedAt`, seconds since the epoch) because the pure layers never read a clock. The
/// operations, samples, retrain and model parts are nil until the prediction-logs, digits and
/// retrain features provide them; the screens say which input would fill them.
package struct DashboardSnapshot: Sendable, Equatable {
    package var report: Report
    package var generatedAt: Double
    /// One per dimension, in the report's order.
    package var histograms: [DimensionHistogram]
    /// nil when production has no finite timestamps.
    package var timeline: DriftTimeline?
    /// The last window's quality against the window before; nil without timestamps or labels.
    package var qualityChange: QualityChange?
    /// From production's `confidence` column; nil without one.
    package var confidence: SnapshotConfidence?
    /// From production's `latency_ms` column; nil without one.
    package var latency: SnapshotLatency?
    /// nil until the prediction-logs feature provides it.
    package var operations: OperationsSnapshot?
    /// Serving model, champion and challenger scored on the same production rows (Quality screen).
    package var models: ModelComparison?
    /// nil until the digits feature provides it.
    package var samples: SamplesSnapshot?
    /// nil until the retrain feature provides it.
    package var retrain: RetrainSnapshot?
    /// nil until the model registry provides it.
    package var model: ModelInfo?
    /// The newest rows judged on their own (`RecentDrift`), when they are not all there is.
    package var recent: RecentDrift?
    /// Why production cannot be judged yet ("waiting for prod_data.csv: no such file yet",
    /// "no production rows yet"): the Overview shows it instead of a drift verdict.
    package var waiting: String?
    /// Problems with the live inputs that the screen must show (a reference that could not be
    /// rebuilt, a log directory's unknown keys): alerts, not failures.
    package var inputWarnings: [String] = []
    /// How the inputs were read, for information only.
    package var inputNotes: [String] = []
    /// What the alert rules judge, made with the snapshot (the updater adds staleness).
    package var alertFacts = AlertFacts()
    /// The alert rules' state and history (the Alerts screen); nil until the rules first ran.
    package var alertBoard: AlertBoard?

    package init(
        report: Report, generatedAt: Double, histograms: [DimensionHistogram] = [], timeline: DriftTimeline? = nil,
        qualityChange: QualityChange? = nil, confidence: SnapshotConfidence? = nil, latency: SnapshotLatency? = nil,
        operations: OperationsSnapshot? = nil, samples: SamplesSnapshot? = nil, retrain: RetrainSnapshot? = nil,
        model: ModelInfo? = nil
    ) {
        self.report = report
        self.generatedAt = generatedAt
        self.histograms = histograms
        self.timeline = timeline
        self.qualityChange = qualityChange
        self.confidence = confidence
        self.latency = latency
        self.operations = operations
        self.samples = samples
        self.retrain = retrain
        self.model = model
    }

    /// Things that need attention, worst first; derived, so they follow every part set later.
    package var alerts: [DashboardAlert] { DashboardAlert.derive(from: self) }

    package var referenceFile: String { report.referenceFile }
    package var productionFile: String { report.productionFile }

    /// Computes the report and everything drawn around it from `monitor`, counting every row.
    package static func build(
        monitor: Monitor, options: DriftOptions, generatedAt: Double, histogramBins: Int = 24,
        operations: OperationsSnapshot? = nil, samples: SamplesSnapshot? = nil,
        retrain: RetrainSnapshot? = nil, model: ModelInfo? = nil
    ) -> DashboardSnapshot {
        var cache = DashboardScanCache()
        return build(
            monitor: monitor, options: options, generatedAt: generatedAt, histogramBins: histogramBins,
            operations: operations, samples: samples, retrain: retrain, model: model, cache: &cache)
    }

    /// The same snapshot, counting only the rows appended since `cache` last saw `monitor`
    /// (or everything, when `cache` is new or counted another monitor); see `DashboardScanCache`.
    package static func build(
        monitor: Monitor, options: DriftOptions, generatedAt: Double, histogramBins: Int = 24,
        operations: OperationsSnapshot? = nil, samples: SamplesSnapshot? = nil,
        retrain: RetrainSnapshot? = nil, model: ModelInfo? = nil, cache: inout DashboardScanCache
    ) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(
            report: monitor.report(options: options), generatedAt: generatedAt,
            operations: operations, samples: samples, retrain: retrain, model: model)
        cache.fold(monitor, histogramBins: histogramBins)
        cache.fill(&snapshot, monitor: monitor)
        return snapshot
    }
}
