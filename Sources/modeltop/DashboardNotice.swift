import ModelTopUI

/// A short message on the bottom line for a few seconds: the honest answer to an action the
/// dashboard offers but this build cannot do yet (retrain, rollback, reload).
struct DashboardNotice {
    /// How long a notice stays, in seconds.
    var duration = 3.0
    private var text: String?
    private var until = 0.0

    mutating func show(_ message: String, at now: Double) {
        text = message
        until = now + duration
    }

    /// Milliseconds until the notice should disappear (so the loop wakes to erase it).
    func millisecondsLeft(at now: Double) -> Int {
        guard text != nil, until > now else { return Int.max }
        return Int(((until - now) * 1000).rounded(.up))
    }

    /// Draws the notice over the canvas's last line while it is current.
    mutating func overlay(on canvas: inout Canvas, at now: Double) {
        guard let message = text else { return }
        if now >= until {
            text = nil
            return
        }
        guard canvas.height > 0 else { return }
        let y = canvas.height - 1
        let style = CellStyle(foreground: .yellow, reverse: true)
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1, with: Cell(" ", style: style))
        canvas.write(" " + message + " ", x: 0, y: y, style: style)
    }
}
