import ModelTopSystem
import ModelTopStatistics
import ModelTopTraining
import ModelTopMonitor
import ModelTopIO

/// The dashboard's retrains and rollbacks: starts one child at a time, follows it from the UI
/// loop, and turns its progress, the registry and the automatic rules into what the screens draw.
///
/// Lives on the UI thread only (the loop pumps it on every wake-up), so the child, the history
/// and the trigger memory need no locks.
package final class RetrainRunner {
    enum Job: Equatable {
        case retrain(trigger: String)
        case rollback
    }

    let setup: RetrainSetup
    let triggers: RetrainTriggers
    private let launcher: any ProcessLauncher
    private let clock: any AppClock
    private var memory = RetrainTriggers.Memory()
    private var child: (any RetrainProcess)?
    private var job: Job?
    private var display: String?
    private var phase: RetrainSnapshot.Phase = .idle
    private var outcome: RetrainSnapshot.Outcome?
    private var history: RetrainHistory
    /// Output kept after the child is gone, so the last run's log stays on screen.
    private var lastLog: [String] = []
    private var lastDropped = 0
    /// Registry entries when the running child started, to tell whether it recorded itself.
    private var recordedAtStart = 0

    package init(
        setup: RetrainSetup, triggers: RetrainTriggers, launcher: any ProcessLauncher = SpawnLauncher(), clock: any AppClock = SystemClock()
    ) {
        self.setup = setup
        self.triggers = triggers
        self.launcher = launcher
        self.clock = clock
        self.history = RetrainHistory.load(artifacts: setup.artifacts)
        // What 'r' would run, so the confirmation can say it before anything starts.
        if setup.unavailableReason == nil { display = setup.retrain(trigger: "manual").display }
    }

    package var isRunning: Bool { child?.isRunning == true }

    /// True while the child's output arrives faster than one pump takes it (the loop then wakes sooner).
    package var hasMoreOutput: Bool { child?.hasMoreOutput == true }

    /// Starts a retrain; returns the notice to show (why it did not start, or that it did).
    package func startRetrain(trigger: String, now: Double) -> String {
        if isRunning { return job == .rollback ? "a rollback is running; wait for it to finish" : "a retrain is already running" }
        if let reason = setup.unavailableReason { return reason }
        return start(setup.retrain(trigger: trigger), job: .retrain(trigger: trigger), now: now)
            ?? "retrain started (\(trigger))"
    }

    package func rollback(now: Double) -> String {
        if isRunning { return "a retrain is running; cancel it first (c on the Retrain screen)" }
        guard let invocation = setup.rollback() else { return "rollback: not available: pass --artifacts DIR" }
        history = RetrainHistory.load(artifacts: setup.artifacts)
        guard history.rollbackTarget != nil else {
            return "rollback: nothing to roll back to (no earlier promoted version with its model in \(setup.artifacts ?? "artifacts"))"
        }
        return start(invocation, job: .rollback, now: now) ?? "rollback started"
    }

    package func cancel(now: Double) -> String {
        guard let child, child.isRunning else { return "no retrain is running" }
        child.cancel(now: now)
        return "cancelling (SIGTERM, then SIGKILL after \(Int(ChildProcess.cancelGrace)) s)"
    }

    /// Reads the child's output and notices its end; true when what the screen shows changed.
    @discardableResult
    package func pump(now: Double) -> Bool {
        guard let child, child.isRunning else { return false }
        let changed = child.pump(now: now, budget: 1 << 20)
        if let ending = child.ending {
            finish(child, ending)
            return true
        }
        return changed
    }

    /// Checks the automatic rules against a new snapshot; returns a notice when one fired.
    package func observe(_ snapshot: DashboardSnapshot, now: Double) -> String? {
        guard triggers.isEnabled else { return nil }
        let report = snapshot.report
        let observation = RetrainTriggers.Observation(
            feedbackRows: report.quality?.rows ?? 0, datasetDrift: report.drift.datasetDrift,
            driftedDimensions: report.drift.drifted, dimensions: report.drift.dimensions.count, macroF1: report.quality?.macro.f1)
        guard let firing = triggers.evaluate(observation, memory: &memory, now: now, busy: isRunning) else { return nil }
        let notice = startRetrain(trigger: firing.trigger, now: now)
        return "automatic retrain: \(firing.reason); \(notice)"
    }

    /// The Retrain screen's part of the snapshot.
    package func snapshot(now: Double) -> RetrainSnapshot {
        var phase = self.phase
        var log = lastLog, dropped = lastDropped
        if let child, child.isRunning {
            let what = job == .rollback ? "rolling back" : "running"
            let cancelling = child.cancelledAt != nil ? " · cancelling" : ""
            phase = .running(step: "\(what) for \(Self.duration(child.elapsed(now: now)))\(cancelling)", progress: nil)
            log = child.output.lines
            dropped = child.output.dropped
        }
        var snapshot = RetrainSnapshot(
            phase: phase, log: log, versions: history.versions, command: display, outcome: outcome, history: history.entries)
        snapshot.droppedLines = dropped
        snapshot.rollbackTarget = history.rollbackTarget
        // An unreadable registry is not a failed retrain: it is said where the output goes.
        if let problem = history.problem, snapshot.log.isEmpty { snapshot.log = [problem] }
        return snapshot
    }

    package var model: ModelInfo? { history.model }

    /// Ends a running child when the dashboard exits, so no retrain outlives it unseen.
    package func shutdown() {
        child?.stopNow()
    }

    private func start(_ invocation: RetrainSetup.Invocation, job: Job, now: Double) -> String? {
        do {
            child = try launcher.start(invocation, now: now)
        } catch {
            phase = .failed(message: error.description)
            return error.description
        }
        self.job = job
        recordedAtStart = RetrainHistory.load(artifacts: setup.artifacts).recorded
        display = invocation.display
        outcome = nil
        phase = .running(step: "starting", progress: nil)
        return nil
    }

    private func finish(_ child: any RetrainProcess, _ ending: ChildProcess.Ending) {
        lastLog = child.output.lines
        lastDropped = child.output.dropped
        history = RetrainHistory.load(artifacts: setup.artifacts)
        let seconds = " after \(Self.duration(child.elapsed(now: child.endedAt ?? child.startedAt)))"
        let builtIn = job == .rollback || setup.backend == .builtIn
        if case .retrain(let trigger) = job, case .hook = setup.backend {
            recordHookRun(child, ending, trigger: trigger)
            history = RetrainHistory.load(artifacts: setup.artifacts)
        }
        if child.cancelledAt != nil {
            phase = .cancelled
            lastLog.append("cancelled (\(ending))\(seconds)")
        } else if case .exited(let code) = ending, code == 0 || (code == 1 && builtIn && job != .rollback) {
            // The built-in exits 1 when it refused the challenger: the run itself went fine.
            if builtIn, job != .rollback { outcome = RetrainResult.read(standardOutput: child.standardOutput)?.outcome }
            if !builtIn { outcome = RetrainResult.reported(standardOutput: child.standardOutput, lines: child.output.lines)?.outcome }
            let current = RetrainResult.current(standardOutput: child.standardOutput) ?? history.model?.version ?? ""
            phase = .succeeded(version: current)
            lastLog.append("finished (exit \(code))\(seconds)")
        } else {
            switch ending {
            case .exited(let code): phase = .failed(message: "exit \(code)")
            case .signalled(let signal): phase = .failed(message: "killed by signal \(signal)")
            }
            lastLog.append("ended: \(ending)\(seconds)")
        }
        if lastLog.count > child.output.capacity {
            lastDropped += lastLog.count - child.output.capacity
            lastLog.removeFirst(lastLog.count - child.output.capacity)
        }
        self.child = nil
    }

    /// Records a hook's run in `registry.json` (see `HookRun`), unless the hook recorded itself
    /// (it ran `modeltop retrain`, say). A registry that cannot be written is said in the log.
    private func recordHookRun(_ child: any RetrainProcess, _ ending: ChildProcess.Ending, trigger: String) {
        guard let artifacts = setup.artifacts else { return }
        let store = ArtifactStore(directory: artifacts)
        do {
            try store.withLock {
                let registry = try store.loadRegistry()
                guard (registry?.history.count ?? 0) == recordedAtStart else { return }
                var status: Int32?
                if case .exited(let code) = ending, child.cancelledAt == nil { status = code }
                let entry = HookRun.entry(
                    reported: RetrainResult.reported(standardOutput: child.standardOutput, lines: child.output.lines)?.outcome,
                    trigger: trigger, created: Int64(clock.now()), current: registry?.current, exitStatus: status,
                    seconds: child.elapsed(now: child.endedAt ?? child.startedAt))
                var updated = registry ?? ModelRegistry()
                updated.record(entry)
                try store.save(updated)
            }
        } catch {
            lastLog.append("could not record the run in \(store.registryPath): \(error)")
        }
    }

    /// "4 s", "2 min 05 s".
    static func duration(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds))
        if whole < 60 { return "\(whole) s" }
        let rest = whole % 60
        return "\(whole / 60) min \(rest < 10 ? "0" : "")\(rest) s"
    }
}
