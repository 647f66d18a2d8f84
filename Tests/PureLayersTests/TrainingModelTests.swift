import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopTraining

/// The trainer's building blocks: standardisation, the split, the optimiser, the model.
@Suite struct TrainingModelTests {
    /// Three well-separated blobs in 2-D, labelled "a", "b", "c".
    static func blobs(perClass: Int = 30) -> TrainingSet {
        var labels = LabelTable()
        let ids = ["a", "b", "c"].map { labels.intern($0) }
        var x: [Double] = [], y: [Double] = [], targets: [Int32] = []
        var generator = SeededGenerator(seed: 7)
        for (k, id) in ids.enumerated() {
            for _ in 0..<perClass {
                x.append(Double(k) * 4 + Double(generator.next() % 1000) / 1000)
                y.append(Double(k % 2) * 3 + Double(generator.next() % 1000) / 1000)
                targets.append(id)
            }
        }
        var set = TrainingSet(featureNames: ["x", "y"], labels: LabelTable())
        set.append(columns: [x, y], targets: targets, labels: labels)
        return set
    }

    @Test func standardisationUsesPopulationStdAndLeavesConstantColumnsAlone() {
        var set = TrainingSet(featureNames: ["a", "b"], labels: LabelTable())
        var labels = LabelTable()
        let id = labels.intern("x")
        set.append(columns: [[1, 2, 3, 4], [5, 5, 5, 5]], targets: [id, id, id, id], labels: labels)
        let scaling = Standardization.fit(set)
        #expect(scaling.mean == [2.5, 5])
        #expect(abs(scaling.scale[0] - 1.25.squareRoot()) < 1e-15)
        #expect(scaling.scale[1] == 1)
    }

    @Test func stratifiedSplitKeepsClassSharesAndIsSeeded() throws {
        let targets = (0..<100).map { Int32($0 < 80 ? 0 : 1) }
        let split = try StratifiedHoldout.split(targets: targets, fraction: 0.2, seed: 3)
        #expect(split.holdout.count == 20)
        #expect(split.holdout.filter { $0 >= 80 }.count == 4)
        #expect(Set(split.holdout).isDisjoint(with: split.training))
        #expect(split.training.count + split.holdout.count == 100)
        #expect(try StratifiedHoldout.split(targets: targets, fraction: 0.2, seed: 3) == split)
        #expect(try StratifiedHoldout.split(targets: targets, fraction: 0.2, seed: 4) != split)
        #expect(throws: TrainingError.badHoldout(1)) { try StratifiedHoldout.split(targets: targets, fraction: 1, seed: 0) }
    }

    @Test func lbfgsFindsTheMinimumOfAQuadratic() {
        let result = LBFGS().minimize(from: [5, -3, 1]) { x in
            let value = (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2) + 0.5 * x[2] * x[2]
            return (value, [2 * (x[0] - 1), 20 * (x[1] + 2), x[2]])
        }
        #expect(result.stop == .converged)
        #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] + 2) < 1e-6 && abs(result.x[2]) < 1e-6)
    }

    @Test func gradientMatchesFiniteDifferences() {
        let set = Self.blobs(perClass: 5)
        let objective = SoftmaxObjective(
            features: Standardization.fit(set).apply(set.features), classes: set.targets,
            classCount: 3, dimensions: 2, c: 0.7)
        let theta = (0..<objective.parameterCount).map { Double($0 % 4) * 0.3 - 0.4 }
        let (_, gradient) = objective.evaluate(theta)
        for k in theta.indices {
            var up = theta, down = theta
            up[k] += 1e-6
            down[k] -= 1e-6
            let numeric = (objective.evaluate(up).value - objective.evaluate(down).value) / 2e-6
            #expect(abs(numeric - gradient[k]) < 1e-7, "parameter \(k): \(numeric) vs \(gradient[k])")
        }
    }

    @Test func trainedModelSeparatesBlobsAndIsDeterministic() throws {
        let set = Self.blobs()
        let (model, fit) = try SoftmaxTrainer().train(set)
        #expect(fit.converged)
        #expect(model.labels == ["a", "b", "c"])
        #expect(try model.score(set).accuracy == 1)
        let probabilities = model.predictProbabilities([8.5, 0.5])
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        #expect(model.predict([8.5, 0.5]) == "c")
        #expect(try SoftmaxTrainer().train(set).model == model)
    }

    @Test func trainingNeedsTwoClasses() {
        var set = TrainingSet(featureNames: ["x"], labels: LabelTable())
        var labels = LabelTable()
        let id = labels.intern("only")
        set.append(columns: [[1, 2, 3]], targets: [id, id, id], labels: labels)
        #expect(throws: TrainingError.tooFewClasses(found: 1)) { try SoftmaxTrainer().train(set) }
    }

    @Test func rowsWithNonFiniteValuesAreCountedNotTrainedOn() {
        var set = TrainingSet(featureNames: ["a", "b"], labels: LabelTable())
        var labels = LabelTable()
        let ids = ["x", "y"].map { labels.intern($0) }
        set.append(columns: [[1, .nan, 3, 4], [5, 6, .infinity, 8]], targets: [ids[0], ids[1], ids[0], ids[1]], labels: labels)
        #expect(set.rows == 2 && set.skippedNonFinite == 2)
        #expect(set.features == [1, 5, 4, 8])
        #expect(set.targets == ids)
    }

    @Test func invalidShapesAreRefusedWithAReason() {
        let scaling = Standardization(mean: [0], scale: [1])
        #expect(throws: TrainingError.self) {
            try SoftmaxModel(labels: ["a", "b"], featureNames: ["x"], standardization: scaling, weights: [[1]], intercepts: [0, 0])
        }
        #expect(throws: TrainingError.self) {
            try SoftmaxModel(labels: ["a", "a"], featureNames: ["x"], standardization: scaling, weights: [[1], [2]], intercepts: [0, 0])
        }
    }
}
