import Foundation
import Glibc
import Testing
import ModelTopMonitor
import ModelTopUI
@testable import ModelTopApp

/// The app loop driven like a user would, without a terminal: keys in, frames out, a retrain
/// run by a scripted child, time moved by hand. No test sleeps.
@Suite struct DashboardLoopTests {
    let clock = ManualClock()

    func dashboard() throws -> Dashboard {
        Dashboard(snapshot: try AppFixtures.snapshot(), options: DashboardOptions())
    }

    @Test func keysChangeTheScreenAndQuitEndsTheLoop() throws {
        let terminal = ScriptedTerminal(clock: clock, [
            .waitFor("Overview"), .key(.character("2")), .waitFor("verdict by PSI"),
            .key(.control("l")), .key(.character("q")),
        ])
        var dashboard = try dashboard()
        let outcome = try DashboardLoop(terminal: terminal, clock: clock).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(outcome == .quit)
        #expect(dashboard.state.screen == .drift)
        #expect(terminal.repaints == 1, "Ctrl-L asks for a full repaint")
        #expect(terminal.frames.count >= 2)
    }

    @Test func aSignalEndsTheLoopWithItsNumber() throws {
        let terminal = ScriptedTerminal(clock: clock, [.input(.stop(signal: SIGHUP))])
        var dashboard = try dashboard()
        #expect(try DashboardLoop(terminal: terminal, clock: clock).run(&dashboard) == .signal(SIGHUP))
    }

    @Test func newDataShowsAtOnceButWaitsWhilePaused() throws {
        let feed = QueueFeed()
        let later = try AppFixtures.snapshot(production: "prod_clean.csv")
        let terminal = ScriptedTerminal(clock: clock, [
            .waitFor("prod_data.csv (899 rows)"),
            .key(.character("p")),
            .run { feed.snapshot = later },
            .waitFor("PAUSED"),
        ])
        var dashboard = try dashboard()
        var loop = DashboardLoop(terminal: terminal, clock: clock, feed: feed)
        _ = try loop.run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(dashboard.snapshot.productionFile == "prod_data.csv", "paused: the new data is held back")
        // Resuming shows the held data.
        let resume = ScriptedTerminal(clock: clock, [.key(.character("p")), .waitFor("prod_clean.csv")])
        loop = DashboardLoop(terminal: resume, clock: clock, feed: feed)
        _ = try loop.run(&dashboard)
        #expect(resume.failure == nil, "\(resume.failure ?? "")")
        #expect(dashboard.snapshot.productionFile == "prod_clean.csv")
    }

    @Test func aNoticeStaysThreeSecondsOfClockTimeAndGoesWithoutAKey() throws {
        let feed = QueueFeed()
        var shownAt = 0.0, goneAt = 0.0
        let terminal = ScriptedTerminal(clock: clock, [
            .run { feed.notices = ["production started over"] },
            .waitFor("production started over"),
            .run { shownAt = clock.monotonic() },
            .waitWhile("production started over"),
            .run { goneAt = clock.monotonic() },
        ])
        var dashboard = try dashboard()
        _ = try DashboardLoop(terminal: terminal, clock: clock, feed: feed).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        // Shown when the feed was read (within 0.1 s), gone 3 s later: the loop woke for it.
        #expect(goneAt - shownAt <= 3.0 + 1e-9 && goneAt - shownAt > 2.8, "gone after \(goneAt - shownAt) s")
        #expect(dashboard.noticeDeadline == nil)
    }
}
