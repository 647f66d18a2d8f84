import Prometheus
import ModelTopBase

/// Every metric modeltop exposes: one name, one help text, used by the agent that writes them
/// and by the fleet console and the shipped rules that read them back.
///
/// Prometheus's conventions: a `modeltop_` prefix, base units (seconds), `_total` on counters,
/// and labels whose values are bounded (dimensions, classes, status classes; never ids).
package enum MetricName {
    // ── Counts that add up across replicas ──
    package static let rank = MetricFamily(name: "modeltop_embedding_rank", help: "Embedding values by the reference quantile they fall below (le: 0.05 to 0.95); sample=production counts rows as they arrive, sample=reference the reference once")
    package static let feedback = MetricFamily(name: "modeltop_feedback_total", help: "Production rows with feedback, by true label (target) and predicted label (prediction): the confusion matrix")
    package static let productionRows = MetricFamily(name: "modeltop_production_rows_total", help: "Production rows read (with or without feedback)")
    package static let requests = MetricFamily(name: "modeltop_requests_total", help: "Prediction-log requests by HTTP status class (code: 2xx, 4xx, 5xx, other; a line without a status counts as 2xx)")
    package static let latency = MetricFamily(name: "modeltop_request_duration_seconds", help: "Request latency from the prediction logs (latency_ms), in seconds")
    package static let confidence = MetricFamily(name: "modeltop_prediction_confidence", help: "Top-class probability of scored requests")
    package static let expectedCorrect = MetricFamily(name: "modeltop_cbpe_expected_correct", help: "CBPE: the sum over covered requests of the calibrated probability that the prediction is right")
    package static let estimatedRequests = MetricFamily(name: "modeltop_cbpe_requests", help: "CBPE: requests the estimate covers (divide expected_correct by it across the fleet)")

    // ── One replica's own figures: gauges, not to be summed ──
    package static let psi = MetricFamily(name: "modeltop_drift_psi", help: "PSI per dimension on the reference's deciles")
    package static let ksStatistic = MetricFamily(name: "modeltop_drift_ks_statistic", help: "Two-sample KS statistic per dimension")
    package static let ksPValue = MetricFamily(name: "modeltop_drift_ks_pvalue", help: "Two-sample KS p-value per dimension (before adjustment)")
    package static let wasserstein = MetricFamily(name: "modeltop_drift_wasserstein_normed", help: "Wasserstein distance over the reference's standard deviation, per dimension")
    package static let dimensionDrifted = MetricFamily(name: "modeltop_drift_dimension_drifted", help: "1 when the dimension drifted by the configured test")
    package static let driftShare = MetricFamily(name: "modeltop_drift_share", help: "Share of dimensions that drifted")
    package static let datasetDrift = MetricFamily(name: "modeltop_drift_dataset", help: "1 when at least --drift-share of dimensions drifted")
    package static let embeddingDrift = MetricFamily(name: "modeltop_drift_embedding", help: "1 when the whole-embedding test drifted, 0 when not (absent while undetermined)")
    package static let accuracy = MetricFamily(name: "modeltop_accuracy", help: "Accuracy on production rows with feedback")
    package static let f1Macro = MetricFamily(name: "modeltop_f1_macro", help: "Macro F1 on production rows with feedback")
    package static let estimatedAccuracy = MetricFamily(name: "modeltop_cbpe_accuracy", help: "Accuracy estimated by CBPE from calibrated probabilities")
    package static let modelInfo = MetricFamily(name: "modeltop_model_info", help: "The serving model's version in the artifacts registry (always 1)")
    package static let lastData = MetricFamily(name: "modeltop_last_data_timestamp_seconds", help: "When the agent last read new rows or requests (Unix time): a replica not writing shows here")
    package static let referenceRows = MetricFamily(name: "modeltop_reference_rows", help: "Rows in the reference file")

    // ── Labels ──
    /// A label value from the user's files (a column name, a class, a model version), made safe
    /// for any reader of the exposition: control characters escaped, at most 200 characters.
    /// The format's own escaping (backslash, quote, newline) is swift-prometheus's.
    package static func labelValue(_ text: String) -> String { SafeText.inline(text, maxScalars: 200) }

    package static let dimensionLabel = "dimension"
    package static let sampleLabel = "sample"

    /// Target and prediction labels beyond this many distinct classes are counted under
    /// `otherClass`: a free-text target must not make one series per row.
    package static let classesExposed = 100
    package static let otherClass = "_other"

    /// Latency buckets in seconds: Prometheus's default buckets.
    package static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// Confidence buckets: tenths, then the high end where a classifier's answers crowd.
    package static let confidenceBuckets: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1]
}

/// A metric's name and help text, as swift-prometheus takes them.
package struct MetricFamily: Sendable {
    package let name: String
    package let help: String

    package var descriptor: MetricNameDescriptor { MetricNameDescriptor(metricName: name, unitName: "", helpText: help) }
}
