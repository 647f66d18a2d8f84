import ModelTopSystem
import ModelTopBase
import ModelTopTraining

/// What `train`, `retrain` and `rollback` share: where models go, how the run is recorded, and
/// where its warnings are said.
package struct ArtifactJob {
    /// The artifacts directory (models/ and registry.json).
    package var directory: String
    /// Seed of the holdout split (the fit itself is deterministic).
    package var seed: UInt64 = 0
    /// What started the run, recorded in the registry.
    package var trigger = "cli"
    /// JSON on stdout instead of text.
    package var json = false
    /// Stamps artifacts and times the run.
    package var clock: any AppClock = SystemClock()
    /// Where warnings go (stderr in the binary).
    package var warn: (String) -> Void = { _ in }

    package init(directory: String, seed: UInt64 = 0, trigger: String = "cli", json: Bool = false, warn: @escaping (String) -> Void) {
        self.directory = directory
        self.seed = seed
        self.trigger = trigger
        self.json = json
        self.warn = warn
    }

    /// Unix seconds, for the registry.
    var created: Int64 { Int64(clock.now()) }

    func warnRejections(file: String, log: RejectionLog) {
        guard log.count > 0 else { return }
        let first = log.first.first.map { "; first: " + Diagnostics.message(for: $0) } ?? ""
        warn("\(file): \(log.count) row\(log.count == 1 ? "" : "s") rejected and not used for training\(first)")
    }

    func warnNonFinite(_ data: TrainingSet) {
        guard data.skippedNonFinite > 0 else { return }
        let count = data.skippedNonFinite
        warn("\(count) row\(count == 1 ? "" : "s") with a NaN or infinite embedding value not used for training")
    }
}
