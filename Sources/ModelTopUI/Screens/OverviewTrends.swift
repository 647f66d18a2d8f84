import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// The overview's sparklines: volume, accuracy, confidence and the worst dimensions' PSI per window.
enum OverviewTrends {
    static let labelWidth = 16
    static let valueWidth = 8

    static func draw(_ painter: inout Painter, in rect: Rect, _ snapshot: DashboardSnapshot) {
        guard rect.height > 1, rect.width > labelWidth + valueWidth + 4 else { return }
        guard let timeline = snapshot.timeline else {
            // No timestamps in the CSV: the prediction logs carry `ts` (and maybe embeddings).
            if let operations = snapshot.operations, !operations.requestsPerWindow.isEmpty {
                drawFromLogs(&painter, in: rect, operations)
                return
            }
            Box.heading(&painter, "Over time", x: rect.x, y: rect.y, width: rect.width)
            painter.text("no timestamps in \(snapshot.productionFile): add a timestamp column for trends",
                         x: rect.x, y: rect.y + 1, width: rect.width, role: .muted)
            return
        }
        Box.heading(&painter, "Over time (\(timeline.windowCount) × \(timeline.windowName) windows)", x: rect.x, y: rect.y, width: rect.width)
        var series: [(String, [Double], ClosedRange<Double>?, String)] = [
            ("rows", timeline.rows.map(Double.init), 0...Double(max(1, timeline.rows.max() ?? 1)), "\(timeline.rows.last ?? 0)"),
            ("accuracy", timeline.accuracy, 0...1, last(timeline.accuracy, 3)),
            ("confidence", timeline.meanConfidence, 0...1, last(timeline.meanConfidence, 3)),
        ]
        if timeline.accuracy.allSatisfy(\.isNaN) { series.remove(at: 1) }
        if timeline.meanConfidence.allSatisfy(\.isNaN) { series.removeAll { $0.0 == "confidence" } }
        let drift = snapshot.report.drift
        let worst = drift.dimensions.indices.sorted { DriftRows.compare(drift.dimensions[$0], drift.dimensions[$1], column: 1) > 0 }
        for d in worst.prefix(max(0, rect.height - 1 - series.count)) where d < timeline.psi.count {
            series.append(("PSI " + drift.dimensions[d].name, timeline.psi[d], nil, last(timeline.psi[d], 3)))
        }
        drawSeries(&painter, in: rect, series)
    }

    /// The same panel from the prediction logs' time windows, named as such.
    static func drawFromLogs(_ painter: inout Painter, in rect: Rect, _ operations: OperationsSnapshot) {
        let windows = operations.requestsPerWindow.count
        Box.heading(&painter, "Over time, from the logs (\(windows) × \(operations.windowName) windows)",
                    x: rect.x, y: rect.y, width: rect.width)
        var series: [(String, [Double], ClosedRange<Double>?, String)] = [
            ("requests", operations.requestsPerWindow.map(Double.init), 0...Double(max(1, operations.requestsPerWindow.max() ?? 1)),
             "\(operations.requestsPerWindow.last ?? 0)"),
        ]
        for (name, values, range) in [("mean PSI", operations.psiPerWindow, nil), ("accuracy", operations.accuracyPerWindow, 0...1),
                                      ("confidence", operations.confidencePerWindow, 0...1)] as [(String, [Double], ClosedRange<Double>?)]
        where !values.allSatisfy(\.isNaN) {
            series.append((name, values, range, last(values, 3)))
        }
        drawSeries(&painter, in: rect, series)
    }

    static func drawSeries(_ painter: inout Painter, in rect: Rect, _ series: [(String, [Double], ClosedRange<Double>?, String)]) {
        let sparkWidth = rect.width - labelWidth - valueWidth - 1
        for (line, (name, values, range, latest)) in series.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + line
            painter.text(name, x: rect.x, y: y, width: labelWidth - 1, role: .muted)
            Sparkline.draw(&painter, values, x: rect.x + labelWidth, y: y, width: sparkWidth, range: range)
            painter.rightText(latest, x: rect.maxX - valueWidth, y: y, width: valueWidth)
        }
    }

    /// The last finite value, formatted; "—" when none.
    static func last(_ values: [Double], _ decimals: Int) -> String {
        ReportNumber.fixed(values.last(where: \.isFinite) ?? .nan, decimals)
    }
}
