import Prometheus
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopMonitor

/// The production file's rows as counts that add up across replicas: each dimension's values
/// by reference quantile rank (beside the reference's own, counted once), the confusion matrix
/// and the rows read.
///
/// Counted as rows arrive, once each, so a scrape costs nothing and a million-row file costs
/// one pass at start. One instance per monitor (`lineage`): a production file replaced or
/// started again gets new counters, which Prometheus reads as a counter reset.
final class ProductionCounters {
    let registry = PrometheusCollectorRegistry()
    let lineage: Int
    /// Rows counted so far (absolute indices `0..<counted`).
    private(set) var counted = 0
    /// Rows that left memory (`--retain`) before they were counted: said, never hidden.
    private(set) var missed = 0
    private let edges: [[Double]]
    private let histograms: [ValueHistogram]
    private let rows: Counter
    private var feedback: [Int: (counter: Counter, exposed: Int)] = [:]

    init(monitor: Monitor) {
        lineage = monitor.lineage
        let references = monitor.reference.dimensions
        edges = references.map { QuantileRank.edges(sorted: $0.sorted) }
        let registry = self.registry
        func histogram(_ dimension: String, sample: String) -> ValueHistogram {
            registry.makeValueHistogram(
                descriptor: MetricName.rank.descriptor, labels: [(MetricName.dimensionLabel, MetricName.labelValue(dimension)), (MetricName.sampleLabel, sample)],
                buckets: QuantileRank.levels)
        }
        histograms = references.map { histogram($0.name, sample: "production") }
        for (d, reference) in references.enumerated() {
            let counts = histogram(reference.name, sample: "reference")
            for value in reference.sorted { if let rank = QuantileRank.recorded(value, edges: edges[d]) { counts.record(rank) } }
        }
        rows = registry.makeCounter(descriptor: MetricName.productionRows.descriptor, labels: [])
    }

    /// Counts the rows appended since the last call; call it before rows leave memory.
    func observe(_ monitor: Monitor) {
        guard monitor.rows > counted else { return }
        // One histogram per dimension, each behind its own lock: the dimensions are counted in
        // parallel (a million rows of 32 dimensions is 32 million records).
        let start = counted, histograms = self.histograms, edges = self.edges, dimensions = monitor.dimensions
        _ = ParallelMap.map(count: histograms.count) { d -> Int in
            let histogram = histograms[d], dimensionEdges = edges[d]
            for value in dimensions[d].values(from: start) {
                if let rank = QuantileRank.recorded(value, edges: dimensionEdges) { histogram.record(rank) }
            }
            return 0
        }
        let kept = monitor.dimensions.first.map { $0.count - $0.dropped } ?? monitor.rows
        missed += max(0, monitor.rows - counted - kept)
        rows.increment(by: Int64(monitor.rows - counted))
        counted = monitor.rows
        countFeedback(monitor)
    }

    /// The confusion matrix's growth since the last call, cell by cell. Cells folded into
    /// `_other` share one counter, so their totals are added before comparing.
    private func countFeedback(_ monitor: Monitor) {
        var totals: [Int: Int] = [:]
        monitor.confusion.forEachCell { truth, predicted, count in
            totals[exposedClass(truth) << 32 | exposedClass(predicted), default: 0] += count
        }
        for (key, total) in totals {
            let cell = feedback[key] ?? (
                registry.makeCounter(
                    descriptor: MetricName.feedback.descriptor,
                    labels: [("target", className(key >> 32, monitor)), ("prediction", className(key & 0xFFFF_FFFF, monitor))]),
                0)
            if total > cell.exposed { cell.counter.increment(by: Int64(total - cell.exposed)) }
            feedback[key] = (cell.counter, total)
        }
    }

    /// A label id, or `classesExposed` for every id past the first `classesExposed` ones.
    private func exposedClass(_ id: Int) -> Int { min(id, MetricName.classesExposed) }

    private func className(_ exposed: Int, _ monitor: Monitor) -> String {
        exposed >= MetricName.classesExposed || exposed >= monitor.labels.count
            ? MetricName.otherClass : MetricName.labelValue(monitor.labels.names[exposed])
    }
}
