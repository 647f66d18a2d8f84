import ModelTopStatistics
import ModelTopTraining

/// Models scored on the same labelled production rows: the serving model (the `prediction`
/// column), the current model of the registry (the champion) and the latest challenger.
///
/// The registry's scores come from a holdout of the data each model was trained on; these come
/// from production as it is now, which is what an operator deciding on a rollback wants to see.
package struct ModelComparison: Sendable, Equatable {
    package struct Row: Sendable, Equatable {
        package var name: String
        package var accuracy: Double
        package var f1Macro: Double
        package var rows: Int
    }

    package var rows: [Row]

    /// Scores `models` (name and model) on every production row with a target and finite
    /// features, after the serving model's own figures from `monitor`'s quality.
    package static func compute(monitor: Monitor, models: [(name: String, model: SoftmaxModel)]) -> ModelComparison? {
        var scores = ModelScores()
        return compute(monitor: monitor, models: models, scores: &scores)
    }

    /// The same, scoring only the rows appended since `scores` last saw this monitor.
    package static func compute(
        monitor: Monitor, models: [(name: String, model: SoftmaxModel)], scores: inout ModelScores
    ) -> ModelComparison? {
        guard !monitor.target.isEmpty else { return nil }
        var rows: [Row] = []
        if let serving = QualityReport.compute(monitor.confusion, labels: monitor.labels) {
            rows.append(Row(name: "serving (prediction column)", accuracy: serving.accuracy, f1Macro: serving.macro.f1, rows: serving.rows))
        }
        rows += scores.rows(monitor: monitor, models: models)
        return rows.isEmpty ? nil : ModelComparison(rows: rows)
    }
}
