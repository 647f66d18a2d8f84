import ModelTopStatistics

/// The newest requests on their own, for alert rules: a burst of 5xx or a latency spike shows
/// (and goes away) here while the whole history's figures barely move.
package struct RecentRequests: Sendable, Equatable {
    /// How many requests the figures cover (at most the size asked for).
    package var requests: Int
    /// Share of those requests answered 5xx.
    package var serverErrorRate: Double
    /// 99th percentile of their `latency_ms` (numpy's linear rule); nil without latencies.
    package var latencyP99: Double?
    /// Share of the scored ones with a confidence below the threshold; nil without confidences.
    package var lowConfidenceShare: Double?

    /// The last `count` requests of `table` (in the order they were logged); nil when there are none.
    package static func compute(_ table: RequestTable, count: Int, lowConfidence threshold: Double) -> RecentRequests? {
        let total = table.count
        guard total > 0, count > 0 else { return nil }
        let rows = max(0, total - count)..<total
        var serverErrors = 0, latencies: [Double] = [], confidences: [Double] = []
        for row in rows {
            if (500...599).contains(table.status[row]) { serverErrors += 1 }
            if table.latencyMs[row].isFinite { latencies.append(table.latencyMs[row]) }
            guard table.isScored(row) else { continue }
            let confidence = table.confidence(at: row)
            if !confidence.isNaN { confidences.append(confidence) }
        }
        latencies.sort()
        return RecentRequests(
            requests: rows.count, serverErrorRate: Double(serverErrors) / Double(rows.count),
            latencyP99: latencies.isEmpty ? nil : LatencySummary.percentile(sorted: latencies, 99),
            lowConfidenceShare: confidences.isEmpty ? nil : ConfidenceSummary.lowShare(confidences, below: threshold))
    }
}
