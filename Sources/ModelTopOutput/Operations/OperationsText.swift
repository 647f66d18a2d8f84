import ModelTopBase
import ModelTopLogs

/// The operations section of the text report: a few aligned lines a person reads top-down,
/// with estimates clearly marked as estimates.
extension OperationsReport {
    package func textSection() -> [String] {
        var rows: [(String, String)] = []
        var traffic = "\(requests)"
        if rejectedLines > 0 { traffic += " · \(rejectedLines) rejected line\(rejectedLines == 1 ? "" : "s")" }
        if pendingPartialLines > 0 { traffic += " · \(pendingPartialLines) half-written" }
        if orphanFeedback > 0 { traffic += " · \(orphanFeedback) feedback without a request" }
        rows.append(("requests", traffic))
        rows.append(("status", "2xx \(status.success) · 4xx \(status.clientError) · 5xx \(status.serverError) · other \(status.other)"))
        rows.append(("error rate", percent(errorRate)))
        if let latency {
            let ms = { (value: Double) in ReportNumber.fixed(value, 1) }
            rows.append(("latency ms", "mean \(ms(latency.mean)) · p50 \(ms(latency.p50)) · p90 \(ms(latency.p90)) · p95 \(ms(latency.p95)) · p99 \(ms(latency.p99)) · p99.9 \(ms(latency.p999)) · max \(ms(latency.max))"))
            if let all = latencyAllRequests {
                rows.append(("all requests", "\(ReportNumber.grouped(all.count)) · p50 \(ms(all.p50)) · p95 \(ms(all.p95)) · p99 \(ms(all.p99)) ms (±0.1%) · the line above: the kept requests"))
            }
        } else {
            rows.append(("latency ms", "—"))
        }
        if let confidence {
            let ece = confidence.ece.map { ReportNumber.fixed($0, 4) } ?? "—"
            rows.append(("confidence", "mean \(ReportNumber.fixed(confidence.mean, 4)) · below \(ReportNumber.general(confidence.threshold)) \(percent(confidence.lowShare)) · ECE \(ece)"))
        } else {
            rows.append(("confidence", "—"))
        }
        rows.append(("measured", "accuracy \(fixed(measured.accuracy)) · macro F1 \(fixed(measured.f1Macro)) · \(measured.labelled) labelled, \(measured.unlabelled) unlabelled"))
        rows.append(("estimated (CBPE)", estimate(estimated, "unlabelled")))
        rows.append(("estimated on labelled", estimate(estimatedOnLabelled, "labelled")))
        rows.append(("windows", "\(windows.count) × \(ReportNumber.general(windowSeconds)) s"))
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        return ["OPERATIONS"] + rows.map { "  " + DisplayWidth.padded($0.0, to: width, right: false) + "  " + $0.1 }
    }

    private func percent(_ value: Double?) -> String {
        value.map { ReportNumber.fixed($0 * 100, 2) + "%" } ?? "—"
    }

    private func fixed(_ value: Double?) -> String { value.map { ReportNumber.fixed($0, 4) } ?? "—" }

    private func estimate(_ estimate: PerformanceEstimate?, _ rows: String) -> String {
        guard let estimate else { return "not available (needs labelled requests with probabilities)" }
        return "accuracy ≈ \(ReportNumber.fixed(estimate.accuracy, 4)) · macro F1 ≈ \(ReportNumber.fixed(estimate.f1Macro, 4)) · \(estimate.rows) \(rows)"
    }
}
