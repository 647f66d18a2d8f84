import ModelTopBase
import ModelTopMonitor

/// The whole console as a value: a snapshot, what the user is looking at, and how to draw it.
///
/// The terminal layer owns one, feeds it events and draws what `render` returns; nothing here
/// touches the terminal, the disk or the clock, so every frame is a snapshot test away.
package struct Dashboard: Sendable {
    package private(set) var snapshot: DashboardSnapshot
    package let options: DashboardOptions
    package private(set) var state = DashboardState()

    package init(snapshot: DashboardSnapshot, options: DashboardOptions) {
        self.snapshot = snapshot
        self.options = options
    }

    /// New data arrived (watch mode): keeps the screen, selection and filter.
    ///
    /// An open sample, or one selected below the newest, stays selected by its id while new
    /// predictions push in at the top; a selection on the newest row follows the newest.
    package mutating func update(snapshot: DashboardSnapshot) {
        let held = state.sampleOpen || state.list(.samples).selected > 0
        let anchor = held ? SampleAnchor(state: state, snapshot: self.snapshot) : nil
        self.snapshot = snapshot
        state.clamp(to: snapshot)
        anchor?.restore(&state, snapshot: snapshot)
    }

    /// Applies one event and returns what the outside world should do.
    package mutating func handle(_ event: AppEvent) -> [AppEffect] {
        Reducer.reduce(&state, event, snapshot: snapshot)
    }

    /// Draws the current state into a fresh canvas of the given size.
    package func render(width: Int, height: Int) -> Canvas {
        Frame.render(snapshot: snapshot, state: state, options: options, width: width, height: height)
    }

    /// True while the user has paused live updates ('p'); watch mode holds new data back.
    package var isPaused: Bool { state.paused }

    /// The terminal window title, e.g. "modeltop — prod_data.csv".
    package var title: String { "modeltop — " + SafeText.inline(snapshot.productionFile) }
}
