import ModelTopBase
import ModelTopStatistics

/// One thing that needs attention, with a severity so monochrome screens can mark it in words.
package struct DashboardAlert: Sendable, Equatable {
    package enum Severity: Int, Sendable, Comparable {
        case info, warning, critical
        package static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    package var severity: Severity
    package var message: String

    package init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message
    }

    /// A quality drop of at least this much against the previous window raises a warning.
    package static let qualityDropWarning = 0.05

    package static func derive(from snapshot: DashboardSnapshot) -> [DashboardAlert] {
        var alerts: [DashboardAlert] = []
        let drift = snapshot.report.drift
        if let waiting = snapshot.waiting { alerts.append(.init(.warning, waiting)) }
        // The alert rules that fired (the Alerts screen has their history).
        alerts += (snapshot.alertBoard?.active ?? []).map { .init($0.rule.severity == .critical ? .critical : .warning, "alert: " + $0.headline) }
        alerts += snapshot.inputWarnings.map { .init(.warning, $0) }
        alerts += snapshot.report.warnings.map { .init(.critical, $0) }
        if let recent = snapshot.recent, recent.drift.datasetDrift, !drift.datasetDrift, snapshot.waiting == nil {
            alerts.append(.init(
                .critical, "fresh drift: \(recent.drift.drifted) of \(recent.drift.dimensions.count) dimensions drifted in \(recent.name); over all rows \(drift.drifted)"))
        }
        if snapshot.waiting != nil {
            // Nothing to judge yet: no verdict, no "0 of n drifted".
        } else if drift.datasetDrift {
            alerts.append(.init(.critical, "data drift: \(drift.drifted) of \(drift.dimensions.count) dimensions drifted"))
        } else if drift.drifted > 0 {
            alerts.append(.init(.warning, "\(drift.drifted) of \(drift.dimensions.count) dimensions drifted"))
        }
        let test = drift.options.embeddingTest
        if snapshot.waiting == nil, let embedding = snapshot.report.embedding, embedding.drifted(by: test) == true {
            let alone = drift.datasetDrift ? "" : " though no dataset drift dimension by dimension"
            alerts.append(.init(.warning, "embedding drift\(alone): \(test.title) \(EmbeddingVerdictText.line(embedding, test: test))"))
        }
        if let change = snapshot.qualityChange {
            let window = SnapshotWindows.name(seconds: change.windowSeconds)
            for (name, delta) in [("accuracy", change.accuracy), ("macro F1", change.macroF1)]
            where delta <= -qualityDropWarning {
                alerts.append(.init(.warning, "\(name) fell \(ReportNumber.fixed(-delta, 4)) in the last \(window) window"))
            }
        }
        if let operations = snapshot.operations, operations.errors > 0 {
            alerts.append(.init(
                .warning, "\(operations.errors) failed requests (\(ReportNumber.fixed(operations.errorRate * 100, 1))%)"))
        }
        if case .failed(let message)? = snapshot.retrain?.phase {
            alerts.append(.init(.critical, "retrain failed: \(SafeText.inline(message))"))
        }
        let rejected = snapshot.report.rejectedRows
        if rejected > 0 { alerts.append(.init(.warning, "\(rejected) rows rejected (see modeltop report)")) }
        alerts += snapshot.inputNotes.map { .init(.info, $0) }
        alerts += snapshot.report.notes.filter { !snapshot.report.warnings.contains($0) }.map { .init(.info, $0) }
        return alerts.sorted { $0.severity > $1.severity }
    }
}
