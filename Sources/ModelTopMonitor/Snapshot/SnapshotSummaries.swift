/// The production `confidence` column in brief: mean and the share under `lowThreshold`.
package struct SnapshotConfidence: Sendable, Equatable {
    /// Confidence under this counts as low (the overview's "low-confidence share").
    package static let lowThreshold = 0.9

    package var count: Int
    package var mean: Double
    package var lowShare: Double

    package init(count: Int, mean: Double, lowShare: Double) {
        self.count = count
        self.mean = mean
        self.lowShare = lowShare
    }

    /// nil when no value is finite.
    package init?(_ values: [Double]) {
        var tally = ConfidenceTally()
        tally.fold(values)
        guard let summary = tally.summary else { return nil }
        self = summary
    }
}

/// Latency percentiles in milliseconds (numpy's linear interpolation).
package struct SnapshotLatency: Sendable, Equatable {
    package var count: Int
    package var p50: Double
    package var p95: Double
    package var p99: Double

    package init(count: Int, p50: Double, p95: Double, p99: Double) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }

    /// nil when no value is finite.
    package init?(_ values: [Double]) {
        var sample = SortedSample()
        sample.fold(values)
        guard let summary = sample.latency else { return nil }
        self = summary
    }
}
