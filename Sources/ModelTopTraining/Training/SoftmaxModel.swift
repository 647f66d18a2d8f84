import Glibc
import ModelTopBase
import ModelTopTables
import ModelTopStatistics

/// A trained multinomial logistic regression: what a model artifact holds and what scores rows.
///
/// Self-contained (labels as text, feature names, standardisation), so a model saved months
/// ago can score today's rows without the table it was trained on.
package struct SoftmaxModel: Sendable, Equatable {
    /// Class labels as text, in output order.
    package var labels: [String]
    /// Embedding column names the model expects, in order.
    package var featureNames: [String]
    package var standardization: Standardization
    /// `weights[class][feature]`, on standardised features.
    package var weights: [[Double]]
    package var intercepts: [Double]

    /// Checks the shapes and numbers agree, so a hand-edited or truncated artifact is refused
    /// with a reason instead of trapping on an index later.
    package init(
        labels: [String], featureNames: [String], standardization: Standardization,
        weights: [[Double]], intercepts: [Double]
    ) throws(TrainingError) {
        let k = labels.count, d = featureNames.count
        guard k >= 2 else { throw .invalidModel("needs at least 2 labels, has \(k)") }
        guard Set(labels).count == k else { throw .invalidModel("labels repeat") }
        guard d >= 1 else { throw .invalidModel("no features") }
        guard standardization.mean.count == d, standardization.scale.count == d else {
            throw .invalidModel("standardisation has \(standardization.mean.count) means and \(standardization.scale.count) scales for \(d) features")
        }
        guard standardization.scale.allSatisfy({ $0.isFinite && $0 > 0 }), standardization.mean.allSatisfy(\.isFinite) else {
            throw .invalidModel("standardisation has a scale ≤ 0 or a value that is not finite")
        }
        guard weights.count == k, weights.allSatisfy({ $0.count == d }), intercepts.count == k else {
            throw .invalidModel("weights must be \(k) × \(d) with \(k) intercepts")
        }
        guard weights.allSatisfy({ $0.allSatisfy(\.isFinite) }), intercepts.allSatisfy(\.isFinite) else {
            throw .invalidModel("a weight or intercept is not finite")
        }
        self.labels = labels
        self.featureNames = featureNames
        self.standardization = standardization
        self.weights = weights
        self.intercepts = intercepts
    }

    package var classCount: Int { labels.count }
    package var featureCount: Int { featureNames.count }

    /// Class probabilities for one raw (unstandardised) row, in `labels` order.
    package func predictProbabilities<Row: Collection>(_ row: Row) -> [Double] where Row.Element == Double {
        var scores = intercepts
        for (m, value) in zip(0..<featureCount, row) {
            let z = (value - standardization.mean[m]) / standardization.scale[m]
            for j in 0..<classCount { scores[j] += weights[j][m] * z }
        }
        let largest = scores.max() ?? 0
        let exps = scores.map { exp($0 - largest) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// The most probable label for one raw row (the first on a tie, as numpy's argmax).
    package func predict<Row: Collection>(_ row: Row) -> String where Row.Element == Double {
        labels[Self.argmax(predictProbabilities(row))]
    }

    /// Predicted label ids (into `set.labels`) for every row of `set`, interning labels the set lacks.
    package func predictIDs(_ set: TrainingSet) throws(TrainingError) -> (ids: [Int32], labels: LabelTable) {
        guard set.featureNames == featureNames else {
            throw .featureMismatch(model: "model", expected: featureNames, found: set.featureNames)
        }
        var table = set.labels
        let ids = labels.map { table.intern($0) }
        let predicted = ParallelMap.map(count: (set.rows + 4095) / 4096) { block in
            (block * 4096..<min(set.rows, (block + 1) * 4096)).map { ids[Self.argmax(predictProbabilities(set.row($0)))] }
        }
        return (predicted.flatMap { $0 }, table)
    }

    /// Accuracy and macro F1 of this model on `set` (scikit-learn's definitions).
    package func score(_ set: TrainingSet) throws(TrainingError) -> ModelMetrics {
        let (predicted, table) = try predictIDs(set)
        var matrix = ConfusionMatrix()
        matrix.append(target: set.targets, prediction: predicted)
        let report = QualityReport.compute(matrix, labels: table)
        return ModelMetrics(accuracy: report?.accuracy ?? 0, f1Macro: report?.macro.f1 ?? 0, rows: set.rows)
    }

    package static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for k in values.indices where values[k] > values[best] { best = k }
        return best
    }
}

/// The two numbers the champion/challenger gate compares, and how many rows they came from.
package struct ModelMetrics: Sendable, Equatable {
    package var accuracy: Double
    package var f1Macro: Double
    package var rows: Int

    package init(accuracy: Double, f1Macro: Double, rows: Int) {
        self.accuracy = accuracy
        self.f1Macro = f1Macro
        self.rows = rows
    }
}
