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
    /// Data that arrived while paused: shown when the user resumes (the newest only).
    private var held: DashboardSnapshot?
    /// The retrain part, kept across data updates (the files' snapshots do not carry it).
    private var retrain: (state: RetrainSnapshot, model: ModelInfo?)?
    /// The alert board, kept across data updates for the same reason.
    private var alertBoard: AlertBoard?

    package init(snapshot: DashboardSnapshot, options: DashboardOptions) {
        self.snapshot = snapshot
        self.options = options
    }

    /// New data arrived (watch mode): keeps the screen, selection and filter.
    ///
    /// An open sample, or one selected below the newest, stays selected by its id while new
    /// predictions push in at the top; a selection on the newest row follows the newest.
    package mutating func update(snapshot: DashboardSnapshot) {
        let keepsSelection = state.sampleOpen || state.list(.samples).selected > 0
        let anchor = keepsSelection ? SampleAnchor(state: state, snapshot: self.snapshot) : nil
        var snapshot = snapshot
        if let retrain {
            snapshot.retrain = retrain.state
            snapshot.model = retrain.model
        }
        if let alertBoard { snapshot.alertBoard = alertBoard }
        self.snapshot = snapshot
        state.clamp(to: snapshot)
        anchor?.restore(&state, snapshot: snapshot)
    }

    /// Applies one event and returns what the outside world should do.
    package mutating func handle(_ event: AppEvent) -> [AppEffect] {
        switch event {
        case .data(let fresh):
            if state.paused {
                held = fresh
                return []
            }
            update(snapshot: fresh)
            return [.checkRetrainRules]
        case .retrain(let progress, let model):
            retrain = (progress, model)
            guard snapshot.retrain != progress || snapshot.model != model else { return [] }
            update(snapshot: snapshot)  // puts the retrain part in and keeps every selection valid
            return []
        case .alerts(let board):
            alertBoard = board
            guard snapshot.alertBoard != board else { return [] }
            update(snapshot: snapshot)
            return []
        default:
            var effects = Reducer.reduce(&state, event, snapshot: snapshot)
            if !state.paused, let fresh = held {
                held = nil
                update(snapshot: fresh)
                effects.append(.checkRetrainRules)
            }
            return effects
        }
    }

    /// The monotonic time the notice on screen goes away, if one is shown (the loop wakes then).
    package var noticeDeadline: Double? { state.notice?.until }

    /// Draws the current state into a fresh canvas of the given size.
    package func render(width: Int, height: Int) -> Canvas {
        Frame.render(snapshot: snapshot, state: state, options: options, width: width, height: height)
    }

    /// True while the user has paused live updates ('p'); watch mode holds new data back.
    package var isPaused: Bool { state.paused }

    /// The terminal window title, e.g. "modeltop — prod_data.csv".
    package var title: String { "modeltop — " + SafeText.inline(snapshot.productionFile) }
}
