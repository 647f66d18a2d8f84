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
    /// Costs O(values not yet profiled + reference size), unless Evidently's binning is asked
    /// for: its bins span production's range, so that one sorts production.
    public static func measure(
        reference: ReferenceDimension, production: DimensionAccumulator, binning: PSIBinning
    ) -> DimensionDrift {
        var production = production
        production.catchUp(grid: reference.grid)
        let profile = production.profile ?? ProductionProfile(grid: reference.grid)
        var drift = DimensionDrift(
            name: reference.name, referenceCount: reference.sorted.count, productionCount: profile.finite,
            nonFiniteReference: reference.nonFinite, nonFiniteProduction: profile.nonFinite,
            psi: .nan, ksStatistic: .nan, ksPValue: .nan, ksPValueAdjusted: .nan, wassersteinNorm: .nan,
            drifted: false)
        guard !reference.sorted.isEmpty, profile.finite > 0 else { return drift }
        let comparison = GridComparison.compare(grid: reference.grid, profile: profile) { gaps in
            production.values(inGaps: gaps, grid: reference.grid)
        }
        switch binning {
        case .quantile:
            drift.psi = PopulationStabilityIndex.quantile(
                referenceCounts: reference.quantileCounts, productionCounts: comparison.binCounts)
        case .evidently:
            drift.psi = PopulationStabilityIndex.evidently(
                reference: reference.sorted, production: RadixSort.sortedFinite(segments: production.segments).sorted,
                referenceUnique: reference.uniqueCount)
        }
        drift.ksStatistic = comparison.ksStatistic
        drift.ksPValue = KolmogorovSmirnovPValue.twoSided(
            statistic: drift.ksStatistic, n1: reference.sorted.count, n2: profile.finite).pValue
        let norm = max(reference.standardDeviation, 0.001)
        drift.wassersteinNorm = comparison.wasserstein / norm
        return drift
    }
}
