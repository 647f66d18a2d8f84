import ModelTopBase
import ModelTopStatistics

/// Requests cut into windows of an equal number of requests, in the order they were logged.
///
/// Time windows answer "what happened at 14:05"; count windows answer "what did the last N
/// requests look like", which stays meaningful when traffic is bursty (a quiet night's window of
/// ten requests next to a busy hour's of ten thousand says little).
package enum CountWindows {
    /// Window sizes tried, smallest first: the first that gives at most `maxWindows` wins.
    package static let sizes = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]
    package static let maxWindows = 120

    /// The window size and the windows (the last one may be partial); each window's `start` is
    /// the timestamp of its first request.
    package static func compute(
        _ table: RequestTable, reference: ReferenceProfile?, threshold: Double
    ) -> (size: Int, windows: [TimeWindow]) {
        let total = table.count
        let size = sizes.first { (total + $0 - 1) / $0 <= maxWindows } ?? (total + maxWindows - 1) / maxWindows
        guard total > 0 else { return (size, []) }
        let count = (total + size - 1) / size
        let windows = ParallelMap.map(count: count) { i in
            let rows = Array(i * size..<min(total, (i + 1) * size))
            return TimeWindows.window(table, rows: rows, start: table.ts[rows[0]], reference: reference, threshold: threshold)
        }
        return (size, windows)
    }
}
