import Foundation
import Testing

/// The whole-embedding verdict as a CI step sees it: `modeltop report`'s exit status, its failure
/// line, and `drift.multivariate` in the JSON, on a set where every dimension alone is unchanged.
@Suite struct EmbeddingGateTests {
    static let reference = "fixtures/embedding/layer_ref.csv"

    static func report(_ production: String, _ extra: [String] = []) throws -> (status: Int32, json: [String: Any]) {
        let run = try ModelTopBinary.run(
            ["report", "--ref", ModelTopBinary.packageRoot.appendingPathComponent(reference).path,
             "--prod", ModelTopBinary.packageRoot.appendingPathComponent(production).path, "--format", "json"] + extra)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        return (run.status, json)
    }

    static func multivariate(_ json: [String: Any]) -> [String: Any]? {
        (json["drift"] as? [String: Any])?["multivariate"] as? [String: Any]
    }

    @Test func jointDriftFailsTheGateThoughNoDimensionDrifted() throws {
        let (status, json) = try Self.report("fixtures/embedding/layer_correlated.csv")
        let drift = try #require(json["drift"] as? [String: Any])
        #expect(drift["dataset_drift"] as? Bool == false)
        #expect(drift["drifted"] as? Int == 0)
        let multivariate = try #require(Self.multivariate(json))
        #expect(multivariate["gate"] as? String == "classifier")
        #expect(multivariate["drifted"] as? Bool == true)
        let classifier = try #require(multivariate["classifier"] as? [String: Any])
        #expect((classifier["auc"] as? Double ?? 0) > (classifier["threshold"] as? Double ?? 1))
        let leans = try #require(classifier["dimensions"] as? [[String: Any]])
        #expect(leans.first?["name"] as? String == "layer_1", "the dimension that was re-ordered comes first")
        let reconstruction = try #require(multivariate["reconstruction"] as? [String: Any])
        #expect(reconstruction["determined"] as? Bool == true)
        #expect((reconstruction["chunks"] as? [Any])?.count == 11)
        #expect(status == 1)
        let failures = try #require(json["failures"] as? [String])
        #expect(failures.contains { $0.hasPrefix("embedding drift: domain classifier") }, "\(failures)")
    }

    @Test func theGateFollowsTheChosenTest() throws {
        // MMD at σ/2 sees the re-ordering too; reconstruction's verdict (all rows) does not.
        #expect(try Self.report("fixtures/embedding/layer_correlated.csv", ["--embedding-test", "mmd"]).status == 1)
        let reconstruction = try Self.report("fixtures/embedding/layer_correlated.csv", ["--embedding-test", "reconstruction"])
        #expect(reconstruction.status == 0)
        #expect(Self.multivariate(reconstruction.json)?["gate"] as? String == "reconstruction")
        let off = try Self.report("fixtures/embedding/layer_correlated.csv", ["--embedding-test", "off"])
        #expect(off.status == 0, "off keeps the tests in the report and out of the gate")
        #expect(Self.multivariate(off.json)?["drifted"] is NSNull)
        #expect(Self.multivariate(off.json)?["classifier"] is [String: Any])
    }

    @Test func theCleanSetPassesAndABadChoiceIsAUsageError() throws {
        let clean = try Self.report("fixtures/embedding/layer_clean.csv")
        #expect(clean.status == 0)
        #expect(Self.multivariate(clean.json)?["drifted"] as? Bool == false)
        let bad = try ModelTopBinary.run(["report", "--ref", "a", "--prod", "b", "--embedding-test", "knn"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--embedding-test"))
    }

    @Test func theTextReportSaysWhyAPCAOfTheReferenceCannotBeJudgedByReconstruction() throws {
        let run = try ModelTopBinary.run(
            ["report", "--ref", ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits/ref_data.csv").path,
             "--prod", ModelTopBinary.packageRoot.appendingPathComponent("fixtures/embedding/prod_shuffled.csv").path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("EMBEDDING DRIFT"))
        #expect(run.stdout.contains("undetermined"))
        #expect(run.stdout.contains("leans on: PCA_1"))
    }
}
