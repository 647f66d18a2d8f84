/// What a retrain decided: both models' holdout scores and the gate's verdict.
package struct RetrainOutcome: Sendable, Equatable {
    package var champion: ModelRegistry.Score?
    package var challenger: ModelRegistry.Score
    package var promoted: Bool
    package var reason: String
    package init(champion: ModelRegistry.Score?, challenger: ModelRegistry.Score, promoted: Bool, reason: String) {
        self.champion = champion
        self.challenger = challenger
        self.promoted = promoted
        self.reason = reason
    }
}
