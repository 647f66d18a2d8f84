import Testing
@testable import ModelTopTraining

/// `RetrainResult` is written by `modeltop retrain` and read back by the dashboard and from hooks:
/// what one writes, the other reads.
@Suite struct RetrainResultTests {
    static let full = RetrainResult(
        champion: .init(version: "v1", accuracy: 0.875, f1Macro: 0.86), challenger: .init(version: "v2", accuracy: 0.9, f1Macro: 0.89),
        promoted: true, reason: "challenger wins", holdoutRows: 359, trainRows: 1438, seconds: 0.25,
        fit: SoftmaxTrainer.Fit(iterations: 42, converged: true, stop: "gradient", loss: 0.5, gradientNorm: 1e-6), current: "v2")

    @Test func whatRetrainWritesReadsBackTheSame() throws {
        let text = Self.full.json()
        #expect(RetrainResult.read(standardOutput: Array(text.utf8)) == Self.full)
        #expect(RetrainResult.current(standardOutput: Array(text.utf8)) == "v2")
        #expect(text.contains("\"holdout_rows\": 359") && text.contains("\"gradient_norm\""))
    }

    @Test func aHookMayReportOnlyTheDecision() throws {
        let line = #"{"champion": null, "challenger": {"version": "prod-7", "accuracy": 1, "f1_macro": 0.5}, "promoted": false, "reason": "worse"}"#
        let found = try #require(RetrainResult.reported(standardOutput: [], lines: ["training…", line, "done"]))
        #expect(found.outcome == RetrainOutcome(
            champion: nil, challenger: .init(version: "prod-7", accuracy: 1, f1Macro: 0.5), promoted: false, reason: "worse"))
        #expect(found.holdoutRows == nil && found.current == nil)
    }

    @Test func anythingElseIsNoResult() {
        #expect(RetrainResult.read(standardOutput: Array("epoch 1\n{\"promoted\": true}\n".utf8)) == nil)
        #expect(RetrainResult.read(standardOutput: Array("{not json".utf8)) == nil)
        #expect(RetrainResult.reported(standardOutput: [], lines: ["{\"a\": 1}"]) == nil)
    }
}
