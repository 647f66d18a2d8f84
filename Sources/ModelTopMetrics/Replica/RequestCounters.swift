import Prometheus
import ModelTopLogs

/// The prediction logs' requests as counts that add up across replicas: requests by status
/// class, latency and confidence as histograms. Counted once each as they are read; a log
/// directory read again from the start (fewer requests than counted) gets new counters.
final class RequestCounters {
    let registry = PrometheusCollectorRegistry()
    /// Requests counted so far, those past the feedback horizon included.
    private(set) var counted = 0
    /// Requests that left memory (`--feedback-horizon`) before their latency and confidence
    /// were counted (their status still is: the history keeps it).
    private(set) var missed = 0
    private var exposedCodes = StatusCounts()
    private let byCode: [String: Counter]
    private let latency: ValueHistogram
    private let confidence: ValueHistogram

    init() {
        let registry = self.registry
        byCode = Dictionary(uniqueKeysWithValues: ["2xx", "4xx", "5xx", "other"].map { code in
            (code, registry.makeCounter(descriptor: MetricName.requests.descriptor, labels: [("code", code)]))
        })
        latency = registry.makeValueHistogram(descriptor: MetricName.latency.descriptor, buckets: MetricName.latencyBuckets)
        confidence = registry.makeValueHistogram(
            descriptor: MetricName.confidence.descriptor, buckets: MetricName.confidenceBuckets)
    }

    /// All requests the monitor has seen: those it keeps and those past its horizon.
    static func total(_ logs: LogMonitor) -> Int { logs.history.requests + logs.table.count }

    /// Counts the requests read since the last call.
    func observe(_ logs: LogMonitor) {
        let total = Self.total(logs)
        guard total > counted else { return }
        let table = logs.table, firstKept = logs.history.requests
        var codes = exposedCodes
        if counted < firstKept {
            // Some left before they were counted: their statuses are in the history's counts,
            // so the totals are taken whole (once; the usual read adds only the new rows).
            missed += firstKept - counted
            counted = firstKept
            codes = logs.history.status
            for status in table.status[..<(counted - firstKept)] { codes.add(status) }
        }
        for status in table.status[(counted - firstKept)...] { codes.add(status) }
        add(codes)
        for row in (counted - firstKept)..<table.count {
            let milliseconds = table.latencyMs[row]
            if milliseconds.isFinite, milliseconds >= 0 { latency.record(milliseconds / 1000) }
            if table.isScored(row) {
                let top = table.confidence(at: row)
                if top.isFinite { confidence.record(top) }
            }
        }
        counted = total
    }

    /// Brings the status counters up to `codes`, the totals of every request read.
    private func add(_ codes: StatusCounts) {
        let now = [("2xx", codes.success), ("4xx", codes.clientError), ("5xx", codes.serverError), ("other", codes.other)]
        let before = [exposedCodes.success, exposedCodes.clientError, exposedCodes.serverError, exposedCodes.other]
        for ((code, count), exposed) in zip(now, before) where count > exposed {
            byCode[code]?.increment(by: Int64(count - exposed))
        }
        exposedCodes = codes
    }
}
