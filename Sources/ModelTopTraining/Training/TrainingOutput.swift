import ModelTopBase

/// What `train`, `retrain` and `rollback` print, as text or JSON, rendered to strings.
///
/// Kept in the core so the numbers and wording are tested without running a process.
package enum TrainingOutput {
    /// One retrain round as the command reports it.
    package struct Retrain: Sendable {
        package var champion: ModelRegistry.Score?
        package var challenger: ModelRegistry.Score
        package var promoted: Bool
        package var reason: String
        package var holdoutRows: Int
        package var trainRows: Int
        package var seconds: Double
        package var fit: SoftmaxTrainer.Fit
        package var current: String?

        package init(
            champion: ModelRegistry.Score?, challenger: ModelRegistry.Score, promoted: Bool, reason: String,
            holdoutRows: Int, trainRows: Int, seconds: Double, fit: SoftmaxTrainer.Fit, current: String?
        ) {
            self.champion = champion
            self.challenger = challenger
            self.promoted = promoted
            self.reason = reason
            self.holdoutRows = holdoutRows
            self.trainRows = trainRows
            self.seconds = seconds
            self.fit = fit
            self.current = current
        }

        package func json() -> String {
            var w = JSONWriter()
            w.object { w in
                TrainingOutput.score(&w, "champion", champion)
                TrainingOutput.score(&w, "challenger", challenger)
                w.field("promoted", promoted)
                w.field("reason", reason)
                w.field("holdout_rows", holdoutRows)
                w.field("train_rows", trainRows)
                w.field("seconds", seconds)
                TrainingOutput.fit(&w, fit)
                if let current { w.field("current", current) } else { w.null("current") }
            }
            return w.text + "\n"
        }

        package func text() -> String {
            var lines: [String] = []
            lines.append("challenger \(challenger.version): " + TrainingOutput.scores(challenger) + "  (holdout \(holdoutRows) rows, trained on \(trainRows) rows, \(fit.iterations) iterations)")
            if let champion {
                lines.append("champion   \(champion.version): " + TrainingOutput.scores(champion))
            } else {
                lines.append("champion   none")
            }
            lines.append((promoted ? "PROMOTED: " : "REFUSED: ") + SafeText.inline(reason))
            lines.append("current model: \(current ?? "none")  (\(ReportNumber.fixed(seconds, 2)) s)")
            return lines.joined(separator: "\n") + "\n"
        }
    }

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

    private static func scores(_ score: ModelRegistry.Score) -> String {
        "accuracy \(ReportNumber.fixed(score.accuracy, 4)), macro F1 \(ReportNumber.fixed(score.f1Macro, 4))"
    }

    private static func score(_ w: inout JSONWriter, _ key: String, _ score: ModelRegistry.Score?) {
        ModelRegistry.Score.write(score, key, into: &w)
    }

    private static func fit(_ w: inout JSONWriter, _ fit: SoftmaxTrainer.Fit) { fit.write(into: &w) }
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

extension SoftmaxTrainer.Fit {
    /// `"fit": {...}`: how the optimiser ended, in model files and retrain output alike.
    func write(into w: inout JSONWriter) {
        w.object("fit") { w in
            w.field("iterations", iterations)
            w.field("converged", converged)
            w.field("stop", stop)
            w.field("loss", loss)
            w.field("gradient_norm", gradientNorm)
        }
    }
}
