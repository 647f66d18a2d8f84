import ModelTopSystem
import ModelTopMonitor
import ModelTopUI
import ModelTopIO

/// The UI loop: turns the world into events for the dashboard, and its effects back into the
/// world. Render, draw the changes, wait for a key, a resize, a signal or the next deadline.
///
/// Everything the dashboard shows goes through `Dashboard.handle`: keys, ticks, new data, the
/// retrain's progress and notices. The loop keeps no screen state of its own; it only decides
/// when to wake and whether a frame is due. All terminal work happens here, on one thread;
/// between events the thread is blocked in the terminal read, so an idle dashboard costs one
/// cheap frame per tick and nothing else.
package struct DashboardLoop {
    package enum Outcome: Equatable {
        case quit
        case signal(Int32)
    }

    let terminal: any TerminalScreen
    let clock: any AppClock
    /// New data from the files (the live updater's mailbox).
    package var feed: (any SnapshotFeed)?
    /// Retrains and rollbacks; pumped here, so their output reaches the screen from this thread.
    package var retrain: RetrainRunner?
    /// The alert rules' board, updated by the live updater and the deliveries' threads.
    package var alerts: AlertDispatcher?
    /// Where `e` writes the screen; nil: the export is not available.
    package var exports: ScreenExports?
    /// Seconds between ticks ("updated … ago", spinners).
    package var tickInterval = 1.0
    /// How often the feed is checked: new data shows within this.
    package var feedInterval = 0.1
    /// How often a running retrain's output is read.
    package var childInterval = 0.05
    /// How long a notice stays on the bottom line.
    package var noticeSeconds = 3.0
    /// Called after each frame is drawn (the crash drill of the tests hooks in here).
    package var afterFrame: () -> Void = {}

    package init(terminal: any TerminalScreen, clock: any AppClock, feed: (any SnapshotFeed)? = nil, retrain: RetrainRunner? = nil) {
        self.terminal = terminal
        self.clock = clock
        self.feed = feed
        self.retrain = retrain
    }

    package func run(_ dashboard: inout Dashboard) throws -> Outcome {
        let (width, height) = terminal.size
        var pending: [AppEvent] = [.resize(width: width, height: height), .tick(now: clock.now())]
        var nextTick = clock.monotonic() + tickInterval
        // The first snapshot counts too: drift present at start is an edge for --retrain-on-drift.
        var effects: [AppEffect] = retrain == nil ? [] : [.checkRetrainRules]
        if let retrain { pending.append(.retrain(retrain.snapshot(now: clock.monotonic()), model: retrain.model)) }
        // A frame is drawn only when an event could have changed it: waking up to find the
        // feed empty (ten times a second while watching) costs no frame, so idle stays ~0.
        var frameDue = true
        while true {
            for event in pending { effects += dashboard.handle(event) }
            frameDue = frameDue || !pending.isEmpty
            pending = []
            for effect in effects {
                if let outcome = perform(effect, on: dashboard, &pending) { return outcome }
            }
            effects = []
            if !pending.isEmpty { continue }
            if frameDue {
                let size = terminal.size
                try terminal.draw(dashboard.render(width: size.width, height: size.height))
                frameDue = false
                afterFrame()
            }
            switch try terminal.nextInput(timeoutMilliseconds: wait(until: nextTick, dashboard)) {
            case .event(let event): pending.append(event)
            case .stop(let signal): return .signal(signal)
            case .resumed: frameDue = true
            case .timedOut, .ignored: break
            }
            let now = clock.monotonic()
            if let feed {
                let (snapshot, notices) = feed.take()
                if let snapshot { pending.append(.data(snapshot)) }
                pending += notices.map { .notice($0, until: now + noticeSeconds) }
            }
            if let retrain {
                // Also when the child said nothing: "running for 12 s" moves with the clock.
                retrain.pump(now: now)
                let progress = retrain.snapshot(now: now), model = retrain.model
                if progress != dashboard.snapshot.retrain || model != dashboard.snapshot.model {
                    pending.append(.retrain(progress, model: model))
                }
            }
            if let alerts {
                let board = alerts.snapshot
                if board != dashboard.snapshot.alertBoard { pending.append(.alerts(board)) }
            }
            if let deadline = dashboard.noticeDeadline, now >= deadline { pending.append(.expire(at: now)) }
            if now >= nextTick {
                pending.append(.tick(now: clock.now()))
                nextTick = now + tickInterval
            }
        }
    }

    /// Milliseconds to wait for input: until the next tick, the notice's end, the feed's or the
    /// child's next check, whichever comes first.
    private func wait(until nextTick: Double, _ dashboard: Dashboard) -> Int {
        let now = clock.monotonic()
        var seconds = nextTick - now
        if let deadline = dashboard.noticeDeadline { seconds = min(seconds, deadline - now) }
        if feed != nil { seconds = min(seconds, feedInterval) }
        if let retrain, retrain.isRunning { seconds = min(seconds, retrain.hasMoreOutput ? 0 : childInterval) }
        return max(0, Int((seconds * 1000).rounded(.up)))
    }

    /// Does what the dashboard asked; the world's answers come back as events. Non-nil ends the loop.
    private func perform(_ effect: AppEffect, on dashboard: Dashboard, _ events: inout [AppEvent]) -> Outcome? {
        let snapshot = dashboard.snapshot
        let now = clock.monotonic()
        func notice(_ text: String?) {
            guard let text else { return }
            events.append(.notice(text, until: now + noticeSeconds))
            if let retrain { events.append(.retrain(retrain.snapshot(now: now), model: retrain.model)) }
        }
        switch effect {
        case .quit: return .quit
        case .redrawAll: terminal.requestFullRepaint()
        case .startRetrain: notice(retrain?.startRetrain(trigger: "manual", now: now) ?? "retrain: not available here")
        case .cancelRetrain: notice(retrain?.cancel(now: now) ?? "cancel retrain: not available here")
        case .rollback: notice(retrain?.rollback(now: now) ?? "rollback: not available here")
        case .checkRetrainRules: notice(retrain?.observe(snapshot, now: now))
        case .exportScreen:
            let size = terminal.size
            let canvas = dashboard.render(width: size.width, height: size.height)
            notice(exports?.write(canvas.text, now: clock.now()) ?? "export: not available here")
        }
        return nil
    }
}
