import ModelTopTraining
import ModelTopMonitor
import ModelTopIO

/// The registry as the dashboard shows it (the one reader of `registry.json` in the app): the decisions (newest first), the versions, and
/// the model the Overview names. Read from `registry.json` at start and after every run, so
/// what the screen says survives a restart.
package struct RetrainHistory: Equatable {
    package var entries: [ModelRegistry.Entry] = []
    package var versions: [RetrainSnapshot.Version] = []
    package var model: ModelInfo?
    /// Set when the registry exists but cannot be read.
    package var problem: String?
    /// What a rollback would make current: an earlier promoted version whose model is on disk.
    package var rollbackTarget: String?
    /// The registry's entries as read, to tell whether a run recorded itself.
    package var recorded = 0

    package static func load(artifacts: String?) -> RetrainHistory {
        guard let artifacts else { return RetrainHistory() }
        let registry: ModelRegistry
        switch read(artifacts) {
        case .failure(let error): return RetrainHistory(problem: error.description)
        case .success(nil): return RetrainHistory()
        case .success(let found?): registry = found
        }
        var history = RetrainHistory()
        history.entries = registry.history.reversed()
        history.recorded = registry.history.count
        let store = ArtifactStore(directory: artifacts)
        if let target = try? registry.rollbackTarget(), (try? store.loadModel(target)) != nil { history.rollbackTarget = target }
        var seen = Set<String>()
        for entry in registry.history.reversed() where entry.trigger != ModelRegistry.rollbackTrigger && seen.insert(entry.version).inserted {
            history.versions.append(RetrainSnapshot.Version(
                name: entry.version, createdAt: Double(entry.created), accuracy: entry.challenger?.accuracy,
                active: entry.version == registry.current))
        }
        if let current = registry.current {
            let lastRetrain = registry.history.last { $0.trigger != ModelRegistry.rollbackTrigger }
            history.model = ModelInfo(version: current, lastRetrainAt: lastRetrain.map { Double($0.created) })
        }
        return history
    }

    /// The current model and the latest challenger (when it differs), for the Overview's model
    /// comparison; none when there is no registry yet or it cannot be read (`load` reports that).
    package static func models(artifacts: String?) -> [(name: String, model: SoftmaxModel)] {
        guard let artifacts, case .success(let registry?) = read(artifacts) else { return [] }
        let store = ArtifactStore(directory: artifacts)
        var models: [(name: String, model: SoftmaxModel)] = []
        if let current = registry.current, let artifact = try? store.loadModel(current) {
            models.append(("champion \(current) (current)", artifact.model))
        }
        if let latest = registry.history.last(where: { $0.trigger != ModelRegistry.rollbackTrigger }),
           latest.version != registry.current, let artifact = try? store.loadModel(latest.version) {
            models.append(("challenger \(latest.version) (\(latest.promoted ? "promoted" : "refused"))", artifact.model))
        }
        return models
    }

    /// The dashboard's one way of reading `registry.json` (nil: none written yet).
    private static func read(_ artifacts: String) -> Result<ModelRegistry?, ArtifactError> {
        Result { () throws(ArtifactError) in try ArtifactStore(directory: artifacts).loadRegistry() }
    }
}
