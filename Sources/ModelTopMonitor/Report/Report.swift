import ModelTopBase
import ModelTopStatistics
import ModelTopLogs

/// Everything a one-shot report says: row counts, drift, quality, rejected rows and notes.
package struct Report: Sendable, Equatable {
    package var referenceFile: String
    package var productionFile: String
    package var referenceRows: Int
    package var productionRows: Int
    /// Production rows without feedback yet (empty `target`): in drift, not in quality.
    package var productionUnlabelled: Int = 0
    package var referenceRejections: RejectionLog
    package var productionRejections: RejectionLog
    package var drift: DriftReport
    /// The whole-embedding tests (issue 17); nil when not measured (no production rows).
    package var embedding: EmbeddingDrift?
    /// nil when production has no target/prediction columns (see `notes`) or no rows.
    package var quality: QualityReport?
    /// Things the user should know that are not failures: ignored columns, NaN counts.
    package var notes: [String]
    /// Notes that make a figure meaningless (labels written two ways): also printed on stderr.
    package var warnings: [String] = []
    /// Latency, errors, confidence and estimated quality from prediction logs, when given.
    package var operations: OperationsReport?
    /// Log lines that broke the contract (FORMATS.md §3).
    package var logRejections = RejectionLog()
    /// The log directory `operations` came from.
    package var operationsSource: String?
    /// The alert rules that hold on this report (`report` only; watch and the dashboard send
    /// theirs as they start and end). nil: not judged.
    package var alerts: [AlertEvent]?

    /// "899 rows" or "899 rows, 12 without feedback yet", for the renderers' headlines.
    package var productionRowsText: String {
        "\(productionRows) rows" + (productionUnlabelled > 0 ? ", \(productionUnlabelled) without feedback yet" : "")
    }

    /// Rejected CSV rows (the `rows.rejected` of the JSON).
    package var rejectedRows: Int { referenceRejections.count + productionRejections.count }
    /// Everything rejected: CSV rows and log lines.
    package var rejectedInputs: Int { rejectedRows + logRejections.count }
    /// Every row and log line read, rejected ones included: what `--max-rejected 1%` is a share of.
    package var inputsRead: Int {
        referenceRows + productionRows + rejectedRows + (operations?.requests ?? 0) + logRejections.count
    }

    /// The first rejected rows and lines, CSV first.
    package var firstProblems: [RowProblem] {
        referenceRejections.first + productionRejections.first + logRejections.first
    }
}

/// The gates a report is judged by, as a CI step would use it (`modeltop report` exit status).
package struct HealthGates: Sendable, Equatable {
    package var minF1: Double?
    package var minAccuracy: Double?
    /// Rejected rows and lines tolerated before the input counts as bad.
    package var maxRejected: RejectionLimit

    package init(minF1: Double? = nil, minAccuracy: Double? = nil, maxRejected: RejectionLimit = .default) {
        self.minF1 = minF1
        self.minAccuracy = minAccuracy
        self.maxRejected = maxRejected
    }

    /// Why the report is unhealthy, one reason per failed gate; empty when healthy.
    package func failures(of report: Report) -> [String] {
        var reasons: [String] = []
        if report.drift.datasetDrift {
            reasons.append(
                "data drift: \(report.drift.drifted) of \(report.drift.dimensions.count) dimensions drifted (share \(ReportNumber.fixed(report.drift.share, 2)) ≥ \(ReportNumber.fixed(report.drift.options.driftShare, 2)))")
        }
        let test = report.drift.options.embeddingTest
        if let embedding = report.embedding, embedding.drifted(by: test) == true {
            reasons.append("embedding drift: \(test.title) — \(EmbeddingVerdictText.line(embedding, test: test))")
        }
        if let minF1 {
            if let quality = report.quality {
                if quality.macro.f1 < minF1 {
                    reasons.append("macro F1 \(ReportNumber.fixed(quality.macro.f1, 4)) is under --min-f1 \(ReportNumber.general(minF1))")
                }
            } else {
                reasons.append("--min-f1 was given but quality could not be measured")
            }
        }
        if let minAccuracy {
            if let quality = report.quality {
                if quality.accuracy < minAccuracy {
                    reasons.append("accuracy \(ReportNumber.fixed(quality.accuracy, 4)) is under --min-accuracy \(ReportNumber.general(minAccuracy))")
                }
            } else {
                reasons.append("--min-accuracy was given but quality could not be measured")
            }
        }
        return reasons
    }

    /// 0 healthy, 1 unhealthy, 2 more rejected rows than tolerated (bad input wins).
    package func exitStatus(of report: Report) -> Int32 {
        if maxRejected.isExceeded(rejected: report.rejectedInputs, of: report.inputsRead) { return 2 }
        return failures(of: report).isEmpty ? 0 : 1
    }
}

/// How many rejected rows and lines a report tolerates before its input counts as bad
/// (`--max-rejected`): a count (`N`) or a share of everything read (`N%`).
package enum RejectionLimit: Sendable, Equatable, CustomStringConvertible {
    case count(Int)
    case share(Double)

    /// One bad line in a hundred is noise in a live log, not a reason to fail a CI gate.
    package static let `default` = RejectionLimit.share(0.01)

    /// `12` or `1%` or `0.5%`; nil for anything else.
    package init?(_ text: String) {
        if text.hasSuffix("%") {
            guard let percent = Double(text.dropLast()), percent.isFinite, (0...100).contains(percent) else { return nil }
            self = .share(percent / 100)
        } else {
            guard let count = Int(text), count >= 0 else { return nil }
            self = .count(count)
        }
    }

    package func isExceeded(rejected: Int, of total: Int) -> Bool {
        switch self {
        case .count(let limit): return rejected > limit
        case .share(let share): return rejected > 0 && Double(rejected) > share * Double(max(total, 1))
        }
    }

    package var description: String {
        switch self {
        case .count(let limit): return String(limit)
        case .share(let share): return "\(ReportNumber.general(share * 100))%"
        }
    }
}
