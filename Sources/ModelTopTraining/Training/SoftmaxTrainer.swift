import ModelTopTables

/// Fits a `SoftmaxModel` the way scikit-learn's `LogisticRegression(C:)` does (lbfgs, multinomial).
///
/// Pure and deterministic: the same rows give the same weights on any machine and any number
/// of cores (the gradient is summed in fixed blocks, in order).
package struct SoftmaxTrainer: Sendable {
    /// Inverse regularisation strength, as scikit-learn's `C`.
    package var c: Double
    package var maxIterations: Int
    package var gradientTolerance: Double

    package init(c: Double = 1.0, maxIterations: Int = 500, gradientTolerance: Double = 1e-6) {
        self.c = c
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
    }

    /// How the optimiser finished, recorded in the artifact so a poor fit can be diagnosed.
    package struct Fit: Sendable, Equatable {
        package var iterations: Int
        package var converged: Bool
        package var stop: String
        /// The objective (C·n-scaled, see `SoftmaxObjective`) at the solution.
        package var loss: Double
        package var gradientNorm: Double
    }

    package func train(_ set: TrainingSet) throws(TrainingError) -> (model: SoftmaxModel, fit: Fit) {
        let classes = set.presentClasses
        guard classes.count >= 2 else { throw .tooFewClasses(found: classes.count) }
        guard set.rows >= 2 else { throw .tooFewRows(rows: set.rows, needed: 2) }
        var position = [Int32](repeating: -1, count: set.labels.count)
        for (index, id) in classes.enumerated() { position[Int(id)] = Int32(index) }
        let standardization = Standardization.fit(set)
        let objective = SoftmaxObjective(
            features: standardization.apply(set.features), classes: set.targets.map { position[Int($0)] },
            classCount: classes.count, dimensions: set.dimensions, c: c)
        let solver = LBFGS(maxIterations: maxIterations, gradientTolerance: gradientTolerance)
        let result = solver.minimize(from: [Double](repeating: 0, count: objective.parameterCount)) { objective.evaluate($0) }
        let d = set.dimensions, k = classes.count
        let model = try SoftmaxModel(
            labels: classes.map { set.labels.names[Int($0)] }, featureNames: set.featureNames,
            standardization: standardization,
            weights: (0..<k).map { Array(result.x[($0 * d)..<(($0 + 1) * d)]) },
            intercepts: Array(result.x[(k * d)...]))
        let fit = Fit(
            iterations: result.iterations, converged: result.stop == .converged || result.stop == .stalled,
            stop: result.stop.rawValue, loss: result.value, gradientNorm: result.gradientNorm)
        return (model, fit)
    }
}
