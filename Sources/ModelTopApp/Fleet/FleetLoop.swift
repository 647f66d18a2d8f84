import ModelTopSystem
import ModelTopBase
import ModelTopMetrics
import ModelTopUI
import ModelTopIO

/// The fleet console's loop: draws, reads keys, and asks Prometheus every `interval` in a
/// background job, so a Prometheus that is slow or down never freezes the screen: the round
/// under way is polled ten times a second and its failure becomes the notice.
package struct FleetLoop {
    let terminal: any TerminalScreen
    let clock: any AppClock
    /// One round of questions (the Prometheus client in the binary, a double in tests).
    let ask: @Sendable () -> FleetAnswers
    /// Seconds between rounds.
    package var interval: Double
    /// Seconds between ticks ("answered 3 s ago").
    package var tickInterval = 1.0
    /// How often a round under way is checked.
    package var pollInterval = 0.1
    /// Where `e` writes the screen; nil: the export is not available.
    package var exports: ScreenExports?
    /// How long a notice stays on the last line.
    package var noticeSeconds = 3.0

    package init(terminal: any TerminalScreen, clock: any AppClock, interval: Double, ask: @escaping @Sendable () -> FleetAnswers) {
        self.terminal = terminal
        self.clock = clock
        self.interval = interval
        self.ask = ask
    }

    package func run(_ console: inout FleetConsole) throws -> DashboardLoop.Outcome {
        var round: BackgroundResult<FleetAnswers>? = BackgroundResult(ask)
        console.asking = true
        var nextRound = clock.monotonic() + interval
        var nextTick = clock.monotonic()
        var frameDue = true
        var noticeUntil: Double?
        while true {
            let now = clock.monotonic()
            if let until = noticeUntil, now >= until {
                console.notice = nil
                noticeUntil = nil
                frameDue = true
            }
            if now >= nextTick {
                console.now = clock.now()
                nextTick = now + tickInterval
                frameDue = true
            }
            if let pending = round, pending.isDone {
                console.take(FleetSnapshot.make(pending.wait(), now: clock.now(), previous: console.snapshot))
                round = nil
                frameDue = true
            }
            if round == nil, !console.paused, now >= nextRound {
                round = BackgroundResult(ask)
                console.asking = true
                nextRound = now + interval
                frameDue = true
            }
            if frameDue {
                let size = terminal.size
                try terminal.draw(console.render(width: size.width, height: size.height))
                frameDue = false
            }
            // Paused, a round that is due waits too: the next tick is the only deadline.
            var wait = (console.paused ? nextTick : min(nextTick, nextRound)) - clock.monotonic()
            if round != nil { wait = min(wait, pollInterval) }
            if let until = noticeUntil { wait = min(wait, until - clock.monotonic()) }
            switch try terminal.nextInput(timeoutMilliseconds: max(0, Int((wait * 1000).rounded(.up)))) {
            case .event(.key(let key)):
                frameDue = true
                switch console.handle(key) {
                case .quit?: return .quit
                case .redrawAll?: terminal.requestFullRepaint()
                case .refreshNow?: nextRound = clock.monotonic()
                case .exportScreen?:
                    let size = terminal.size
                    let text = console.render(width: size.width, height: size.height).text
                    console.notice = exports?.write(text, now: clock.now()) ?? "export: not available here"
                    noticeUntil = clock.monotonic() + noticeSeconds
                case nil: break
                }
            case .event: frameDue = true
            case .stop(let signal): return .signal(signal)
            case .resumed: frameDue = true
            case .timedOut, .ignored: break
            }
        }
    }
}
