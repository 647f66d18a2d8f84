import ModelTopBase

/// The champion/challenger rule: promote the challenger only when it is at least as good on
/// the same held-out rows, by macro F1 plus a margin.
///
/// Macro F1 rather than accuracy because a retrain that forgets a rare digit can keep its
/// accuracy while one class collapses; macro F1 weighs every class the same.
package struct PromotionGate: Sendable, Equatable {
    package var margin: Double

    package init(margin: Double = 0) { self.margin = margin }

    package struct Decision: Sendable, Equatable {
        package var promoted: Bool
        /// One sentence a person can read in the registry or on the screen.
        package var reason: String
    }

    package func decide(champion: (version: String, metrics: ModelMetrics)?, challenger: ModelMetrics) -> Decision {
        let mine = ReportNumber.fixed(challenger.f1Macro, 4)
        guard let champion else {
            return Decision(promoted: true, reason: "no champion: the challenger (macro F1 \(mine)) becomes the current model")
        }
        let theirs = ReportNumber.fixed(champion.metrics.f1Macro, 4)
        let bar = champion.metrics.f1Macro + margin
        let marginText = margin == 0 ? "" : " + margin \(ReportNumber.general(margin))"
        if challenger.f1Macro >= bar {
            return Decision(
                promoted: true,
                reason: "challenger macro F1 \(mine) ≥ champion \(champion.version) \(theirs)\(marginText) on the same holdout")
        }
        return Decision(
            promoted: false,
            reason: "challenger macro F1 \(mine) < champion \(champion.version) \(theirs)\(marginText) on the same holdout; champion kept")
    }
}
