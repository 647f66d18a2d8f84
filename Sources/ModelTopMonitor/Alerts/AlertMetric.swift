import ModelTopBase

/// A figure an alert rule watches. Every one is computed the same way by the dashboard,
/// `watch --headless` and `report` (`AlertFacts`); the ones a command cannot know (staleness in
/// a one-shot report, a window-to-window drop without timestamps) are absent there, and a rule
/// on an absent figure never fires.
package enum AlertMetric: String, CaseIterable, Sendable, Equatable {
    /// 1 when the report's dataset-drift verdict says drift (its --drift-share rule), else 0.
    case datasetDrift = "dataset_drift"
    /// 1 when the whole-embedding test chosen by --embedding-test says drift, else 0.
    case embeddingDrift = "embedding_drift"
    /// Share of tested embedding dimensions that drifted.
    case driftedShare = "drifted_share"
    /// Accuracy of the labelled production rows the report covers.
    case accuracy
    /// Macro F1 of the same rows.
    case macroF1 = "macro_f1"
    /// Accuracy lost in the last time window against the one before (positive = worse).
    case accuracyDrop = "accuracy_drop"
    /// Macro F1 lost in the last time window against the one before (positive = worse).
    case macroF1Drop = "macro_f1_drop"
    /// CBPE's estimated accuracy over the prediction logs.
    case estimatedAccuracy = "estimated_accuracy"
    /// Share of the newest requests answered 5xx.
    case serverErrorRate = "server_error_rate"
    /// 99th percentile latency of the newest requests, in milliseconds.
    case latencyP99 = "latency_p99_ms"
    /// Share of the newest scored requests below the low-confidence threshold.
    case lowConfidenceShare = "low_confidence_share"
    /// Seconds since a new production row or request was last read.
    case staleSeconds = "stale_seconds"
    /// Share of the lines read (reference, production, logs) that were rejected.
    case rejectedShare = "rejected_share"

    /// What the figure is, for messages ("5xx rate of the last 200 requests").
    package var label: String {
        switch self {
        case .datasetDrift: return "dataset drift"
        case .embeddingDrift: return "embedding drift"
        case .driftedShare: return "drifted share"
        case .accuracy: return "accuracy"
        case .macroF1: return "macro F1"
        case .accuracyDrop: return "accuracy drop"
        case .macroF1Drop: return "macro F1 drop"
        case .estimatedAccuracy: return "estimated accuracy (CBPE)"
        case .serverErrorRate: return "5xx rate"
        case .latencyP99: return "p99 latency"
        case .lowConfidenceShare: return "low-confidence share"
        case .staleSeconds: return "time without new data"
        case .rejectedShare: return "rejected-line share"
        }
    }

    /// The value as people read it: shares in percent, latency in ms, staleness as a duration.
    package func format(_ value: Double) -> String {
        switch self {
        case .datasetDrift, .embeddingDrift: return value > 0 ? "yes" : "no"
        case .driftedShare, .serverErrorRate, .lowConfidenceShare, .rejectedShare:
            return ReportNumber.fixed(value * 100, 1) + "%"
        case .accuracy, .macroF1, .accuracyDrop, .macroF1Drop, .estimatedAccuracy:
            return ReportNumber.fixed(value, 4)
        case .latencyP99: return ReportNumber.fixed(value, 1) + " ms"
        case .staleSeconds: return DurationText.text(value.rounded())
        }
    }

    /// The names, for the config file's error messages.
    package static var names: [String] { allCases.map(\.rawValue) }
}
