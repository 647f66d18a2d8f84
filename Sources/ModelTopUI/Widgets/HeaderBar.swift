import ModelTopBase
import ModelTopMonitor

/// The top two rows: what is being watched and when, then the screen tabs.
enum HeaderBar {
    static func draw(_ painter: inout Painter, in rect: Rect, snapshot: DashboardSnapshot, state: DashboardState) {
        guard rect.height >= 2 else { return }
        let report = snapshot.report
        var right = "generated " + Clock.utc(snapshot.generatedAt)
        if let now = state.now { right = "updated " + Clock.age(now - snapshot.generatedAt) + " ago" }
        var x = rect.x
        x += painter.text(" modeltop ", x: x, y: rect.y, role: .title)
        let files = "\(report.productionFile) (\(report.productionRowsText)) vs \(report.referenceFile) (\(report.referenceRows) rows)"
        let rightWidth = DisplayWidth.of(right) + (state.paused ? 10 : 0) + 1
        painter.text(files, x: x + 1, y: rect.y, width: max(0, rect.maxX - x - 1 - rightWidth - 1))
        var rx = rect.maxX - rightWidth
        if state.paused {
            painter.text(" PAUSED ", x: rx, y: rect.y, role: .badgeWarn)
            rx += 10
        }
        painter.text(right, x: rx, y: rect.y, width: rect.maxX - rx, role: .muted)

        var tx = rect.x
        // " 1 Overview " and a gap per tab.
        let full = Screen.allCases.reduce(0) { $0 + DisplayWidth.of($1.title) + 5 }
        for screen in Screen.allCases {
            var label = " \(screen.rawValue) \(full <= rect.width ? screen.title : screen.shortTitle) "
            if screen == .alerts, let firing = snapshot.alertBoard?.active.count, firing > 0 { label = " \(screen.rawValue) Alerts \(firing) " }
            let used = painter.text(label, x: tx, y: rect.y + 1, width: rect.maxX - tx,
                                    role: screen == state.screen ? .tabActive : .tabInactive)
            tx += used + 1
        }
    }
}
