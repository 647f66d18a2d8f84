import ModelTopCore

/// A yes/no question in a centred box; the reducer sends the effect only on 'y'.
enum ConfirmDialog {
    static func question(_ action: DashboardState.ConfirmAction, snapshot: DashboardSnapshot) -> String {
        switch action {
        case .retrain:
            return "Retrain the model on \(snapshot.productionFile) (\(snapshot.report.productionRows) rows)?"
        case .rollback:
            let version = snapshot.model.map { " (now \($0.version))" } ?? ""
            return "Roll back to the previous model version\(version)?"
        }
    }

    static func draw(_ painter: inout Painter, in rect: Rect, question: String) {
        let width = min(rect.width - 4, max(40, DisplayWidth.of(question) + 6))
        let box = Box.centred(width: width, height: 6, in: rect)
        painter.clear(box)
        let inside = Box.draw(&painter, box, title: "Confirm", role: .warn)
        painter.text(question, x: inside.x + 2, y: inside.y + 1, width: inside.width - 4)
        var x = inside.x + 2
        x += painter.text("y", x: x, y: inside.y + 2, role: .accent)
        x += painter.text(" yes   ", x: x, y: inside.y + 2)
        x += painter.text("n", x: x, y: inside.y + 2, role: .accent)
        painter.text(" / Esc no", x: x, y: inside.y + 2)
    }
}
