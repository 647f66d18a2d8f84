import ModelTopBase
import ModelTopStatistics

extension Monitor {
    /// The whole-embedding tests on every row so far (nil without production rows). Costs a few
    /// tenths of a second whatever the row count (seeded samples of 1,000 rows a side).
    package func embeddingDrift() -> EmbeddingDrift? {
        rows > 0 ? EmbeddingDrift.measure(reference: reference.embedding, production: embedding) : nil
    }
}

/// The whole-embedding verdict of a live monitor, judged in the background: the tests cost a few
/// tenths of a second (seconds in a debug build), which the live updater and `watch`'s loop must
/// not wait for, since they also read files and evaluate alert rules each second. A judgement
/// starts when rows arrived and the last one started `refreshSeconds` ago; until it ends the
/// previous verdict stands (the snapshot says which rows it covers), and an idle monitor is
/// never judged again.
package struct EmbeddingJudgement: Sendable {
    var rows = -1
    var lineage = -1
    var requests = -1
    var at = -Double.infinity
    var pending: BackgroundResult<EmbeddingDrift?>?
    package private(set) var value: EmbeddingDrift?

    package static let refreshSeconds = 10.0

    package init() {}

    /// Rows arrived after the verdict, or a judgement is under way.
    package var isStale: Bool { pending != nil || staleRows }
    private var staleRows = false

    /// Whether a snapshot built now would carry a newer verdict or start a due judgement: a
    /// judgement finished, or rows arrived and the last one started `refreshSeconds` ago. The
    /// live updater and `watch` ask this about once a second instead of rebuilding while they wait.
    package func needsBuild(now: Double) -> Bool {
        if let pending { return pending.isDone }
        return staleRows && (now - at >= Self.refreshSeconds || now < at)
    }

    /// `now`: a monotonic clock in seconds. Returns at once, with the newest finished verdict.
    /// `uncertainty`, when the served model and its logged probabilities are at hand, runs in the
    /// same background job; `requests` (how many are logged) counts as new data too.
    package mutating func judge(
        _ monitor: Monitor, now: Double, requests: Int = 0, uncertainty: (@Sendable () -> UncertaintyDrift?)? = nil
    ) -> EmbeddingDrift? {
        if let job = pending, job.isDone {
            value = job.wait()
            pending = nil
        }
        // A windowed monitor is a fresh copy (a new lineage) at every refresh, so the lineage
        // alone does not mean new rows; a restarted file comes with a new cache.
        let changed = monitor.rows != rows || monitor.lineage != lineage || requests != self.requests
        guard changed else {
            staleRows = false
            return value
        }
        guard pending == nil, now - at >= Self.refreshSeconds || now < at || (value == nil && rows < 0) else {
            staleRows = true
            return value
        }
        rows = monitor.rows
        lineage = monitor.lineage
        self.requests = requests
        at = now
        staleRows = false
        guard monitor.rows > 0 else {
            value = nil
            return value
        }
        let reference = monitor.reference.embedding, production = monitor.embedding
        pending = BackgroundResult {
            var drift = EmbeddingDrift.measure(reference: reference, production: production)
            drift.uncertainty = uncertainty?()
            return drift
        }
        return value
    }
}
