/// What a retrain decided: both models' holdout scores and the gate's verdict.
public struct RetrainOutcome: Sendable, Equatable {
    public var champion: ModelRegistry.Score?
    public var challenger: ModelRegistry.Score
    public var promoted: Bool
    public var reason: String
    public init(champion: ModelRegistry.Score?, challenger: ModelRegistry.Score, promoted: Bool, reason: String) {
        self.champion = champion
        self.challenger = challenger
        self.promoted = promoted
        self.reason = reason
    }
}
