/// A short message over the bottom line for a few seconds: the answer to an action (retrain
/// started, nothing to roll back to) or news from the files (production started over).
enum NoticeBar {
    static func draw(_ message: String, on canvas: inout Canvas) {
        guard canvas.height > 0 else { return }
        let y = canvas.height - 1
        let style = CellStyle(foreground: .yellow, reverse: true)
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1, with: Cell(" ", style: style))
        canvas.write(" " + message + " ", x: 0, y: y, style: style)
    }
}
