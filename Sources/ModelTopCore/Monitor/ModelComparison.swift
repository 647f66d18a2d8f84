/// Models scored on the same labelled production rows: the serving model (the `prediction`
/// column), the current model of the registry (the champion) and the latest challenger.
///
/// The registry's scores come from a holdout of the data each model was trained on; these come
/// from production as it is now, which is what an operator deciding on a rollback wants to see.
public struct ModelComparison: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var accuracy: Double
        public var f1Macro: Double
        public var rows: Int
    }

    public var rows: [Row]

    /// Scores `models` (name and model) on every production row with a target and finite
    /// features, after the serving model's own figures from `monitor`'s quality.
    public static func compute(monitor: Monitor, models: [(name: String, model: SoftmaxModel)]) -> ModelComparison? {
        guard !monitor.target.isEmpty else { return nil }
        var rows: [Row] = []
        if let serving = QualityReport.compute(monitor.confusion, labels: monitor.labels) {
            rows.append(Row(name: "serving (prediction column)", accuracy: serving.accuracy, f1Macro: serving.macro.f1, rows: serving.rows))
        }
        let names = monitor.reference.schema.embeddingNames
        // Flattening every column copies all production values: only when there is a model to score.
        let columns = models.isEmpty ? [] : monitor.dimensions.map(\.values)
        for (name, model) in models {
            // The model's features, found by name among the embedding columns.
            let indices = model.featureNames.map { names.firstIndex(of: $0) }
            guard indices.allSatisfy({ $0 != nil }) else { continue }
            let featureColumns = indices.compactMap { $0 }.map { columns[$0] }
            var labels = monitor.labels
            var matrix = ConfusionMatrix()
            var features = [Double](repeating: 0, count: featureColumns.count)
            for row in monitor.target.indices where monitor.target[row] >= 0 {
                var finite = true
                for (k, column) in featureColumns.enumerated() {
                    features[k] = column[row]
                    if !column[row].isFinite { finite = false }
                }
                guard finite else { continue }
                let predicted = labels.intern(model.predict(features))
                matrix.add(truth: Int(monitor.target[row]), predicted: Int(predicted))
            }
            guard let quality = QualityReport.compute(matrix, labels: labels) else { continue }
            rows.append(Row(name: name, accuracy: quality.accuracy, f1Macro: quality.macro.f1, rows: quality.rows))
        }
        return rows.isEmpty ? nil : ModelComparison(rows: rows)
    }
}
