import Foundation
import Testing

/// Retraining from the dashboard, driven in tmux on a temporary copy of the digits fixtures:
/// the built-in run and its history across a restart, and hooks that fail, hang, or print
/// garbage and floods.
@Suite struct RetrainTmuxTests {
    /// A fresh directory with ref_data.csv and prod_data.csv (and no artifacts yet).
    static func project() throws -> String {
        let directory = NSTemporaryDirectory() + "modeltop-retrain-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fixtures = ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits").path
        for name in ["ref_data.csv", "prod_data.csv"] {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: directory + "/" + name)
        }
        return directory
    }

    /// Opens the dashboard on the Retrain screen and confirms a retrain there (the screen first,
    /// so a quick hook's end is never seen on the Overview's alerts instead).
    static func startRetrain(_ arguments: [String]) throws -> TmuxSession {
        let session = try TmuxSession(arguments: arguments)
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        try session.press("6")
        try session.waitFor("IDLE")
        try session.press("r")
        let confirm = try session.waitFor("Retrain the model")
        // The confirmation says what will run: the built-in trainer or the hook's command.
        #expect(confirm.contains("Runs built-in: modeltop retrain") || confirm.contains("Runs hook: sh -c"), "\(confirm)")
        try session.press("y")
        return session
    }

    static func quit(_ session: TmuxSession) throws {
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func builtInRetrainPromotesAndItsHistorySurvivesARestart() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try Self.startRetrain([directory])
        defer { session.close() }
        let done = try session.waitFor("PROMOTED", timeout: 30)
        #expect(done.contains("DONE") && done.contains("current model v1"))
        #expect(done.contains("challenger v1 accuracy") && done.contains("champion none"))
        #expect(done.contains("built-in: modeltop retrain"))
        try Self.quit(session)
        #expect(FileManager.default.fileExists(atPath: directory + "/artifacts/registry.json"))

        let again = try TmuxSession(arguments: [directory])
        defer { again.close() }
        try again.waitFor("version v1 · last retrain", timeout: DashboardTerminalTests.startup)
        try again.press("6")
        let history = try again.waitFor("History (registry.json")
        let row = history.split(separator: "\n").first { $0.contains(" v1 ") && $0.contains("manual") }
        #expect(row?.contains("promoted") == true, "history row: \(row ?? "none")")
        // A second model, then b rolls back to the first.
        try again.press("r")
        try again.waitFor("Retrain the model")
        try again.press("y")
        try again.waitFor("current model v2", timeout: 30)
        try again.press("b")
        try again.waitFor("Roll back to the previous model version v1 (now v2)?")
        try again.press("y")
        try again.waitFor("rolled back from v2 to v1", timeout: 10)
        try again.waitFor("current model v1")
        // The built-in model re-scores production: serving, champion and challenger side by side.
        try again.press("3")
        // (the snapshot follows the registry within about a second of the rollback)
        let quality = try again.waitFor("challenger v2", timeout: 10)
        #expect(quality.contains("serving (prediction column)") && quality.contains("champion v1 (current)"), "\(quality)")
        try again.press("1")
        try again.waitFor("version v1 · last retrain")
        try Self.quit(again)
    }

    @Test func aFailingHookShowsItsExitStatusAndGetsThePaths() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hook = "echo \"ref=$MODELTOP_REF\"; echo \"art=$MODELTOP_ARTIFACTS\"; exit 3"
        let session = try Self.startRetrain([directory, "--retrain-cmd", hook])
        defer { session.close() }
        try session.waitFor("failed (exit 3)", timeout: 10)
        // The status and the output arrive in one frame, but tmux can be captured halfway through
        // drawing it: wait for the last output line, which is drawn after the rest.
        let screen = try session.waitFor("art=" + URL(fileURLWithPath: directory + "/artifacts").standardizedFileURL.path, timeout: 5)
        #expect(screen.contains("FAILED"))
        #expect(screen.contains("ref=" + URL(fileURLWithPath: directory + "/ref_data.csv").standardizedFileURL.path))
        try Self.quit(session)
        // Recorded all the same, so the history survives a restart: exit status, no scores.
        let registry = try String(contentsOfFile: directory + "/artifacts/registry.json", encoding: .utf8)
        #expect(registry.contains("hook exited 3 after") && registry.contains("no scores reported"), "\(registry)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/artifacts/models"), "no model is made up for a hook")
    }

    /// The hook protocol: a final JSON line in `modeltop retrain --format json`'s schema is
    /// recorded like a built-in run; rollback is offered only when there is a model to go back to.
    @Test func aHookThatReportsScoresIsRecordedLikeABuiltInRun() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = #"{"champion": {"version": "prod-6", "accuracy": 0.91, "f1_macro": 0.9}, "challenger": {"version": "prod-7", "accuracy": 0.95, "f1_macro": 0.94}, "promoted": true, "reason": "challenger macro F1 0.94 beats 0.90"}"#
        let hook = "echo training; echo '\(result)'"
        let session = try Self.startRetrain([directory, "--retrain-cmd", hook])
        defer { session.close() }
        let done = try session.waitFor("PROMOTED", timeout: 15)
        #expect(done.contains("challenger prod-7"), "\(done)")
        try Self.quit(session)
        let registry = try String(contentsOfFile: directory + "/artifacts/registry.json", encoding: .utf8)
        #expect(registry.contains("prod-7") && registry.contains("challenger macro F1 0.94 beats 0.90"), "\(registry)")

        let again = try TmuxSession(arguments: [directory, "--retrain-cmd", hook])
        defer { again.close() }
        try again.waitFor("version prod-7 · last retrain", timeout: DashboardTerminalTests.startup)
        try again.press("6")
        let history = try again.waitFor("History (registry.json")
        #expect(history.contains("prod-7"), "\(history)")
        try again.press("b")
        try again.waitFor("nothing to roll back to")
        #expect(try !again.screen().contains("Roll back to the previous"), "no question when nothing can be rolled back")
        try Self.quit(again)
    }

    @Test func cancelStopsASleepingHookWithinTheGracePeriod() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try Self.startRetrain([directory, "--retrain-cmd", "echo sleeping; sleep 60"])
        defer { session.close() }
        try session.waitFor("sleeping")
        try session.waitFor("RUNNING")
        try session.press("r")
        try session.waitFor("Retrain the model")
        try session.press("y")
        try session.waitFor("a retrain is already running")
        let started = Date()
        try session.press("c")
        let screen = try session.waitFor("cancelled by the user", timeout: 3)
        #expect(Date().timeIntervalSince(started) < 3, "SIGTERM ends sh and sleep before SIGKILL is needed")
        #expect(screen.contains("CANCELLED"))
        try Self.quit(session)
    }

    @Test func garbageAndFloodsLeaveTheScreenSane() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hook = "head -c 300000 /dev/urandom; printf '\\033[2J\\033]0;pwned\\007 title\\n'; seq 200000; echo last-line"
        let session = try TmuxSession(arguments: [directory, "--retrain-cmd", hook])
        defer { session.close() }
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        let pid = try session.pid()
        let before = Self.memoryKilobytes(pid, "VmRSS")
        try session.press("6")
        try session.waitFor("IDLE")
        try session.press("r")
        try session.waitFor("Retrain the model")
        try session.press("y")
        let screen = try session.waitFor("finished (exit 0)", timeout: 20)
        let peak = Self.memoryKilobytes(pid, "VmHWM")
        #expect(before > 0 && peak > 0, "/proc/\(pid)/status unreadable")
        #expect(peak - before < 64 * 1024, "only the last 500 lines are kept: \(before) kB before, peak \(peak) kB")
        #expect(screen.contains("last-line"))
        #expect(screen.contains("earlier not kept"))
        let controls = screen.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "control characters reached the terminal: \(controls.map(\.value))")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains("modeltop") == true, "the header stays on the first row")
        #expect(lines.count <= 41)
        try Self.quit(session)
    }

    @Test func cancelEscalatesToSIGKILLWhenTheHookIgnoresSIGTERM() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try Self.startRetrain([directory, "--retrain-cmd", "trap '' TERM; echo stubborn; sleep 60"])
        defer { session.close() }
        try session.waitFor("stubborn")
        let started = Date()
        try session.press("c")
        try session.waitFor("cancelled by the user", timeout: 8)
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 2.5, "SIGKILL only after the 3 s grace; took \(waited) s")
        try Self.quit(session)
    }

    @Test func quittingDuringARunEndsTheHookToo() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pidFile = directory + "/hook.pid"
        let session = try Self.startRetrain([directory, "--retrain-cmd", "echo $$ > \(TmuxSession.quoted(pidFile)); sleep 60"])
        defer { session.close() }
        try session.waitFor("RUNNING")
        try Self.quit(session)
        let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
        let hook = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(hook, 0) != 0 && errno == ESRCH, "the hook (pid \(hook)) outlived the dashboard")
    }

    @Test func driftAtStartRetrainsAutomaticallyAndRecordsTheTrigger() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try TmuxSession(arguments: [directory, "--retrain-on-drift"])
        defer { session.close() }
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        try session.press("6")
        let screen = try session.waitFor("PROMOTED", timeout: 30)
        #expect(screen.contains("--trigger auto-drift"))
        try session.waitUntil("the history row") { screen in
            screen.split(separator: "\n").contains { $0.contains("auto-drift") && $0.contains("promoted") }
        }
        // Drift persists (the reference is unchanged), so no second run starts by itself.
        usleep(1_500_000)
        let rows = try session.screen().split(separator: "\n").filter { $0.contains("auto-drift") && $0.contains("promoted") }
        #expect(rows.count == 1)
        try Self.quit(session)
    }

    @Test func feedbackCrossingAMultipleOfKRunsTheHookWithItsTrigger() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let prodPath = directory + "/prod_data.csv"
        let lines = try String(contentsOfFile: prodPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try (lines[0...300].joined(separator: "\n") + "\n").write(toFile: prodPath, atomically: false, encoding: .utf8)
        let session = try TmuxSession(arguments: [directory, "--retrain-every", "500", "--retrain-cmd", "echo \"trigger=$MODELTOP_TRIGGER\""])
        defer { session.close() }
        try session.waitFor("(300 rows)", timeout: DashboardTerminalTests.startup)
        try session.press("6")
        try session.waitFor("IDLE")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: prodPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines[301...].joined(separator: "\n").utf8))
        try handle.close()
        let screen = try session.waitFor("trigger=auto-every-500", timeout: 10)
        #expect(screen.contains("(899 rows)"))
        try session.waitFor("finished (exit 0)")
        try Self.quit(session)
    }

    /// A field of /proc/PID/status in kB (VmRSS now, VmHWM the peak); 0 when unreadable.
    static func memoryKilobytes(_ pid: Int32, _ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
