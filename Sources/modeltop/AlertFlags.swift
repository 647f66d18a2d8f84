import ArgumentParser
import Foundation
import ModelTopBase
import ModelTopMonitor
import ModelTopIO
import ModelTopApp

/// Where alerts go besides the screen, shared by the dashboard and `watch --headless`. The
/// rules themselves (thresholds, severities, `for`) are set in the config file's
/// `[alerts.NAME]` tables (`modeltop config --init` lists them).
struct AlertFlags: ParsableArguments {
    @Option(name: .customLong("on-alert"), help: ArgumentHelp("Run CMD (through /bin/sh -c) when an alert fires or resolves: MODELTOP_ALERT_* variables and the alert as JSON on stdin.", valueName: "CMD"))
    var onAlert: String?

    @Option(name: .customLong("on-alert-timeout"), help: "Seconds --on-alert may run before it is killed: 10s, 1m. (default: 10s)", transform: FlagValue.duration("--on-alert-timeout", example: "10s or 1m"))
    var onAlertTimeout = FlagDuration(seconds: 10, text: "10s")

    @Option(name: .long, help: ArgumentHelp("POST each alert that fires or resolves to URL as JSON (retried with back-off).", valueName: "URL"))
    var webhook: String?

    @Option(name: .customLong("webhook-format"), help: "generic (modeltop's alert object) or slack (a {\"text\": …} body for Slack or Mattermost). (default: generic)")
    var webhookFormat: AlertWebhook.Shape = .generic

    @Option(name: .customLong("webhook-timeout"), help: "Seconds one webhook attempt may take: 5s. (default: 5s)", transform: FlagValue.duration("--webhook-timeout", example: "5s"))
    var webhookTimeout = FlagDuration(seconds: 5, text: "5s")

    @Option(name: .customLong("alert-requests"), help: ArgumentHelp("The request-based alert figures (5xx rate, p99 latency, low confidence) cover the newest N requests. (default: 200)", valueName: "N"))
    var alertRequests: Int = 200

    /// Set by the entry point from the config file's `[alerts.NAME]` tables.
    var rules: [AlertRule] { ConfigContext.shared.rules }

    func check() throws {
        if let webhook, let problem = AlertWebhook.problem(with: webhook) { throw ValidationError(problem) }
        guard alertRequests > 0 else { throw ValidationError("--alert-requests must be a whole number > 0") }
        guard onAlertTimeout.seconds > 0, webhookTimeout.seconds > 0 else { throw ValidationError("--on-alert-timeout and --webhook-timeout must be longer than 0s") }
    }

    var alertRules: AlertRules { AlertRules(rules: rules, recentRequests: alertRequests) }

    /// The dispatcher for these targets; `report` hears each delivery's end (stderr in watch).
    func dispatcher(report: @escaping @Sendable (String) -> Void = { _ in }) -> AlertDispatcher {
        AlertDispatcher(
            command: onAlert.map { AlertCommand(command: $0, timeout: onAlertTimeout.seconds) },
            webhook: webhook.flatMap(URL.init(string:)).map { AlertWebhook(url: $0, shape: webhookFormat, timeout: webhookTimeout.seconds) },
            report: report)
    }
}

extension AlertWebhook.Shape: ExpressibleByArgument {}
