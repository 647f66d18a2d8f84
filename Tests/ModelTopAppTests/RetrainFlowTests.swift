import Foundation
import Glibc
import Testing
import ModelTopTraining
import ModelTopMonitor
import ModelTopIO
import ModelTopUI
@testable import ModelTopApp

/// Key → effect → retrain → screen, with a scripted child instead of a process.
@Suite struct RetrainFlowTests {
    let clock = ManualClock()
    static let promoted = #"""
    {"champion": {"version": "v1", "accuracy": 0.88, "f1_macro": 0.87}, "challenger": {"version": "v2", "accuracy": 0.93, "f1_macro": 0.92}, "promoted": true, "reason": "challenger wins by 0.05", "current": "v2"}
    """#

    func runner(_ launcher: ScriptedLauncher, backend: RetrainSetup.Backend = .builtIn, artifacts: String?, triggers: RetrainTriggers = RetrainTriggers()) -> RetrainRunner {
        let setup = RetrainSetup(
            backend: backend, reference: "/data/ref_data.csv", production: "/data/prod_data.csv", artifacts: artifacts,
            executable: "/opt/modeltop")
        return RetrainRunner(setup: setup, triggers: triggers, launcher: launcher, clock: clock)
    }

    @Test func confirmingRunsTheBuiltInAndTheScreenShowsItsDecision() throws {
        let artifacts = try AppFixtures.temporaryDirectory()
        let launcher = ScriptedLauncher { _, now in
            ScriptedProcess(lines: ["loading prod_data.csv", "fitting"], stdout: Self.promoted + "\n", exitCode: 0, now: now)
        }
        let terminal = ScriptedTerminal(clock: clock, [
            .key(.character("6")), .waitFor("Retrain"),
            .key(.character("r")), .waitFor("Retrain the model on prod_data.csv"),
            .key(.character("y")),
            .waitFor("retrain started (manual)"),
            .waitFor("DONE"), .waitFor("PROMOTED"),
        ])
        var dashboard = Dashboard(snapshot: try AppFixtures.snapshot(), options: DashboardOptions())
        let outcome = try DashboardLoop(terminal: terminal, clock: clock, retrain: runner(launcher, artifacts: artifacts)).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(outcome == .signal(SIGTERM), "the script ran out")
        #expect(launcher.started.count == 1)
        let invocation = try #require(launcher.started.first)
        #expect(invocation.path == "/opt/modeltop")
        #expect(invocation.arguments == [
            "retrain", "--ref", "/data/ref_data.csv", "--prod", "/data/prod_data.csv", "--artifacts", artifacts,
            "--trigger", "manual", "--format", "json",
        ])
        #expect(invocation.environment["MODELTOP_ARTIFACTS"] == artifacts)
        let retrain = try #require(dashboard.snapshot.retrain)
        #expect(retrain.phase == .succeeded(version: "v2"))
        #expect(retrain.outcome == RetrainOutcome(
            champion: .init(version: "v1", accuracy: 0.88, f1Macro: 0.87), challenger: .init(version: "v2", accuracy: 0.93, f1Macro: 0.92),
            promoted: true, reason: "challenger wins by 0.05"))
        #expect(retrain.log.contains("fitting") && retrain.log.last?.hasPrefix("finished (exit 0)") == true)
    }

    @Test func cancellingARunningRetrainEndsIt() throws {
        let launcher = ScriptedLauncher { _, now in
            let child = ScriptedProcess(lines: ["working"], stdout: "", exitCode: 0, now: now)
            child.mayEnd = false
            return child
        }
        let terminal = ScriptedTerminal(clock: clock, [
            .key(.character("6")), .key(.character("r")), .key(.character("y")), .waitFor("working"),
            .key(.character("c")), .waitFor("cancelling (SIGTERM"), .waitFor("CANCELLED"),
        ])
        var dashboard = Dashboard(snapshot: try AppFixtures.snapshot(), options: DashboardOptions())
        _ = try DashboardLoop(terminal: terminal, clock: clock, retrain: runner(launcher, artifacts: try AppFixtures.temporaryDirectory())).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(dashboard.snapshot.retrain?.phase == .cancelled)
    }

    @Test func aSilentChildStillShowsItsTimeRunning() throws {
        let launcher = ScriptedLauncher { _, now in
            let child = ScriptedProcess(lines: [], stdout: "", exitCode: 0, now: now)
            child.mayEnd = false
            return child
        }
        let terminal = ScriptedTerminal(clock: clock, [
            .key(.character("6")), .key(.character("r")), .key(.character("y")), .waitFor("running for 0 s"), .waitFor("running for 3 s"),
        ])
        var dashboard = Dashboard(snapshot: try AppFixtures.snapshot(), options: DashboardOptions())
        _ = try DashboardLoop(terminal: terminal, clock: clock, retrain: runner(launcher, artifacts: try AppFixtures.temporaryDirectory())).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
    }

    @Test func withoutArtifactsTheBuiltInSaysWhyAndRunsNothing() throws {
        let launcher = ScriptedLauncher { _, now in ScriptedProcess(lines: [], stdout: "", exitCode: 0, now: now) }
        let terminal = ScriptedTerminal(clock: clock, [
            .key(.character("r")), .key(.character("y")), .waitFor("retrain: not available: pass --artifacts DIR"),
        ])
        var dashboard = Dashboard(snapshot: try AppFixtures.snapshot(), options: DashboardOptions())
        _ = try DashboardLoop(terminal: terminal, clock: clock, retrain: runner(launcher, artifacts: nil)).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(launcher.started.isEmpty)
    }

    @Test func driftAtStartFiresTheAutomaticRetrainOnce() throws {
        let launcher = ScriptedLauncher { _, now in
            ScriptedProcess(lines: ["auto"], stdout: Self.promoted + "\n", exitCode: 0, now: now)
        }
        let terminal = ScriptedTerminal(clock: clock, [.waitFor("automatic retrain"), .key(.character("6")), .waitFor("DONE")])
        var dashboard = Dashboard(snapshot: try AppFixtures.snapshot(), options: DashboardOptions())
        let runner = runner(launcher, artifacts: try AppFixtures.temporaryDirectory(), triggers: RetrainTriggers(onDrift: true))
        _ = try DashboardLoop(terminal: terminal, clock: clock, retrain: runner).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(launcher.started.count == 1, "the drifted fixture is one edge, not one retrain per frame")
        #expect(launcher.started.first?.arguments.contains("auto-drift") == true)
    }

    @Test func aHookRunIsRecordedInTheRegistryWithWhatItReported() throws {
        let artifacts = try AppFixtures.temporaryDirectory()
        let launcher = ScriptedLauncher { _, now in
            ScriptedProcess(lines: ["training my way"], stdout: Self.promoted + "\n", exitCode: 0, now: now)
        }
        let terminal = ScriptedTerminal(clock: clock, [.key(.character("6")), .key(.character("r")), .key(.character("y")), .waitFor("DONE")])
        var dashboard = Dashboard(snapshot: try AppFixtures.snapshot(), options: DashboardOptions())
        let runner = runner(launcher, backend: .hook("python train.py"), artifacts: artifacts)
        _ = try DashboardLoop(terminal: terminal, clock: clock, retrain: runner).run(&dashboard)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(launcher.started.first?.path == "/bin/sh" && launcher.started.first?.arguments == ["-c", "python train.py"])
        let registry = try #require(try ArtifactStore(directory: artifacts).loadRegistry())
        #expect(registry.history.count == 1)
        #expect(registry.history.first?.version == "v2" && registry.history.first?.promoted == true)
        #expect(registry.history.first?.created == Int64(clock.now()) || registry.history.first.map { abs(Double($0.created) - clock.now()) < 200 } == true)
        #expect(dashboard.snapshot.model?.version == "v2", "the Overview names the registry's current model")
    }
}
