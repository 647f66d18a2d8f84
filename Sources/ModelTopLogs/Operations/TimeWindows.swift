import Glibc
import ModelTopBase
import ModelTopStatistics

/// Requests cut into equal, wall-clock-aligned time windows, so a trend (errors, latency,
/// confidence, accuracy, drift) shows up as a row of numbers rather than one average.
package struct TimeWindow: Sendable, Equatable {
    /// Window start, seconds since the epoch (a multiple of the window length).
    package var start: Double
    package var requests: Int
    package var errorRate: Double?
    package var latencyP50: Double?
    package var latencyP95: Double?
    package var latencyP99: Double?
    /// Mean confidence of the scored requests with one.
    package var confidence: Double?
    package var lowShare: Double?
    /// Accuracy of the scored requests with a known label.
    package var accuracy: Double?
    /// Mean PSI over embedding dimensions against the reference's deciles.
    package var psi: Double?
}

package enum TimeWindows {
    /// Window lengths tried, shortest first: the first that fits `maxWindows` wins.
    package static let lengths: [Double] = [60, 300, 900, 3600, 21600, 86400]
    package static let maxWindows = 120
    /// Below this many embeddings a window's PSI is noise, so it is not reported.
    package static let minimumEmbeddings = 10
    /// Timestamps spread over more daily windows than this are not windowed at all: a stray
    /// timestamp (year 9999, or 0) must not make the report list millions of empty windows.
    package static let maxListedWindows = 20_000

    /// The window length and windows for `table`; no windows when it has no requests.
    package static func compute(
        _ table: RequestTable, reference: ReferenceProfile?, threshold: Double
    ) -> (seconds: Double, windows: [TimeWindow]) {
        guard let minTs = table.ts.min(), let maxTs = table.ts.max(), minTs.isFinite, maxTs.isFinite else {
            return (lengths[0], [])
        }
        var length = lengths[lengths.count - 1], origin = 0.0, needed = 0.0
        for candidate in lengths {
            length = candidate
            origin = floor(minTs / candidate) * candidate
            needed = floor((maxTs - origin) / candidate) + 1
            if needed <= Double(maxWindows) { break }
        }
        guard needed <= Double(maxListedWindows) else { return (length, []) }
        let count = Int(needed)
        var members = [[Int]](repeating: [], count: count)
        for row in 0..<table.count {
            let index = Int(floor((table.ts[row] - origin) / length))
            members[Swift.min(Swift.max(index, 0), count - 1)].append(row)
        }
        let groups = members, start = origin, step = length
        let windows = ParallelMap.map(count: count) { i in
            window(table, rows: groups[i], start: start + Double(i) * step, reference: reference, threshold: threshold)
        }
        return (length, windows)
    }

    static func window(
        _ table: RequestTable, rows: [Int], start: Double, reference: ReferenceProfile?, threshold: Double
    ) -> TimeWindow {
        var errors = 0, latencies: [Double] = [], confidences: [Double] = [], labelled = 0, correct = 0
        var embedded: [Int] = []
        let dimensions = reference?.dimensions.count ?? 0
        for row in rows {
            if StatusCounts.isError(table.status[row]) { errors += 1 }
            if !table.latencyMs[row].isNaN { latencies.append(table.latencyMs[row]) }
            if dimensions > 0, table.embeddingStart[row + 1] - table.embeddingStart[row] == dimensions { embedded.append(row) }
            guard table.isScored(row) else { continue }
            let c = table.confidence(at: row)
            if !c.isNaN { confidences.append(c) }
            if table.target[row] >= 0 {
                labelled += 1
                if table.target[row] == table.prediction[row] { correct += 1 }
            }
        }
        let sorted = latencies.allSatisfy(\.isFinite) ? RadixSort.sorted(latencies) : latencies.sorted()
        func latency(_ percent: Double) -> Double? {
            sorted.isEmpty ? nil : LatencySummary.percentile(sorted: sorted, percent)
        }
        return TimeWindow(
            start: start, requests: rows.count,
            errorRate: rows.isEmpty ? nil : Double(errors) / Double(rows.count),
            latencyP50: latency(50), latencyP95: latency(95), latencyP99: latency(99),
            confidence: confidences.isEmpty ? nil : NumpyArithmetic.sum(confidences) / Double(confidences.count),
            lowShare: confidences.isEmpty ? nil : ConfidenceSummary.lowShare(confidences, below: threshold),
            accuracy: labelled > 0 ? Double(correct) / Double(labelled) : nil,
            psi: psi(table, rows: embedded, reference: reference))
    }

    /// Mean over dimensions of the quantile-binned PSI of these rows' embeddings; nil with fewer
    /// than `minimumEmbeddings` rows or no reference.
    static func psi(_ table: RequestTable, rows: [Int], reference: ReferenceProfile?) -> Double? {
        guard let reference, rows.count >= minimumEmbeddings, !reference.dimensions.isEmpty else { return nil }
        let values = reference.dimensions.enumerated().map { d, dimension -> Double in
            var counts = [Int](repeating: 0, count: dimension.quantileEdges.count + 1)
            for row in rows {
                counts[QuantileBins.bin(of: table.embeddings[table.embeddingStart[row] + d], edges: dimension.quantileEdges)] += 1
            }
            return PopulationStabilityIndex.quantile(referenceCounts: dimension.quantileCounts, productionCounts: counts)
        }
        return NumpyArithmetic.sum(values) / Double(values.count)
    }
}
