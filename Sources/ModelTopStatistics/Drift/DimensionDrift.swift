/// Drift statistics of one embedding dimension, reference against production.
package struct DimensionDrift: Sendable, Equatable {
    package var name: String
    package var referenceCount: Int
    package var productionCount: Int
    package var nonFiniteReference: Int
    package var nonFiniteProduction: Int
    package var psi: Double
    package var ksStatistic: Double
    package var ksPValue: Double
    /// Benjamini–Hochberg-adjusted across the dimensions of the report.
    package var ksPValueAdjusted: Double
    package var wassersteinNorm: Double
    /// How far `wassersteinNorm` may be from the exact value: 0 when exact (always, unless the
    /// production values of a crossing gap were not at hand; see `GridComparison.compare`).
    package var wassersteinNormBound = 0.0
    package var drifted: Bool

    /// Computes everything but the adjusted p-value and the verdict, which need all dimensions.
    ///
    /// Two ways to the same numbers. A monitor that is reported on repeatedly (watch mode) keeps
    /// its production profile up to date as rows arrive, and this costs O(reference). Otherwise
    /// (a one-shot report, a window) production is radix-sorted once and profiled in one
    /// sequential walk, which on a million values beats locating each one in the grid.
    /// A streaming accumulator keeps no values: `detail` (a second read) supplies what its
    /// profile cannot, and without it the crossing gaps are estimated within a stated bound.
    package static func measure(
        reference: ReferenceDimension, production: DimensionAccumulator, binning: PSIBinning,
        workspace: SortWorkspace = SortWorkspace(), detail: ProductionDetail? = nil
    ) -> DimensionDrift {
        let grid = reference.grid
        let profile: ProductionProfile
        let resolve: ([Int]) -> [[Double]]?
        var sortedProduction: UnsafeBufferPointer<Double>?
        if !production.keepsValues || production.dropped > 0 {
            // The profile is the only record of every value: bring it up to date.
            var counted = production
            counted.catchUp(grid: grid)
            profile = counted.profile ?? ProductionProfile(grid: grid)
            resolve = { gaps in detail?.values(inGaps: gaps) }
        } else if let kept = production.profile, production.isCaughtUp {
            profile = kept
            resolve = { production.values(inGaps: $0, grid: grid) }
        } else {
            // Valid until the workspace's next sort, which is after this function returns.
            let (sorted, nonFinite) = RadixSort.sortFinite(segments: production.segments, in: workspace)
            profile = ProductionProfile(grid: grid, sorted: sorted, nonFinite: nonFinite)
            resolve = { gaps in
                var found = [[Double]](repeating: [], count: gaps.count)
                DimensionAccumulator.collect(gaps, from: sorted, grid: grid, into: &found)
                return found
            }
            sortedProduction = sorted
        }
        var drift = DimensionDrift(
            name: reference.name, referenceCount: reference.sorted.count, productionCount: profile.finite,
            nonFiniteReference: reference.nonFinite, nonFiniteProduction: profile.nonFinite,
            psi: .nan, ksStatistic: .nan, ksPValue: .nan, ksPValueAdjusted: .nan, wassersteinNorm: .nan,
            drifted: false)
        guard !reference.sorted.isEmpty, profile.finite > 0 else { return drift }
        let comparison = GridComparison.compare(grid: grid, profile: profile, resolve: resolve)
        switch binning {
        case .quantile:
            drift.psi = PopulationStabilityIndex.quantile(
                referenceCounts: reference.quantileCounts, productionCounts: comparison.binCounts)
        case .evidently where production.dropped > 0:
            // Its bins span every production value, and the oldest are no longer kept.
            drift.psi = .nan
        case .evidently where !production.keepsValues:
            drift.psi = detail?.evidentlyPSI(reference: reference, productionTotal: profile.finite) ?? .nan
        case .evidently:
            // Its bins span production's range too, so it needs production sorted.
            let sorted = sortedProduction.map { Array($0) } ?? RadixSort.sortedFinite(segments: production.segments).sorted
            drift.psi = PopulationStabilityIndex.evidently(
                reference: reference.sorted, production: sorted, referenceUnique: reference.uniqueCount)
        }
        drift.ksStatistic = comparison.ksStatistic
        drift.ksPValue = KolmogorovSmirnovPValue.twoSided(
            statistic: drift.ksStatistic, n1: reference.sorted.count, n2: profile.finite).pValue
        let norm = max(reference.standardDeviation, 0.001)
        drift.wassersteinNorm = comparison.wasserstein / norm
        drift.wassersteinNormBound = comparison.wassersteinBound / norm
        return drift
    }
}
