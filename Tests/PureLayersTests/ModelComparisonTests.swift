import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopStatistics
@testable import ModelTopTraining
@testable import ModelTopMonitor
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

    /// The dashboard keeps the scores between refreshes: after any sequence of appends they equal
    /// a scoring of every row, and a model that changes (a retrain) is scored again from the start.
    @Test func scoresKeptAcrossAppendsEqualAFreshScoring() throws {
        let reference = ReferenceProfile(table: try CSVReaderTests.table("x,y,target\n-1,0,a\n1,0,b\n0,1,c\n", name: "ref.csv"))
        let schema = try Array("x,y,target,prediction".utf8).withUnsafeBufferPointer { try TableSchema.parse(header: $0, file: "prod.csv") }
        let parser = ChunkParser(schema: schema, file: "prod.csv")
        var monitor = Monitor(reference: reference, productionSchema: schema, productionFile: "prod.csv")
        let byX = try SoftmaxModel(
            labels: ["a", "b", "c"], featureNames: ["x", "y"], standardization: Standardization(mean: [0, 0], scale: [1, 1]),
            weights: [[-1, 0], [1, 0], [0, 2]], intercepts: [0, 0, 0])
        let other = try SoftmaxModel(
            labels: ["a", "b", "c"], featureNames: ["y"], standardization: Standardization(mean: [0], scale: [1]),
            weights: [[0], [0], [1]], intercepts: [0.5, 0, 0])
        var generator = SeededGenerator(seed: 3)
        var scores = ModelScores()
        for step in 0..<8 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                let x = Double.random(in: -2...2, using: &generator), y = Double.random(in: -1...1, using: &generator)
                let truth = ["a", "b", "c"].randomElement(using: &generator)!
                text += "\(step == 3 ? "nan" : String(x)),\(y),\(truth),\(["a", "b", "c"].randomElement(using: &generator)!)\n"
            }
            monitor.append(Array(text.utf8).withUnsafeBufferPointer { parser.parse($0) })
            let models = step < 5 ? [("champion", byX)] : [("champion", byX), ("challenger", other)]
            let kept = ModelComparison.compute(monitor: monitor, models: models, scores: &scores)
            #expect(kept == ModelComparison.compute(monitor: monitor, models: models), "after append \(step)")
        }
        // A retrained champion under the same name is a new model: scored from the first row.
        let retrained = [("champion", other)]
        #expect(ModelComparison.compute(monitor: monitor, models: retrained, scores: &scores)
            == ModelComparison.compute(monitor: monitor, models: retrained))
    }
}
