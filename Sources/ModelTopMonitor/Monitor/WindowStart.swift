/// Finds the first row of a `ProductionWindow` while the rows stream past, in memory bounded by
/// the window (not the file): the first pass of a streamed, windowed report.
///
/// Gives what `Monitor.restricted(to:)` gives on the whole file: for a row count, the last N
/// rows; for a span, the rows after the last one whose timestamp is not ≥ (newest − span),
/// where "newest" is `Array.max()` of the timestamps (NaN when the first one is NaN).
package struct WindowStart: Sendable {
    package let window: ProductionWindow
    package private(set) var rows = 0
    private var newest: Double?
    /// The last row whose timestamp is NaN: it is never ≥ any cutoff, so the window starts after it.
    private var lastNaN = -1
    /// Rows whose timestamp is below every later one (suffix minima), oldest first: only these
    /// can be "the last row below the cutoff". Those below the cutoff known so far are pruned to
    /// the newest one, since the cutoff only rises: what remains lies within the window.
    private var candidates: [(row: Int, time: Double)] = []
    private var head = 0

    package init(window: ProductionWindow) { self.window = window }

    /// Takes the next rows' timestamps (one per row; empty when the window is not a span).
    package mutating func add(rowCount: Int, timestamps: [Double]) {
        guard case .seconds(let span) = window else {
            rows += rowCount
            return
        }
        for (k, time) in timestamps.enumerated() {
            let row = rows + k
            if newest == nil { newest = time } else if let current = newest, current < time { newest = time }
            guard !time.isNaN else {
                lastNaN = row
                continue
            }
            while candidates.count > head, candidates[candidates.count - 1].time >= time { candidates.removeLast() }
            candidates.append((row, time))
            guard let newest, !newest.isNaN else { continue }
            let cutoff = newest - span
            while candidates.count - head >= 2, candidates[head + 1].time < cutoff { head += 1 }
            if head > 1024, head * 2 > candidates.count {
                candidates.removeFirst(head)
                head = 0
            }
        }
        rows += rowCount
    }

    /// The index of the window's first row (`rows` for an empty window).
    package var firstRow: Int {
        switch window {
        case .all:
            return 0
        case .rows(let count):
            return max(0, rows - count)
        case .seconds(let span):
            guard let newest else { return 0 }
            guard !newest.isNaN else { return rows }
            let cutoff = newest - span
            var last = lastNaN
            for k in head..<candidates.count where candidates[k].time < cutoff { last = max(last, candidates[k].row) }
            return last + 1
        }
    }
}
