import ModelTopBase

/// Fixed-width time windows chosen to fit the span of the data in at most `maxWindows`.
struct SnapshotWindows: Sendable, Equatable {
    static let maxWindows = 60
    /// Round widths people read at a glance: 1 min … 30 d.
    static let candidates: [Double] = [60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800, 2_592_000]

    let start: Double
    let width: Double
    let count: Int

    /// nil when no timestamp is finite.
    static func choose(timestamps: [Double]) -> SnapshotWindows? {
        var range = TimeRange()
        range.include(timestamps[...])
        return choose(range)
    }

    /// nil when the range holds no timestamp.
    static func choose(_ range: TimeRange) -> SnapshotWindows? {
        let low = range.low, high = range.high
        guard low <= high else { return nil }
        // Windows start at the first timestamp, so the first one is full and appends never move them.
        for width in candidates {
            let count = Int(((high - low) / width).rounded(.down)) + 1
            if count <= maxWindows { return SnapshotWindows(start: low, width: width, count: count) }
        }
        let width = ((high - low) / Double(maxWindows - 1)).rounded(.up)
        return SnapshotWindows(start: low, width: width, count: min(maxWindows, Int(((high - low) / width).rounded(.down)) + 1))
    }

    /// Whether rows assigned under `self` keep their window under `wider`. True when only more
    /// windows were added at the end with a round width: there no row is clamped into the last
    /// window (t ≤ high gives ⌊(t − start) / width⌋ ≤ count − 1, rounding being monotone), so
    /// each row's window depends on start and width alone. The fallback width is not trusted.
    func keepsAssignments(under wider: SnapshotWindows) -> Bool {
        self == wider || (start == wider.start && width == wider.width && count <= wider.count
            && Self.candidates.contains(width))
    }

    /// The window of each row; -1 for rows without a finite timestamp.
    func assign(_ timestamps: [Double]) -> [Int32] { assign(timestamps[...]) }

    func assign(_ timestamps: ArraySlice<Double>) -> [Int32] {
        timestamps.map { t in
            guard t.isFinite else { return -1 }
            return Int32(min(count - 1, max(0, Int(((t - start) / width).rounded(.down)))))
        }
    }

    static func name(seconds: Double) -> String {
        if seconds >= 86_400, seconds.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(seconds / 86_400)) d" }
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600)) h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return "\(ReportNumber.general(seconds)) s"
    }
}

/// The smallest and largest finite timestamp seen, kept as rows arrive (empty: low > high).
struct TimeRange: Sendable, Equatable {
    var low = Double.infinity
    var high = -Double.infinity

    mutating func include(_ timestamps: ArraySlice<Double>) {
        for t in timestamps where t.isFinite {
            low = min(low, t)
            high = max(high, t)
        }
    }
}
