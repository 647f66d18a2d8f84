/// One champion/challenger round: split, train the challenger, score both, decide.
///
/// Pure: the command loads the data and the champion, and writes whatever this returns.
package struct Retraining: Sendable {
    package var holdoutFraction: Double
    package var seed: UInt64
    package var gate: PromotionGate
    package var trainer: SoftmaxTrainer

    package init(holdoutFraction: Double = 0.2, seed: UInt64 = 0, gate: PromotionGate = PromotionGate(), trainer: SoftmaxTrainer = SoftmaxTrainer()) {
        self.holdoutFraction = holdoutFraction
        self.seed = seed
        self.gate = gate
        self.trainer = trainer
    }

    /// The current model and its version, when there is one.
    package struct Champion: Sendable {
        package var version: String
        package var model: SoftmaxModel

        package init(version: String, model: SoftmaxModel) {
            self.version = version
            self.model = model
        }
    }

    package struct Outcome: Sendable {
        package var challenger: SoftmaxModel
        package var fit: SoftmaxTrainer.Fit
        package var challengerMetrics: ModelMetrics
        /// The challenger's scores on its own training rows (a large gap to the holdout means overfitting).
        package var trainMetrics: ModelMetrics
        /// nil when there was no champion.
        package var championMetrics: ModelMetrics?
        package var decision: PromotionGate.Decision
        package var trainRows: Int
        package var holdoutRows: Int
    }

    /// Runs the round on `data` (reference and production rows together).
    package func run(_ data: TrainingSet, champion: Champion?) throws(TrainingError) -> Outcome {
        if let champion, champion.model.featureNames != data.featureNames {
            throw .featureMismatch(model: champion.version, expected: champion.model.featureNames, found: data.featureNames)
        }
        let split = try StratifiedHoldout.split(targets: data.targets, fraction: holdoutFraction, seed: seed)
        let holdout = data.subset(split.holdout)
        let training = data.subset(split.training)
        let (challenger, fit) = try trainer.train(training)
        let trainMetrics = try challenger.score(training)
        let challengerMetrics = try challenger.score(holdout)
        let championMetrics = try champion.map { champion throws(TrainingError) in try champion.model.score(holdout) }
        let decision = gate.decide(
            champion: champion.flatMap { c in championMetrics.map { (c.version, $0) } }, challenger: challengerMetrics)
        return Outcome(
            challenger: challenger, fit: fit, challengerMetrics: challengerMetrics, trainMetrics: trainMetrics, championMetrics: championMetrics,
            decision: decision, trainRows: split.training.count, holdoutRows: split.holdout.count)
    }
}
