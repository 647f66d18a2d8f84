import Prometheus
import ModelTopStatistics
import ModelTopLogs
import ModelTopMonitor

/// One replica's own figures from its latest report: gauges, made anew with each report so a
/// figure that is gone (a dimension, a model version) leaves the exposition too. A figure that
/// is not a number (NaN) is left out rather than written.
enum ReplicaGauges {
    /// What a report alone does not say.
    struct Context {
        /// Unix time of the last read that brought rows or requests; nil before any.
        var lastData: Double?
        /// The registry's current model version, when the directory has one.
        var modelVersion: String?
    }

    static func registry(for report: Report, _ context: Context) -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        func set(_ family: MetricFamily, _ value: Double?, labels: [(String, String)] = []) {
            guard let value, !value.isNaN else { return }
            registry.makeGauge(descriptor: family.descriptor, labels: labels).set(to: value)
        }
        for dimension in report.drift.dimensions {
            let labels = [(MetricName.dimensionLabel, MetricName.labelValue(dimension.name))]
            set(MetricName.psi, dimension.psi, labels: labels)
            set(MetricName.ksStatistic, dimension.ksStatistic, labels: labels)
            set(MetricName.ksPValue, dimension.ksPValue, labels: labels)
            set(MetricName.wasserstein, dimension.wassersteinNorm, labels: labels)
            set(MetricName.dimensionDrifted, dimension.drifted ? 1 : 0, labels: labels)
        }
        set(MetricName.driftShare, report.drift.share)
        set(MetricName.datasetDrift, report.drift.datasetDrift ? 1 : 0)
        if let embedding = report.embedding, let drifted = embedding.drifted(by: report.drift.options.embeddingTest) {
            set(MetricName.embeddingDrift, drifted ? 1 : 0)
        }
        if let quality = report.quality {
            set(MetricName.accuracy, quality.accuracy)
            set(MetricName.f1Macro, quality.macro.f1)
        }
        if let estimated = report.operations?.estimated {
            set(MetricName.estimatedAccuracy, estimated.accuracy)
            set(MetricName.expectedCorrect, estimated.accuracy * Double(estimated.rows))
            set(MetricName.estimatedRequests, Double(estimated.rows))
        }
        set(MetricName.referenceRows, Double(report.referenceRows))
        set(MetricName.lastData, context.lastData)
        if let version = context.modelVersion {
            set(MetricName.modelInfo, 1, labels: [("version", MetricName.labelValue(version))])
        }
        return registry
    }
}
