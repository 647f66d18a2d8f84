/// The production side of one embedding dimension: takes appends in O(new rows) and merges.
///
/// Quantile-bin counts are kept up to date on every append (PSI is ready at once); the values
/// themselves are kept in arrival order for the statistics that need the whole sample (KS,
/// Wasserstein, Evidently's binning), which sort them when a snapshot is taken.
public struct DimensionAccumulator: Sendable {
    /// Every value appended, in arrival order, non-finite ones included.
    public private(set) var values: [Double] = []
    public private(set) var quantileCounts: [Int]
    public private(set) var nonFinite = 0

    public init(reference: ReferenceDimension) {
        quantileCounts = [Int](repeating: 0, count: reference.quantileEdges.count + 1)
    }

    public var count: Int { values.count }

    public mutating func reserveCapacity(_ rows: Int) { values.reserveCapacity(rows) }

    public mutating func append(contentsOf newValues: [Double], reference: ReferenceDimension) {
        values.append(contentsOf: newValues)
        let edges = reference.quantileEdges
        guard !edges.isEmpty else {
            nonFinite += newValues.lazy.filter { !$0.isFinite }.count
            return
        }
        quantileCounts.withUnsafeMutableBufferPointer { counts in
            for value in newValues {
                if value.isFinite {
                    counts[QuantileBins.bin(of: value, edges: edges)] += 1
                } else {
                    nonFinite += 1
                }
            }
        }
    }

    /// The union of two accumulators over the same reference (`self` first).
    public static func + (lhs: DimensionAccumulator, rhs: DimensionAccumulator) -> DimensionAccumulator {
        var merged = lhs
        merged.values.append(contentsOf: rhs.values)
        if merged.quantileCounts.count == rhs.quantileCounts.count {
            for k in merged.quantileCounts.indices { merged.quantileCounts[k] += rhs.quantileCounts[k] }
        }
        merged.nonFinite += rhs.nonFinite
        return merged
    }
}
