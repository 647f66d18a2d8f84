import ModelTopBase
import ModelTopTables
import ModelTopStatistics

/// The whole fleet as the console shows it: drift per dimension from the summed rank
/// histograms, quality from the summed confusion matrix, latency from the summed histogram,
/// and each replica's state. Computed with the report's own functions, so a fleet figure is
/// the figure `modeltop report` gives on every replica's rows together.
package struct FleetSnapshot: Sendable {
    package struct Dimension: Sendable, Equatable {
        package var name: String
        package var psi: Double
        /// KS statistic on the 5% reference-quantile grid: the exact one is at least this.
        package var ksGrid: Double
        package var rows: Int
        package var drifted: Bool

        package init(name: String, psi: Double, ksGrid: Double, rows: Int, drifted: Bool) {
            self.name = name
            self.psi = psi
            self.ksGrid = ksGrid
            self.rows = rows
            self.drifted = drifted
        }
    }

    package struct Replica: Sendable, Equatable {
        package var instance: String
        /// "up", "stale" (the last scrape failed, or is older than two intervals) or "unknown".
        package var health: String
        package var lastScrape: Double?
        package var lastError: String
        package var rows: Double?
        package var driftShare: Double?
        package var accuracy: Double?
        package var p99: Double?
        package var modelVersion: String?
        package var lastData: Double?

        package init(
            instance: String, health: String, lastScrape: Double?, lastError: String, rows: Double?, driftShare: Double?,
            accuracy: Double?, p99: Double?, modelVersion: String?, lastData: Double?
        ) {
            self.instance = instance
            self.health = health
            self.lastScrape = lastScrape
            self.lastError = lastError
            self.rows = rows
            self.driftShare = driftShare
            self.accuracy = accuracy
            self.p99 = p99
            self.modelVersion = modelVersion
            self.lastData = lastData
        }
    }

    package var dimensions: [Dimension] = []
    package var quality: QualityReport?
    package var requests: [String: Double] = [:]
    /// p50, p95, p99 of the fleet's latency, in seconds (histogram interpolation, as PromQL's).
    package var latency: (p50: Double, p95: Double, p99: Double)?
    package var estimatedAccuracy: Double?
    package var replicas: [Replica] = []
    /// modeltop's alert rules pending or firing in Prometheus, firing first.
    package var alerts: [PrometheusAnswer.Alert] = []
    /// When these figures were answered; nil before the first answer.
    package var answeredAt: Double?
    /// The last round's failure, shown as a notice while the figures before it stay.
    package var problem: String?
    /// The PSI threshold a dimension drifts at (the report's default) and the share of drifted
    /// dimensions at which the fleet's data set drifts.
    package var threshold = DriftTest.psi.defaultThreshold
    package var driftShareLimit = 0.5

    package init() {}

    package var driftedCount: Int { dimensions.filter(\.drifted).count }
    package var driftShare: Double? { dimensions.isEmpty ? nil : Double(driftedCount) / Double(dimensions.count) }
    package var datasetDrift: Bool { (driftShare ?? 0) >= driftShareLimit && !dimensions.isEmpty }
    package var totalRequests: Double { requests.values.reduce(0, +) }

    /// The fleet from one round of answers; `previous` keeps its figures when the round failed.
    package static func make(_ answers: FleetAnswers, now: Double, previous: FleetSnapshot?) -> FleetSnapshot {
        if let problem = answers.problem, var kept = previous {
            kept.problem = problem
            kept.replicas = replicas(answers, now: now, previous: kept.replicas)
            return kept
        }
        var snapshot = FleetSnapshot()
        snapshot.problem = answers.problem
        snapshot.answeredAt = answers.problem == nil ? now : nil
        snapshot.dimensions = dimensions(production: answers[.productionRanks], reference: answers[.referenceRanks], threshold: snapshot.threshold)
        snapshot.quality = quality(answers[.confusion])
        for sample in answers[.requests] { snapshot.requests[sample.labels["code"] ?? "?", default: 0] += sample.value }
        snapshot.latency = latency(answers[.latency])
        snapshot.estimatedAccuracy = answers[.estimated].first.map(\.value).flatMap { $0.isFinite ? $0 : nil }
        snapshot.replicas = replicas(answers, now: now, previous: [])
        snapshot.alerts = answers.alerts.sorted { ($0.state == "firing" ? 0 : 1, $0.name) < ($1.state == "firing" ? 0 : 1, $1.name) }
        return snapshot
    }

    /// PSI and the KS grid statistic per dimension, from the summed cumulative rank buckets.
    package static func dimensions(production: [PrometheusAnswer.Sample], reference: [PrometheusAnswer.Sample], threshold: Double = DriftTest.psi.defaultThreshold) -> [Dimension] {
        let produced = cumulative(production), referenced = cumulative(reference)
        return produced.keys.sorted(by: DimensionOrder.less).compactMap { name in
            guard let p = produced[name], let r = referenced[name], let pTotal = p.total, let rTotal = r.total else { return nil }
            let pCounts = QuantileRank.decileCounts(cumulative: p.levels, total: pTotal)
            let rCounts = QuantileRank.decileCounts(cumulative: r.levels, total: rTotal)
            let psi = PopulationStabilityIndex.quantile(referenceCounts: rCounts, productionCounts: pCounts)
            var ks = 0.0
            if pTotal > 0, rTotal > 0 {
                for (a, b) in zip(p.levels, r.levels) { ks = max(ks, abs(Double(a) / Double(pTotal) - Double(b) / Double(rTotal))) }
            }
            return Dimension(name: name, psi: psi, ksGrid: ks, rows: pTotal, drifted: psi >= threshold)
        }
    }

    /// Per dimension: the count at each rank level (0.05 … 0.95) and under +Inf.
    private static func cumulative(_ samples: [PrometheusAnswer.Sample]) -> [String: (levels: [Int], total: Int?)] {
        var result: [String: (levels: [Int], total: Int?)] = [:]
        let index = Dictionary(uniqueKeysWithValues: QuantileRank.levels.enumerated().map { (Self.bound($0.element), $0.offset) })
        for sample in samples {
            guard let name = sample.labels[MetricName.dimensionLabel], let le = sample.labels["le"] else { continue }
            var entry = result[name] ?? ([Int](repeating: 0, count: QuantileRank.levels.count), nil)
            let count = Int(sample.value.rounded())
            if le == "+Inf" {
                entry.total = count
            } else if let bound = Double(le), let k = index[Self.bound(bound)] {
                entry.levels[k] = count
            }
            result[name] = entry
        }
        return result
    }

    /// A bucket bound as a key: le="0.1" and 0.1 as Double must meet.
    private static func bound(_ value: Double) -> Int { Int((value * Double(QuantileRank.steps)).rounded()) }

    /// Accuracy, F1 and the rest, with scikit-learn's definitions, from the summed counter.
    package static func quality(_ samples: [PrometheusAnswer.Sample]) -> QualityReport? {
        var labels = LabelTable(), matrix = ConfusionMatrix()
        for sample in samples {
            guard let target = sample.labels["target"], let prediction = sample.labels["prediction"], sample.value > 0 else { continue }
            let truth = Int(labels.intern(target)), predicted = Int(labels.intern(prediction))
            matrix.add(truth: truth, predicted: predicted, count: Int(sample.value.rounded()))
        }
        return QualityReport.compute(matrix, labels: labels)
    }

    /// PromQL's `histogram_quantile` on the summed latency buckets.
    package static func latency(_ samples: [PrometheusAnswer.Sample]) -> (p50: Double, p95: Double, p99: Double)? {
        let buckets = samples.compactMap { sample -> (bound: Double, count: Double)? in
            guard let le = sample.labels["le"] else { return nil }
            return (le == "+Inf" ? .infinity : Double(le) ?? .nan, sample.value)
        }.filter { !$0.bound.isNaN }.sorted { $0.bound < $1.bound }
        guard let total = buckets.last?.count, buckets.last?.bound == .infinity, total > 0 else { return nil }
        func quantile(_ q: Double) -> Double {
            let rank = q * total
            var lower = 0.0, below = 0.0
            for bucket in buckets {
                if bucket.count >= rank {
                    if bucket.bound == .infinity { return lower }
                    let inBucket = bucket.count - below
                    return inBucket > 0 ? lower + (bucket.bound - lower) * (rank - below) / inBucket : bucket.bound
                }
                lower = bucket.bound
                below = bucket.count
            }
            return lower
        }
        return (quantile(0.5), quantile(0.95), quantile(0.99))
    }

    /// Each target of the job with its own figures; a target whose last scrape is older than
    /// two intervals (or that failed) is stale, whatever its last health said.
    static func replicas(_ answers: FleetAnswers, now: Double, previous: [Replica]) -> [Replica] {
        func value(_ slot: FleetAnswers.Slot, _ instance: String) -> Double? {
            answers[slot].first { $0.labels["instance"] == instance }.map(\.value).flatMap { $0.isNaN ? nil : $0 }
        }
        guard !answers.targets.isEmpty else { return previous.map { var r = $0; r.health = "unknown"; return r } }
        return answers.targets.map { target in
            // Prometheus says "down" after one failed scrape: the replica's figures are stale.
            var health = target.health == "down" ? "stale" : target.health
            if let last = target.lastScrape, let interval = DurationText.seconds(target.scrapeInterval, bareNumber: false),
               now - last > 2 * interval {
                health = "stale"
            }
            return Replica(
                instance: target.instance, health: health, lastScrape: target.lastScrape, lastError: target.lastError,
                rows: value(.rows, target.instance), driftShare: value(.driftShare, target.instance),
                accuracy: value(.accuracy, target.instance), p99: value(.p99, target.instance),
                modelVersion: answers[.modelInfo].first { $0.labels["instance"] == target.instance }?.labels["version"],
                lastData: value(.lastData, target.instance))
        }.sorted { $0.instance < $1.instance }
    }
}

/// Dimension names in the order a person expects: emb_2 before emb_10.
enum DimensionOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        let (pa, na) = split(a), (pb, nb) = split(b)
        if pa != pb { return pa < pb }
        if let na, let nb, na != nb { return na < nb }
        return a < b
    }

    private static func split(_ name: String) -> (String, Int?) {
        let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return (name, nil) }
        return (String(name.dropLast(digits.count)), Int(String(digits.reversed())))
    }
}

