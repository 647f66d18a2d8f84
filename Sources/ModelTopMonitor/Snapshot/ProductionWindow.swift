import ModelTopBase
import ModelTopTables

/// Which production rows the statistics describe: all of them, or only the newest.
///
/// Over a long-running service "all" dilutes a fresh drift in months of history; a window of
/// the last N rows or the last few minutes shows what production looks like now.
package enum ProductionWindow: Sendable, Equatable {
    case all
    case rows(Int)
    /// The rows whose timestamp is within this many seconds of the newest one.
    case seconds(Double)

    /// Parses `all`, a row count (`5000`) or a duration (`90s`, `15m`, `2h`, `1d`).
    package init?(_ text: String) {
        if text == "all" {
            self = .all
            return
        }
        if let rows = Int(text) {
            guard rows > 0 else { return nil }
            self = .rows(rows)
            return
        }
        // A bare number is a row count (above); a span needs its unit.
        guard let seconds = DurationText.seconds(text, bareNumber: false), seconds > 0 else { return nil }
        self = .seconds(seconds)
    }

    package var description: String {
        switch self {
        case .all: return "all rows"
        case .rows(let count): return "the last \(count) rows"
        case .seconds(let seconds): return "the last \(ReportNumber.general(seconds)) s"
        }
    }
}

extension Monitor {
    /// This monitor restricted to the rows in `window` (the newest rows; rows arrive in order).
    /// Throws when a time window is asked of data without timestamps.
    package func restricted(to window: ProductionWindow) throws(ModelTopError) -> Monitor {
        precondition(keepsRows || window == .all, "a streamed monitor is windowed as it reads (StreamedProduction)")
        switch window {
        case .all:
            return self
        case .rows(let count):
            return keepingLast(count)
        case .seconds(let seconds):
            guard productionSchema.hasTimestamp else {
                throw .usage("--window \(ReportNumber.general(seconds))s needs a timestamp column in \(productionFile); use a row count instead")
            }
            guard let newest = timestamp.max() else { return self }
            let cutoff = newest - seconds
            var first = timestamp.count
            while first > 0, timestamp[first - 1] >= cutoff { first -= 1 }
            var windowed = keepingLast(timestamp.count - first)
            if first == 0, firstRow > 0 {
                windowed.windowNote = "production: \(window.description) may reach back further than the \(ReportNumber.grouped(retainedRows)) rows kept whole (--retain); its statistics cover those"
            }
            return windowed
        }
    }
}
