/// Which statistic decides that a dimension drifted, and the thresholds.
package enum DriftTest: String, Sendable, CaseIterable {
    /// PSI ≥ threshold (default 0.1).
    case psi
    /// KS p-value < threshold (default 0.05), Benjamini–Hochberg-adjusted unless disabled.
    case ks
    /// Wasserstein distance / reference std ≥ threshold (default 0.1), as Evidently.
    case wasserstein

    package var defaultThreshold: Double {
        switch self {
        case .psi: return 0.1
        case .ks: return 0.05
        case .wasserstein: return 0.1
        }
    }
}

package struct DriftOptions: Sendable, Equatable {
    package var test: DriftTest
    package var threshold: Double
    /// The data set drifts when at least this share of dimensions drifted.
    package var driftShare: Double
    package var psiBinning: PSIBinning
    /// Judge KS on Benjamini–Hochberg-adjusted p-values (true) or raw ones, as Evidently does.
    package var adjustKS: Bool
    /// The whole-embedding test whose verdict joins the data-drift gate (`off`: none).
    package var embeddingTest: EmbeddingTest

    package init(
        test: DriftTest = .psi, threshold: Double? = nil, driftShare: Double = 0.5,
        psiBinning: PSIBinning = .quantile, adjustKS: Bool = true, embeddingTest: EmbeddingTest = .default
    ) {
        self.embeddingTest = embeddingTest
        self.test = test
        self.threshold = threshold ?? test.defaultThreshold
        self.driftShare = driftShare
        self.psiBinning = psiBinning
        self.adjustKS = adjustKS
    }
}
