import ModelTopBase

/// What a `--retrain-cmd` hook's run adds to `registry.json`, so the user's own pipeline has the
/// same history as the built-in trainer and survives a restart (README, "Retraining").
///
/// The protocol: the hook may print, as its last JSON line on stdout, the object that
/// `modeltop retrain --format json` prints (`champion`, `challenger` with `version`, `accuracy`,
/// `f1_macro`; `promoted`; `reason`). Then that decision is recorded as it is. Without it the run
/// is still recorded, with its exit status, duration and trigger, and "no scores reported".
package enum HookRun {
    /// What a hook reports: the same decision the built-in prints and the Retrain screen shows.
    package typealias Reported = RetrainOutcome

    /// The registry entry for one finished hook run. `exitStatus` nil: killed by a signal.
    package static func entry(
        reported: Reported?, trigger: String, created: Int64, current: String?, exitStatus: Int32?, seconds: Double
    ) -> ModelRegistry.Entry {
        let ran = "hook \(exitStatus.map { "exited \($0)" } ?? "was killed") after \(Self.duration(seconds))"
        let names = [reported?.challenger.version, reported?.champion?.version].compactMap { $0 }
        if let bad = names.first(where: { !ModelVersion.isRecordable($0) }) {
            return ModelRegistry.Entry(
                version: current ?? "none", created: created, trigger: trigger, promoted: false,
                reason: "\(ran); its result names \"\(SafeText.inline(bad, maxScalars: 40))\", not a version name (letters, digits, . _ -); not recorded as a model",
                parent: current, champion: nil, challenger: nil)
        }
        guard let reported, exitStatus == 0 || exitStatus == 1 else {
            return ModelRegistry.Entry(
                version: current ?? "none", created: created, trigger: trigger, promoted: false,
                reason: "\(ran); no scores reported", parent: current, champion: nil, challenger: nil)
        }
        return ModelRegistry.Entry(
            version: reported.challenger.version, created: created, trigger: trigger, promoted: reported.promoted,
            reason: "\(reported.reason) (\(ran))", parent: current, champion: reported.champion, challenger: reported.challenger)
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 10 ? "\(ReportNumber.fixed(seconds, 1)) s" : "\(Int(seconds.rounded())) s"
    }
}
