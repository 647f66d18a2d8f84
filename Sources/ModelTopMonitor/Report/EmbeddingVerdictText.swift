import ModelTopBase
import ModelTopStatistics

/// One line per whole-embedding test, the same words in the report, the gate's reason, the
/// Drift screen and the Overview.
package enum EmbeddingVerdictText {
    /// "AUC 0.84 > 0.53 (95% of shuffled labels), p 0.001" and the like; "not measured" when nil.
    package static func line(_ drift: EmbeddingDrift, test: EmbeddingTest) -> String {
        switch test {
        case .classifier: return drift.classifier.map(classifier) ?? "not measured (too few rows)"
        case .mmd: return drift.mmd.map(mmd) ?? "not measured (too few rows)"
        case .reconstruction: return drift.reconstruction.map(reconstruction) ?? "not measured (too few reference rows or no variance)"
        case .uncertainty: return drift.uncertainty.map(uncertainty) ?? "not measured (needs --artifacts with a current model, and --logs with probabilities)"
        case .off: return "off"
        }
    }

    /// A few words for alert lines: "classifier AUC 0.934, p 0.0010".
    package static func short(_ drift: EmbeddingDrift, test: EmbeddingTest) -> String {
        switch test {
        case .classifier: return drift.classifier.map { "classifier AUC \(ReportNumber.fixed($0.auc, 3)), p \(pValue($0.pValue))" } ?? "classifier"
        case .mmd: return drift.mmd.map { "MMD² \(ReportNumber.general($0.mmd2)), p \(pValue($0.adjustedPValue))" } ?? "MMD²"
        case .reconstruction: return drift.reconstruction.map { "reconstruction error \(ReportNumber.fixed($0.whole.error, 4))" } ?? "reconstruction"
        case .uncertainty: return drift.uncertainty.map { "confidence KS D \(ReportNumber.fixed($0.statistic, 3)), p \(ReportNumber.pValue($0.pValue))" } ?? "uncertainty"
        case .off: return "off"
        }
    }

    package static func classifier(_ c: DomainClassifier) -> String {
        "AUC \(ReportNumber.fixed(c.auc, 3)) \(c.auc > c.threshold ? ">" : "≤") \(ReportNumber.fixed(c.threshold, 3)) (95% of \(ReportNumber.grouped(c.permutations)) label shuffles), p \(pValue(c.pValue))"
    }

    package static func mmd(_ m: MaximumMeanDiscrepancy) -> String {
        "MMD² \(ReportNumber.general(m.mmd2)) (p \(pValue(m.pValue))), at σ/2 \(ReportNumber.general(m.narrowMMD2)) (p \(pValue(m.narrowPValue))), adjusted p \(pValue(m.adjustedPValue))"
    }

    package static func uncertainty(_ u: UncertaintyDrift) -> String {
        "confidence KS D \(ReportNumber.fixed(u.statistic, 3)), p \(ReportNumber.pValue(u.pValue)); mean \(ReportNumber.fixed(u.referenceMean, 3)) on the reference → \(ReportNumber.fixed(u.productionMean, 3)) on \(ReportNumber.grouped(u.productionRows)) requests (\(SafeText.inline(u.model)))"
    }

    package static func reconstruction(_ r: ReconstructionDrift) -> String {
        guard r.determined else {
            return "undetermined: the 65% cut (\(r.components) of \(r.dimensions) components) falls between eigenvalues \(ReportNumber.general(r.cutGap)) apart, within their noise \(ReportNumber.general(r.cutNoise))"
        }
        let band = "\(r.thresholds.lower.map { ReportNumber.fixed($0, 4) } ?? "0")–\(ReportNumber.fixed(r.thresholds.upper, 4))"
        return "error \(ReportNumber.fixed(r.whole.error, 4)) ± \(ReportNumber.fixed(3 * r.whole.samplingError, 4)) \(r.whole.alert ? "outside" : "inside") \(band); \(r.alertingChunks) of \(r.chunks.count) chunks of \(ReportNumber.grouped(r.chunkSize)) outside"
    }

    /// A dimension's name from the report (made safe), or its position.
    package static func name(_ index: Int, _ names: [String]) -> String {
        names.indices.contains(index) ? SafeText.inline(names[index]) : "dimension \(index + 1)"
    }

    /// Four decimals: a permutation p-value is at least 1/(permutations + 1), 0.0010 for 1,000.
    static func pValue(_ p: Double) -> String { ReportNumber.fixed(p, 4) }
}
