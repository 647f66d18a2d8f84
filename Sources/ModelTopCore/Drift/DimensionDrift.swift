/// Drift statistics of one embedding dimension, reference against production.
public struct DimensionDrift: Sendable, Equatable {
    public var name: String
    public var referenceCount: Int
    public var productionCount: Int
    public var nonFiniteReference: Int
    public var nonFiniteProduction: Int
    public var psi: Double
    public var ksStatistic: Double
    public var ksPValue: Double
    /// Benjamini–Hochberg-adjusted across the dimensions of the report.
    public var ksPValueAdjusted: Double
    public var wassersteinNorm: Double
    public var drifted: Bool

    /// Computes everything but the adjusted p-value and the verdict, which need all dimensions.
    public static func measure(
        reference: ReferenceDimension, production: DimensionAccumulator, binning: PSIBinning
    ) -> DimensionDrift {
        let (sorted, nonFinite) = RadixSort.sortedFinite(segments: production.segments)
        var drift = DimensionDrift(
            name: reference.name, referenceCount: reference.sorted.count, productionCount: sorted.count,
            nonFiniteReference: reference.nonFinite, nonFiniteProduction: nonFinite,
            psi: .nan, ksStatistic: .nan, ksPValue: .nan, ksPValueAdjusted: .nan, wassersteinNorm: .nan,
            drifted: false)
        guard !reference.sorted.isEmpty, !sorted.isEmpty else { return drift }
        switch binning {
        case .quantile:
            drift.psi = PopulationStabilityIndex.quantile(
                referenceCounts: reference.quantileCounts,
                productionCounts: QuantileBins.counts(sorted: sorted, edges: reference.quantileEdges))
        case .evidently:
            drift.psi = PopulationStabilityIndex.evidently(
                reference: reference.sorted, production: sorted, referenceUnique: reference.uniqueCount)
        }
        let comparison = ECDFComparison.compare(sorted: reference.sorted, sorted: sorted)
        drift.ksStatistic = comparison.ksStatistic
        drift.ksPValue = KolmogorovSmirnovPValue.twoSided(
            statistic: drift.ksStatistic, n1: reference.sorted.count, n2: sorted.count).pValue
        let norm = max(reference.standardDeviation, 0.001)
        drift.wassersteinNorm = comparison.wasserstein / norm
        return drift
    }
}
