import ModelTopSystem
import ModelTopBase
import ModelTopMetrics
import ModelTopUI

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
        while true {
            let now = clock.monotonic()
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
            if round == nil, now >= nextRound {
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
            var wait = min(nextTick, nextRound) - clock.monotonic()
            if round != nil { wait = min(wait, pollInterval) }
            switch try terminal.nextInput(timeoutMilliseconds: max(0, Int((wait * 1000).rounded(.up)))) {
            case .event(.key(let key)):
                frameDue = true
                switch console.handle(key) {
                case .quit?: return .quit
                case .redrawAll?: terminal.requestFullRepaint()
                case .refreshNow?: nextRound = clock.monotonic()
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
