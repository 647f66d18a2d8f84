import ArgumentParser
import Glibc
import ModelTopApp

/// `modeltop train`: fits the first model on the reference and makes it current.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the built-in softmax model on the reference and make it the current model.",
        discussion: """
            Writes artifacts/models/<version>.json and artifacts/registry.json, each atomically. \
            Without a holdout there is no gate: the model becomes current (a later `retrain` \
            must beat it). Exit status: 0 trained; 2 usage, input or artifacts error.
            """
    )

    @Option(name: .long, help: "The reference data set (embeddings and target).")
    var ref: String

    @OptionGroup var artifacts: ArtifactFlags

    func validate() throws { try artifacts.check() }

    func run() throws {
        Terminal.writeAll(1, try TrainJob(reference: ref, artifacts: artifacts.job).run())
    }
}

/// Flags every artifacts command shares.
struct ArtifactFlags: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "The artifacts directory (models/ and registry.json).")
    var artifacts: String = "artifacts"

    @Option(name: .long, parsing: .unconditional, help: "Seed for the holdout split (the fit itself is deterministic).")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .long, help: "What started this run, recorded in the registry (cli, manual, cron, …).")
    var trigger: String = "cli"

    func check() throws {
        guard !artifacts.isEmpty else { throw ValidationError("--artifacts must name a directory") }
        guard (1...40).contains(trigger.count), trigger.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || "0123456789-_.".unicodeScalars.contains($0) }) else {
            throw ValidationError("--trigger must be 1 to 40 letters, digits, '-', '_' or '.'")
        }
    }

    /// The job these flags describe; its warnings go to stderr.
    var job: ArtifactJob {
        ArtifactJob(directory: artifacts, seed: seed, trigger: trigger, json: format == .json, warn: Terminal.printWarning)
    }
}
