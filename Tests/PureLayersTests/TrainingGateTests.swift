import Testing
@testable import ModelTopTraining

/// The champion/challenger gate, alone and inside a full retraining round.
@Suite struct TrainingGateTests {
    static func metrics(_ f1: Double) -> ModelMetrics { ModelMetrics(accuracy: f1, f1Macro: f1, rows: 10) }

    @Test func promotesWhenTheChallengerIsAtLeastTheChampionPlusMargin() {
        let gate = PromotionGate(margin: 0.01)
        #expect(gate.decide(champion: ("v1", Self.metrics(0.80)), challenger: Self.metrics(0.81)).promoted)
        let refused = gate.decide(champion: ("v1", Self.metrics(0.80)), challenger: Self.metrics(0.805))
        #expect(!refused.promoted)
        #expect(refused.reason.contains("champion v1"))
        #expect(PromotionGate().decide(champion: ("v1", Self.metrics(0.9)), challenger: Self.metrics(0.9)).promoted)
        #expect(!PromotionGate().decide(champion: ("v1", Self.metrics(0.9)), challenger: Self.metrics(0.7)).promoted)
        let first = PromotionGate().decide(champion: nil, challenger: Self.metrics(0.1))
        #expect(first.promoted && first.reason.hasPrefix("no champion"))
    }

    /// A champion that always answers "a": macro F1 ≈ 1/6 on three balanced classes.
    static func constantChampion(_ set: TrainingSet) throws -> SoftmaxModel {
        try SoftmaxModel(
            labels: ["a", "b", "c"], featureNames: set.featureNames,
            standardization: Standardization(mean: [0, 0], scale: [1, 1]),
            weights: [[0, 0], [0, 0], [0, 0]], intercepts: [5, 0, 0])
    }

    @Test func aRoundPromotesABetterChallengerOverABadChampion() throws {
        let data = TrainingModelTests.blobs()
        let bad = try Self.constantChampion(data)
        let outcome = try Retraining(seed: 1).run(data, champion: .init(version: "v1", model: bad))
        #expect(outcome.decision.promoted)
        let champion = try #require(outcome.championMetrics)
        #expect(champion.f1Macro < 0.3)
        #expect(outcome.challengerMetrics.f1Macro == 1)
        #expect(outcome.holdoutRows == 18 && outcome.trainRows == 72)
    }

    @Test func aRoundRefusesAChallengerThatDoesNotClearTheMargin() throws {
        let data = TrainingModelTests.blobs()
        let (good, _) = try SoftmaxTrainer().train(data)
        // Both are perfect on the holdout; a margin makes "as good" not good enough.
        let outcome = try Retraining(seed: 1, gate: PromotionGate(margin: 0.05)).run(data, champion: .init(version: "v3", model: good))
        #expect(!outcome.decision.promoted)
        #expect(outcome.decision.reason.contains("champion kept"))
    }

    @Test func aWorseChallengerIsRefused() throws {
        // A challenger stopped before its first step has all-zero weights: it always answers "a".
        let data = TrainingModelTests.blobs()
        let (good, _) = try SoftmaxTrainer().train(data)
        let weak = Retraining(seed: 1, trainer: SoftmaxTrainer(maxIterations: 0))
        let outcome = try weak.run(data, champion: .init(version: "v2", model: good))
        #expect(outcome.challengerMetrics.f1Macro < (outcome.championMetrics?.f1Macro ?? 0))
        #expect(!outcome.decision.promoted)
    }

    @Test func aChampionOnOtherColumnsIsAClearError() throws {
        let data = TrainingModelTests.blobs()
        let other = try SoftmaxModel(
            labels: ["a", "b"], featureNames: ["p", "q"], standardization: Standardization(mean: [0, 0], scale: [1, 1]),
            weights: [[0, 0], [0, 0]], intercepts: [0, 0])
        #expect(throws: TrainingError.self) { try Retraining().run(data, champion: .init(version: "v1", model: other)) }
    }
}
