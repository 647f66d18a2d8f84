import ModelTopBase

/// An alert starting or ending: what is sent to `--on-alert` and `--webhook` and listed on the
/// Alerts screen. Sent once when it starts and once when it resolves, never every second.
package struct AlertEvent: Sendable, Equatable {
    package enum Status: String, Sendable, Equatable {
        case firing, resolved
    }

    package var status: Status
    package var rule: AlertRule
    /// The figure when the event happened; nil when a resolved alert's figure went away.
    package var value: Double?
    /// What the figure covers ("the last 200 requests").
    package var window: String
    /// Extra words ("12 of 16 dimensions drifted").
    package var detail: String?
    /// Seconds since the epoch the condition started to hold (firing) or fired (resolved).
    package var since: Double
    /// Seconds since the epoch of this event.
    package var at: Double
    /// Which modeltop saw it: the watched directory or file, for a receiver fed by several.
    package var source: String

    package init(
        status: Status, rule: AlertRule, value: Double?, window: String, detail: String?, since: Double, at: Double, source: String
    ) {
        self.status = status
        self.rule = rule
        self.value = value
        self.window = window
        self.detail = detail
        self.since = since
        self.at = at
        self.source = source
    }

    /// One line for people: "critical: 5xx rate 12.5%, above 5.0%, over the last 200 requests [server_errors]".
    package var summary: String { (status == .firing ? rule.severity.word : "resolved") + ": " + headline }

    /// The summary without its first word, for screens that show severity as a badge.
    package var headline: String {
        let rule = self.rule
        let figure = value.map { rule.metric.format($0) } ?? "n/a"
        let limit = "\(rule.comparison.rawValue) \(rule.metric.format(rule.threshold))"
        let extra = detail.map { " (\($0))" } ?? ""
        // A yes/no figure reads as the verdict itself.
        let verdict: String? = rule.metric == .datasetDrift ? "data drift" : (rule.metric == .embeddingDrift ? "embedding drift" : nil)
        switch status {
        case .firing:
            let what = verdict ?? "\(rule.metric.label) \(figure), \(limit),"
            return "\(what) over \(window)\(extra) [\(rule.name)]"
        case .resolved:
            let what = verdict.map { "no " + $0 } ?? "\(rule.metric.label) \(figure), no longer \(limit),"
            return "\(what) over \(window)\(extra) after \(DurationText.text((at - since).rounded())) [\(rule.name)]"
        }
    }

    /// The alert as one JSON object (stdin of `--on-alert`, the generic webhook body).
    package var json: String {
        var writer = JSONWriter(compact: true)
        writer.object { o in
            o.field("status", status.rawValue)
            o.field("rule", rule.name)
            o.field("severity", rule.severity.word)
            o.field("metric", rule.metric.rawValue)
            if let value, value.isFinite { o.field("value", value) } else { o.null("value") }
            o.field("comparison", rule.comparison.rawValue)
            o.field("threshold", rule.threshold)
            o.field("for_seconds", rule.holdSeconds)
            o.field("window", window)
            if let detail { o.field("detail", detail) }
            o.field("summary", summary)
            o.field("since", UTCTime.iso8601(since))
            o.field("time", UTCTime.iso8601(at))
            o.field("source", source)
        }
        return writer.text
    }

    /// The Slack/Mattermost incoming-webhook shape: `{"text": "…"}`.
    package var slackJSON: String {
        var writer = JSONWriter(compact: true)
        let mark = status == .resolved ? "✅" : (rule.severity == .critical ? "🔴" : "🟠")
        writer.object { $0.field("text", "\(mark) modeltop \(source): \(summary) at \(UTCTime.iso8601(at))") }
        return writer.text
    }

    /// `MODELTOP_ALERT_*` for `--on-alert`: the same fields as the JSON, one variable each.
    package var environment: [String: String] {
        var variables = [
            "MODELTOP_ALERT_STATUS": status.rawValue, "MODELTOP_ALERT_RULE": rule.name,
            "MODELTOP_ALERT_SEVERITY": rule.severity.word, "MODELTOP_ALERT_METRIC": rule.metric.rawValue,
            "MODELTOP_ALERT_THRESHOLD": ReportNumber.json(rule.threshold), "MODELTOP_ALERT_WINDOW": window,
            "MODELTOP_ALERT_SUMMARY": summary, "MODELTOP_ALERT_SINCE": UTCTime.iso8601(since),
            "MODELTOP_ALERT_TIME": UTCTime.iso8601(at), "MODELTOP_ALERT_SOURCE": source,
        ]
        variables["MODELTOP_ALERT_VALUE"] = value.map(ReportNumber.json) ?? ""
        return variables
    }
}
