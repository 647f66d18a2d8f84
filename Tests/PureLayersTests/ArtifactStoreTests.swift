import Foundation
import Testing
@testable import ModelTopTraining
import ModelTopIO

/// Model and registry files: exact round trips, atomic replacement, clear errors, rollback.
@Suite struct ArtifactStoreTests {
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-artifacts-\(UUID().uuidString)").path
        return path
    }

    static func artifact(_ version: String, parent: String? = nil) throws -> ModelArtifact {
        let (model, fit) = try SoftmaxTrainer().train(TrainingModelTests.blobs())
        return ModelArtifact(
            version: version, created: 1_795_000_000, trigger: "cli", parent: parent, model: model, c: 1, seed: 42, fit: fit,
            holdout: ModelMetrics(accuracy: 0.9, f1Macro: 0.8, rows: 18), training: ModelMetrics(accuracy: 1, f1Macro: 1, rows: 72),
            sizes: DataSizes(referenceRows: 60, productionRows: 30, trainRows: 72, holdoutRows: 18))
    }

    static func entry(_ version: String, promoted: Bool, parent: String?) -> ModelRegistry.Entry {
        ModelRegistry.Entry(
            version: version, created: 1, trigger: "cli", promoted: promoted, reason: "test", parent: parent,
            champion: parent.map { .init(version: $0, accuracy: 0.5, f1Macro: 0.5) },
            challenger: .init(version: version, accuracy: 0.6, f1Macro: 0.6))
    }

    @Test func modelRoundTripsExactly() throws {
        let original = try Self.artifact("v3", parent: "v2")
        let parsed = try ModelArtifact.parse(Array(original.json().utf8))
        #expect(parsed == original)
    }

    @Test func registryRoundTripsAndRollsBackAlongTheLineage() throws {
        var registry = ModelRegistry()
        registry.record(Self.entry("v1", promoted: true, parent: nil))
        registry.record(Self.entry("v2", promoted: true, parent: "v1"))
        registry.record(Self.entry("v3", promoted: false, parent: "v2"))
        registry.record(Self.entry("v4", promoted: true, parent: "v2"))
        #expect(registry.current == "v4")
        #expect(try ModelRegistry.parse(Array(registry.json().utf8)) == registry)
        let step = try registry.rollBack(created: 2)
        #expect(step.from == "v4" && step.to == "v2")
        #expect(registry.current == "v2")
        #expect(try registry.rollBack(created: 3).to == "v1")
        #expect(throws: TrainingError.nothingToRollBack(current: "v1")) { try registry.rollBack(created: 4) }
        #expect(registry.history.last?.trigger == "rollback")
    }

    @Test func storeSavesLoadsAndNumbersVersionsPastOrphans() throws {
        let store = ArtifactStore(directory: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        #expect(try store.loadRegistry() == nil)
        #expect(store.nextVersion(registry: nil) == "v1")
        let model = try Self.artifact("v1")
        try store.save(model)
        var registry = ModelRegistry()
        registry.record(Self.entry("v1", promoted: true, parent: nil))
        try store.save(registry)
        // An orphan (a run killed between its model and its registry) still takes its number.
        try store.save(try Self.artifact("v2"))
        #expect(store.nextVersion(registry: try store.loadRegistry()) == "v3")
        let (loaded, current) = try store.loadCurrent()
        #expect(loaded == registry)
        #expect(current == model)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // The next run removes it before it numbers a new model (issue 13).
        #expect(store.removeOrphans(registry: try store.loadRegistry()) == ["v2"])
        #expect(store.nextVersion(registry: try store.loadRegistry()) == "v2")
        #expect(store.removeOrphans(registry: nil).isEmpty, "without a registry the models are all there is")
    }

    /// A registry that cannot be written (a full disk, here a directory in its place) takes the
    /// model saved just before it along: no model is left that the registry does not name.
    @Test func aFailedRegistryWriteLeavesNoOrphanModel() throws {
        let store = ArtifactStore(directory: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try store.save(try Self.artifact("v1"))
        try FileManager.default.createDirectory(atPath: store.registryPath, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: store.registryPath + "/keep", withIntermediateDirectories: true)
        var registry = ModelRegistry()
        registry.record(Self.entry("v1", promoted: true, parent: nil))
        #expect(throws: ArtifactError.self) { try store.save(registry, committing: "v1") }
        #expect(!FileManager.default.fileExists(atPath: store.modelPath("v1")))
    }

    @Test(arguments: [
        ("", "not valid JSON"),
        ("{\"current\": \"v1\", \"hist", "not valid JSON"),
        ("{\"current\": \"v1\"}", "history is missing"),
        ("{\"current\": \"v9\", \"history\": []}", "no history entry promoted it"),
        ("{\"current\": \"../x\", \"history\": []}", "not a version name"),
        ("[1, 2]", "wrong type"),
    ])
    func corruptRegistryIsAClearError(_ text: String, _ expected: String) throws {
        let store = ArtifactStore(directory: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        try text.write(toFile: store.registryPath, atomically: false, encoding: .utf8)
        do {
            _ = try store.loadRegistry()
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description.contains("registry.json: invalid registry"), "\(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func missingOrMislabelledModelIsAClearError() throws {
        let store = ArtifactStore(directory: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        #expect(throws: ArtifactError.missingModel(version: "v1", file: store.modelPath("v1"))) { try store.loadModel("v1") }
        try store.save(try Self.artifact("v1"))
        try FileManager.default.copyItem(atPath: store.modelPath("v1"), toPath: store.modelPath("v2"))
        #expect(throws: ArtifactError.self) { try store.loadModel("v2") }
        try "{\"format\": \"modeltop-softmax-1\"}".write(toFile: store.modelPath("v3"), atomically: false, encoding: .utf8)
        do {
            _ = try store.loadModel("v3")
        } catch {
            #expect(error.description.contains("invalid model: version is missing"), "\(error)")
        }
    }

    @Test func aSecondWriterIsToldTheDirectoryIsBusy() throws {
        let store = ArtifactStore(directory: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try store.withLock {
            #expect(throws: ArtifactError.busy(directory: store.directory)) { try store.withLock {} }
        }
        try store.withLock {}
    }
}
