/// Everything a one-shot report says: row counts, drift, quality, rejected rows and notes.
public struct Report: Sendable, Equatable {
    public var referenceFile: String
    public var productionFile: String
    public var referenceRows: Int
    public var productionRows: Int
    /// Production rows without feedback yet (empty `target`): in drift, not in quality.
    public var productionUnlabelled: Int = 0
    public var referenceRejections: RejectionLog
    public var productionRejections: RejectionLog
    public var drift: DriftReport
    /// nil when production has no target/prediction columns (see `notes`) or no rows.
    public var quality: QualityReport?
    /// Things the user should know that are not failures: ignored columns, NaN counts.
    public var notes: [String]
    /// Notes that make a figure meaningless (labels written two ways): also printed on stderr.
    public var warnings: [String] = []
    /// Latency, errors, confidence and estimated quality from prediction logs, when given.
    public var operations: OperationsReport?
    /// Log lines that broke the contract (FORMATS.md §3).
    public var logRejections = RejectionLog()
    /// The log directory `operations` came from.
    public var operationsSource: String?

    /// "899 rows" or "899 rows, 12 without feedback yet", for the renderers' headlines.
    public var productionRowsText: String {
        "\(productionRows) rows" + (productionUnlabelled > 0 ? ", \(productionUnlabelled) without feedback yet" : "")
    }

    /// Rejected CSV rows (the `rows.rejected` of the JSON).
    public var rejectedRows: Int { referenceRejections.count + productionRejections.count }
    /// Everything rejected: CSV rows and log lines.
    public var rejectedInputs: Int { rejectedRows + logRejections.count }
    /// The first rejected rows and lines, CSV first.
    public var firstProblems: [RowProblem] {
        referenceRejections.first + productionRejections.first + logRejections.first
    }
}

/// The gates a report is judged by, as a CI step would use it (`modeltop report` exit status).
public struct HealthGates: Sendable, Equatable {
    public var minF1: Double?
    public var minAccuracy: Double?
    /// Rejected rows tolerated before the input counts as bad.
    public var maxRejected: Int

    public init(minF1: Double? = nil, minAccuracy: Double? = nil, maxRejected: Int = 0) {
        self.minF1 = minF1
        self.minAccuracy = minAccuracy
        self.maxRejected = maxRejected
    }

    /// Why the report is unhealthy, one reason per failed gate; empty when healthy.
    public func failures(of report: Report) -> [String] {
        var reasons: [String] = []
        if report.drift.datasetDrift {
            reasons.append(
                "data drift: \(report.drift.drifted) of \(report.drift.dimensions.count) dimensions drifted (share \(ReportNumber.fixed(report.drift.share, 2)) ≥ \(ReportNumber.fixed(report.drift.options.driftShare, 2)))")
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
    public func exitStatus(of report: Report) -> Int32 {
        if report.rejectedInputs > maxRejected { return 2 }
        return failures(of: report).isEmpty ? 0 : 1
    }
}
