import ModelTopStatistics

/// One dimension's histogram counts and decile counts per time window, kept between builds so
/// a refresh counts only the values appended since the last one.
///
/// Every value is counted under the current `HistogramLayout`. When production goes past the
/// layout's range or the bin count changes, every value is binned again (the bins are
/// equal-width over the whole range, so every bin moved); the decile counts per window do not
/// depend on the bins and are kept. When the windows move, both start over from the first row.
struct DimensionTally: Sendable {
    private(set) var layout: HistogramLayout
    /// Production values per histogram bin.
    private var production: [Int]
    /// `windowCounts[window * deciles + decile]`.
    private var windowCounts: [Int] = []
    /// Values of the dimension counted so far.
    private(set) var rows = 0

    init(reference: ReferenceDimension, bins: Int) {
        let range = HistogramLayout.referenceRange(reference)
        layout = HistogramLayout(reference: reference, low: range.low, high: range.high, bins: bins)
        production = [Int](repeating: 0, count: bins)
    }

    /// What must be counted again before `accumulator`'s new values can be added: the bins, when
    /// the bin count changed or a new value lies outside the layout's range; everything, when
    /// values were taken away.
    func recountNeeded(_ accumulator: DimensionAccumulator, bins: Int) -> Recount {
        guard rows <= accumulator.count else { return .all }
        guard layout.bins == bins else { return .histogram }
        let range = accumulator.finiteRange(from: rows)
        return layout.covers(low: range.low, high: range.high) ? .none : .histogram
    }

    /// What must be counted again before new values can be added.
    enum Recount: Sendable {
        /// Nothing: only the new values are counted.
        case none
        /// The bins moved: every value is binned again; the window counts still hold.
        case histogram
        /// The windows moved as well: everything is counted from the first row.
        case all
    }

    /// Counts `accumulator`'s new values into the bins and, for rows with a window in `windows`
    /// (which must start at or before the first row counted), into the window's decile counts.
    mutating func fold(
        reference: ReferenceDimension, _ accumulator: DimensionAccumulator, bins: Int, recount: Recount, windows: RowWindows
    ) {
        let edges = reference.quantileEdges
        // Without deciles there is no PSI per window, so windows are not counted.
        let windowed = windows.windowCount > 0 && !edges.isEmpty ? windows : .none
        var start = rows
        if recount != .none {
            let own = HistogramLayout.referenceRange(reference), range = accumulator.finiteRange(from: 0)
            layout = HistogramLayout(
                reference: reference, low: min(own.low, range.low), high: max(own.high, range.high), bins: bins)
            production = [Int](repeating: 0, count: bins)
            if recount == .all {
                windowCounts = []
                start = 0
            } else if !layout.isEmpty {
                // The values already counted into the windows are binned again, windows aside.
                accumulator.forEachSegment(from: 0, to: rows) { values, firstRow in
                    count(values, firstRow: firstRow, edges: edges, windows: .none)
                }
            }
        }
        let deciles = edges.count + 1
        if windowCounts.count < windows.windowCount * deciles {
            windowCounts.append(contentsOf: repeatElement(0, count: windows.windowCount * deciles - windowCounts.count))
        }
        if !layout.isEmpty {
            accumulator.forEachSegment(from: start, to: accumulator.count) { values, firstRow in
                count(values, firstRow: firstRow, edges: edges, windows: windowed)
            }
        }
        rows = accumulator.count
    }

    /// One fused pass over fine cells: the cell gives the histogram bin by a division and,
    /// through `decileOfCell`, the decile without searching; only the few cells an edge passes
    /// through compare against the edges.
    private mutating func count(_ values: UnsafeBufferPointer<Double>, firstRow: Int, edges: [Double], windows: RowWindows) {
        let layout = self.layout, deciles = edges.count + 1
        if layout.scale == 0 {
            // Every finite value equals `low`: the middle bin, and its decile by the edges.
            for (i, x) in values.enumerated() where x.isFinite {
                production[layout.bins / 2] += 1
                let w = windows.window(ofRow: firstRow + i)
                if w >= 0 { windowCounts[w * deciles + QuantileBins.bin(of: x, edges: edges)] += 1 }
            }
            return
        }
        let finePerBin = HistogramLayout.finePerBin, fineCells = layout.fineCells
        let low = layout.low, fineScale = layout.fineScale
        edges.withUnsafeBufferPointer { e in
            layout.decileOfCell.withUnsafeBufferPointer { table in
                production.withUnsafeMutableBufferPointer { counts in
                    windowCounts.withUnsafeMutableBufferPointer { perWindow in
                        for i in 0..<values.count {
                            let x = values[i]
                            guard x.isFinite else { continue }
                            let cell = min(fineCells - 1, Int((x - low) * fineScale))
                            counts[cell / finePerBin] += 1
                            let w = windows.window(ofRow: firstRow + i)
                            guard w >= 0 else { continue }
                            var k = Int(table[cell])
                            if k < 0 {
                                k = 0
                                for edge in e where edge <= x { k += 1 }
                            }
                            perWindow[w &* deciles &+ k] += 1
                        }
                    }
                }
            }
        }
    }

    func histogram(name: String) -> DimensionHistogram {
        guard !layout.isEmpty else {
            let empty = [Double](repeating: 0, count: layout.bins)
            return DimensionHistogram(name: name, lower: .nan, upper: .nan, reference: empty, production: empty)
        }
        return DimensionHistogram(
            name: name, lower: layout.low, upper: layout.high,
            reference: HistogramLayout.shares(layout.referenceCounts), production: HistogramLayout.shares(production))
    }

    /// PSI of each window on the reference's deciles; NaN for windows with too few rows.
    func windowPSI(reference: ReferenceDimension, windowCount: Int) -> [Double] {
        let deciles = reference.quantileEdges.count + 1
        return (0..<windowCount).map { w -> Double in
            guard (w + 1) * deciles <= windowCounts.count else { return .nan }
            let window = Array(windowCounts[(w * deciles)..<((w + 1) * deciles)])
            guard window.reduce(0, +) >= DriftTimeline.minimumPSIRows else { return .nan }
            return PopulationStabilityIndex.quantile(referenceCounts: reference.quantileCounts, productionCounts: window)
        }
    }
}

extension DimensionAccumulator {
    /// The smallest and largest finite value from row `start` on (low > high when none).
    func finiteRange(from start: Int) -> (low: Double, high: Double) {
        var low = Double.infinity, high = -Double.infinity
        forEachSegment(from: start, to: count) { values, _ in
            for x in values where x.isFinite {
                if x < low { low = x }
                if x > high { high = x }
            }
        }
        return (low, high)
    }

    /// Calls `body` with each stretch of the values of rows `start..<end` and the row of its
    /// first value. Segments are found from the end, so reading the newest k rows costs O(k),
    /// not O(segments).
    func forEachSegment(from start: Int, to end: Int, _ body: (UnsafeBufferPointer<Double>, Int) -> Void) {
        guard start < end else { return }
        var s = segments.count, firstRow = count
        while firstRow > start {
            s -= 1
            firstRow -= segments[s].count
        }
        var row = start
        for segment in segments[s...] where row < end {
            let skip = row - firstRow, stop = min(segment.count, end - firstRow)
            segment.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[skip..<stop]), row) }
            firstRow += segment.count
            row = firstRow
        }
    }
}
