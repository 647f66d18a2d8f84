import ArgumentParser
import Glibc
import ModelTopBase
import ModelTopTraining
import ModelTopIO

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
        let started = ContinuousClock.now
        let store = ArtifactStore(directory: artifacts.artifacts)
        try ArtifactFlags.reportingFailures {
            try store.withLock {
                let table = try DataFiles.loadTable(path: ref)
                ArtifactFlags.warnRejections(file: ref, log: table.rejections)
                let data = try TrainingSet(table: table)
                ArtifactFlags.warnNonFinite(data)
                let trainer = SoftmaxTrainer()
                let (model, fit) = try trainer.train(data)
                let scores = try model.score(data)
                let registry = try store.loadRegistry()
                store.removeOrphans(registry: registry)
                let version = store.nextVersion(registry: registry)
                let parent = registry?.current
                let created = ArtifactFlags.now()
                try store.save(ModelArtifact(
                    version: version, created: created, trigger: artifacts.trigger, parent: parent, model: model,
                    c: trainer.c, seed: artifacts.seed, fit: fit, holdout: nil, training: scores,
                    sizes: DataSizes(referenceRows: data.rows, productionRows: 0, trainRows: data.rows, holdoutRows: 0)))
                var updated = registry ?? ModelRegistry()
                let score = ModelRegistry.Score(version: version, accuracy: scores.accuracy, f1Macro: scores.f1Macro)
                let reason = parent.map { "trained on the reference by `modeltop train`, replacing \($0) without a gate" }
                    ?? "first model, trained on the reference by `modeltop train`"
                updated.record(ModelRegistry.Entry(
                    version: version, created: created, trigger: artifacts.trigger, promoted: true, reason: reason,
                    parent: parent, champion: nil, challenger: score))
                try store.save(updated, committing: version)
                let seconds = ArtifactFlags.seconds(since: started)
                Terminal.writeAll(1, TrainingOutput.train(
                    version: version, scores: scores, fit: fit, seconds: seconds, json: artifacts.format == .json))
            }
        }
    }
}

/// Flags every artifacts command shares, and the plumbing they share.
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

    /// Runs `body`, turning training and artifacts errors into a message and exit status 2.
    static func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as TrainingError {
            Terminal.printError(error.description)
            throw ExitStatus(code: 2)
        } catch let error as ArtifactError {
            Terminal.printError(error.description)
            throw ExitStatus(code: 2)
        }
    }

    static func warnRejections(file: String, log: RejectionLog) {
        guard log.count > 0 else { return }
        let first = log.first.first.map { "; first: " + Diagnostics.message(for: $0) } ?? ""
        Terminal.printWarning("\(file): \(log.count) row\(log.count == 1 ? "" : "s") rejected and not used for training\(first)")
    }

    static func warnNonFinite(_ data: TrainingSet) {
        guard data.skippedNonFinite > 0 else { return }
        let count = data.skippedNonFinite
        Terminal.printWarning("\(count) row\(count == 1 ? "" : "s") with a NaN or infinite embedding value not used for training")
    }

    /// Unix seconds: the core has no clock, so the command stamps artifacts.
    static func now() -> Int64 { Int64(time(nil)) }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
