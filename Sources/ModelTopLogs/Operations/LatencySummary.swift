import ModelTopStatistics

/// Latency of served requests: the mean, numpy-linear percentiles and the maximum.
///
/// Percentiles are exact (a sort, not a sketch): the one-shot report promises numpy's numbers.
package struct LatencySummary: Sendable, Equatable {
    package var count: Int
    package var mean: Double
    package var p50: Double
    package var p90: Double
    package var p95: Double
    package var p99: Double
    package var p999: Double
    package var max: Double

    /// The percentiles the report lists, as `np.percentile` takes them.
    package static let reportedPercentiles: [Double] = [50, 90, 95, 99, 99.9]

    /// Summarises `values` in their original order (the mean is numpy's pairwise sum over that
    /// order); NaN values mean "no latency" and are left out. nil when nothing remains.
    package static func compute(_ values: [Double]) -> LatencySummary? {
        let present = values.contains { $0.isNaN } ? values.filter { !$0.isNaN } : values
        guard !present.isEmpty else { return nil }
        // The radix sort drops ±inf; a JSON number too large for a double is one, so keep it.
        let sorted = present.allSatisfy(\.isFinite) ? RadixSort.sorted(present) : present.sorted()
        guard let largest = sorted.last else { return nil }
        let p = reportedPercentiles.map { percentile(sorted: sorted, $0) }
        return LatencySummary(
            count: present.count, mean: NumpyArithmetic.sum(present) / Double(present.count),
            p50: p[0], p90: p[1], p95: p[2], p99: p[3], p999: p[4], max: largest)
    }

    /// `np.percentile(sorted, percent)` (method 'linear') of an ascending, non-empty array.
    package static func percentile(sorted: [Double], _ percent: Double) -> Double {
        NumpyArithmetic.quantile(sorted: sorted, percent / 100)
    }
}
