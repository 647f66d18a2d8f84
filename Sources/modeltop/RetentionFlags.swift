import ArgumentParser
import Foundation
import ModelTopMonitor
import ModelTopIO

/// `--retain`: how many of the newest production rows watch mode and the dashboard keep whole.
struct RetentionFlags: ParsableArguments {
    static let defaultRows = 100_000

    @Option(
        name: .customLong("retain"), parsing: .unconditional,
        help: ArgumentHelp("""
            Keep the newest N production rows whole (for --window, the recent window and samples); \
            older rows are kept as counts only, so memory stays bounded however long it runs. Drift, \
            KS, PSI and quality still cover every row; the whole history's Wasserstein distance is \
            then estimated within a stated bound, and latency percentiles cover the kept rows. \
            A row --window larger than N raises it.
            """, valueName: "N"))
    var rows: Int = RetentionFlags.defaultRows

    @Option(
        name: .customLong("feedback-horizon"), parsing: .unconditional,
        help: ArgumentHelp("""
            Keep the newest N prediction-log requests whole, awaiting their feedback; older ones \
            are kept as counts (volume, errors, measured quality, latency within 0.1%), and feedback \
            arriving after its request left counts as feedback without a request. Exact latency, \
            confidence, estimated accuracy and the log windows cover the kept requests.
            """, valueName: "N"))
    var feedbackHorizon: Int = RetentionFlags.defaultRows

    @Flag(
        name: .customLong("no-checkpoint"),
        help: """
            Neither resume from nor save a checkpoint. By default what was read of prod_data.csv \
            is saved every minute and on exit under $XDG_CACHE_HOME/modeltop (or \
            ~/.cache/modeltop), so a restart reads only the rows written since.
            """)
    var noCheckpoint = false

    /// Where checkpoints go, unless turned off (or no cache directory can be found).
    var checkpoints: CheckpointStore? {
        noCheckpoint ? nil : CheckpointStore.standard(environment: ProcessInfo.processInfo.environment)
    }

    func check() throws {
        if rows < 1_000 { throw ValidationError("--retain must be at least 1000 rows") }
        if feedbackHorizon < 1_000 { throw ValidationError("--feedback-horizon must be at least 1000 requests") }
    }

    /// The rows kept: at least a row window's.
    func rows(for window: ProductionWindow) -> Int {
        if case .rows(let count) = window { return max(rows, count) }
        return rows
    }
}
