import ArgumentParser
import Foundation
import ModelTopIO
import ModelTopTraining
import ModelTopApp

/// The flags every way of opening the dashboard shares: drawing, drift and retraining.
struct DashboardFlags: ParsableArguments {
    @Flag(name: .long, help: "Draw with ASCII only, even in a UTF-8 terminal.")
    var ascii = false

    @OptionGroup var drift: DriftFlags

    @OptionGroup var retention: RetentionFlags

    @OptionGroup(title: "Retraining") var retrain: RetrainFlags

    @OptionGroup(title: "Alerts") var alerts: AlertFlags

    @OptionGroup(title: "Prometheus") var metrics: MetricsFlags

    @OptionGroup var colors: ColorFlag

    @OptionGroup var configFile: ConfigFlag

    @Option(name: .customLong("export-dir"), help: ArgumentHelp("Where e writes the screen as text (default: $XDG_STATE_HOME/modeltop or ~/.local/state/modeltop).", valueName: "DIR"))
    var exportDirectory: String?

    func check() throws {
        try drift.check()
        try retention.check()
        try retrain.check()
        try alerts.check()
    }

    /// A dashboard session on `inputs` with these flags.
    func session(_ inputs: DashboardInputs) -> DashboardSession {
        DashboardSession(
            inputs: inputs, drift: drift.options, window: drift.productionWindow, lowConfidence: drift.lowConfidence, ascii: ascii,
            retention: retention.rows(for: drift.productionWindow), checkpoints: retention.checkpoints, feedbackHorizon: retention.feedbackHorizon, retrainCommand: retrain.command, triggers: retrain.triggers,
            colorAllowed: colors.dashboard, alertRules: alerts.alertRules, alertDispatcher: alerts.dispatcher(), metrics: metrics,
            exports: exportDirectory.map(ScreenExports.init(directory:)) ?? ScreenExports.standard(environment: ProcessInfo.processInfo.environment))
    }
}
