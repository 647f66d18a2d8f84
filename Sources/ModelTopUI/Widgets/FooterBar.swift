import ModelTopBase

/// The bottom row: the keys that work on this screen, the filters in force shown pressed.
enum FooterBar {
    struct Hint: Equatable {
        var key: String
        var action: String
        /// A toggle that is on (a Samples filter): its key is drawn reversed.
        var active = false
    }

    static func hints(for state: DashboardState) -> [Hint] {
        let screen = state.screen
        if screen == .samples { return samplesHints(state) }
        var hints = [Hint(key: "?", action: "help"), Hint(key: "1-7", action: "screens")]
        if screen.hasList { hints.append(Hint(key: "j/k", action: "move")) }
        if screen.isFilterable { hints.append(Hint(key: "/", action: "filter")) }
        if screen.isSortable { hints.append(Hint(key: "s", action: "sort")) }
        hints.append(Hint(key: "r", action: "retrain"))
        if screen == .retrain { hints += [Hint(key: "c", action: "cancel"), Hint(key: "b", action: "rollback")] }
        hints += [Hint(key: "p", action: "pause"), Hint(key: "q", action: "quit")]
        return hints
    }

    /// Samples has more keys than fit in 80 columns with the common ones; help lists the rest.
    static func samplesHints(_ state: DashboardState) -> [Hint] {
        let filter = state.samplesFilter
        let filters = [
            Hint(key: "l", action: "low conf.", active: filter.lowConfidence),
            Hint(key: "m", action: "wrong", active: filter.misclassified),
            Hint(key: "c", action: filter.predictedClass.map { "class \($0)" } ?? "class", active: filter.predictedClass != nil),
            Hint(key: "a", action: "all"),
        ]
        if state.sampleOpen {
            return [Hint(key: "Esc", action: "back"), Hint(key: "j/k", action: "prev/next")] + filters
                + [Hint(key: "?", action: "help"), Hint(key: "q", action: "quit")]
        }
        return [Hint(key: "?", action: "help"), Hint(key: "Enter", action: "open")] + filters
            + [Hint(key: "/", action: "filter"), Hint(key: "q", action: "quit")]
    }

    static func draw(_ painter: inout Painter, in rect: Rect, state: DashboardState) {
        draw(&painter, in: rect, hints: hints(for: state))
    }

    /// The hints that fit, left to right (the dashboard's and the fleet console's).
    static func draw(_ painter: inout Painter, in rect: Rect, hints: [Hint]) {
        guard !rect.isEmpty else { return }
        var x = rect.x + 1
        for hint in hints {
            let width = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.action)
            guard x + width <= rect.maxX else { break }
            x += painter.text(hint.key, x: x, y: rect.y, role: hint.active ? .tabActive : .accent)
            x += painter.text(" " + hint.action, x: x, y: rect.y, role: .muted) + 2
        }
    }
}
