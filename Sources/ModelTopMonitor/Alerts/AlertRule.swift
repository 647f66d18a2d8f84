import ModelTopBase

/// One condition worth telling someone about, as a Prometheus alert rule has it: a figure, a
/// threshold, a severity, and how long the condition must hold (`for`) before it fires.
package struct AlertRule: Sendable, Equatable {
    package enum Comparison: String, Sendable, Equatable {
        /// Fires while the figure is greater than the threshold.
        case above
        /// Fires while the figure is less than the threshold.
        case below
    }

    package enum Severity: String, Sendable, Equatable, Comparable {
        case warning = "warn"
        case critical = "crit"

        package static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .critical }
        /// The word shown and sent ("warning", "critical").
        package var word: String { self == .warning ? "warning" : "critical" }
    }

    /// Unique among the rules; the config file's table name (`[alerts.server_errors]`).
    package var name: String
    package var metric: AlertMetric
    package var comparison: Comparison
    package var threshold: Double
    package var severity: Severity
    /// Seconds the condition must hold before the alert fires (0: at once).
    package var holdSeconds: Double
    /// Fewer rows or requests than this behind the figure: it says nothing yet (a PSI over 40
    /// rows is noise), and the rule does not fire.
    package var minSamples: Int
    package var enabled: Bool

    package init(
        name: String, metric: AlertMetric, _ comparison: Comparison, _ threshold: Double, severity: Severity,
        holdSeconds: Double = 0, minSamples: Int = 0, enabled: Bool = true
    ) {
        self.minSamples = minSamples
        self.name = name
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.severity = severity
        self.holdSeconds = holdSeconds
        self.enabled = enabled
    }

    /// True when `figure` is on the alerting side of the threshold, with samples enough.
    package func holds(for figure: AlertFacts.Figure) -> Bool {
        let value = figure.value
        guard !value.isNaN, (figure.samples ?? .max) >= minSamples else { return false }
        return comparison == .above ? value > threshold : value < threshold
    }

    /// "5xx rate above 5.0%".
    package var condition: String {
        switch metric {
        case .datasetDrift: return "dataset drift by the --drift-share rule"
        case .embeddingDrift: return "embedding drift by the --embedding-test verdict"
        default: return "\(metric.label) \(comparison.rawValue) \(metric.format(threshold))"
        }
    }
}

/// The rules in force and the size of the "newest requests" window they judge.
package struct AlertRules: Sendable, Equatable {
    package var rules: [AlertRule]
    /// The request-based figures (5xx rate, p99 latency, low confidence) cover this many of the
    /// newest requests, so a burst fires and, once over, resolves.
    package var recentRequests: Int

    package init(rules: [AlertRule] = AlertRules.defaults, recentRequests: Int = 200) {
        self.rules = rules
        self.recentRequests = recentRequests
    }

    package var enabled: [AlertRule] { rules.filter(\.enabled) }

    /// Defaults for the course stack: an MNIST classifier around 0.9 accuracy, a FastAPI service
    /// answering in tens of milliseconds, feedback every few seconds.
    package static let defaults: [AlertRule] = [
        AlertRule(name: "data_drift", metric: .datasetDrift, .above, 0, severity: .critical, holdSeconds: 60, minSamples: 100),
        AlertRule(name: "embedding_drift", metric: .embeddingDrift, .above, 0, severity: .warning, holdSeconds: 60, minSamples: 100),
        AlertRule(name: "accuracy_low", metric: .accuracy, .below, 0.8, severity: .critical, holdSeconds: 60, minSamples: 100),
        AlertRule(name: "macro_f1_low", metric: .macroF1, .below, 0.75, severity: .warning, holdSeconds: 60, minSamples: 100),
        AlertRule(name: "accuracy_drop", metric: .accuracyDrop, .above, 0.05, severity: .warning, holdSeconds: 60),
        AlertRule(name: "estimated_accuracy_low", metric: .estimatedAccuracy, .below, 0.8, severity: .warning, holdSeconds: 60, minSamples: 100),
        AlertRule(name: "server_errors", metric: .serverErrorRate, .above, 0.05, severity: .critical, holdSeconds: 30, minSamples: 50),
        AlertRule(name: "latency_p99", metric: .latencyP99, .above, 500, severity: .warning, holdSeconds: 60, minSamples: 50),
        AlertRule(name: "low_confidence", metric: .lowConfidenceShare, .above, 0.3, severity: .warning, holdSeconds: 60, minSamples: 50),
        AlertRule(name: "stale_data", metric: .staleSeconds, .above, 600, severity: .warning),
        AlertRule(name: "rejected_lines", metric: .rejectedShare, .above, 0.01, severity: .warning, holdSeconds: 60),
    ]
}
