import Prometheus
import ModelTopLogs
import ModelTopMonitor

/// Everything one replica exposes to Prometheus: the counts that add up across the fleet
/// (kept up to date as rows and requests are read) and the gauges of its latest report.
///
/// Not thread-safe: the loop that reads the files calls it and hands the finished text to
/// whoever serves it (`exposition()` is a string, not a view of live state).
package final class ReplicaMetrics {
    private var production: ProductionCounters?
    private var requests: RequestCounters?
    private var gauges: PrometheusCollectorRegistry?

    package init() {}

    /// Counts the rows read since the last call. Call it before rows leave memory (`--retain`)
    /// too: a monitor started anew (the file replaced) starts its counters anew.
    package func observe(_ monitor: Monitor) {
        if production?.lineage != monitor.lineage { production = ProductionCounters(monitor: monitor) }
        production?.observe(monitor)
    }

    /// Counts the requests read since the last call; logs read again from the start restart the counters.
    package func observe(_ logs: LogMonitor) {
        if let counted = requests?.counted, RequestCounters.total(logs) < counted { requests = nil }
        if requests == nil { requests = RequestCounters() }
        requests?.observe(logs)
    }

    /// The gauges of the report made after the last observations.
    package func publish(_ report: Report, lastData: Double?, modelVersion: String?) {
        gauges = ReplicaGauges.registry(for: report, .init(lastData: lastData, modelVersion: modelVersion))
    }

    /// What was counted but had left memory first: a note for the agent's log, nil when none.
    package var missedNote: String? {
        let rows = production?.missed ?? 0, lost = requests?.missed ?? 0
        guard rows > 0 || lost > 0 else { return nil }
        return "metrics: \(rows) production rows and \(lost) requests had left memory (--retain, --feedback-horizon) before they were counted; their histograms leave them out"
    }

    /// The exposition in Prometheus's text format (version 0.0.4).
    package func exposition() -> String {
        var bytes: [UInt8] = []
        for registry in [production?.registry, requests?.registry, gauges].compactMap({ $0 }) {
            registry.emit(into: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
