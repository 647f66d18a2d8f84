import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// The overview's top block: one line each for drift, quality, confidence and latency,
/// serving and the model.
enum OverviewHealth {
    static let labelWidth = 9

    static func draw(_ painter: inout Painter, in rect: Rect, _ snapshot: DashboardSnapshot) {
        guard rect.height >= 1 else { return }
        let report = snapshot.report
        let drift = report.drift
        var y = rect.y
        let valueX = rect.x + labelWidth, valueWidth = rect.width - labelWidth
        func label(_ text: String) { painter.text(text, x: rect.x, y: y, width: labelWidth - 1, role: .header) }
        func line(_ text: String, role: Role = .normal) { painter.text(text, x: valueX, y: y, width: valueWidth, role: role) }

        label("Drift")
        var x = valueX
        if let waiting = snapshot.waiting {
            // No verdict from no rows; the serving line below still has the logs to show.
            x += Badge.draw(&painter, "WAITING", kind: .warn, x: x, y: y) + 1
            painter.text(waiting, x: x, y: y, width: rect.maxX - x, role: .muted)
            y += 1
            if y < rect.maxY { serving(&painter, snapshot, x: rect.x, valueX: valueX, y: &y, rect: rect) }
            return
        }
        x += Badge.draw(&painter, drift.datasetDrift ? "DRIFT" : "NO DRIFT", kind: drift.datasetDrift ? .bad : .good, x: x, y: y) + 1
        let rule = "\(drift.options.test.rawValue.uppercased()) \(drift.options.test == .ks ? "<" : "≥") \(ReportNumber.general(drift.options.threshold))"
        painter.text("\(drift.drifted)/\(drift.dimensions.count) dimensions drifted (\(rule); alarm at share \(ReportNumber.general(drift.options.driftShare)))",
                     x: x, y: y, width: rect.maxX - x)
        y += 1
        guard y < rect.maxY else { return }
        if let embedding = report.embedding, drift.options.embeddingTest != .off {
            label("Joint")
            let test = drift.options.embeddingTest
            let verdict = embedding.drifted(by: test)
            var jx = valueX
            jx += Badge.draw(&painter, verdict.map { $0 ? "DRIFT" : "NO DRIFT" } ?? "N/A", kind: verdict == true ? .bad : (verdict == false ? .good : .warn), x: jx, y: y) + 1
            painter.text("\(test.title): \(EmbeddingVerdictText.line(embedding, test: test))", x: jx, y: y, width: rect.maxX - jx)
            y += 1
            guard y < rect.maxY else { return }
        }
        if let recent = snapshot.recent {
            label("Recent")
            var rx = valueX
            rx += Badge.draw(&painter, recent.drift.datasetDrift ? "DRIFT" : "NO DRIFT", kind: recent.drift.datasetDrift ? .bad : .good, x: rx, y: y) + 1
            painter.text("\(recent.drift.drifted)/\(recent.drift.dimensions.count) dimensions drifted in \(recent.name)", x: rx, y: y, width: rect.maxX - rx)
            y += 1
            guard y < rect.maxY else { return }
        }

        label("Quality")
        if let quality = report.quality {
            QualityLine.draw(&painter, quality, change: snapshot.qualityChange, x: valueX, y: y, width: valueWidth)
        } else {
            line("not measured: production has no target and prediction columns", role: .muted)
        }
        y += 1
        if let change = snapshot.qualityChange, y < rect.maxY {
            line("changes: last \(change.windowName) window (\(change.current.rows) rows) vs the one before (\(change.previous.rows))", role: .muted)
            y += 1
        }
        guard y < rect.maxY else { return }

        label("Outputs")
        var parts: [String] = []
        if let confidence = snapshot.confidence {
            parts.append("confidence mean \(ReportNumber.fixed(confidence.mean, 3)), \(ReportNumber.fixed(confidence.lowShare * 100, 1))% low")
        }
        if let latency = snapshot.latency {
            parts.append("latency p50/95/99 \(ReportNumber.fixed(latency.p50, 1))/\(ReportNumber.fixed(latency.p95, 1))/\(ReportNumber.fixed(latency.p99, 1)) ms")
        }
        if parts.isEmpty {
            line("no confidence or latency_ms column in \(report.productionFile)", role: .muted)
        } else {
            line(parts.joined(separator: " · "))
        }
        y += 1
        guard y < rect.maxY else { return }

        serving(&painter, snapshot, x: rect.x, valueX: valueX, y: &y, rect: rect)
        guard y < rect.maxY else { return }

        label("Model")
        if let model = snapshot.model {
            line("version \(model.version) · last retrain \(model.lastRetrainAt.map { Clock.utc($0) } ?? "never")")
        } else {
            line("version unknown: no model registry yet (a retrain creates one)", role: .muted)
        }
    }

