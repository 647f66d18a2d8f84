/// The production side of one embedding dimension: takes appends in O(new rows) and merges.
///
/// Values are kept in arrival order, as the segments they arrived in (no copying or regrowing
/// a million-element array). Every statistic is computed from them when a report is taken; the
/// reference's decile edges are fixed, so the PSI bins never depend on production data.
public struct DimensionAccumulator: Sendable {
    /// Appended values in arrival order, non-finite ones included, as appended segments.
    public private(set) var segments: [[Double]] = []
    public private(set) var count = 0

    public init() {}

    /// All values in one array (a copy: for small samples and tests).
    public var values: [Double] { segments.flatMap { $0 } }

    public mutating func append(contentsOf newValues: [Double]) {
        guard !newValues.isEmpty else { return }
        segments.append(newValues)
        count += newValues.count
    }

    /// The union of two accumulators (`lhs` first).
    public static func + (lhs: DimensionAccumulator, rhs: DimensionAccumulator) -> DimensionAccumulator {
        var merged = lhs
        merged.segments.append(contentsOf: rhs.segments)
        merged.count += rhs.count
        return merged
    }

    /// The same values without the first `count` (the oldest).
    public func droppingFirst(_ count: Int) -> DimensionAccumulator {
        var result = DimensionAccumulator()
        var toDrop = count
        for segment in segments {
            if toDrop >= segment.count {
                toDrop -= segment.count
                continue
            }
            result.append(contentsOf: toDrop > 0 ? Array(segment.dropFirst(toDrop)) : segment)
            toDrop = 0
        }
        return result
    }
}
