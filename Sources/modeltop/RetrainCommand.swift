import ArgumentParser
import ModelTopTraining
import ModelTopApp

/// `modeltop retrain`: trains a challenger on reference + production rows and promotes it only
/// when it beats the current model on the same held-out rows.
struct RetrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Train a challenger on reference + labelled production rows; promote it if it beats the champion.",
        discussion: """
            Both models are scored on one stratified, seeded holdout of the combined rows; the \
            challenger is promoted when its macro F1 ≥ the champion's + --promote-margin. The \
            challenger is saved either way, and the decision is recorded in registry.json. \
            Exit status: 0 promoted; 1 refused (champion kept); 2 usage, input or artifacts error.
            """
    )

    @Option(name: .long, help: "The reference data set (embeddings and target).")
    var ref: String

    @Option(name: .long, help: "The production data set (embeddings and target).")
    var prod: String

    @OptionGroup var artifacts: ArtifactFlags

    @Option(name: .long, parsing: .unconditional, help: "Share of the combined rows held out to judge both models.")
    var holdout: Double = 0.2

    @Option(name: .customLong("promote-margin"), parsing: .unconditional, help: "Macro F1 the challenger must gain over the champion.")
    var promoteMargin: Double = 0

    func validate() throws {
        try artifacts.check()
        guard holdout > 0, holdout < 1 else { throw ValidationError("--holdout must be between 0 and 1 (exclusive)") }
        guard promoteMargin.isFinite, abs(promoteMargin) <= 1 else { throw ValidationError("--promote-margin must be between -1 and 1") }
    }

    func run() throws {
        let job = RetrainJob(reference: ref, production: prod, artifacts: artifacts.job, holdout: holdout, promoteMargin: promoteMargin)
        let result = try job.run()
        Terminal.writeAll(1, artifacts.format == .json ? result.json() : result.text())
        throw ExitStatus(code: result.promoted ? 0 : 1)
    }
}