    /// The prediction logs' line: volume, errors, latency, confidence, estimated accuracy.
    static func serving(_ painter: inout Painter, _ snapshot: DashboardSnapshot, x: Int, valueX: Int, y: inout Int, rect: Rect) {
        painter.text("Serving", x: x, y: y, width: labelWidth - 1, role: .header)
        let width = rect.maxX - valueX
        if let operations = snapshot.operations {
            var text = "\(operations.requests) requests · errors \(ReportNumber.fixed(operations.errorRate * 100, 2))%"
            if let latency = operations.latency {
                text += " · p50/95/99 \(ReportNumber.fixed(latency.p50, 1))/\(ReportNumber.fixed(latency.p95, 1))/\(ReportNumber.fixed(latency.p99, 1)) ms"
            }
            if let low = operations.lowConfidenceShare { text += " · \(ReportNumber.fixed(low * 100, 1))% low confidence" }
            if let estimated = operations.estimatedAccuracy { text += " · est. accuracy ≈ \(ReportNumber.fixed(estimated, 3)) (CBPE)" }
            painter.text(text, x: valueX, y: y, width: width)
        } else {
            painter.text("no prediction logs: point --logs at a directory of *.jsonl", x: valueX, y: y, width: width, role: .muted)
        }
        y += 1
    }
}

/// Accuracy, macro F1 and balanced accuracy with their changes, narrowed to fit the width.
enum QualityLine {
    static func draw(_ painter: inout Painter, _ q: QualityReport, change: QualityChange?, x: Int, y: Int, width: Int) {
        let metrics = [
            ("accuracy", q.accuracy, change?.accuracy), ("macro F1", q.macro.f1, change?.macroF1),
            ("bal. acc.", q.balancedAccuracy, change?.balancedAccuracy),
        ]
        // 4 decimals when they fit, else 3.
        let decimals = metrics.reduce(0) { $0 + DisplayWidth.of($1.0) + 18 } <= width ? 4 : 3
        var cx = x
        for (name, value, delta) in metrics where cx < x + width {
            cx += painter.text("\(name) ", x: cx, y: y, width: x + width - cx, role: .muted)
            cx += painter.text(ReportNumber.fixed(value, decimals), x: cx, y: y, width: x + width - cx)
            if let delta { cx += Change.draw(&painter, delta, x: cx + 1, y: y, width: x + width - cx - 1, decimals: decimals - 1) + 1 }
            cx += 2
        }
    }
}

/// A change drawn as an arrow and its size, coloured by whether it is good: ▲0.012 / ▼0.012.
enum Change {
    @discardableResult
    static func draw(
        _ painter: inout Painter, _ delta: Double, x: Int, y: Int, width: Int, decimals: Int = 4, higherIsBetter: Bool = true
    ) -> Int {
        guard delta.isFinite, width > 0 else { return 0 }
        let arrow = delta > 0 ? painter.glyphs.up : (delta < 0 ? painter.glyphs.down : "=")
        let good = (delta >= 0) == higherIsBetter
        return painter.text("\(arrow)\(ReportNumber.fixed(abs(delta), decimals))", x: x, y: y, width: width, role: delta == 0 ? .muted : (good ? .good : .bad))
    }
}

/// Verdict words for a dimension, so monochrome terminals show what colour shows.
enum Verdict {
    static func word(_ d: DimensionDrift) -> String {
        if d.psi.isNaN && d.ksStatistic.isNaN { return "no data" }
        return d.drifted ? "DRIFT" : "ok"
    }
}
