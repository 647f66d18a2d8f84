import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// Screen 2: every dimension's drift statistics; the selected one's histograms and trend.
enum DriftScreen {
    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let drift = context.report.drift
        let list = context.list(.drift)
        let rows = context.rows(.drift)
        let body = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
        let (status, rest) = body.splitTop(1)
        // The whole-embedding panel below the per-dimension view, when there is room for both.
        let panelHeight = rest.height >= 16 ? EmbeddingPanel.height : 0
        let (main, panel) = rest.splitTop(rest.height - panelHeight)
        if panelHeight > 0 { EmbeddingPanel.draw(&painter, in: panel, context) }
        var text = "\(drift.dimensions.count) dimensions, \(drift.drifted) drifted · verdict by \(drift.options.test.rawValue.uppercased()) · sorted by \(DriftRows.columns[list.sort.column]) \(list.sort.descending ? "descending" : "ascending")"
        if !list.filter.isEmpty { text += " · filter \"\(list.filter)\": \(rows.count) match" }
        painter.text(text, x: status.x, y: status.y, width: status.width, role: .muted)

        let table: Rect, detail: Rect
        if main.width >= 150 {
            (table, detail) = main.splitLeft(main.width * 11 / 20, gap: 2)
        } else {
            (table, detail) = main.splitTop(max(6, min(rows.count + 2, main.height * 9 / 20)))
        }
        drawTable(&painter, in: table, drift: drift, rows: rows, list: list)
        let selected = list.selected < rows.count ? rows[list.selected] : nil
        guard let selected else {
            let message = rows.isEmpty && !list.filter.isEmpty
                ? "no dimension matches \"\(list.filter)\": press / to change the filter" : "no dimensions"
            painter.text(message, x: detail.x, y: detail.y + 1, width: detail.width, role: .muted)
            return
        }
        drawDetail(&painter, in: main.width >= 150 ? detail : Rect(x: detail.x, y: detail.y + 1, width: detail.width, height: detail.height - 1),
                   dimension: selected, context)
    }

    static func drawTable(
        _ painter: inout Painter, in rect: Rect, drift: DriftReport, rows: [Int], list: DashboardState.ListState
    ) {
        let test = drift.options.test
        let columns = zip(DriftRows.columns, [0, 8, 7, 9, 10, 11, 8]).enumerated().map { k, pair in
            TableView.Column(title: pair.0, width: pair.1, numeric: k > 0 && k < 6)
        }
        let table = TableView(
            columns: columns, rowCount: rows.count,
            row: { line in
                let d = drift.dimensions[rows[line]]
                let bad: Role = d.drifted ? .bad : .normal
                return [
                    .init(d.name), .init(ReportNumber.fixed(d.psi, 4), test == .psi ? bad : .normal),
                    .init(ReportNumber.fixed(d.ksStatistic, 4)), .init(ReportNumber.pValue(d.ksPValue)),
                    .init(ReportNumber.pValue(d.ksPValueAdjusted), test == .ks ? bad : .normal),
                    .init(ReportNumber.fixed(d.wassersteinNorm, 4), test == .wasserstein ? bad : .normal),
                    .init(Verdict.word(d), d.drifted ? .bad : .good),
                ]
            },
            selected: rows.isEmpty ? nil : list.selected, top: list.top,
            sort: (list.sort.column, list.sort.descending))
        table.draw(&painter, in: rect)
    }

    static func drawDetail(_ painter: inout Painter, in rect: Rect, dimension d: Int, _ context: ScreenContext) {
        guard rect.height >= 2 else { return }
        let drift = context.report.drift.dimensions[d]
        let heading = "\(drift.name): \(Verdict.word(drift)) · PSI \(ReportNumber.fixed(drift.psi, 4)) · KS D \(ReportNumber.fixed(drift.ksStatistic, 4)) · n \(drift.referenceCount) ref / \(drift.productionCount) prod"
        Box.heading(&painter, heading, x: rect.x, y: rect.y, width: rect.width)
        let timeline = context.snapshot.timeline
        let trendRows = timeline == nil ? 0 : 2
        // Taller than 16 rows adds nothing a reader can see; the trend goes right below.
        let histogramRect = Rect(
            x: rect.x, y: rect.y + 1, width: min(rect.width, 2 * 48 + 2), height: min(16, rect.height - 1 - trendRows))
        if d < context.snapshot.histograms.count, histogramRect.height >= 3 {
            PairedHistogram.draw(&painter, context.snapshot.histograms[d], in: histogramRect)
        }
        guard let timeline, d < timeline.psi.count, rect.height >= 4 else { return }
        let y = histogramRect.maxY
        let label = "PSI per \(timeline.windowName) window"
        painter.text(label, x: rect.x, y: y, width: rect.width, role: .muted)
        let values = timeline.psi[d]
        let sparkX = rect.x + min(rect.width / 2, DisplayWidth.of(label) + 1)
        let latest = "last " + OverviewTrends.last(values, 3)
        Sparkline.draw(&painter, values, x: sparkX, y: y, width: max(0, rect.maxX - sparkX - DisplayWidth.of(latest) - 1),
                       role: drift.drifted ? .bad : .accent)
        painter.rightText(latest, x: rect.x, y: y, width: rect.width)
        let peak = values.filter(\.isFinite).max() ?? .nan
        painter.text("max \(ReportNumber.fixed(peak, 3)) · threshold \(ReportNumber.general(context.report.drift.options.threshold))",
                     x: sparkX, y: y + 1, width: rect.maxX - sparkX, role: .muted)
    }
}
