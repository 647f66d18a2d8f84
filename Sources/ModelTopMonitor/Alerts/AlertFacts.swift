import ModelTopBase
import ModelTopStatistics
import ModelTopLogs

/// The figures alert rules judge at one moment, each with the data it covers ("the last 200
/// requests", "1,234 production rows"): one builder for the dashboard, `watch --headless` and
/// `report`, so a rule means the same thing everywhere.
package struct AlertFacts: Sendable, Equatable {
    package struct Figure: Sendable, Equatable {
        package var value: Double
        /// What the value was computed over, for the alert's message.
        package var window: String
        /// Rows or requests behind the value (nil: not a sample, e.g. staleness).
        package var samples: Int?
    }

    package var figures: [AlertMetric: Figure] = [:]
    /// Extra words for a metric's summary ("12 of 16 dimensions").
    package var details: [AlertMetric: String] = [:]

    package init() {}

    package subscript(metric: AlertMetric) -> Figure? { figures[metric] }

    /// - Parameters:
    ///   - report: what the command shows (its window of production, the logs' operations).
    ///   - recent: the newest requests on their own (`RecentRequests`), when there are logs.
    ///   - qualityChange: the last time window against the one before (dashboard, watch).
    ///   - secondsSinceNewData: live modes only: how long since a row or request was read.
    ///   - estimated: CBPE's accuracy and the predictions it covers, when the report does not
    ///     carry the logs' operations (the dashboard keeps them beside it).
    ///   - waiting: production cannot be judged yet: no drift or quality figure is made (nil
    ///     `report`: none at all, only the requests').
    package static func observe(
        report: Report?, recent: RecentRequests? = nil, qualityChange: QualityChange? = nil,
        estimated: (accuracy: Double, rows: Int)? = nil, secondsSinceNewData: Double? = nil, waiting: Bool = false
    ) -> AlertFacts {
        var facts = AlertFacts()
        if let report, !waiting, report.productionRows > 0 {
            let rows = "\(ReportNumber.grouped(report.productionRows)) production rows"
            let drift = report.drift
            let tested = drift.dimensions.count
            facts.set(.datasetDrift, drift.datasetDrift ? 1 : 0, rows, samples: report.productionRows)
            facts.set(.driftedShare, drift.share, rows, samples: report.productionRows)
            let counted = "\(drift.drifted) of \(tested) dimensions drifted"
            facts.details[.datasetDrift] = counted
            facts.details[.driftedShare] = counted
            let test = drift.options.embeddingTest
            if let embedding = report.embedding, let verdict = embedding.drifted(by: test) {
                let judged = "\(ReportNumber.grouped(embedding.productionRows)) production rows"
                facts.set(.embeddingDrift, verdict ? 1 : 0, judged, samples: embedding.productionRows)
                facts.details[.embeddingDrift] = EmbeddingVerdictText.short(embedding, test: test)
            }
            if let quality = report.quality, quality.rows > 0 {
                let labelled = "\(ReportNumber.grouped(quality.rows)) labelled production rows"
                facts.set(.accuracy, quality.accuracy, labelled, samples: quality.rows)
                facts.set(.macroF1, quality.macro.f1, labelled, samples: quality.rows)
            }
        }
        if let change = qualityChange {
            let window = "the last \(change.windowName) window against the one before"
            facts.set(.accuracyDrop, -change.accuracy, window)
            facts.set(.macroF1Drop, -change.macroF1, window)
            facts.details[.accuracyDrop] = "\(ReportNumber.fixed(change.previous.accuracy, 4)) → \(ReportNumber.fixed(change.current.accuracy, 4))"
            facts.details[.macroF1Drop] = "\(ReportNumber.fixed(change.previous.macro.f1, 4)) → \(ReportNumber.fixed(change.current.macro.f1, 4))"
        }
        if let estimate = estimated ?? report?.operations?.estimated.map({ ($0.accuracy, $0.rows) }) {
            facts.set(.estimatedAccuracy, estimate.accuracy, "\(ReportNumber.grouped(estimate.rows)) logged predictions without feedback", samples: estimate.rows)
        }
        if let recent {
            let window = "the last \(ReportNumber.grouped(recent.requests)) requests"
            facts.set(.serverErrorRate, recent.serverErrorRate, window, samples: recent.requests)
            if let p99 = recent.latencyP99 { facts.set(.latencyP99, p99, window, samples: recent.requests) }
            if let low = recent.lowConfidenceShare { facts.set(.lowConfidenceShare, low, window, samples: recent.requests) }
        }
        if let secondsSinceNewData { facts.set(.staleSeconds, secondsSinceNewData, "production and logs") }
        if let report, report.inputsRead > 0 {
            let read = report.inputsRead
            facts.set(.rejectedShare, Double(report.rejectedInputs) / Double(read), "\(ReportNumber.grouped(read)) lines read", samples: read)
            facts.details[.rejectedShare] = "\(ReportNumber.grouped(report.rejectedInputs)) rejected"
        }
        return facts
    }

    package mutating func set(_ metric: AlertMetric, _ value: Double, _ window: String, samples: Int? = nil) {
        figures[metric] = Figure(value: value, window: window, samples: samples)
    }
}
