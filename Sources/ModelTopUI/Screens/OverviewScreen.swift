import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// Screen 1: is the model healthy? Drift verdict, quality and its change, serving, trends, alerts.
enum OverviewScreen {
    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        let alerts = context.snapshot.alerts
        let alertRows = min(max(1, alerts.count), max(1, body.height / 4)) + 1
        // Seven lines, and the whole-embedding verdict's when there is one.
        let joint = context.report.embedding != nil && context.report.drift.options.embeddingTest != .off ? 1 : 0
        let (health, rest) = body.splitTop(7 + joint)
        let (middle, bottom) = rest.splitTop(rest.height - alertRows)
        OverviewHealth.draw(&painter, in: health, context.snapshot)
        let (left, right) = middle.splitLeft(min(48, middle.width * 2 / 5), gap: 2)
        WorstDimensions.draw(&painter, in: left, context.report.drift)
        OverviewTrends.draw(&painter, in: right, context.snapshot)
        drawAlerts(&painter, alerts, in: bottom)
    }

    static func drawAlerts(_ painter: inout Painter, _ alerts: [DashboardAlert], in rect: Rect) {
        guard rect.height > 0 else { return }
        Box.heading(&painter, "Alerts", x: rect.x, y: rect.y, width: rect.width)
        if alerts.isEmpty {
            painter.text("none", x: rect.x, y: rect.y + 1, width: rect.width, role: .good)
            return
        }
        let room = rect.height - 1
        for (k, alert) in alerts.prefix(room).enumerated() {
            let y = rect.y + 1 + k
            if k == room - 1, alerts.count > room {
                painter.text("… and \(alerts.count - room + 1) more", x: rect.x, y: y, width: rect.width, role: .muted)
                break
            }
            let (word, kind): (String, Badge.Kind) = switch alert.severity {
            case .critical: ("CRIT", .bad)
            case .warning: ("WARN", .warn)
            case .info: ("INFO", .good)
            }
            let used = Badge.draw(&painter, word, kind: kind, x: rect.x, y: y)
            painter.text(alert.message, x: rect.x + used + 1, y: y, width: rect.width - used - 1)
        }
    }
}

/// The worst dimensions by PSI, with bars and verdict words.
enum WorstDimensions {
    static func draw(_ painter: inout Painter, in rect: Rect, _ drift: DriftReport) {
        guard rect.height > 1, rect.width > 10 else { return }
        Box.heading(&painter, "Worst dimensions (PSI)", x: rect.x, y: rect.y, width: rect.width)
        let order = drift.dimensions.indices.sorted { DriftRows.compare(drift.dimensions[$0], drift.dimensions[$1], column: 1) > 0 }
        let nameWidth = min(14, max(6, order.prefix(rect.height).map { DisplayWidth.of(drift.dimensions[$0].name) }.max() ?? 6))
        let peak = max(drift.options.threshold * 2, order.first.map { drift.dimensions[$0].psi } ?? 0)
        let barWidth = max(0, rect.width - nameWidth - 8 - 8)
        for (line, d) in order.prefix(rect.height - 1).enumerated() {
            let dimension = drift.dimensions[d]
            let y = rect.y + 1 + line
            let role: Role = dimension.drifted ? .bad : .good
            painter.text(dimension.name, x: rect.x, y: y, width: nameWidth)
            painter.rightText(ReportNumber.fixed(dimension.psi, 3), x: rect.x + nameWidth, y: y, width: 7)
            HorizontalBar.draw(&painter, fraction: dimension.psi / peak, x: rect.x + nameWidth + 8, y: y, width: barWidth, role: role)
            painter.text(Verdict.word(dimension), x: rect.maxX - 7, y: y, width: 7, role: role)
        }
    }
}
