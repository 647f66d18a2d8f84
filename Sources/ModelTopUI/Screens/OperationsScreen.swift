import ModelTopBase
import ModelTopMonitor

/// Screen 4: serving health from prediction logs; without logs, what the CSV columns tell.
enum OperationsScreen {
    static let missing = "No prediction logs. Start with --logs DIR (a directory of *.jsonl request logs)"

    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        guard let operations = context.snapshot.operations else {
            var y = body.y
            y += Paragraph.draw(&painter, missing, x: body.x, y: y, width: min(body.width, 100), maxLines: 3, role: .warn)
            y += Paragraph.draw(&painter, "Logs give request volume, error rate, latency and model versions per window.",
                                x: body.x, y: y, width: min(body.width, 100), maxLines: 2, role: .muted)
            drawColumns(&painter, in: Rect(x: body.x, y: y + 1, width: body.width, height: body.maxY - y - 1), context.snapshot)
            return
        }
        var y = body.y
        painter.text("logs: \(operations.source)", x: body.x, y: y, width: body.width, role: .muted)
        y += 1
        var x = body.x
        x += painter.text("requests \(operations.requests)   ", x: x, y: y, width: body.maxX - x)
        let errorKind: Badge.Kind = operations.errors == 0 ? .good : (operations.errorRate >= 0.01 ? .bad : .warn)
        x += Badge.draw(&painter, "errors \(ReportNumber.fixed(operations.errorRate * 100, 2))%", kind: errorKind, x: x, y: y) + 3
        if let latency = operations.latency {
            x += painter.text("latency p50 \(ReportNumber.fixed(latency.p50, 1)) p95 \(ReportNumber.fixed(latency.p95, 1)) p99 \(ReportNumber.fixed(latency.p99, 1)) ms   ",
                              x: x, y: y, width: body.maxX - x)
        }
        if let low = operations.lowConfidenceShare {
            painter.text("low confidence \(ReportNumber.fixed(low * 100, 1))%", x: x, y: y, width: body.maxX - x)
        }
        y += 1
        if y < body.maxY {
            // Feedback lags: beside the measured accuracy, the estimate for requests still unlabelled.
            var text = "accuracy measured \(operations.measuredAccuracy.map { ReportNumber.fixed($0, 4) } ?? "—")"
            if let estimated = operations.estimatedAccuracy {
                text += " · estimated ≈ \(ReportNumber.fixed(estimated, 4)) (CBPE, \(operations.unlabelled) unlabelled)"
            }
            if let f1 = operations.estimatedF1 { text += " · est. macro F1 ≈ \(ReportNumber.fixed(f1, 4))" }
            if let ece = operations.ece { text += " · ECE \(ReportNumber.fixed(ece, 4))" }
            painter.text(text, x: body.x, y: y, width: body.width)
        }
        y += 1
        if !operations.confidenceHistogram.isEmpty, y < body.maxY {
            painter.text("confidence 0→1", x: body.x, y: y, width: OverviewTrends.labelWidth - 1, role: .muted)
            let counts = operations.confidenceHistogram.map(Double.init)
            Sparkline.draw(&painter, counts, x: body.x + OverviewTrends.labelWidth, y: y,
                           width: min(counts.count, body.width - OverviewTrends.labelWidth), range: 0...(counts.max() ?? 1))
        }
        y += 2
        Box.heading(&painter, "Per \(DriftTimeline.windowName(seconds: operations.windowSeconds)) window", x: body.x, y: y, width: body.width)
        y += 1
        let sparkWidth = body.width - OverviewTrends.labelWidth - OverviewTrends.valueWidth - 1
        for (name, values) in [
            ("requests", operations.requestsPerWindow.map(Double.init)), ("errors", operations.errorsPerWindow.map(Double.init)),
            ("latency p95", operations.latencyP95PerWindow), ("low confidence", operations.lowConfidencePerWindow),
        ] where y < body.maxY && !values.isEmpty {
            painter.text(name, x: body.x, y: y, width: OverviewTrends.labelWidth - 1, role: .muted)
            Sparkline.draw(&painter, values, x: body.x + OverviewTrends.labelWidth, y: y, width: sparkWidth, range: name == "requests" || name == "errors" ? 0...(values.max() ?? 1) : nil)
            painter.rightText(OverviewTrends.last(values, 1), x: body.maxX - OverviewTrends.valueWidth, y: y, width: OverviewTrends.valueWidth)
            y += 1
        }
        y += 1
        let half = (body.width - 2) / 2
        drawCounts(&painter, "Model versions", operations.modelVersions, total: operations.requests,
                   in: Rect(x: body.x, y: y, width: half, height: body.maxY - y))
        drawCounts(&painter, "Top errors", operations.topErrors, total: max(1, operations.errors),
                   in: Rect(x: body.x + half + 2, y: y, width: half, height: body.maxY - y))
    }

    static func drawCounts(_ painter: inout Painter, _ title: String, _ counts: [OperationsSnapshot.Count], total: Int, in rect: Rect) {
        guard rect.height > 1 else { return }
        Box.heading(&painter, title, x: rect.x, y: rect.y, width: rect.width)
        if counts.isEmpty { painter.text("none", x: rect.x, y: rect.y + 1, width: rect.width, role: .muted) }
        for (k, entry) in counts.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + k
            painter.rightText("\(entry.count)", x: rect.x, y: y, width: 8)
            HorizontalBar.draw(&painter, fraction: Double(entry.count) / Double(max(1, total)), x: rect.x + 9, y: y, width: 10)
            painter.text(entry.name, x: rect.x + 20, y: y, width: rect.width - 20)
        }
    }

    /// What production's own columns say about serving when there are no logs.
    static func drawColumns(_ painter: inout Painter, in rect: Rect, _ snapshot: DashboardSnapshot) {
        guard rect.height > 1 else { return }
        Box.heading(&painter, "From \(snapshot.productionFile) columns", x: rect.x, y: rect.y, width: rect.width)
        var y = rect.y + 1
        if let latency = snapshot.latency {
            painter.text("latency_ms: p50 \(ReportNumber.fixed(latency.p50, 1)) · p95 \(ReportNumber.fixed(latency.p95, 1)) · p99 \(ReportNumber.fixed(latency.p99, 1)) ms over \(latency.count) rows",
                         x: rect.x, y: y, width: rect.width)
            y += 1
        }
        if let confidence = snapshot.confidence, y < rect.maxY {
            painter.text("confidence: mean \(ReportNumber.fixed(confidence.mean, 3)) · under \(ReportNumber.general(SnapshotConfidence.lowThreshold)): \(ReportNumber.fixed(confidence.lowShare * 100, 1))% of \(confidence.count) rows",
                         x: rect.x, y: y, width: rect.width)
            y += 1
        }
        if let timeline = snapshot.timeline, y + 1 < rect.maxY {
            y += 1
            painter.text("rows per \(timeline.windowName)", x: rect.x, y: y, width: OverviewTrends.labelWidth - 1, role: .muted)
            Sparkline.draw(&painter, timeline.rows.map(Double.init), x: rect.x + OverviewTrends.labelWidth, y: y,
                           width: rect.width - OverviewTrends.labelWidth - OverviewTrends.valueWidth - 1,
                           range: 0...Double(max(1, timeline.rows.max() ?? 1)))
            painter.rightText("\(timeline.rows.last ?? 0)", x: rect.maxX - OverviewTrends.valueWidth, y: y, width: OverviewTrends.valueWidth)
            y += 1
        }
        if snapshot.latency == nil, snapshot.confidence == nil, y < rect.maxY {
            painter.text("no latency_ms or confidence column either", x: rect.x, y: y, width: rect.width, role: .muted)
        }
    }
}
