/// The PromQL the fleet console asks, over one job's targets. The fleet's figures are summed
/// from the replicas' counts here and computed in Swift exactly as `modeltop report` computes
/// them, so the console needs no recording rule loaded (the shipped rules give the same
/// numbers to Grafana and the alert rules).
package struct FleetQueries: Sendable {
    /// The scrape job whose targets are the replicas (`job_name` in prometheus.yml).
    package var job: String

    package init(job: String) { self.job = job }

    private var selector: String { "job=\"\(Self.escaped(job))\"" }

    /// A replica that is down keeps its last counts for an hour, as in the shipped rules:
    /// Prometheus marks its series stale at once, which would drop its history from the sums.
    static let keep = "1h"

    package var productionRanks: String {
        "sum by (dimension, le) (last_over_time(\(MetricName.rank.name)_bucket{\(selector),sample=\"production\"}[\(Self.keep)]))"
    }
    package var referenceRanks: String {
        "max by (dimension, le) (last_over_time(\(MetricName.rank.name)_bucket{\(selector),sample=\"reference\"}[\(Self.keep)]))"
    }
    package var confusion: String { "sum by (target, prediction) (last_over_time(\(MetricName.feedback.name){\(selector)}[\(Self.keep)]))" }
    package var requests: String { "sum by (code) (\(MetricName.requests.name){\(selector)})" }
    package var latency: String { "sum by (le) (\(MetricName.latency.name)_bucket{\(selector)})" }
    package var estimated: String {
        "sum(\(MetricName.expectedCorrect.name){\(selector)}) / sum(\(MetricName.estimatedRequests.name){\(selector)})"
    }

    // ── Per replica: a stale one shows its last values ──
    private func last(_ name: String) -> String { "last_over_time(\(name){\(selector)}[\(Self.keep)])" }
    package var rows: String { last(MetricName.productionRows.name) }
    package var driftShare: String { last(MetricName.driftShare.name) }
    package var accuracy: String { last(MetricName.accuracy.name) }
    package var modelInfo: String { last(MetricName.modelInfo.name) }
    package var lastData: String { last(MetricName.lastData.name) }
    package var p99: String { "histogram_quantile(0.99, sum by (instance, le) (\(last(MetricName.latency.name + "_bucket"))))" }

    /// Every query with the slot its answer fills.
    package var all: [(FleetAnswers.Slot, String)] {
        [
            (.productionRanks, productionRanks), (.referenceRanks, referenceRanks), (.confusion, confusion),
            (.requests, requests), (.latency, latency), (.estimated, estimated), (.rows, rows), (.driftShare, driftShare),
            (.accuracy, accuracy), (.modelInfo, modelInfo), (.lastData, lastData), (.p99, p99),
        ]
    }

    /// A PromQL string literal's content: backslashes and quotes escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

/// What one round of questions to Prometheus brought back.
package struct FleetAnswers: Sendable {
    package enum Slot: Sendable, Hashable, CaseIterable {
        case productionRanks, referenceRanks, confusion, requests, latency, estimated
        case rows, driftShare, accuracy, modelInfo, lastData, p99
    }

    package var vectors: [Slot: [PrometheusAnswer.Sample]] = [:]
    package var targets: [PrometheusAnswer.Target] = []
    /// modeltop's alert rules (named `ModelTop…`, docs/prometheus/modeltop-rules.yml) pending or firing.
    package var alerts: [PrometheusAnswer.Alert] = []
    /// The first failure of the round ("connection refused", a PromQL error), nil when all answered.
    package var problem: String?

    package init() {}

    package subscript(slot: Slot) -> [PrometheusAnswer.Sample] { vectors[slot] ?? [] }
}
