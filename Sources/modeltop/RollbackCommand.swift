import ArgumentParser
import ModelTopTraining
import ModelTopIO

/// `modeltop rollback`: makes the model that the current one replaced current again.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make the previous promoted model current again (recorded in registry.json).",
        discussion: "Exit status: 0 rolled back; 2 nothing to roll back to, or an artifacts error."
    )

    @Option(name: .long, help: "The artifacts directory (models/ and registry.json).")
    var artifacts: String = "artifacts"

    @Option(name: .long, help: "Output format: text or json.")
    var format: ArtifactFlags.Format = .text

    func run() throws {
        let store = ArtifactStore(directory: artifacts)
        try ArtifactFlags.reportingFailures {
            // Checked before locking, so a mistyped --artifacts does not create a directory.
            guard try store.loadRegistry() != nil else { throw ArtifactError.noRegistry(file: store.registryPath) }
            try store.withLock {
                guard var registry = try store.loadRegistry() else { throw ArtifactError.noRegistry(file: store.registryPath) }
                // Refuse to make current a model that would not load.
                _ = try store.loadModel(try registry.rollbackTarget())
                let (from, to) = try registry.rollBack(created: ArtifactFlags.now())
                try store.save(registry)
                Terminal.writeAll(1, TrainingOutput.rollback(from: from, to: to, json: format == .json))
            }
        }
    }
}
