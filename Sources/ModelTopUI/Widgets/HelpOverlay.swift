import ModelTopBase

/// The help overlay: a centred box listing every key.
enum HelpOverlay {
    static func draw(_ painter: inout Painter, in rect: Rect) {
        let keyWidth = KeyHelp.entries.map { DisplayWidth.of($0.keys) }.max() ?? 8
        let actionWidth = KeyHelp.entries.map { DisplayWidth.of($0.action) }.max() ?? 20
        let box = Box.centred(width: keyWidth + actionWidth + 7, height: KeyHelp.entries.count + 4, in: rect)
        painter.clear(box)
        let inside = Box.draw(&painter, box, title: "Keys")
        for (k, entry) in KeyHelp.entries.prefix(max(0, inside.height - 1)).enumerated() {
            let y = inside.y + k
            painter.text(entry.keys, x: inside.x + 1, y: y, width: keyWidth, role: .accent)
            painter.text(entry.action, x: inside.x + keyWidth + 3, y: y, width: inside.width - keyWidth - 4)
        }
        painter.text("Esc or ? closes", x: inside.x + 1, y: inside.maxY - 1, width: inside.width - 2, role: .muted)
    }
}
