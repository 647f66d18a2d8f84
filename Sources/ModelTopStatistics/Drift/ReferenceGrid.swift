/// The reference's distinct values (and its PSI edges) as a grid production values fall into.
///
/// Every statistic of a dimension compares production's ECDF with the reference's, and the
/// reference's ECDF only changes at its own values. So a production value matters only through
/// where it falls among them: on a split point, or strictly inside the gap between two. Counting
/// production that way costs O(1) per value and needs no sort, which makes KS, PSI and most of
/// the Wasserstein distance incremental (see `ProductionProfile`, `GridComparison`).
///
/// Positions are coded as one integer: `2j + 1` is "equal to split j", `2g` is "in gap g", the
/// open interval between splits g−1 and g (gap 0 lies below the first split, gap m above the last).
package struct ReferenceGrid: Sendable {
    /// Distinct finite reference values and PSI edges, ascending.
    package let splits: [Double]
    /// How many reference values are ≤ each split (32 bits: a reference is held in memory whole).
    package let referenceAtOrBelow: [Int32]
    /// The finite reference values.
    package let referenceCount: Int
    /// For each PSI edge, the index of the split equal to it.
    package let edgeSplits: [Int]
    /// A uniform lookup table over [first split, last split]: splits whose cell is < c are all
    /// below any value whose cell is c, so a lookup scans only the splits sharing its cell.
    private let low: Double
    private let scale: Double
    private let lastCell: Int
    private let cellStart: [Int32]

    /// - Parameters:
    ///   - sorted: the finite reference values, ascending.
    ///   - edges: extra split points (the PSI edges), in any order.
    package init(sorted: [Double], edges: [Double]) {
        // A merge of the two ascending lists, not a sort of both: this runs once per reference
        // dimension, and a comparison sort of 60,000 values each took most of loading a reference.
        let extra = edges.filter(\.isFinite).sorted()
        var splits: [Double] = []
        splits.reserveCapacity(sorted.count + extra.count)
        var r = 0, e = 0
        while r < sorted.count || e < extra.count {
            let value: Double
            if e == extra.count || (r < sorted.count && sorted[r] <= extra[e]) {
                value = sorted[r]
                r += 1
            } else {
                value = extra[e]
                e += 1
            }
            if splits.last != value { splits.append(value) }
        }
        self.splits = splits
        referenceCount = sorted.count
        var atOrBelow = [Int32](repeating: 0, count: splits.count)
        var i = 0
        for j in splits.indices {
            while i < sorted.count, sorted[i] <= splits[j] { i += 1 }
            atOrBelow[j] = Int32(i)
        }
        referenceAtOrBelow = atOrBelow
        edgeSplits = edges.map { NumpyArithmetic.countLess(splits, than: $0) }

        let m = splits.count
        let cells = max(1, min(1 << 18, m / 4))
        low = splits.first ?? 0
        let span = (splits.last ?? 0) - low
        let candidate = span > 0 ? Double(cells) / span : 0
        scale = candidate.isFinite ? candidate : 0
        lastCell = cells - 1
        var start = [Int32](repeating: 0, count: cells + 1)
        // start[c] = number of splits whose cell is < c.
        var j = 0
        for c in 0...cells {
            while j < m, Self.cell(splits[j], low: low, scale: scale, lastCell: cells - 1) < c { j += 1 }
            start[c] = Int32(j)
        }
        cellStart = start
    }

    package var isEmpty: Bool { splits.isEmpty }

    @inline(__always)
    private static func cell(_ value: Double, low: Double, scale: Double, lastCell: Int) -> Int {
        // Monotone in `value` (subtraction, a positive multiply and truncation all are), which is
        // all the lookup relies on.
        // (A span too wide for a Double has scale 0: every value in cell 0, never NaN → Int.)
        guard scale > 0 else { return 0 }
        let position = (value - low) * scale
        return position >= Double(lastCell) ? lastCell : Int(position)
    }

    /// Cells of the uniform lookup table: a value's cell is monotone in the value, so a value in
    /// gap g has a cell between those of splits g−1 and g (a cheap first filter on values).
    package var cellCount: Int { lastCell + 1 }

    @inline(__always)
    package func cell(of value: Double) -> Int {
        guard value.isFinite else { return value > 0 ? lastCell : 0 }
        return value < low ? 0 : Self.cell(value, low: low, scale: scale, lastCell: lastCell)
    }

    /// The cells a value inside gap `gap` can fall in.
    package func cells(ofGap gap: Int) -> ClosedRange<Int> {
        let lower = gap > 0 ? cell(of: splits[gap - 1]) : 0
        let upper = gap < splits.count ? cell(of: splits[gap]) : lastCell
        return lower...upper
    }

    /// The position code of a finite value: `2j + 1` when it equals split j, else `2g` for gap g.
    @inline(__always)
    package func locate(_ value: Double) -> Int {
        let m = splits.count
        return splits.withUnsafeBufferPointer { s in
            guard m > 0 else { return 0 }
            if !(value > s[0]) { return value == s[0] ? 1 : 0 }
            if !(value < s[m - 1]) { return value == s[m - 1] ? 2 * m - 1 : 2 * m }
            let c = Self.cell(value, low: low, scale: scale, lastCell: lastCell)
            var j = Int(cellStart[c])
            var stop = Int(cellStart[c + 1])
            // A crowded cell (clustered data): binary search down to a short scan.
            while stop - j > 8 {
                let middle = (j + stop) / 2
                if s[middle] < value { j = middle + 1 } else { stop = middle }
            }
            while j < stop, s[j] < value { j += 1 }
            return j < m && s[j] == value ? 2 * j + 1 : 2 * j
        }
    }
}
