import ModelTopBase
import ModelTopStatistics

/// One dimension's histogram counts and decile counts per time window, kept between builds so
/// a refresh counts only the values appended since the last one.
///
/// Every value is counted into a fine cell of the current `HistogramLayout`. When production
/// goes past the layout's range the layout doubles as often as needed and the fine counts are
/// added in pairs (`HistogramLayout.raised`), exactly: no value is needed again. Only a change
/// of the bin count counts every value again; the decile counts per window do not depend on
/// the bins. When the windows move, both start over from the first row.
struct DimensionTally: Sendable {
    private(set) var layout: HistogramLayout
    /// Production values per fine cell of `layout`.
    private var fine: [Int]
    /// `windowCounts[window * deciles + decile]`.
    private var windowCounts: [Int] = []
    /// Values of the dimension counted so far.
    private(set) var rows = 0

    init(reference: ReferenceDimension, bins: Int) {
        layout = HistogramLayout(reference: reference, level: 0, bins: bins)
        fine = [Int](repeating: 0, count: layout.isEmpty ? 0 : layout.fineCells)
    }

    /// What must be done before `accumulator`'s new values can be added: nothing, a wider
    /// layout (when a new value lies outside it), every value binned again (the bin count
    /// changed), or everything counted again (values were taken away).
    func recountNeeded(_ accumulator: DimensionAccumulator, bins: Int) -> Recount {
        guard rows <= accumulator.count else { return .all }
        guard layout.bins == bins else { return .histogram }
        guard !layout.isEmpty else { return .none }
        let range = accumulator.finiteRange(from: rows)
        guard range.low <= range.high else { return .none }
        let needed = max(
            HistogramLayout.level(holding: layout.baseCell(range.low), fineCells: layout.fineCells),
            HistogramLayout.level(holding: layout.baseCell(range.high), fineCells: layout.fineCells))
        return needed > layout.level ? .widen(level: needed) : .none
    }

    /// What must be done before new values can be added.
    enum Recount: Sendable, Equatable {
        /// Nothing: only the new values are counted.
        case none
        /// The range doubles to `level`: the counts so far are added in pairs.
        case widen(level: Int)
        /// The bins changed: every value is binned again; the window counts still hold.
        case histogram
        /// The windows moved as well: everything is counted from the first row.
        case all

        var isWiden: Bool { if case .widen = self { true } else { false } }
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
        switch recount {
        case .none:
            break
        case .widen(let level):
            let wider = HistogramLayout(reference: reference, level: level, bins: bins)
            fine = wider.raised(fine, from: layout.level)
            layout = wider
        case .histogram, .all:
            // The level every value needs, then every value counted at it.
            var level = 0
            let fresh = HistogramLayout(reference: reference, level: 0, bins: bins)
            let range = accumulator.finiteRange(from: 0)
            if !fresh.isEmpty, range.low <= range.high {
                level = max(
                    HistogramLayout.level(holding: fresh.baseCell(range.low), fineCells: fresh.fineCells),
                    HistogramLayout.level(holding: fresh.baseCell(range.high), fineCells: fresh.fineCells))
            }
            layout = HistogramLayout(reference: reference, level: level, bins: bins)
            fine = [Int](repeating: 0, count: layout.isEmpty ? 0 : layout.fineCells)
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
        edges.withUnsafeBufferPointer { e in
            layout.decileOfCell.withUnsafeBufferPointer { table in
                fine.withUnsafeMutableBufferPointer { counts in
                    windowCounts.withUnsafeMutableBufferPointer { perWindow in
                        for i in 0..<values.count {
                            let x = values[i]
                            guard x.isFinite else { continue }
                            let cell = layout.cell(level0: layout.baseCell(x))
                            counts[cell] += 1
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

    /// The decile counts under wider windows (`SnapshotWindows.mapping`), added up exactly.
    mutating func remapWindows(_ mapping: [Int], count: Int, deciles: Int) {
        var merged = [Int](repeating: 0, count: count * deciles)
        for (i, target) in mapping.enumerated() where (i + 1) * deciles <= windowCounts.count {
            for k in 0..<deciles { merged[target * deciles + k] += windowCounts[i * deciles + k] }
        }
        windowCounts = merged
    }

    /// Production counts per display bin.
    private var binCounts: [Int] {
        let per = HistogramLayout.finePerBin
        return (0..<layout.bins).map { b in fine[(b * per)..<((b + 1) * per)].reduce(0, +) }
    }

    func histogram(name: String) -> DimensionHistogram {
        guard !layout.isEmpty else {
            let empty = [Double](repeating: 0, count: layout.bins)
            return DimensionHistogram(name: name, lower: .nan, upper: .nan, reference: empty, production: empty)
        }
        return DimensionHistogram(
            name: name, lower: layout.low, upper: layout.high,
            reference: HistogramLayout.shares(layout.referenceCounts), production: HistogramLayout.shares(binCounts))
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
    func forEachSegment(from first: Int, to end: Int, _ body: (UnsafeBufferPointer<Double>, Int) -> Void) {
        // Values before `dropped` are no longer kept.
        let start = max(first, dropped)
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

extension DimensionTally {
    func write(to writer: inout BinaryWriter) {
        writer.int(layout.bins)
        writer.int(layout.level)
        writer.ints(fine)
        writer.ints(windowCounts)
        writer.int(rows)
    }

    init(reading reader: inout BinaryReader, reference: ReferenceDimension) throws(BinaryDecodingError) {
        let bins = try reader.int(), level = try reader.int()
        guard (1...4096).contains(bins), (0...HistogramLayout.maxLevel).contains(level) else { throw BinaryDecodingError(reason: "histogram layout") }
        self.init(reference: reference, bins: bins)
        layout = HistogramLayout(reference: reference, level: level, bins: bins)
        fine = try reader.ints()
        windowCounts = try reader.ints()
        rows = try reader.int()
        guard fine.count == (layout.isEmpty ? 0 : layout.fineCells), rows >= 0 else { throw BinaryDecodingError(reason: "histogram counts") }
    }
}
