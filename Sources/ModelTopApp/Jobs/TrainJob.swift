import ModelTopSystem
import ModelTopTables
import ModelTopTraining
import ModelTopIO

/// `modeltop train`: fits the first model on the reference and makes it current, without a gate.
package struct TrainJob {
    package var reference: String
    package var artifacts: ArtifactJob

    package init(reference: String, artifacts: ArtifactJob) {
        self.reference = reference
        self.artifacts = artifacts
    }

    /// Trains, saves the model and the registry atomically under the artifacts lock, and returns
    /// what the command prints.
    package func run() throws -> String {
        let started = artifacts.clock.monotonic()
        let store = ArtifactStore(directory: artifacts.directory)
        return try store.withLock {
            let table = try DataFiles.loadTable(path: reference)
            artifacts.warnRejections(file: reference, log: table.rejections)
            let data = try TrainingSet(table: table)
            artifacts.warnNonFinite(data)
            let trainer = SoftmaxTrainer()
            let (model, fit) = try trainer.train(data)
            let scores = try model.score(data)
            let registry = try store.loadRegistry()
            store.removeOrphans(registry: registry)
            let version = store.nextVersion(registry: registry)
            let parent = registry?.current
            let created = artifacts.created
            try store.save(ModelArtifact(
                version: version, created: created, trigger: artifacts.trigger, parent: parent, model: model,
                c: trainer.c, seed: artifacts.seed, fit: fit, holdout: nil, training: scores,
                sizes: DataSizes(referenceRows: data.rows, productionRows: 0, trainRows: data.rows, holdoutRows: 0)))
            var updated = registry ?? ModelRegistry()
            let score = ModelRegistry.Score(version: version, accuracy: scores.accuracy, f1Macro: scores.f1Macro)
            let reason = parent.map { "trained on the reference by `modeltop train`, replacing \($0) without a gate" }
                ?? "first model, trained on the reference by `modeltop train`"
            updated.record(ModelRegistry.Entry(
                version: version, created: created, trigger: artifacts.trigger, promoted: true, reason: reason,
                parent: parent, champion: nil, challenger: score))
            try store.save(updated, committing: version)
            let seconds = artifacts.clock.monotonic() - started
            return TrainingOutput.train(version: version, scores: scores, fit: fit, seconds: seconds, json: artifacts.json)
        }
    }
}
