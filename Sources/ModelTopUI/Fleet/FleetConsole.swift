import ModelTopMetrics

/// `modeltop fleet`: the console over Prometheus. Its state and keys; no terminal, no clock, no
/// network (the loop brings answers in as events).
package struct FleetConsole: Sendable {
    package enum Screen: Int, CaseIterable, Sendable {
        case fleet = 1, replicas

        var title: String { self == .fleet ? "Fleet" : "Replicas" }
    }

    /// What the loop asks for after a key.
    package enum Effect: Equatable, Sendable {
        case quit, refreshNow, redrawAll, exportScreen
    }

    /// Where the figures come from, for the header.
    package var source: String
    package var snapshot = FleetSnapshot()
    package private(set) var screen = Screen.fleet
    package private(set) var selected = 0
    package var top = 0
    package private(set) var helpShown = false
    /// Wall-clock seconds of the last tick: "answered 3 s ago".
    package var now: Double?
    /// A round is under way (started by `r` or the timer).
    package var asking = false
    /// `p`: no new round is asked until `p` again (the figures on screen stay put).
    package private(set) var paused = false
    /// The answer to an action (`e`), over the last line until the loop clears it.
    package var notice: String?
    let options: DashboardOptions

    package init(source: String, options: DashboardOptions) {
        self.source = source
        self.options = options
    }

    /// Rows of the current screen's list.
    var rowCount: Int { screen == .fleet ? snapshot.dimensions.count : snapshot.replicas.count }

    /// One key; what the loop must do about it.
    package mutating func handle(_ key: Key) -> Effect? {
        if helpShown {
            helpShown = false
            if key == .character("q") { return .quit }
            return nil
        }
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .character("?"), .character("h"), .function(1): helpShown = true
        case .character("1"): show(.fleet)
        case .character("2"): show(.replicas)
        case .tab, .backTab: show(screen == .fleet ? .replicas : .fleet)
        case .character("j"), .down: move(by: 1)
        case .character("k"), .up: move(by: -1)
        case .pageDown, .character(" "): move(by: 10)
        case .pageUp: move(by: -10)
        case .character("g"), .home: move(by: -rowCount)
        case .character("G"), .end: move(by: rowCount)
        case .character("r"):
            paused = false
            asking = true
            return .refreshNow
        case .character("p"): paused.toggle()
        case .character("e"): return .exportScreen
        case .control("l"): return .redrawAll
        default: break
        }
        return nil
    }

    /// A round of answers made into the fleet's figures.
    package mutating func take(_ snapshot: FleetSnapshot) {
        self.snapshot = snapshot
        asking = false
        selected = min(selected, max(0, rowCount - 1))
    }

    private mutating func show(_ next: Screen) {
        guard next != screen else { return }
        screen = next
        selected = 0
        top = 0
    }

    private mutating func move(by step: Int) {
        guard rowCount > 0 else { return }
        selected = max(0, min(rowCount - 1, selected + step))
    }
}
