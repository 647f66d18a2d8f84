import Testing
import ModelTopTables
@testable import ModelTopTraining
import ModelTopIO

/// The built-in trainer against scikit-learn's `LogisticRegression(C=1.0)` on the same rows
/// (scripts/make_training_goldens.py writes the split, so both sides see identical data).
@Suite struct TrainingGoldenTests {
    static func rows(_ files: [String]) throws -> TrainingSet {
        let first = try DataFiles.loadTable(path: Goldens.fixture("digits/\(files[0])"))
        var set = try TrainingSet(table: first)
        for file in files.dropFirst() {
            let table = try DataFiles.loadTable(path: Goldens.fixture("digits/\(file)"))
            set.append(columns: table.embeddings, targets: table.target, labels: table.labels)
        }
        return set
    }

    @Test(arguments: ["reference", "reference_plus_production"])
    func holdoutAccuracyMatchesScikitLearn(_ name: String) throws {
        let golden = try #require(try Goldens.json("goldens/training_digits.json")[name] as? [String: Any])
        let data = try Self.rows(golden["files"] as? [String] ?? [])
        let trainIndices = golden["train_indices"] as? [Int] ?? []
        let holdoutIndices = golden["holdout_indices"] as? [Int] ?? []
        #expect(trainIndices.count + holdoutIndices.count == data.rows)
        let training = data.subset(trainIndices), holdout = data.subset(holdoutIndices)
        let (model, fit) = try SoftmaxTrainer().train(training)
        let scores = try model.score(holdout)
        let accuracy = Goldens.double(golden["accuracy"]) ?? .nan
        let f1 = Goldens.double(golden["f1_macro"]) ?? .nan
        #expect(abs(scores.accuracy - accuracy) <= 0.01, "\(name): accuracy \(scores.accuracy) vs sklearn \(accuracy)")
        #expect(abs(scores.f1Macro - f1) <= 0.01, "\(name): macro F1 \(scores.f1Macro) vs sklearn \(f1)")
        // Same objective, tighter tolerance: our minimum is no worse than sklearn's.
        let objective = Goldens.double(golden["objective"]) ?? .nan
        #expect(fit.converged, "\(name): \(fit.stop) after \(fit.iterations) iterations")
        #expect(fit.loss <= objective + 1e-6, "\(name): objective \(fit.loss) vs sklearn \(objective)")
        let expected = golden["holdout_predictions"] as? [String] ?? []
        let predicted = (0..<holdout.rows).map { model.predict(holdout.row($0)) }
        let agreement = zip(predicted, expected).filter { $0 == $1 }.count
        #expect(Double(agreement) >= 0.99 * Double(expected.count), "\(name): \(agreement)/\(expected.count) predictions agree")
    }
}
