import ModelTopMonitor

/// A key as the dashboard sees it, decoded by the terminal layer.
package enum Key: Sendable, Hashable {
    case character(Character)
    /// Ctrl plus a letter, lower case: `.control("l")` is Ctrl-L.
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
}

/// Everything that can happen to the dashboard. The terminal layer and background work
/// (watcher, retrain process) produce these; the app reduces them on the UI thread.
package enum AppEvent: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Time passed (for spinners, "updated 3 s ago"); carries seconds since the epoch.
    case tick(now: Double)
    /// New data from the files: shown at once, or held while the view is paused.
    case data(DashboardSnapshot)
    /// A retrain's progress or the registry changed: shown even while paused.
    case retrain(RetrainSnapshot, model: ModelInfo?)
    /// A short message for the bottom line, shown until `until` (monotonic seconds).
    case notice(String, until: Double)
    /// Monotonic time passed: a notice whose time is up goes away.
    case expire(at: Double)
    /// The alert rules' state or a delivery changed: shown even while paused.
    case alerts(AlertBoard)
}

/// What the app asks the outside world to do after an event.
package enum AppEffect: Sendable, Equatable {
    case quit
    /// Repaint everything from scratch (Ctrl-L).
    case redrawAll
    case startRetrain
    case cancelRetrain
    case rollback
    /// New data became visible: the automatic retrain rules look at it.
    case checkRetrainRules
    /// Write the screen as plain text to a file (`e`) and say where.
    case exportScreen
}
