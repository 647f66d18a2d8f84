import ModelTopTraining
import ModelTopIO

/// The registry's models for the Overview's comparison, read again only when `registry.json`
/// changed (a `stat` per snapshot), not parsed with every model file at each of up to ten
/// snapshots a second.
///
/// `@unchecked Sendable`: used by one thread at a time, the first snapshot's builder before the
/// live updater starts and then the updater's thread alone.
package final class RegistryModels: @unchecked Sendable {
    private let artifacts: String?
    private var stamp: FileStamp?
    private var loaded = false
    private var models: [(name: String, model: SoftmaxModel)] = []

    package init(artifacts: String?) { self.artifacts = artifacts }

    /// The current model and the latest challenger, as `RetrainHistory.models` reads them.
    package func current() -> [(name: String, model: SoftmaxModel)] {
        guard let artifacts else { return [] }
        // The stamp first: a registry replaced during the read is read again next time.
        let now = FileStamp(path: ArtifactStore(directory: artifacts).registryPath)
        if loaded, now == stamp { return models }
        stamp = now
        loaded = true
        models = RetrainHistory.models(artifacts: artifacts)
        return models
    }
}
