/// The production `confidence` column in brief: mean and the share under `lowThreshold`.
public struct SnapshotConfidence: Sendable, Equatable {
    /// Confidence under this counts as low (the overview's "low-confidence share").
    public static let lowThreshold = 0.9

    public var count: Int
    public var mean: Double
    public var lowShare: Double

    public init(count: Int, mean: Double, lowShare: Double) {
        self.count = count
        self.mean = mean
        self.lowShare = lowShare
    }

    /// nil when no value is finite.
    public init?(_ values: [Double]) {
        var tally = ConfidenceTally()
        tally.fold(values)
        guard let summary = tally.summary else { return nil }
        self = summary
    }
}

/// Latency percentiles in milliseconds (numpy's linear interpolation).
public struct SnapshotLatency: Sendable, Equatable {
    public var count: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double

    public init(count: Int, p50: Double, p95: Double, p99: Double) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }

    /// nil when no value is finite.
    public init?(_ values: [Double]) {
        var sample = SortedSample()
        sample.fold(values)
        guard let summary = sample.latency else { return nil }
        self = summary
    }
}
