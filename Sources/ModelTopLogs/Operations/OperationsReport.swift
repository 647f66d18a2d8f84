import ModelTopBase
import ModelTopStatistics

/// The health of a deployed classifier from its prediction logs: traffic, errors, latency,
/// confidence and calibration, measured and estimated quality, and their trend over time.
package struct OperationsReport: Sendable, Equatable {
    /// Quality on the requests whose true label is known.
    package struct Measured: Sendable, Equatable {
        /// nil without labelled requests.
        package var accuracy: Double?
        package var f1Macro: Double?
        package var labelled: Int
        package var unlabelled: Int
    }

    package var requests: Int
    package var rejectedLines: Int
    package var pendingPartialLines: Int
    package var orphanFeedback: Int
    /// (4xx + 5xx) / requests; nil without requests.
    package var errorRate: Double?
    package var status: StatusCounts
    /// nil when no request reported a latency.
    package var latency: LatencySummary?
    /// With a feedback horizon that requests have left: latency over every request, from
    /// `LatencyHistory` (percentiles within 0.1%); `latency` is then over the kept ones.
    package var latencyAllRequests: LatencySummary?
    /// nil when no scored request has a confidence.
    package var confidence: ConfidenceSummary?
    package var measured: Measured
    /// CBPE over the unlabelled requests; nil when it cannot be computed (no labelled requests
    /// to calibrate on, no probabilities, no unlabelled requests).
    package var estimated: PerformanceEstimate?
    /// CBPE over the labelled requests, to set against `measured`.
    package var estimatedOnLabelled: PerformanceEstimate?
    package var windowSeconds: Double
    package var windows: [TimeWindow]
    /// Requests per count window, and the windows, in logged order.
    package var countWindowRequests: Int
    package var countWindows: [TimeWindow]

    /// Everything, from a log monitor and (for window PSI) the reference embeddings.
    package static func compute(
        _ monitor: LogMonitor, reference: ReferenceProfile?, lowConfidenceThreshold: Double = 0.9
    ) -> OperationsReport {
        let table = monitor.table
        // CBPE's fit (parallel by itself) first: it is the report's peak of memory. Its two
        // estimates then run here and the other statistics alongside them, so that the serial
        // ones (confidence, latency) do not leave a core idle.
        let estimator = ConfidenceBasedEstimate(table)
        let sideJob = BackgroundResult {
            (status: StatusCounts(statuses: table.status),
             windows: TimeWindows.compute(table, reference: reference, threshold: lowConfidenceThreshold),
             countWindows: CountWindows.compute(table, reference: reference, threshold: lowConfidenceThreshold),
             latency: LatencySummary.compute(table.latencyMs),
             confidence: ConfidenceSummary.compute(table, threshold: lowConfidenceThreshold),
             measured: measured(table))
        }
        let estimates = (unlabelled: estimator?.estimate(table, labelled: false), labelled: estimator?.estimate(table, labelled: true))
        var side = sideJob.wait()
        // Requests that left the feedback horizon still count in volume, errors and quality.
        let history = monitor.history
        side.status.success += history.status.success
        side.status.clientError += history.status.clientError
        side.status.serverError += history.status.serverError
        side.status.other += history.status.other
        if history.requests > 0 { side.measured = measured(table, history: history) }
        return OperationsReport(
            requests: table.count + history.requests,
            rejectedLines: monitor.rejections.count,
            pendingPartialLines: monitor.pendingPartialLines,
            orphanFeedback: monitor.orphanFeedback,
            errorRate: side.status.errorRate,
            status: side.status,
            latency: side.latency,
            latencyAllRequests: history.requests > 0 ? history.latency.summary(adding: table.latencyMs) : nil,
            confidence: side.confidence,
            measured: side.measured,
            estimated: estimates.unlabelled,
            estimatedOnLabelled: estimates.labelled,
            windowSeconds: side.windows.seconds,
            windows: side.windows.windows,
            countWindowRequests: side.countWindows.size,
            countWindows: side.countWindows.windows)
    }

    /// Accuracy and scikit-learn's macro F1 over the scored, labelled requests.
    static func measured(_ table: RequestTable, history: LogHistory = LogHistory()) -> Measured {
        var matrix = history.confusion
        var unlabelled = history.unlabelled
        for row in 0..<table.count where table.isScored(row) {
            if table.target[row] >= 0 {
                matrix.add(truth: Int(table.target[row]), predicted: Int(table.prediction[row]))
            } else {
                unlabelled += 1
            }
        }
        let quality = QualityReport.compute(matrix, labels: table.labels)
        return Measured(
            accuracy: quality?.accuracy, f1Macro: quality?.macro.f1, labelled: matrix.total, unlabelled: unlabelled)
    }
}
