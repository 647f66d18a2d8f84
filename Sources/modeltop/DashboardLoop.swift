import ModelTopMonitor
import ModelTopUI
import ModelTopTerminal

/// The UI loop: render, draw the changes, sleep until a key, a resize, a signal or the next tick.
///
/// All curses work happens here on one thread. Between events the thread is blocked in the
/// terminal read, so an idle dashboard costs one cheap frame per tick and nothing else.
struct DashboardLoop {
    enum Outcome: Equatable {
        case quit
        case signal(Int32)
    }

    let terminal: CursesTerminal
    /// Follows the files in the background; its snapshots are applied here, on the UI thread.
    var updater: LiveUpdater?
    /// Seconds between ticks ("updated … ago", spinners).
    var tickInterval = 1.0
    /// How often the mailbox of new snapshots is checked: new data shows within this.
    var mailboxInterval = 0.1
    /// Retrains and rollbacks; pumped here, so their output reaches the screen from this thread.
    var retrain: RetrainRunner?
    /// How often a running retrain's output is read.
    var childInterval = 0.05

    func run(_ dashboard: inout Dashboard) throws -> Outcome {
        var notice = DashboardNotice()
        let (width, height) = terminal.size
        _ = dashboard.handle(.resize(width: width, height: height))
        _ = dashboard.handle(.tick(now: DashboardClock.now()))
        var nextTick = DashboardClock.monotonic() + tickInterval
        var held: DashboardSnapshot?
        // The first snapshot counts too: drift present at start is an edge for --retrain-on-drift.
        if let text = retrain?.observe(dashboard.snapshot, now: DashboardClock.monotonic()) {
            notice.show(text, at: DashboardClock.monotonic())
        }
        // A frame is rendered only when something could have changed it: waking up to find the
        // mailbox empty (ten times a second while watching) costs no frame, so idle stays ~0.
        var dirty = true
        var noticeShown = false
        while true {
            let visible = notice.millisecondsLeft(at: DashboardClock.monotonic()) > 0
            if dirty || visible != noticeShown {
                let size = terminal.size
                var canvas = dashboard.render(width: size.width, height: size.height)
                notice.overlay(on: &canvas, at: DashboardClock.monotonic())
                try terminal.draw(canvas)
                dirty = false
                noticeShown = visible
                CrashDrill.runIfAsked()
            }
            var wait = Int(((nextTick - DashboardClock.monotonic()) * 1000).rounded(.up))
            if updater != nil { wait = min(wait, Int(mailboxInterval * 1000)) }
            if let retrain, retrain.isRunning { wait = min(wait, retrain.hasMoreOutput ? 0 : Int(childInterval * 1000)) }
            var effects: [AppEffect] = []
            switch try terminal.nextInput(timeoutMilliseconds: min(wait, notice.millisecondsLeft(at: DashboardClock.monotonic()))) {
            case .event(let event):
                effects = dashboard.handle(event)
                dirty = true
            case .stop(let signal): return .signal(signal)
            case .resumed: dirty = true
            case .timedOut, .ignored: break
            }
            let now = DashboardClock.monotonic()
            if let updater {
                // New data waits while the user has paused the view; the newest is kept.
                let (snapshot, notices) = updater.take()
                if let snapshot { held = snapshot }
                if let snapshot = held, !dashboard.isPaused {
                    dashboard.update(snapshot: snapshot)
                    held = nil
                    dirty = true
                    if let text = retrain?.observe(snapshot, now: now) { notice.show(text, at: now) }
                }
                for text in notices { notice.show(text, at: now) }
                if !notices.isEmpty { dirty = true }
            }
            if let retrain {
                retrain.pump(now: now)
                if Self.merge(retrain, into: &dashboard, now: now) { dirty = true }
            }
            if now >= nextTick {
                effects += dashboard.handle(.tick(now: DashboardClock.now()))
                nextTick = now + tickInterval
                dirty = true
            }
            if !effects.isEmpty { dirty = true }
            for effect in effects {
                switch effect {
                case .quit: return .quit
                case .redrawAll: terminal.requestFullRepaint()
                case .startRetrain:
                    notice.show(retrain?.startRetrain(trigger: "manual", now: now) ?? "retrain: not available yet", at: now)
                case .cancelRetrain: notice.show(retrain?.cancel(now: now) ?? "cancel retrain: not available yet", at: now)
                case .rollback: notice.show(retrain?.rollback(now: now) ?? "rollback: not available yet", at: now)
                }
            }
        }
    }

    /// Puts the retrain state and the registry's model into the dashboard's snapshot when they
    /// changed (also while paused: pausing holds data, not the retrain's progress).
    /// True when something changed.
    @discardableResult
    static func merge(_ retrain: RetrainRunner, into dashboard: inout Dashboard, now: Double) -> Bool {
        let state = retrain.snapshot(now: now), model = retrain.model
        guard dashboard.snapshot.retrain != state || dashboard.snapshot.model != model else { return false }
        var snapshot = dashboard.snapshot
        snapshot.retrain = state
        snapshot.model = model
        dashboard.update(snapshot: snapshot)
        return true
    }
}
