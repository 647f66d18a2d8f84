import Foundation
import Testing
@testable import ModelTopCore
import ModelTopIO

/// Serving model, champion and challenger scored on the same production rows.
@Suite struct ModelComparisonTests {
    @Test func scoresEachModelOnTheLabelledRowsByFeatureName() throws {
        let reference = ReferenceProfile(table: try CSVReaderTests.table("x,y,target\n-1,0,a\n1,0,b\n", name: "ref.csv"))
        // Production lists its columns in another order; one row has no usable feature.
        let text = "y,x,target,prediction\n0,-2,a,b\n0,-1,a,a\n0,1,b,b\n0,2,b,a\n0,nan,b,b\n"
        let monitor = try CSVReaderTests.withTemporaryFile(text) { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        // "b" when x > 0: right on every row with a finite x.
        let byX = try SoftmaxModel(
            labels: ["a", "b"], featureNames: ["x"], standardization: Standardization(mean: [0], scale: [1]),
            weights: [[-1], [1]], intercepts: [0, 0])
        // Always "a": right on half of them.
        let constant = try SoftmaxModel(
            labels: ["a", "b"], featureNames: ["y"], standardization: Standardization(mean: [0], scale: [1]),
            weights: [[0], [0]], intercepts: [1, 0])
        let comparison = try #require(ModelComparison.compute(monitor: monitor, models: [("by x", byX), ("constant", constant)]))
        #expect(comparison.rows.map(\.name) == ["serving (prediction column)", "by x", "constant"])
        #expect(comparison.rows[0].accuracy == 3.0 / 5 && comparison.rows[0].rows == 5)
        #expect(comparison.rows[1].accuracy == 1 && comparison.rows[1].rows == 4)
        #expect(comparison.rows[2].accuracy == 2.0 / 5 && comparison.rows[2].rows == 5)
    }

    @Test func aModelOnFeaturesProductionLacksIsLeftOut() throws {
        let reference = ReferenceProfile(table: try CSVReaderTests.table("x,target\n-1,a\n1,b\n", name: "ref.csv"))
        let monitor = try CSVReaderTests.withTemporaryFile("x,target,prediction\n1,b,b\n") { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        let other = try SoftmaxModel(
            labels: ["a", "b"], featureNames: ["z"], standardization: Standardization(mean: [0], scale: [1]),
            weights: [[0], [0]], intercepts: [0, 0])
        let comparison = try #require(ModelComparison.compute(monitor: monitor, models: [("other", other)]))
        #expect(comparison.rows.map(\.name) == ["serving (prediction column)"])
    }
}
