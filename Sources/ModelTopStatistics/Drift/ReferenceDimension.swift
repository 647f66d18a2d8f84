/// The reference side of one embedding dimension, computed once and shared by every snapshot.
package struct ReferenceDimension: Sendable {
    /// How many quantile bins the default PSI uses (the industry's deciles).
    package static let quantileBins = 10

    package let name: String
    /// Finite values, ascending.
    package let sorted: [Double]
    /// NaN and ±inf values left out of the statistics.
    package let nonFinite: Int
    /// Population standard deviation (numpy's `np.std`), Evidently's Wasserstein norm.
    package let standardDeviation: Double
    /// The 9 inner decile edges (`np.quantile(ref, [0.1, ..., 0.9])`); bin k holds e[k-1] ≤ x < e[k].
    package let quantileEdges: [Double]
    /// The reference's count in each quantile bin.
    package let quantileCounts: [Int]
    /// Distinct finite values (pandas' `nunique`): Evidently bins categorically at 20 or fewer.
    package let uniqueCount: Int
    /// The distinct values and decile edges that production is counted against.
    package let grid: ReferenceGrid

    package init(name: String, values: [Double]) {
        self.name = name
        let (sorted, nonFinite) = values.withUnsafeBufferPointer { RadixSort.sortedFinite($0) }
        self.sorted = sorted
        self.nonFinite = nonFinite
        standardDeviation = sorted.isEmpty ? .nan : NumpyArithmetic.populationStandardDeviation(sorted)
        if sorted.isEmpty {
            quantileEdges = []
            quantileCounts = []
        } else {
            let edges = (1..<Self.quantileBins).map { NumpyArithmetic.quantile(sorted: sorted, Double($0) / 10.0) }
            quantileEdges = edges
            quantileCounts = QuantileBins.counts(sorted: sorted, edges: edges)
        }
        var unique = 0
        for k in sorted.indices where k == 0 || sorted[k] != sorted[k - 1] { unique += 1 }
        uniqueCount = unique
        grid = ReferenceGrid(sorted: sorted, edges: quantileEdges)
    }
}

/// Counting values into the reference's quantile bins.
package enum QuantileBins {
    /// Counts of an ascending sample in each bin (`np.searchsorted(edges, x, side='right')`).
    package static func counts(sorted: [Double], edges: [Double]) -> [Int] {
        var result = [Int](repeating: 0, count: edges.count + 1)
        var previous = 0
        for (k, edge) in edges.enumerated() {
            let below = NumpyArithmetic.countLess(sorted, than: edge)
            result[k] = below - previous
            previous = below
        }
        result[edges.count] = sorted.count - previous
        return result
    }

    /// The bin of one value: how many edges are ≤ it (`searchsorted(edges, v, side='right')`).
    @inline(__always)
    package static func bin(of value: Double, edges: [Double]) -> Int {
        var k = 0
        while k < edges.count, edges[k] <= value { k += 1 }
        return k
    }
}
