import ModelTopStatistics

/// Where a production value falls among the reference's quantiles: the unit of the rank
/// histograms, whose buckets are the same on every replica and every dimension.
///
/// A cumulative histogram on the raw decile edges (`le="0.4137"`) cannot be differenced in
/// PromQL, which has no "previous bucket": bins would need an edge-specific rule per dimension.
/// Counted by rank instead, bucket `le="0.3"` holds the values below the reference's 30%
/// quantile on every dimension, so fixed rules give each decile's share across the fleet.
package enum QuantileRank {
    /// Twenty steps: the deciles (every other edge) for PSI, and a 5% grid for a KS bound.
    package static let steps = 20

    /// The bucket bounds, 0.05 … 0.95; `+Inf` closes the last (values at or above the 95% quantile).
    package static let levels: [Double] = (1..<steps).map { Double($0) / Double(steps) }

    /// The reference's inner quantile edges at `levels` (`np.quantile`). Those at 0.1, 0.2, …
    /// are the report's decile edges bit for bit: k/10 and 2k/20 round to the same double.
    package static func edges(sorted: [Double]) -> [Double] {
        sorted.isEmpty ? [] : levels.map { NumpyArithmetic.quantile(sorted: sorted, $0) }
    }

    /// The value a histogram records for `x`: the upper level of its bin, where bin j holds
    /// e[j-1] ≤ x < e[j] as the report's PSI bins do (`searchsorted(edges, x, side='right')`).
    /// 1.0 for the last bin, counted only under `+Inf`. nil for NaN and ±inf, which the
    /// statistics leave out too.
    @inline(__always)
    package static func recorded(_ x: Double, edges: [Double]) -> Double? {
        guard x.isFinite else { return nil }
        var low = 0, high = edges.count
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] <= x { low = middle + 1 } else { high = middle }
        }
        return Double(low + 1) / Double(steps)
    }

    /// The counts per decile from cumulative rank buckets (`levels` order, then the total):
    /// what the shipped recording rules compute in PromQL, for the console and the tests.
    package static func decileCounts(cumulative: [Int], total: Int) -> [Int] {
        var counts: [Int] = []
        var below = 0
        for k in 1...ReferenceDimension.quantileBins {
            let upTo = k == ReferenceDimension.quantileBins ? total : cumulative[2 * k - 1]
            counts.append(upTo - below)
            below = upTo
        }
        return counts
    }
}
