import ModelTopCore

/// The bottom row: the keys that work on this screen.
enum FooterBar {
    static func hints(for screen: Screen) -> [(String, String)] {
        var hints: [(String, String)] = [("?", "help"), ("1-6", "screens")]
        if screen.hasList { hints.append(("j/k", "move")) }
        if screen.isFilterable { hints.append(("/", "filter")) }
        if screen.isSortable { hints.append(("s", "sort")) }
        hints.append(("r", "retrain"))
        if screen == .retrain { hints += [("c", "cancel"), ("b", "rollback")] }
        hints += [("p", "pause"), ("q", "quit")]
        return hints
    }

    static func draw(_ painter: inout Painter, in rect: Rect, screen: Screen) {
        guard !rect.isEmpty else { return }
        var x = rect.x + 1
        for (key, action) in hints(for: screen) {
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(action)
            guard x + width <= rect.maxX else { break }
            x += painter.text(key, x: x, y: rect.y, role: .accent)
            x += painter.text(" " + action, x: x, y: rect.y, role: .muted) + 2
        }
    }
}
