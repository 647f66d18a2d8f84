import ArgumentParser
import ModelTopStatistics
import ModelTopTraining
import ModelTopIO

/// `modeltop retrain`: trains a challenger on reference + production rows and promotes it only
/// when it beats the current model on the same held-out rows.
struct RetrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Train a challenger on reference + labelled production rows; promote it if it beats the champion.",
        discussion: """
            Both models are scored on one stratified, seeded holdout of the combined rows; the \
            challenger is promoted when its macro F1 ≥ the champion's + --promote-margin. The \
            challenger is saved either way, and the decision is recorded in registry.json. \
            Exit status: 0 promoted; 1 refused (champion kept); 2 usage, input or artifacts error.
            """
    )

    @Option(name: .long, help: "The reference data set (embeddings and target).")
    var ref: String

    @Option(name: .long, help: "The production data set (embeddings and target).")
    var prod: String

    @OptionGroup var artifacts: ArtifactFlags

    @Option(name: .long, parsing: .unconditional, help: "Share of the combined rows held out to judge both models.")
    var holdout: Double = 0.2

    @Option(name: .customLong("promote-margin"), parsing: .unconditional, help: "Macro F1 the challenger must gain over the champion.")
    var promoteMargin: Double = 0

    func validate() throws {
        try artifacts.check()
        guard holdout > 0, holdout < 1 else { throw ValidationError("--holdout must be between 0 and 1 (exclusive)") }
        guard promoteMargin.isFinite, abs(promoteMargin) <= 1 else { throw ValidationError("--promote-margin must be between -1 and 1") }
    }

    func run() throws {
        let started = ContinuousClock.now
        let store = ArtifactStore(directory: artifacts.artifacts)
        var promoted = false
        try ArtifactFlags.reportingFailures {
            try store.withLock {
                let (data, sizes) = try loadRows()
                let (registry, current) = try store.loadCurrent()
                let round = Retraining(holdoutFraction: holdout, seed: artifacts.seed, gate: PromotionGate(margin: promoteMargin))
                let outcome = try round.run(data, champion: current.map { Retraining.Champion(version: $0.version, model: $0.model) })
                store.removeOrphans(registry: registry)
                let version = store.nextVersion(registry: registry)
                let created = ArtifactFlags.now()
                try store.save(ModelArtifact(
                    version: version, created: created, trigger: artifacts.trigger, parent: registry?.current,
                    model: outcome.challenger, c: round.trainer.c, seed: artifacts.seed, fit: outcome.fit,
                    holdout: outcome.challengerMetrics, training: outcome.trainMetrics,
                    sizes: DataSizes(
                        referenceRows: sizes.reference, productionRows: sizes.production,
                        trainRows: outcome.trainRows, holdoutRows: outcome.holdoutRows)))
                let challenger = ModelRegistry.Score(
                    version: version, accuracy: outcome.challengerMetrics.accuracy, f1Macro: outcome.challengerMetrics.f1Macro)
                let champion = zip2(current, outcome.championMetrics).map {
                    ModelRegistry.Score(version: $0.version, accuracy: $1.accuracy, f1Macro: $1.f1Macro)
                }
                var updated = registry ?? ModelRegistry()
                updated.record(ModelRegistry.Entry(
                    version: version, created: created, trigger: artifacts.trigger, promoted: outcome.decision.promoted,
                    reason: outcome.decision.reason, parent: registry?.current, champion: champion, challenger: challenger))
                try store.save(updated, committing: version)
                promoted = outcome.decision.promoted
                let output = RetrainResult(
                    champion: champion, challenger: challenger, promoted: promoted, reason: outcome.decision.reason,
                    holdoutRows: outcome.holdoutRows, trainRows: outcome.trainRows,
                    seconds: ArtifactFlags.seconds(since: started), fit: outcome.fit, current: updated.current)
                Terminal.writeAll(1, artifacts.format == .json ? output.json() : output.text())
            }
        }
        throw ExitStatus(code: promoted ? 0 : 1)
    }

    /// Reference and production rows with their true labels, in one training set.
    private func loadRows() throws -> (TrainingSet, sizes: (reference: Int, production: Int)) {
        let table = try DataFiles.loadTable(path: ref)
        ArtifactFlags.warnRejections(file: ref, log: table.rejections)
        guard table.schema.hasTarget else { throw TrainingError.noTarget(file: ref) }
        let monitor = try DataFiles.loadMonitor(reference: ReferenceProfile(table: table), productionPath: prod)
        ArtifactFlags.warnRejections(file: prod, log: monitor.rejections)
        guard monitor.productionSchema.hasTarget else { throw TrainingError.noTarget(file: prod) }
        var data = try TrainingSet(table: table, labels: monitor.labels)
        data.append(columns: monitor.dimensions.map(\.values), targets: monitor.target, labels: monitor.labels)
        ArtifactFlags.warnNonFinite(data)
        return (data, (table.rowCount, monitor.rows))
    }
}

/// Both optionals, or nil.
private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
