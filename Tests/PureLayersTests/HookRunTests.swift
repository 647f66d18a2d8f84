import Testing
@testable import ModelTopTraining
@testable import ModelTopMonitor

/// The retrain hook's protocol (`HookRun`) and the `--max-rejected` limit.
@Suite struct HookRunTests {
    let reported = HookRun.Reported(
        champion: .init(version: "prod-6", accuracy: 0.91, f1Macro: 0.9), challenger: .init(version: "prod-7", accuracy: 0.95, f1Macro: 0.94),
        promoted: true, reason: "better")

    @Test func aReportedDecisionIsRecordedAsItIs() {
        let entry = HookRun.entry(reported: reported, trigger: "drift", created: 5, current: "v2", exitStatus: 0, seconds: 3.25)
        #expect(entry.version == "prod-7" && entry.promoted && entry.parent == "v2" && entry.trigger == "drift")
        #expect(entry.reason == "better (hook exited 0 after 3.2 s)")
        #expect(entry.champion?.version == "prod-6" && entry.challenger?.f1Macro == 0.94)
        var registry = ModelRegistry()
        registry.record(entry)
        #expect(registry.current == "prod-7")
        #expect((try? ModelRegistry.parse(Array(registry.json().utf8))) == registry, "a hook's version names survive a reload")
    }

    @Test func aRunWithoutScoresIsStillRecordedAndChangesNothing() {
        let failed = HookRun.entry(reported: nil, trigger: "manual", created: 5, current: "v1", exitStatus: 3, seconds: 12)
        #expect(!failed.promoted && failed.version == "v1" && failed.reason == "hook exited 3 after 12 s; no scores reported")
        let killed = HookRun.entry(reported: reported, trigger: "manual", created: 5, current: nil, exitStatus: nil, seconds: 1)
        #expect(!killed.promoted && killed.reason.hasPrefix("hook was killed after 1.0 s"))
    }

    @Test func aVersionThatCouldNameAPathIsNeverRecorded() {
        var hostile = reported
        hostile.challenger.version = "../../etc/passwd"
        let entry = HookRun.entry(reported: hostile, trigger: "manual", created: 5, current: "v1", exitStatus: 0, seconds: 1)
        #expect(!entry.promoted && entry.version == "v1" && entry.reason.contains("not a version name"))
        #expect(ModelVersion.isRecordable("2026.12.01-rc_1") && !ModelVersion.isRecordable(".hidden") && !ModelVersion.isRecordable("a/b"))
    }

    @Test func rejectionLimitsAreCountsOrShares() {
        #expect(RejectionLimit("5") == .count(5) && RejectionLimit("1%") == .share(0.01) && RejectionLimit("0.5%") == .share(0.005))
        #expect(RejectionLimit("-1") == nil && RejectionLimit("lots") == nil && RejectionLimit("101%") == nil)
        #expect(RejectionLimit.default.isExceeded(rejected: 1, of: 99) && !RejectionLimit.default.isExceeded(rejected: 1, of: 100))
        #expect(!RejectionLimit.count(0).isExceeded(rejected: 0, of: 0) && RejectionLimit.count(0).isExceeded(rejected: 1, of: 1000))
        #expect(RejectionLimit.default.description == "1%")
    }
}
