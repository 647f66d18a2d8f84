import ModelTopBase
import ModelTopMonitor

/// Screen 7: the alert rules' view. What is firing now, what is about to (held for its `for`),
/// and every start and end with what its deliveries did (`--on-alert`, `--webhook`).
enum AlertsScreen {
    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        guard let board = context.snapshot.alertBoard else {
            painter.text("The alert rules have not run yet.", x: body.x, y: body.y, width: body.width, role: .muted)
            return
        }
        let activeRows = min(max(1, board.active.count + (board.pending.isEmpty ? 0 : 1)), max(1, body.height / 3)) + 1
        let (top, bottom) = body.splitTop(activeRows + 1)
        drawActive(&painter, board, in: top)
        drawHistory(&painter, board, in: bottom, now: context.state.now)
    }

    private static func drawActive(_ painter: inout Painter, _ board: AlertBoard, in rect: Rect) {
        Box.heading(&painter, "Firing now (\(board.active.count) of \(board.ruleCount) rules)", x: rect.x, y: rect.y, width: rect.width)
        var y = rect.y + 1
        if board.active.isEmpty {
            painter.text("none", x: rect.x, y: y, width: rect.width, role: .good)
            y += 1
        }
        for event in board.active where y < rect.maxY - (board.pending.isEmpty ? 0 : 1) {
            let used = Badge.draw(&painter, event.rule.severity == .critical ? "CRIT" : "WARN",
                                  kind: event.rule.severity == .critical ? .bad : .warn, x: rect.x, y: y)
            let since = " since " + UTCTime.text(event.since)
            painter.text(event.headline + since, x: rect.x + used + 1, y: y, width: rect.width - used - 1)
            y += 1
        }
        if !board.pending.isEmpty, y < rect.maxY {
            painter.text("holding (not fired yet): " + board.pending.joined(separator: ", "), x: rect.x, y: y, width: rect.width, role: .muted)
        }
    }

    private static func drawHistory(_ painter: inout Painter, _ board: AlertBoard, in rect: Rect, now: Double?) {
        guard rect.height > 1 else { return }
        let failed = board.failedDeliveries
        Box.heading(&painter, "History, newest first" + (failed > 0 ? " — \(failed) \(failed == 1 ? "delivery" : "deliveries") failed" : ""), x: rect.x, y: rect.y, width: rect.width)
        if board.history.isEmpty {
            painter.text("no alert has fired yet", x: rect.x, y: rect.y + 1, width: rect.width, role: .muted)
            return
        }
        var y = rect.y + 1
        for record in board.history.reversed() {
            guard y < rect.maxY else { break }
            let event = record.event
            let firing = event.status == .firing
            var x = rect.x
            x += painter.text(UTCTime.text(event.at) + " ", x: x, y: y, role: .muted)
            x += Badge.draw(&painter, firing ? "FIRED" : "RESOLVED", kind: firing ? (event.rule.severity == .critical ? .bad : .warn) : .good, x: x, y: y)
            painter.text(" " + event.headline, x: x, y: y, width: rect.maxX - x)
            y += 1
            for delivery in record.deliveries where y < rect.maxY {
                let (word, role): (String, Role) = switch delivery.outcome {
                case .pending: (delivery.attempts > 1 ? "retrying" : "sending", .muted)
                case .delivered(let how): ("delivered, " + how, .good)
                case .failed(let why): ("FAILED, " + why, .bad)
                }
                let attempts = delivery.attempts > 1 ? " (\(delivery.attempts) attempts)" : ""
                painter.text("    \(delivery.target): \(word)\(attempts)", x: rect.x, y: y, width: rect.width, role: role)
                y += 1
                if let last = delivery.output.last, y < rect.maxY {
                    painter.text("      " + last, x: rect.x, y: y, width: rect.width, role: .muted)
                    y += 1
                }
            }
        }
    }
}
