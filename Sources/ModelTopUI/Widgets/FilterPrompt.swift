import ModelTopBase

/// The filter prompt that replaces the footer while typing.
enum FilterPrompt {
    static func draw(_ painter: inout Painter, in rect: Rect, text: String) {
        guard !rect.isEmpty else { return }
        var x = rect.x
        x += painter.text("/", x: x, y: rect.y, role: .accent)
        let hint = "  Enter apply · Esc cancel"
        let room = rect.maxX - x - DisplayWidth.of(hint) - 1
        x += painter.text(text, x: x, y: rect.y, width: max(0, room))
        painter.glyph("_", x: x, y: rect.y, role: .selected)
        painter.text(hint, x: x + 1, y: rect.y, width: rect.maxX - x - 1, role: .muted)
    }
}
