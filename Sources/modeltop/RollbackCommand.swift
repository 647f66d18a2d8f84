import ArgumentParser
import ModelTopApp

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
        let job = ArtifactJob(directory: artifacts, json: format == .json, warn: Terminal.printWarning)
        Terminal.writeAll(1, try RollbackJob(artifacts: job).run())
    }
}
