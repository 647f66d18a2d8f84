import ModelTopBase
import ModelTopMonitor

/// A yes/no question in a centred box; the reducer sends the effect only on 'y'.
enum ConfirmDialog {
    static func question(_ action: DashboardState.ConfirmAction, snapshot: DashboardSnapshot) -> String {
        switch action {
        case .retrain:
            // Say what will run: the built-in trainer or the user's own hook command.
            let runs = snapshot.retrain?.command.map { "\nRuns \($0)" } ?? ""
            return "Retrain the model on \(snapshot.productionFile) (\(snapshot.report.productionRows) rows)?" + runs
        case .rollback:
            let version = snapshot.model.map { " (now \($0.version))" } ?? ""
            let target = snapshot.retrain?.rollbackTarget.map { " \($0)" } ?? ""
            return "Roll back to the previous model version\(target)\(version)?"
        }
    }

    /// `question` may hold several lines (the question, then what it will do).
    static func draw(_ painter: inout Painter, in rect: Rect, question: String) {
        let lines = question.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let widest = lines.map { DisplayWidth.of($0) }.max() ?? 0
        let width = min(rect.width - 4, max(40, widest + 6))
        let box = Box.centred(width: width, height: 5 + lines.count, in: rect)
        painter.clear(box)
        let inside = Box.draw(&painter, box, title: "Confirm", role: .warn)
        for (k, line) in lines.enumerated() {
            painter.text(line, x: inside.x + 2, y: inside.y + 1 + k, width: inside.width - 4, role: k == 0 ? .normal : .muted)
        }
        let keys = inside.y + 1 + lines.count
        var x = inside.x + 2
        x += painter.text("y", x: x, y: keys, role: .accent)
        x += painter.text(" yes   ", x: x, y: keys)
        x += painter.text("n", x: x, y: keys, role: .accent)
        painter.text(" / Esc no", x: x, y: keys)
    }
}
