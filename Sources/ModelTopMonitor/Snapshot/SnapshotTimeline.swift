import ModelTopStatistics

/// Reference and production shares of one dimension over equal-width bins of their union range.
package struct DimensionHistogram: Sendable, Equatable {
    package var name: String
    /// The left edge of the first bin and the right edge of the last (NaN when both sides are empty).
    package var lower: Double
    package var upper: Double
    /// Shares summing to 1 (all zero when the side has no finite values).
    package var reference: [Double]
    package var production: [Double]

    package init(name: String, lower: Double, upper: Double, reference: [Double], production: [Double]) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.reference = reference
        self.production = production
    }
}

/// Production over time: rows in fixed windows, their accuracy, confidence and drift.
package struct DriftTimeline: Sendable, Equatable {
    /// Start of the first window, seconds since the epoch.
    package var start: Double
    package var windowSeconds: Double
    package var rows: [Int]
    /// NaN where a window has no labelled rows.
    package var accuracy: [Double]
    /// NaN where a window has no confidence values.
    package var meanConfidence: [Double]
    /// `psi[dimension][window]` on the reference's deciles; NaN for windows with fewer than
    /// `minimumPSIRows` rows, where ten bins say more about sampling noise than drift.
    package var psi: [[Double]]
    /// Per window, the rows' reconstruction errors (empty without a reconstruction baseline):
    /// the whole embedding over time, judged against the reference's chunk thresholds.
    package var reconstruction: [ReconstructionTally] = []

    package init(
        start: Double, windowSeconds: Double, rows: [Int], accuracy: [Double], meanConfidence: [Double], psi: [[Double]]
    ) {
        self.start = start
        self.windowSeconds = windowSeconds
        self.rows = rows
        self.accuracy = accuracy
        self.meanConfidence = meanConfidence
        self.psi = psi
    }

    package static let minimumPSIRows = 10

    package var windowCount: Int { rows.count }

    /// "1 min", "15 min", "1 h", "1 d": how the screens name a window.
    package var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }

    /// The name of a window of `seconds`, as `windowName` gives it.
    package static func windowName(seconds: Double) -> String { SnapshotWindows.name(seconds: seconds) }
}

/// Quality of the last window with labelled rows against the one before it.
package struct QualityChange: Sendable, Equatable {
    package var current: QualityReport
    package var previous: QualityReport
    package var windowSeconds: Double

    package init(current: QualityReport, previous: QualityReport, windowSeconds: Double) {
        self.current = current
        self.previous = previous
        self.windowSeconds = windowSeconds
    }

    package var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }
    package var accuracy: Double { current.accuracy - previous.accuracy }
    package var macroF1: Double { current.macro.f1 - previous.macro.f1 }
    package var balancedAccuracy: Double { current.balancedAccuracy - previous.balancedAccuracy }
}
