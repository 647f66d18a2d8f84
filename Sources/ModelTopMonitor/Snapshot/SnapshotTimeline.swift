import ModelTopStatistics

/// Reference and production shares of one dimension over equal-width bins of their union range.
public struct DimensionHistogram: Sendable, Equatable {
    public var name: String
    /// The left edge of the first bin and the right edge of the last (NaN when both sides are empty).
    public var lower: Double
    public var upper: Double
    /// Shares summing to 1 (all zero when the side has no finite values).
    public var reference: [Double]
    public var production: [Double]

    public init(name: String, lower: Double, upper: Double, reference: [Double], production: [Double]) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.reference = reference
        self.production = production
    }
}

/// Production over time: rows in fixed windows, their accuracy, confidence and drift.
public struct DriftTimeline: Sendable, Equatable {
    /// Start of the first window, seconds since the epoch.
    public var start: Double
    public var windowSeconds: Double
    public var rows: [Int]
    /// NaN where a window has no labelled rows.
    public var accuracy: [Double]
    /// NaN where a window has no confidence values.
    public var meanConfidence: [Double]
    /// `psi[dimension][window]` on the reference's deciles; NaN for windows with fewer than
    /// `minimumPSIRows` rows, where ten bins say more about sampling noise than drift.
    public var psi: [[Double]]

    public init(
        start: Double, windowSeconds: Double, rows: [Int], accuracy: [Double], meanConfidence: [Double], psi: [[Double]]
    ) {
        self.start = start
        self.windowSeconds = windowSeconds
        self.rows = rows
        self.accuracy = accuracy
        self.meanConfidence = meanConfidence
        self.psi = psi
    }

    public static let minimumPSIRows = 10

    public var windowCount: Int { rows.count }

    /// "1 min", "15 min", "1 h", "1 d": how the screens name a window.
    public var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }

    /// The name of a window of `seconds`, as `windowName` gives it.
    public static func windowName(seconds: Double) -> String { SnapshotWindows.name(seconds: seconds) }
}

/// Quality of the last window with labelled rows against the one before it.
public struct QualityChange: Sendable, Equatable {
    public var current: QualityReport
    public var previous: QualityReport
    public var windowSeconds: Double

    public init(current: QualityReport, previous: QualityReport, windowSeconds: Double) {
        self.current = current
        self.previous = previous
        self.windowSeconds = windowSeconds
    }

    public var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }
    public var accuracy: Double { current.accuracy - previous.accuracy }
    public var macroF1: Double { current.macro.f1 - previous.macro.f1 }
    public var balancedAccuracy: Double { current.balancedAccuracy - previous.balancedAccuracy }
}
