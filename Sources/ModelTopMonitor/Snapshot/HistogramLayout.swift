import ModelTopStatistics

/// The bins of one dimension's histogram: equal widths over the union range [low, high] of the
/// reference and the production values counted so far, and what only depends on that range.
///
/// A layout is fixed until production goes past its range; then every bin edge moves, and the
/// production counts made under it are void (`DimensionTally` counts again from the first row).
struct HistogramLayout: Sendable {
    /// Histogram bins are counted through `finePerBin` fine cells each: the cell gives the bin by
    /// a division and, through `decileOfCell`, the reference decile without a search.
    static let finePerBin = 256

    let bins: Int
    /// The union range; low > high (both infinite) while no value on either side is finite.
    let low: Double
    let high: Double
    /// Bins per unit of value; 0 when every finite value is the same (all go to the middle bin).
    let scale: Double
    let fineScale: Double
    let referenceCounts: [Int]
    /// The decile of every value in each fine cell, or -1 where an edge lies in or near the cell.
    let decileOfCell: [Int8]

    var isEmpty: Bool { !(low <= high) }
    var fineCells: Int { bins * Self.finePerBin }

    /// The range of `reference` alone, before any production value is seen.
    static func referenceRange(_ reference: ReferenceDimension) -> (low: Double, high: Double) {
        (reference.sorted.first ?? .infinity, reference.sorted.last ?? -.infinity)
    }

    /// The counts of a sorted sample in `bins` equal bins from `low`, `scale` bins per unit (0:
    /// all in the middle bin): each bin's count is a difference of two searches.
    static func counts(sorted: [Double], low: Double, scale: Double, bins: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: bins)
        if scale == 0 {
            counts[bins / 2] = sorted.count
            return counts
        }
        var below = 0
        for k in 0..<(bins - 1) {
            let next = NumpyArithmetic.countLess(sorted, than: low + Double(k + 1) / scale)
            counts[k] = next - below
            below = next
        }
        counts[bins - 1] = sorted.count - below
        return counts
    }

    init(reference: ReferenceDimension, low: Double, high: Double, bins: Int) {
        self.bins = bins
        self.low = low
        self.high = high
        guard low <= high else {
            scale = 0
            fineScale = 0
            referenceCounts = [Int](repeating: 0, count: bins)
            decileOfCell = []
            return
        }
        scale = high > low ? Double(bins) / (high - low) : 0
        fineScale = scale * Double(Self.finePerBin)
        referenceCounts = Self.counts(sorted: reference.sorted, low: low, scale: scale, bins: bins)
        decileOfCell = Self.decileTable(
            edges: reference.quantileEdges, low: low, cellWidth: scale == 0 ? 0 : 1 / fineScale, cells: bins * Self.finePerBin)
    }

    /// Whether values in [low, high] all fall inside this layout's range.
    func covers(low newLow: Double, high newHigh: Double) -> Bool {
        !(newLow < low) && !(newHigh > high)
    }

    /// The decile of every value in each fine cell, or -1 where an edge lies in or near it.
    static func decileTable(edges: [Double], low: Double, cellWidth: Double, cells: Int) -> [Int8] {
        guard cellWidth > 0 else { return [] }
        guard edges.count < Int(Int8.max) else { return [Int8](repeating: -1, count: cells) }
        // A value's cell and a cell's bounds are both rounded: besides a thousandth of a cell,
        // allow for rounding at the magnitude of the values (far from zero a cell is few ulps).
        let margin = cellWidth * 1e-3 + (abs(low) + Double(cells) * cellWidth) * 8 * .ulpOfOne
        var table = [Int8](repeating: -1, count: cells)
        for c in 0..<cells {
            let lower = low + Double(c) * cellWidth - margin, upper = low + Double(c + 1) * cellWidth + margin
            let below = QuantileBins.bin(of: lower, edges: edges)
            if below == QuantileBins.bin(of: upper, edges: edges) { table[c] = Int8(below) }
        }
        return table
    }

    static func shares(_ counts: [Int]) -> [Double] {
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? Double($0) / Double(total) : 0 }
    }
}
