import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// Screen 3: per-class precision, recall and F1, the averages, and the confusion matrix.
enum QualityScreen {
    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
        guard let quality = context.report.quality else {
            let reason = context.report.notes.first { $0.hasPrefix("quality:") } ?? "quality: no production rows yet"
            painter.text(reason, x: body.x, y: body.y + 1, width: body.width, role: .muted)
            painter.text("Quality needs target and prediction columns in the production file.", x: body.x, y: body.y + 2,
                         width: body.width, role: .muted)
            return
        }
        let list = context.list(.quality)
        let rows = context.rows(.quality)
        let change = context.snapshot.qualityChange
        let (left, right) = body.splitLeft(min(48, max(40, body.width * 2 / 5)), gap: 3)
        let (metrics, table) = left.splitTop(6)
        drawMetrics(&painter, in: metrics, quality, change: change)
        drawClasses(&painter, in: table, quality, rows: rows, list: list)
        let matrixRows = min(right.height - 4, quality.confusionLabels.count + 2)
        Box.heading(&painter, "Confusion: target × predicted", x: right.x, y: right.y + 1, width: right.width)
        HeatMap.draw(&painter, labels: quality.confusionLabels, counts: quality.confusion,
                     in: Rect(x: right.x, y: right.y + 2, width: right.width, height: matrixRows - 1))
        var y = right.y + 2 + matrixRows
        if y + 2 < right.maxY {
            for (k, title) in ["precision", "recall", "F1"].enumerated() {
                painter.rightText(title, x: right.x + 9 + k * 10, y: y, width: 9, role: .header)
            }
            for (name, a) in [("macro", quality.macro), ("weighted", quality.weighted)] {
                y += 1
                painter.text(name, x: right.x, y: y, width: 9, role: .muted)
                for (k, value) in [a.precision, a.recall, a.f1].enumerated() {
                    painter.rightText(ReportNumber.fixed(value, 4), x: right.x + 9 + k * 10, y: y, width: 9)
                }
            }
            y += 1
        }
        if let change, y < right.maxY {
            painter.text("changes vs the previous \(change.windowName) window", x: right.x, y: y, width: right.width, role: .muted)
            y += 1
        }
        if let models = context.snapshot.models, y + 3 < right.maxY {
            drawModels(&painter, models, in: Rect(x: right.x, y: y + 1, width: right.width, height: right.maxY - y - 1))
        }
    }

    /// Serving model, champion and challenger on the same production rows, side by side.
    static func drawModels(_ painter: inout Painter, _ models: ModelComparison, in rect: Rect) {
        Box.heading(&painter, "Models on these production rows", x: rect.x, y: rect.y, width: rect.width)
        let nameWidth = max(10, rect.width - 30)
        var y = rect.y + 1
        painter.rightText("accuracy", x: rect.x + nameWidth, y: y, width: 9, role: .header)
        painter.rightText("macro F1", x: rect.x + nameWidth + 10, y: y, width: 9, role: .header)
        painter.rightText("rows", x: rect.x + nameWidth + 20, y: y, width: 8, role: .header)
        let best = models.rows.map(\.f1Macro).max()
        for row in models.rows where y + 1 < rect.maxY {
            y += 1
            painter.text(row.name, x: rect.x, y: y, width: nameWidth - 1)
            painter.rightText(ReportNumber.fixed(row.accuracy, 4), x: rect.x + nameWidth, y: y, width: 9)
            painter.rightText(ReportNumber.fixed(row.f1Macro, 4), x: rect.x + nameWidth + 10, y: y, width: 9,
                              role: row.f1Macro == best ? .good : .normal)
            painter.rightText("\(row.rows)", x: rect.x + nameWidth + 20, y: y, width: 8)
        }
        if y + 1 < rect.maxY {
            painter.text("retrained models saw these rows in training: their holdout scores are on the Retrain screen",
                         x: rect.x, y: y + 1, width: rect.width, role: .muted)
        }
    }

    /// Headline numbers, one per line, with their change against the previous window.
    static func drawMetrics(_ painter: inout Painter, in rect: Rect, _ q: QualityReport, change: QualityChange?) {
        let lines: [(String, Double, Double?)] = [
            ("accuracy", q.accuracy, change?.accuracy), ("balanced accuracy", q.balancedAccuracy, change?.balancedAccuracy),
            ("macro F1", q.macro.f1, change?.macroF1), ("weighted F1", q.weighted.f1, nil),
        ]
        for (k, (name, value, delta)) in lines.enumerated() where k + 1 < rect.height {
            let y = rect.y + 1 + k
            painter.text(name, x: rect.x, y: y, width: 18, role: .muted)
            painter.rightText(ReportNumber.fixed(value, 4), x: rect.x + 18, y: y, width: 6, role: .title)
            if let delta { Change.draw(&painter, delta, x: rect.x + 26, y: y, width: rect.width - 26) }
        }
        if rect.height > 5 {
            painter.text("\(q.rows) labelled rows", x: rect.x, y: rect.y + 5, width: rect.width, role: .muted)
        }
    }

    static func drawClasses(
        _ painter: inout Painter, in rect: Rect, _ quality: QualityReport, rows: [Int], list: DashboardState.ListState
    ) {
        let widths = [0, 9, 6, 6, 7]
        let columns = zip(QualityRows.columns, widths).enumerated().map { k, pair in
            TableView.Column(title: pair.0, width: pair.1, numeric: k > 0)
        }
        let table = TableView(
            columns: columns, rowCount: rows.count,
            row: { line in
                let c = quality.classes[rows[line]]
                return [
                    .init(c.label), .init(ReportNumber.fixed(c.precision, 4)), .init(ReportNumber.fixed(c.recall, 4)),
                    .init(ReportNumber.fixed(c.f1, 4), c.f1 < 0.5 ? .bad : .normal), .init("\(c.support)"),
                ]
            },
            selected: rows.isEmpty ? nil : list.selected, top: list.top, sort: (list.sort.column, list.sort.descending))
        table.draw(&painter, in: rect)
        if rows.isEmpty, rect.height > 1 {
            painter.text("no class matches \"\(list.filter)\"", x: rect.x, y: rect.y + 1, width: rect.width, role: .muted)
        }
    }
}
