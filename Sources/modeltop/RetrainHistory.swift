import ModelTopTraining
import ModelTopMonitor
import ModelTopIO

/// The registry as the dashboard shows it: the decisions (newest first), the versions, and
/// the model the Overview names. Read from `registry.json` at start and after every run, so
/// what the screen says survives a restart.
struct RetrainHistory: Equatable {
    var entries: [ModelRegistry.Entry] = []
    var versions: [RetrainSnapshot.Version] = []
    var model: ModelInfo?
    /// Set when the registry exists but cannot be read.
    var problem: String?
    /// What a rollback would make current: an earlier promoted version whose model is on disk.
    var rollbackTarget: String?
    /// The registry's entries as read, to tell whether a run recorded itself.
    var recorded = 0

    static func load(artifacts: String?) -> RetrainHistory {
        guard let artifacts else { return RetrainHistory() }
        let registry: ModelRegistry?
        do {
            registry = try ArtifactStore(directory: artifacts).loadRegistry()
        } catch {
            return RetrainHistory(problem: error.description)
        }
        guard let registry else { return RetrainHistory() }
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
}
