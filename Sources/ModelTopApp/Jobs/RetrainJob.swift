import ModelTopSystem
import ModelTopTables
import ModelTopStatistics
import ModelTopTraining
import ModelTopMonitor
import ModelTopIO

/// `modeltop retrain`: trains a challenger on reference + labelled production rows and promotes
/// it only when it beats the current model on the same held-out rows.
package struct RetrainJob {
    package var reference: String
    package var production: String
    package var artifacts: ArtifactJob
    /// Share of the combined rows held out to judge both models.
    package var holdout = 0.2
    /// Macro F1 the challenger must gain over the champion.
    package var promoteMargin = 0.0

    package init(reference: String, production: String, artifacts: ArtifactJob, holdout: Double, promoteMargin: Double) {
        self.reference = reference
        self.production = production
        self.artifacts = artifacts
        self.holdout = holdout
        self.promoteMargin = promoteMargin
    }

    /// Runs one round under the artifacts lock; the challenger is saved either way and the
    /// decision recorded. Returns the result the command prints.
    package func run() throws -> RetrainResult {
        let started = artifacts.clock.monotonic()
        let store = ArtifactStore(directory: artifacts.directory)
        return try store.withLock {
            let (data, sizes) = try loadRows()
            let (registry, current) = try store.loadCurrent()
            let round = Retraining(holdoutFraction: holdout, seed: artifacts.seed, gate: PromotionGate(margin: promoteMargin))
            let outcome = try round.run(data, champion: current.map { Retraining.Champion(version: $0.version, model: $0.model) })
            store.removeOrphans(registry: registry)
            let version = store.nextVersion(registry: registry)
            let created = artifacts.created
            try store.save(ModelArtifact(
                version: version, created: created, trigger: artifacts.trigger, parent: registry?.current,
                model: outcome.challenger, c: round.trainer.c, seed: artifacts.seed, fit: outcome.fit,
                holdout: outcome.challengerMetrics, training: outcome.trainMetrics,
                sizes: DataSizes(
                    referenceRows: sizes.reference, productionRows: sizes.production,
                    trainRows: outcome.trainRows, holdoutRows: outcome.holdoutRows)))
            let challenger = ModelRegistry.Score(
                version: version, accuracy: outcome.challengerMetrics.accuracy, f1Macro: outcome.challengerMetrics.f1Macro)
            var champion: ModelRegistry.Score?
            if let current, let metrics = outcome.championMetrics {
                champion = ModelRegistry.Score(version: current.version, accuracy: metrics.accuracy, f1Macro: metrics.f1Macro)
            }
            var updated = registry ?? ModelRegistry()
            updated.record(ModelRegistry.Entry(
                version: version, created: created, trigger: artifacts.trigger, promoted: outcome.decision.promoted,
                reason: outcome.decision.reason, parent: registry?.current, champion: champion, challenger: challenger))
            try store.save(updated, committing: version)
            return RetrainResult(
                champion: champion, challenger: challenger, promoted: outcome.decision.promoted, reason: outcome.decision.reason,
                holdoutRows: outcome.holdoutRows, trainRows: outcome.trainRows,
                seconds: artifacts.clock.monotonic() - started, fit: outcome.fit, current: updated.current)
        }
    }

    /// Reference and production rows with their true labels, in one training set.
    private func loadRows() throws -> (TrainingSet, sizes: (reference: Int, production: Int)) {
        let table = try DataFiles.loadTable(path: reference)
        artifacts.warnRejections(file: reference, log: table.rejections)
        guard table.schema.hasTarget else { throw TrainingError.noTarget(file: reference) }
        let monitor = try DataFiles.loadMonitor(reference: ReferenceProfile(table: table), productionPath: production)
        artifacts.warnRejections(file: production, log: monitor.rejections)
        guard monitor.productionSchema.hasTarget else { throw TrainingError.noTarget(file: production) }
        var data = try TrainingSet(table: table, labels: monitor.labels)
        data.append(columns: monitor.dimensions.map(\.values), targets: monitor.target, labels: monitor.labels)
        artifacts.warnNonFinite(data)
        return (data, (table.rowCount, monitor.rows))
    }
}

/// `modeltop rollback`: makes the model the current one replaced current again.
package struct RollbackJob {
    package var artifacts: ArtifactJob

    package init(artifacts: ArtifactJob) { self.artifacts = artifacts }

    /// Rolls back under the lock and returns what the command prints.
    package func run() throws -> String {
        let store = ArtifactStore(directory: artifacts.directory)
        // Checked before locking, so a mistyped --artifacts does not create a directory.
        guard try store.loadRegistry() != nil else { throw ArtifactError.noRegistry(file: store.registryPath) }
        return try store.withLock {
            guard var registry = try store.loadRegistry() else { throw ArtifactError.noRegistry(file: store.registryPath) }
            // Refuse to make current a model that would not load.
            _ = try store.loadModel(try registry.rollbackTarget())
            let (from, to) = try registry.rollBack(created: artifacts.created)
            try store.save(registry)
            return TrainingOutput.rollback(from: from, to: to, json: artifacts.json)
        }
    }
}
