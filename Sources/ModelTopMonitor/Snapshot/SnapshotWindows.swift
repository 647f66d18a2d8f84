import ModelTopBase

/// Fixed-width time windows chosen to fit the span of the data in at most `maxWindows`.
///
/// Windows are aligned to the clock (a 15-minute window starts at :00, :15, :30 or :45 UTC), and
/// each candidate width is a whole multiple of the one before. So when the span outgrows the
/// current width, every wider window is a union of whole narrower ones: per-window counts are
/// added, never counted again from rows (`mapping(to:)`), which watch mode no longer keeps.
struct SnapshotWindows: Sendable, Equatable {
    static let maxWindows = 60
    /// Round widths people read at a glance, each a multiple of the previous: 1 min … 28 d.
    static let candidates: [Double] = [60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800, 2_419_200]
    /// Timestamps beyond this (about 31 million years from 1970) are left out of the windows.
    static let largestTime = 1e15

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
        guard range.low <= range.high else { return nil }
        let low = minute(range.low), high = minute(range.high)
        var width = candidates[0]
        var k = 0
        while true {
            let step = Int(width / 60)
            let first = floorDivision(low, step), last = floorDivision(high, step)
            if last - first + 1 <= maxWindows {
                return SnapshotWindows(start: Double(first * step) * 60, width: width, count: last - first + 1)
            }
            k += 1
            // Past 28 days, doublings of it.
            width = k < candidates.count ? candidates[k] : width * 2
        }
    }

    /// The whole minutes since 1970 of a timestamp within `largestTime`.
    static func minute(_ t: Double) -> Int { Int((t / 60).rounded(.down)) }

    static func floorDivision(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Whether rows keep their window under `other`: the same start and width (more windows at
    /// the end only).
    func keepsAssignments(under other: SnapshotWindows) -> Bool {
        start == other.start && width == other.width
    }

    /// For each window of `self`, its window under `wider` (which covers the same rows and more,
    /// with a width that is a multiple of this one, as `choose` gives).
    func mapping(to wider: SnapshotWindows) -> [Int] {
        let step = Int(width / 60), widerStep = Int(wider.width / 60)
        let first = Self.floorDivision(Self.minute(start), step), widerFirst = Self.floorDivision(Self.minute(wider.start), widerStep)
        return (0..<count).map { i in Self.floorDivision((first + i) * step, widerStep) - widerFirst }
    }

    /// The window of each row; -1 for rows without a finite timestamp.
    func assign(_ timestamps: [Double]) -> [Int32] { assign(timestamps[...]) }

    func assign<Times: Collection<Double>>(_ timestamps: Times) -> [Int32] {
        let step = Int(width / 60), first = Self.floorDivision(Self.minute(start), step)
        return timestamps.map { t in
            guard t.isFinite, abs(t) <= Self.largestTime else { return -1 }
            return Int32(min(count - 1, max(0, Self.floorDivision(Self.minute(t), step) - first)))
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

    mutating func include<Times: Collection<Double>>(_ timestamps: Times) {
        for t in timestamps where t.isFinite && abs(t) <= SnapshotWindows.largestTime {
            low = min(low, t)
            high = max(high, t)
        }
    }
}
