import Foundation
import ModelTopSystem
import ModelTopTables
import ModelTopTraining
import ModelTopDigits
import ModelTopIO

/// Turns the bundled digits into a serving API's directory: the reference, a trained model in
/// `artifacts/`, and the traffic the API is about to serve.
package struct DemoSetup {
    /// The directory holding digits.csv, ref_data.csv and pca.json.
    package var fixtures: String
    /// The demo directory, already created.
    package var directory: String

    package init(fixtures: String, directory: String) {
        self.fixtures = fixtures
        self.directory = directory
    }

    package static let requiredFiles = ["digits.csv", "ref_data.csv", "pca.json"]

    /// `explicit` if given, else fixtures/digits under the working directory or above the executable
    /// (so `.build/debug/modeltop demo` works from anywhere inside a checkout).
    package static func locateFixtures(explicit: String?) throws -> String {
        var candidates: [String] = []
        if let explicit {
            candidates = [explicit]
        } else {
            candidates.append("fixtures/digits")
            var url = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0]).resolvingSymlinksInPath()
            for _ in 0..<6 {
                url = url.deletingLastPathComponent()
                candidates.append(url.appendingPathComponent("fixtures/digits").path)
            }
        }
        let found = candidates.first { base in
            requiredFiles.allSatisfy { FileManager.default.fileExists(atPath: "\(base)/\($0)") }
        }
        guard let found else { throw DemoCommandError.fixturesNotFound(tried: Array(candidates.prefix(2))) }
        return found
    }

    /// Copies the reference, trains and registers the model, and splits off the images to serve.
    package func prepare(scenario: DemoScenario, rate: Double, duration: Double, seed: UInt64) throws -> DemoTraffic {
        let reference = "\(directory)/ref_data.csv"
        let referenceBytes = try Self.read("\(fixtures)/ref_data.csv")
        try DemoAppender(path: reference).append(String(decoding: referenceBytes, as: UTF8.self))
        let model = try train(reference: reference)
        let pca = try DigitPCA(json: Self.read("\(fixtures)/pca.json"))
        let images = try DemoImage.parse(csv: String(decoding: Self.read("\(fixtures)/digits.csv"), as: UTF8.self))
        let table = try DataFiles.loadTable(path: reference)
        let split = try ReferenceSplit(images: images, reference: Self.rows(table), pca: pca)
        return DemoTraffic(scenario: scenario, pool: split.pool, pca: pca, model: model, rate: rate, duration: duration, seed: seed)
    }

    /// `modeltop train`'s steps: the built-in trainer on the reference, saved as the current model.
    private func train(reference: String) throws -> SoftmaxModel {
        let store = ArtifactStore(directory: "\(directory)/artifacts")
        return try store.withLock {
            let data = try TrainingSet(table: try DataFiles.loadTable(path: reference))
            let trainer = SoftmaxTrainer()
            let (model, fit) = try trainer.train(data)
            let scores = try model.score(data)
            let registry = try store.loadRegistry()
            let version = store.nextVersion(registry: registry)
            let created = Int64(SystemClock.now())
            try store.save(ModelArtifact(
                version: version, created: created, trigger: "demo", parent: registry?.current, model: model,
                c: trainer.c, seed: 0, fit: fit, holdout: nil, training: scores,
                sizes: DataSizes(referenceRows: data.rows, productionRows: 0, trainRows: data.rows, holdoutRows: 0)))
            var updated = registry ?? ModelRegistry()
            updated.record(ModelRegistry.Entry(
                version: version, created: created, trigger: "demo", promoted: true,
                reason: "trained on the reference by `modeltop demo`", parent: registry?.current, champion: nil,
                challenger: ModelRegistry.Score(version: version, accuracy: scores.accuracy, f1Macro: scores.f1Macro)))
            try store.save(updated)
            return model
        }
    }

    /// The reference's rows as (embedding, target text), in file order.
    package static func rows(_ table: DataTable) -> [(embedding: [Double], target: String)] {
        (0..<table.rowCount).map { row in
            (table.embeddings.map { $0[row] }, row < table.target.count ? table.labels.names[Int(table.target[row])] : "")
        }
    }

    package static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw DemoCommandError.cannotRead(path: path) }
        return [UInt8](data)
    }
}
