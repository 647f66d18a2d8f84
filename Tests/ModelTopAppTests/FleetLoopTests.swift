import Testing
import Synchronization
import ModelTopBase
import ModelTopMetrics
import ModelTopUI
import ModelTopApp

/// The fleet console's loop with a scripted terminal and canned answers from "Prometheus":
/// figures arrive, a replica goes stale, Prometheus goes away, and the screen never waits.
@Suite struct FleetLoopTests {
    /// Answers that a test changes between rounds.
    final class Script: Sendable {
        let answers = Mutex(FleetAnswers())
        let rounds = Atomic<Int>(0)
    }

    static func answers(now: Double, bUp: Bool) -> FleetAnswers {
        var answers = FleetAnswers()
        answers.targets = [
            .init(instance: "a:9108", job: "modeltop", health: "up", lastScrape: now, lastError: "", scrapeInterval: "2s"),
            .init(instance: "b:9108", job: "modeltop", health: bUp ? "up" : "down", lastScrape: now, lastError: bUp ? "" : "connection refused", scrapeInterval: "2s"),
        ]
        var production: [PrometheusAnswer.Sample] = [], reference: [PrometheusAnswer.Sample] = []
        for (k, level) in (QuantileRank.levels.map { "\($0)" } + ["+Inf"]).enumerated() {
            reference.append(.init(labels: ["dimension": "emb_1", "le": level], value: Double(5 * (k + 1))))
            production.append(.init(labels: ["dimension": "emb_1", "le": level], value: k < 10 ? 0 : Double(10 * (k - 9))))
        }
        answers.vectors[.productionRanks] = production
        answers.vectors[.referenceRanks] = reference
        answers.vectors[.confusion] = [.init(labels: ["target": "1", "prediction": "1"], value: 3), .init(labels: ["target": "2", "prediction": "1"], value: 1)]
        answers.vectors[.requests] = [.init(labels: ["code": "2xx"], value: 90), .init(labels: ["code": "5xx"], value: 10)]
        answers.alerts = [.init(name: "ModelTopFleet5xx", state: "firing", instance: nil, activeAt: now - 60)]
        return answers
    }

    @Test func figuresArriveAReplicaGoesStaleAndPrometheusGoesAway() throws {
        let clock = ManualClock()
        let script = Script()
        nonisolated(unsafe) var pausedAt = 0, roundsWhilePaused = -1, wakesAtPause = 0, wakesWhilePaused = -1
        nonisolated(unsafe) var terminal: ScriptedTerminal!
        script.answers.withLock { $0 = Self.answers(now: clock.now(), bUp: true) }
        terminal = ScriptedTerminal(clock: clock, [
            .waitFor("2 replicas (2 up)"),
            .waitFor("DRIFT"),
            .waitFor("1 of 1 dimensions drifted"),
            .waitFor("accuracy 0.7500"),
            .waitFor("5xx 10"),
            .waitFor("Alerts: Fleet5xx firing"),
            .key(.character("e")),
            .waitFor("export: not available here"),
            .waitWhile("export: not available here"),
            .key(.character("p")),
            .waitFor("PAUSED"),
            .run {
                pausedAt = script.rounds.load(ordering: .relaxed)
                wakesAtPause = terminal.waits.count
            },
            .waitFor("answered 5 s ago"),
            .run {
                roundsWhilePaused = script.rounds.load(ordering: .relaxed) - pausedAt
                wakesWhilePaused = terminal.waits.count - wakesAtPause
            },
            .key(.character("p")),
            .key(.character("2")),
            .waitFor("b:9108"),
            .run { script.answers.withLock { $0 = Self.answers(now: clock.now(), bUp: false) } },
            .waitFor("stale"),
            .run {
                script.answers.withLock { answers in
                    answers = FleetAnswers()
                    answers.problem = "Prometheus at http://127.0.0.1:9090: connection refused"
                }
            },
            .waitFor("connection refused (figures from"),
            .key(.character("q")),
        ])
        var console = FleetConsole(source: "http://127.0.0.1:9090 job=modeltop", options: DashboardOptions())
        let loop = FleetLoop(terminal: terminal, clock: clock, interval: 1) {
            script.rounds.add(1, ordering: .relaxed)
            return script.answers.withLock { $0 }
        }
        let outcome = try loop.run(&console)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(outcome == .quit)
        // The figures from before Prometheus went away are still on screen.
        #expect(terminal.screen.contains("a:9108"))
        #expect(script.rounds.load(ordering: .relaxed) >= 3)
        // Paused, no new round was asked. A round the loop started just before the pause may run
        // its question after it (the job starts on another thread), so one is allowed; a loop that
        // kept asking would have asked about five times in those five seconds.
        #expect(roundsWhilePaused >= 0 && roundsWhilePaused <= 1, "\(roundsWhilePaused) rounds while paused")
        // Paused, the loop sleeps until the next tick instead of spinning on a round that is due:
        // a few seconds of simulated time take a handful of wake-ups (spinning took thousands),
        // at most one poll every 0.1 s for a round already under way.
        #expect(wakesWhilePaused >= 0 && wakesWhilePaused < 100, "\(wakesWhilePaused) wake-ups while paused")
        // While a round is under way the loop polls it at least ten times a second, never blocks longer.
        #expect(terminal.waits.allSatisfy { $0 <= 1000 })
    }
}
