import ModelTopBase
import ModelTopTables
import ModelTopStatistics

/// The newest production rows judged on their own, beside the whole history: with months of
/// rows behind it, a drift that began a minute ago barely moves the all-time statistics.
package struct RecentDrift: Sendable, Equatable {
    /// "the last 500 rows", "the last 15 min (2,310 rows)".
    package var name: String
    package var rows: Int
    package var drift: DriftReport

    /// At least this many rows, so the window's statistics mean something.
    package static let minimumRows = 500
    /// With timestamps, at least this span: a window follows the traffic's own rate.
    package static let minimumSeconds = 900.0

    /// Judging the window costs an O(reference) walk per dimension, 17 ms for 500 rows and
    /// 53 ms for 90,000 on the benchmark's 60,000 × 32 reference (modeltop-bench-append), so a
    /// dashboard under steady writes judges it at most this often, not for every frame.
    package static let refreshSeconds = 1.0

    /// The last verdict, when it was judged, and whether rows arrived since.
    package struct Cache: Sendable {
        var rows = -1
        var at = -Double.infinity
        var value: RecentDrift?
        /// Rows arrived after the cached verdict: build again once `refreshSeconds` have passed.
        package internal(set) var isStale = false

        package init() {}
    }

    /// `judge`, or the cached verdict while it is under `refreshSeconds` old; `now` is a
    /// monotonic clock in seconds.
    package static func judge(_ monitor: Monitor, options: DriftOptions, now: Double, cache: inout Cache) -> RecentDrift? {
        guard now - cache.at >= refreshSeconds || now < cache.at else {
            cache.isStale = cache.isStale || monitor.rows != cache.rows
            return cache.value
        }
        cache.rows = monitor.rows
        cache.at = now
        cache.value = judge(monitor, options: options)
        cache.isStale = false
        return cache.value
    }

    /// The recent window of `monitor`, or nil when it would be the whole history anyway. The
    /// window is the last 15 minutes when that holds at least 500 rows, else the last 500 rows.
    package static func judge(_ monitor: Monitor, options: DriftOptions) -> RecentDrift? {
        let count = recentRowCount(monitor)
        guard count < monitor.rows else { return nil }
        let recent = monitor.keepingLast(count, embedding: false)
        let byTime = monitor.productionSchema.hasTimestamp && count > minimumRows
        let name = byTime
            ? "the last \(SnapshotWindows.name(seconds: minimumSeconds)) (\(ReportNumber.grouped(count)) rows)"
            : "the last \(ReportNumber.grouped(count)) rows"
        let drift = DriftReport.compute(reference: recent.reference.dimensions, production: recent.dimensions, options: options)
        return RecentDrift(name: name, rows: count, drift: drift)
    }

    /// max(500, the rows within 15 minutes of the newest timestamp).
    static func recentRowCount(_ monitor: Monitor) -> Int {
        var count = min(minimumRows, monitor.rows)
        let stamps = monitor.timestamp
        if monitor.productionSchema.hasTimestamp, let newest = stamps.last, newest.isFinite {
            var first = stamps.count
            while first > 0, stamps[first - 1] >= newest - minimumSeconds { first -= 1 }
            count = max(count, stamps.count - first)
        }
        return count
    }
}
