import ModelTopBase

/// What `train` and `rollback` print (a retrain prints a `RetrainResult`), as text or JSON, rendered to strings.
///
/// Kept in a pure layer so the numbers and wording are tested without running a process.
package enum TrainingOutput {
    /// `modeltop train`: the first (or a forced) model, scored on its training rows.
    package static func train(version: String, scores: ModelMetrics, fit: SoftmaxTrainer.Fit, seconds: Double, json: Bool) -> String {
        if json {
            var w = JSONWriter()
            w.object { w in
                w.field("version", version)
                w.field("accuracy", scores.accuracy)
                w.field("f1_macro", scores.f1Macro)
                w.field("train_rows", scores.rows)
                w.field("seconds", seconds)
                TrainingOutput.fit(&w, fit)
                w.field("current", version)
            }
            return w.text + "\n"
        }
        let score = ModelRegistry.Score(version: version, accuracy: scores.accuracy, f1Macro: scores.f1Macro)
        return "trained \(version): " + Self.scores(score) + " on its \(scores.rows) training rows (\(fit.iterations) iterations, "
            + "\(fit.converged ? "converged" : "stopped: \(fit.stop)"), \(ReportNumber.fixed(seconds, 2)) s)\ncurrent model: \(version)\n"
    }

    /// `modeltop rollback`.
    package static func rollback(from: String, to: String, json: Bool) -> String {
        if json {
            var w = JSONWriter()
            w.object { w in
                w.field("from", from)
                w.field("to", to)
                w.field("current", to)
            }
            return w.text + "\n"
        }
        return "rolled back from \(from) to \(to)\ncurrent model: \(to)\n"
    }

    static func scores(_ score: ModelRegistry.Score) -> String {
        "accuracy \(ReportNumber.fixed(score.accuracy, 4)), macro F1 \(ReportNumber.fixed(score.f1Macro, 4))"
    }


    private static func fit(_ w: inout JSONWriter, _ fit: SoftmaxTrainer.Fit) { RetrainResult.Fit(fit).write(into: &w) }
}

extension ModelRegistry.Score {
    /// `"key": {"version", "accuracy", "f1_macro"}` or `null`, as the registry and retrain output write it.
    static func write(_ score: ModelRegistry.Score?, _ key: String, into w: inout JSONWriter) {
        guard let score else { return w.null(key) }
        w.object(key) { w in
            w.field("version", score.version)
            w.field("accuracy", score.accuracy)
            w.field("f1_macro", score.f1Macro)
        }
    }
}
