import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopStatistics
@testable import ModelTopMonitor
@testable import ModelTopOutput
import ModelTopIO

/// Many distinct labels (issue 13): a `target` of free text must cost time and memory in
/// proportion to the rows, not to labels², and the report must say what it shows.
@Suite struct LabelCardinalityTests {
    /// The dense matrix is the oracle: the sparse one holds the same cells.
    @Test(arguments: [10, 300, 5000])
    func sparseAndDenseMatricesAgree(labels: Int) {
        var generator = SeededGenerator(seed: UInt64(labels))
        var matrix = ConfusionMatrix()
        var oracle: [Int: Int] = [:]
        for _ in 0..<20_000 {
            let truth = Int.random(in: 0..<labels, using: &generator), guess = Int.random(in: 0..<labels, using: &generator)
            matrix.add(truth: truth, predicted: guess)
            oracle[truth * labels + guess, default: 0] += 1
        }
        #expect(matrix.total == 20_000)
        var seen = 0
        matrix.forEachCell { truth, guess, count in
            #expect(oracle[truth * labels + guess] == count)
            seen += count
        }
        #expect(seen == 20_000)
        let (support, predicted) = matrix.marginals()
        #expect(support.reduce(0, +) == 20_000 && predicted.reduce(0, +) == 20_000)
        #expect(matrix + ConfusionMatrix() == matrix)
    }

    @Test func aTargetOfFreeTextIsReportedInBoundsAndNamed() throws {
        let classes = 3000
        var production = "a,target,prediction\n"
        for k in 0..<classes { production += "\(Double(k % 17) / 4),text-\(k),text-\(k % 2 == 0 ? k : (k * 7) % classes)\n" }
        let reference = try CSVReaderTests.withTemporaryFile("a,target\n0,x\n1,y\n2,z\n") { try ReferenceProfile(table: DataFiles.loadTable(path: $0)) }
        let monitor = try CSVReaderTests.withTemporaryFile(production) { try DataFiles.loadMonitor(reference: reference, productionPath: $0) }
        let report = monitor.report(options: DriftOptions())
        let quality = try #require(report.quality)
        #expect(quality.classes.count == classes, "every class keeps its metrics")
        #expect(quality.accuracy == 0.5)
        #expect(quality.confusionLabels.count == QualityReport.confusionLimit && quality.confusion.count == QualityReport.confusionLimit)
        #expect(quality.omittedClasses == classes - QualityReport.confusionLimit)
        #expect(quality.omittedRows + quality.confusion.joined().reduce(0, +) == classes)
        #expect(report.warnings.contains { $0.contains("3,000 distinct labels") && $0.contains("continuous values or free text") })
        let text = ReportText.render(report, gates: HealthGates(), style: .init(color: false))
        #expect(text.contains("… 2,950 more (see --format json)"))
        #expect(text.contains("the 50 classes with most support of 3,000"))
        #expect(text.split(separator: "\n").count < 200)
        let json = ReportJSON.render(report, gates: HealthGates())
        #expect(json.contains("\"omitted_classes\": 2950"))
    }

    @Test func aFewHundredRealClassesAreNotCalledFreeText() {
        var matrix = ConfusionMatrix()
        var labels = LabelTable()
        for k in 0..<300 {
            let id = Int(labels.intern("class-\(k)"))
            matrix.add(truth: id, predicted: id, count: 20)
        }
        let quality = QualityReport.compute(matrix, labels: labels)!
        #expect(Monitor.cardinalityWarning(quality) == nil)
        #expect(quality.accuracy == 1)
    }
}
