import ArgumentParser
import ModelTopTraining
import ModelTopApp

/// The flags every way of opening the dashboard shares: drawing, drift and retraining.
struct DashboardFlags: ParsableArguments {
    @Flag(name: .long, help: "Draw with ASCII only, even in a UTF-8 terminal.")
    var ascii = false

    @OptionGroup var drift: DriftFlags

    @OptionGroup var retention: RetentionFlags

    @OptionGroup(title: "Retraining") var retrain: RetrainFlags

    func check() throws {
        try drift.check()
        try retention.check()
        try retrain.check()
    }

    /// A dashboard session on `inputs` with these flags.
    func session(_ inputs: DashboardInputs) -> DashboardSession {
        DashboardSession(
            inputs: inputs, drift: drift.options, window: drift.productionWindow, lowConfidence: drift.lowConfidence, ascii: ascii,
            retention: retention.rows(for: drift.productionWindow), checkpoints: retention.checkpoints, feedbackHorizon: retention.feedbackHorizon, retrainCommand: retrain.command, triggers: retrain.triggers)
    }
}
