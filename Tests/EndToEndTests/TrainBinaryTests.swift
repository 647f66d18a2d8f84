import Foundation
import Testing

/// `train`, `retrain` and `rollback` through the real binary, on the digits fixtures.
@Suite struct TrainBinaryTests {
    static let ref = "fixtures/digits/ref_data.csv"
    static let prod = "fixtures/digits/prod_data.csv"

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-train-\(UUID().uuidString)").path
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func registry(_ directory: String) throws -> [String: Any] {
        try object(String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(directory)/registry.json")), as: UTF8.self))
    }

    @Test func trainRetrainRefuseAndRollBack() throws {
        let artifacts = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: artifacts) }

        let trained = try ModelTopBinary.run(["train", "--ref", Self.ref, "--artifacts", artifacts, "--format", "json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(try Self.object(trained.stdout)["version"] as? String == "v1")
        #expect(FileManager.default.fileExists(atPath: "\(artifacts)/models/v1.json"))

        let retrained = try ModelTopBinary.run([
            "retrain", "--ref", Self.ref, "--prod", Self.prod, "--artifacts", artifacts, "--format", "json", "--seed", "5"])
        #expect(retrained.status == 0, "\(retrained.stderr)")
        let round = try Self.object(retrained.stdout)
        #expect((round["champion"] as? [String: Any])?["version"] as? String == "v1")
        let challenger = try #require(round["challenger"] as? [String: Any])
        #expect(challenger["version"] as? String == "v2")
        #expect(challenger["accuracy"] is Double && challenger["f1_macro"] is Double)
        #expect(round["promoted"] as? Bool == true)
        #expect((round["reason"] as? String)?.isEmpty == false)
        #expect(round["holdout_rows"] as? Int == 359 && round["train_rows"] as? Int == 1438)
        #expect(round["seconds"] is Double)
        #expect(try Self.registry(artifacts)["current"] as? String == "v2")

        let refused = try ModelTopBinary.run([
            "retrain", "--ref", Self.ref, "--prod", Self.prod, "--artifacts", artifacts, "--promote-margin", "0.5"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stdout.contains("REFUSED"))
        let registry = try Self.registry(artifacts)
        #expect(registry["current"] as? String == "v2")
        let history = registry["history"] as? [[String: Any]] ?? []
        #expect(history.map { $0["promoted"] as? Bool } == [true, true, false])
        #expect(FileManager.default.fileExists(atPath: "\(artifacts)/models/v3.json"))

        let rolled = try ModelTopBinary.run(["rollback", "--artifacts", artifacts])
        #expect(rolled.status == 0, "\(rolled.stderr)")
        #expect(rolled.stdout.contains("rolled back from v2 to v1"))
        #expect(try Self.registry(artifacts)["current"] as? String == "v1")
        let again = try ModelTopBinary.run(["rollback", "--artifacts", artifacts])
        #expect(again.status == 2)
        #expect(again.stderr.contains("nothing to roll back: v1 has no earlier promoted version"))
    }

    @Test func corruptRegistryIsAClearErrorNotACrash() throws {
        let artifacts = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: artifacts) }
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        try "{\"current\": \"v2\", \"history\": [".write(toFile: "\(artifacts)/registry.json", atomically: false, encoding: .utf8)
        for arguments in [["retrain", "--ref", Self.ref, "--prod", Self.prod], ["rollback"], ["train", "--ref", Self.ref]] {
            let result = try ModelTopBinary.run(arguments + ["--artifacts", artifacts])
            #expect(result.status == 2, "\(arguments[0])")
            #expect(result.stderr.contains("registry.json: invalid registry: not valid JSON"), "\(arguments[0]): \(result.stderr)")
        }
    }

    @Test func missingRegistryAndUnlabelledProductionAreClearErrors() throws {
        let artifacts = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: artifacts) }
        let rollback = try ModelTopBinary.run(["rollback", "--artifacts", artifacts])
        #expect(rollback.status == 2)
        #expect(rollback.stderr.contains("no registry yet; run `modeltop train` first"))
        #expect(!FileManager.default.fileExists(atPath: artifacts))

        let unlabelled = artifacts + "-prod.csv"
        defer { try? FileManager.default.removeItem(atPath: unlabelled) }
        try "PCA_1,PCA_2\n1,2\n".write(toFile: unlabelled, atomically: false, encoding: .utf8)
        let retrain = try ModelTopBinary.run(["retrain", "--ref", Self.ref, "--prod", unlabelled, "--artifacts", artifacts])
        #expect(retrain.status == 2)
        #expect(retrain.stderr.contains("embedding columns do not match") || retrain.stderr.contains("no target column"), "\(retrain.stderr)")
    }
}
