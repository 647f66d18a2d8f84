import ModelTopStatistics

/// The bins of one dimension's histogram: equal widths over the reference's range, doubled
/// around its centre as often as production needs (level k spans 2^k times the reference's
/// range), and what only depends on that.
///
/// Why doubling rather than the tight union range: a value's fine cell at level k follows
/// from its cell at level 0 by integer arithmetic (`cell(level0:)`), so counts made at one level
/// become the next level's by adding cells in pairs, exactly. Watch mode can then keep counts,
/// not values, and a histogram built from every row at once equals one built as rows arrived.
struct HistogramLayout: Sendable {
    /// Histogram bins are counted through `finePerBin` fine cells each: the cell gives the bin by
    /// a division and, through `decileOfCell`, the reference decile without a search.
    static let finePerBin = 256
    /// The widest level (2^40 reference ranges); level-0 cells are clamped to ±2^40 likewise, so
    /// the integer arithmetic below cannot overflow. Values further out land in an edge cell.
    static let maxLevel = 40

    let bins: Int
    let level: Int
    /// The range at this level; low > high (both infinite) while the reference has no finite value.
    let low: Double
    let high: Double
    /// Level 0: the reference's range (widened to 1 when it is a single value).
    let baseLow: Double
    let baseFineScale: Double
    /// Fine cells per unit of value at this level.
    let fineScale: Double
    private(set) var referenceCounts: [Int]
    /// The decile of every value in each fine cell, or -1 where an edge lies in or near the cell.
    let decileOfCell: [Int8]

    var isEmpty: Bool { !(low <= high) }
    var fineCells: Int { bins * Self.finePerBin }

    /// The range of `reference` alone: level 0.
    static func referenceRange(_ reference: ReferenceDimension) -> (low: Double, high: Double) {
        guard let first = reference.sorted.first, let last = reference.sorted.last else { return (.infinity, -.infinity) }
        return first < last ? (first, last) : (first - 0.5, last + 0.5)
    }

    init(reference: ReferenceDimension, level: Int, bins: Int) {
        self.bins = bins
        self.level = min(max(level, 0), Self.maxLevel)
        let (baseLow, baseHigh) = Self.referenceRange(reference)
        self.baseLow = baseLow
        guard baseLow <= baseHigh else {
            low = .infinity
            high = -.infinity
            baseFineScale = 0
            fineScale = 0
            referenceCounts = [Int](repeating: 0, count: bins)
            decileOfCell = []
            return
        }
        let fineCells = bins * Self.finePerBin
        baseFineScale = Double(fineCells) / (baseHigh - baseLow)
        let span = (baseHigh - baseLow) * Double(1 << self.level)
        let centre = baseLow + (baseHigh - baseLow) / 2
        // Level 0 is the reference's own range, to the bit.
        low = self.level == 0 ? baseLow : centre - span / 2
        high = self.level == 0 ? baseHigh : centre + span / 2
        fineScale = Double(bins * Self.finePerBin) / span
        decileOfCell = Self.decileTable(edges: reference.quantileEdges, low: low, cellWidth: 1 / fineScale, cells: fineCells)
        referenceCounts = []
        // Binned as production is (`cell(level0:)`), so a value equal on both sides shares a bin.
        var counts = [Int](repeating: 0, count: bins)
        for value in reference.sorted { counts[cell(level0: baseCell(value)) / Self.finePerBin] += 1 }
        referenceCounts = counts
    }

    /// A finite value's fine cell at level 0, possibly outside 0..<fineCells (clamped far out).
    @inline(__always)
    func baseCell(_ x: Double) -> Int {
        let position = ((x - baseLow) * baseFineScale).rounded(.down)
        let limit = Double(1 << 40)
        return position < -limit ? -(1 << 40) : position >= limit ? (1 << 40) : Int(position)
    }

    /// The fine cell at this level of a value whose level-0 cell is `base`: ⌊(base + F/2·(2^k − 1)) / 2^k⌋,
    /// so each doubling maps cell c to ⌊(c + F/2) / 2⌋. Clamped into the layout.
    @inline(__always)
    func cell(level0 base: Int) -> Int {
        let half = fineCells / 2
        let shifted = (base &+ half &* ((1 << level) &- 1)) >> level
        return min(fineCells - 1, max(0, shifted))
    }

    /// The lowest level whose range holds a value with level-0 cell `base`.
    static func level(holding base: Int, fineCells: Int) -> Int {
        let half = fineCells / 2
        var k = 0
        while k < maxLevel {
            let shifted = (base &+ half &* ((1 << k) &- 1)) >> k
            if shifted >= 0 && shifted < fineCells { return k }
            k += 1
        }
        return maxLevel
    }

    /// Fine-cell counts made at `from` level, as the next levels up to this one count them.
    func raised(_ counts: [Int], from level: Int) -> [Int] {
        var counts = counts
        let half = fineCells / 2
        for _ in level..<self.level {
            var next = [Int](repeating: 0, count: fineCells)
            for (c, n) in counts.enumerated() where n > 0 { next[(c + half) >> 1] += n }
            counts = next
        }
        return counts
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
