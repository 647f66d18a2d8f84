/// Which statistic decides that a dimension drifted, and the thresholds.
public enum DriftTest: String, Sendable, CaseIterable {
    /// PSI ≥ threshold (default 0.1).
    case psi
    /// KS p-value < threshold (default 0.05), Benjamini–Hochberg-adjusted unless disabled.
    case ks
    /// Wasserstein distance / reference std ≥ threshold (default 0.1), as Evidently.
    case wasserstein

    public var defaultThreshold: Double {
        switch self {
        case .psi: return 0.1
        case .ks: return 0.05
        case .wasserstein: return 0.1
        }
    }
}

public struct DriftOptions: Sendable, Equatable {
    public var test: DriftTest
    public var threshold: Double
    /// The data set drifts when at least this share of dimensions drifted.
    public var driftShare: Double
    public var psiBinning: PSIBinning
    /// Judge KS on Benjamini–Hochberg-adjusted p-values (true) or raw ones, as Evidently does.
    public var adjustKS: Bool

    public init(
        test: DriftTest = .psi, threshold: Double? = nil, driftShare: Double = 0.5,
        psiBinning: PSIBinning = .quantile, adjustKS: Bool = true
    ) {
        self.test = test
        self.threshold = threshold ?? test.defaultThreshold
        self.driftShare = driftShare
        self.psiBinning = psiBinning
        self.adjustKS = adjustKS
    }
}
