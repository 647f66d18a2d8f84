import ModelTopBase
import ModelTopMonitor

/// The `[alerts.NAME]` tables of a config file: each changes the built-in rule of that name
/// (`AlertRules.defaults`) or adds a rule (which then needs `metric` and `above` or `below`).
///
/// ```toml
/// [alerts.server_errors]      # a built-in rule: change what you name
/// above = 0.02
/// for = "1m"
///
/// [alerts.p95_drift]          # a new rule
/// metric = "drifted_share"
/// above = 0.25
/// severity = "warn"
/// ```
package enum AlertRulesConfig {
    package static let fields = ["metric", "above", "below", "severity", "for", "min_samples", "enabled"]

    /// The rules after the file's tables, from `base` (the defaults).
    package static func read(_ document: ConfigDocument, base: [AlertRule] = AlertRules.defaults) throws(ConfigError) -> [AlertRule] {
        var rules = base
        var touched: [String: Int?] = [:]
        var thresholds: [String: (AlertRule.Comparison, Int?)] = [:]
        for entry in document.entries where entry.path.first == "alerts" {
            func fail(_ message: String) -> ConfigError { ConfigError(file: document.file, line: entry.line, message) }
            guard entry.path.count == 3 else {
                if entry.path.count == 2, case .other("an empty table") = entry.value { touched[entry.path[1]] = entry.line; continue }
                throw fail("'\(entry.key)': alert rules are tables, [alerts.NAME] with \(fields.joined(separator: ", "))")
            }
            let name = entry.path[1], field = entry.path[2]
            guard fields.contains(field) else {
                throw fail("unknown key '\(field)' in [alerts.\(name)]\(Suggestion.hint(for: field, among: fields)); the keys are \(fields.joined(separator: ", "))")
            }
            if touched[name] == nil { touched[name] = entry.line }
            var rule = rules.first { $0.name == name }
                ?? AlertRule(name: name, metric: .datasetDrift, .above, .nan, severity: .warning)
            switch (field, entry.value) {
            case ("metric", .string(let text)):
                guard let metric = AlertMetric(rawValue: text) else {
                    throw fail("unknown metric '\(text)'\(Suggestion.hint(for: text, among: AlertMetric.names)); metrics: \(AlertMetric.names.joined(separator: ", "))")
                }
                rule.metric = metric
            case ("above", _), ("below", _):
                guard let number = entry.value.number else { throw fail("'\(entry.key)' must be a number, not \(entry.value.typeName)") }
                if let other = thresholds[name], other.0.rawValue != field {
                    throw fail("[alerts.\(name)] sets both above and below (the other on line \(other.1.map(String.init) ?? "?")); a rule has one threshold")
                }
                rule.comparison = field == "above" ? .above : .below
                rule.threshold = number
                thresholds[name] = (rule.comparison, entry.line)
            case ("severity", .string(let text)):
                guard let severity = AlertRule.Severity(rawValue: text) else {
                    throw fail("severity must be \"warn\" or \"crit\", not \"\(SafeText.inline(text, maxScalars: 40))\"")
                }
                rule.severity = severity
            case ("for", let value):
                guard let seconds = value.seconds else {
                    throw fail("'\(entry.key)' must be a duration such as \"30s\", \"5m\" or a number of seconds, not \(value.typeName)")
                }
                rule.holdSeconds = seconds
            case ("min_samples", .integer(let count)) where count >= 0:
                rule.minSamples = count
            case ("enabled", .boolean(let on)):
                rule.enabled = on
            default:
                let wanted = field == "enabled" ? "a boolean" : field == "min_samples" ? "a whole number ≥ 0" : "a string"
                throw fail("'\(entry.key)' must be \(wanted), not \(entry.value.typeName)")
            }
            if let index = rules.firstIndex(where: { $0.name == name }) { rules[index] = rule } else { rules.append(rule) }
        }
        for (name, line) in touched where !base.contains(where: { $0.name == name }) {
            guard let rule = rules.first(where: { $0.name == name }), !rule.threshold.isNaN,
                document.entries.contains(where: { $0.path.count == 3 && $0.path[1] == name && $0.path[2] == "metric" })
            else {
                let known = base.map(\.name)
                throw ConfigError(
                    file: document.file, line: document.lines["alerts.\(name)"] ?? line,
                    "[alerts.\(name)] is not a built-in rule\(Suggestion.hint(for: name, among: known)); a new rule needs metric and above or below (built-in: \(known.joined(separator: ", ")))")
            }
        }
        return rules
    }
}

extension ConfigDocument.Value {
    /// An integer or a float, as a number.
    package var number: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }

    /// A duration: a string in the flags' grammar ("90s", "15m") or a number of seconds.
    package var seconds: Double? {
        if case .string(let text) = self { return DurationText.seconds(text) }
        return number.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
    }
}
