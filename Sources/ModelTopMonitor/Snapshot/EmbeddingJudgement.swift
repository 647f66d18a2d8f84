import ModelTopStatistics

extension Monitor {
    /// The whole-embedding tests on every row so far (nil without production rows). Costs a few
    /// tenths of a second whatever the row count (seeded samples of 1,000 rows a side).
    package func embeddingDrift() -> EmbeddingDrift? {
        rows > 0 ? EmbeddingDrift.measure(reference: reference.embedding, production: embedding) : nil
    }
}

/// The whole-embedding verdict of a live monitor, judged again only when rows arrived and the
/// last judgement is `refreshSeconds` old: the tests cost tenths of a second, so a dashboard or
/// watch under steady writes runs them every ten seconds, and an idle one never.
package struct EmbeddingJudgement: Sendable {
    var rows = -1
    var lineage = -1
    var at = -Double.infinity
    package private(set) var value: EmbeddingDrift?
    /// Rows arrived after the cached verdict.
    package private(set) var isStale = false

    package static let refreshSeconds = 10.0

    package init() {}

    /// `now`: a monotonic clock in seconds.
    package mutating func judge(_ monitor: Monitor, now: Double) -> EmbeddingDrift? {
        // A windowed monitor is a fresh copy (a new lineage) at every refresh, so the lineage
        // alone does not mean new rows; a restarted file comes with a new cache.
        let changed = monitor.rows != rows || monitor.lineage != lineage
        guard changed else { return value }
        guard value == nil || now - at >= Self.refreshSeconds || now < at else {
            isStale = true
            return value
        }
        rows = monitor.rows
        lineage = monitor.lineage
        at = now
        value = monitor.embeddingDrift()
        isStale = false
        return value
    }
}
