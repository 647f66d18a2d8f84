import Testing
@testable import ModelTopTables
@testable import ModelTopStatistics

/// Classification metrics against scikit-learn (zero_division=0), label order included.
@Suite struct QualityGoldenTests {
    static func quality(target: [String], prediction: [String]) -> QualityReport? {
        var labels = LabelTable()
        var matrix = ConfusionMatrix()
        for (t, p) in zip(target, prediction) {
            let truth = labels.intern(t), predicted = labels.intern(p)
            matrix.add(truth: Int(truth), predicted: Int(predicted))
        }
        return QualityReport.compute(matrix, labels: labels)
    }

    @Test func everyCaseMatchesScikitLearn() throws {
        let root = try Goldens.json("goldens/quality_cases.json")
        let cases = root["cases"] as? [[String: Any]] ?? []
        #expect(cases.count >= 10)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let target = c["target"] as? [String] ?? [], prediction = c["prediction"] as? [String] ?? []
            guard let quality = Self.quality(target: target, prediction: prediction) else {
                Issue.record("\(name): no quality report")
                continue
            }
            #expect(quality.labels == c["labels"] as? [String], "\(name): label order")
            #expect(quality.confusion == c["confusion"] as? [[Int]], "\(name): confusion matrix")
            expectClose(quality.accuracy, Goldens.double(c["accuracy"]) ?? .nan, relative: 1e-9, "\(name) accuracy")
            expectClose(quality.balancedAccuracy, Goldens.double(c["balanced_accuracy"]) ?? .nan, relative: 1e-9, "\(name) balanced accuracy")
            for (key, averages) in [("macro", quality.macro), ("weighted", quality.weighted)] {
                let expected = c[key] as? [String: Any] ?? [:]
                expectClose(averages.precision, Goldens.double(expected["precision"]) ?? .nan, relative: 1e-9, "\(name) \(key) precision")
                expectClose(averages.recall, Goldens.double(expected["recall"]) ?? .nan, relative: 1e-9, "\(name) \(key) recall")
                expectClose(averages.f1, Goldens.double(expected["f1"]) ?? .nan, relative: 1e-9, "\(name) \(key) F1")
            }
            let classes = c["classes"] as? [[String: Any]] ?? []
            #expect(classes.count == quality.classes.count, "\(name): class count")
            for (actual, expected) in zip(quality.classes, classes) {
                #expect(actual.label == expected["label"] as? String)
                #expect(actual.support == expected["support"] as? Int, "\(name) support of \(actual.label)")
                expectClose(actual.precision, Goldens.double(expected["precision"]) ?? .nan, relative: 1e-9, "\(name) precision of \(actual.label)")
                expectClose(actual.recall, Goldens.double(expected["recall"]) ?? .nan, relative: 1e-9, "\(name) recall of \(actual.label)")
                expectClose(actual.f1, Goldens.double(expected["f1"]) ?? .nan, relative: 1e-9, "\(name) F1 of \(actual.label)")
            }
        }
    }

    @Test func noRowsMeansNoReport() {
        #expect(QualityReport.compute(ConfusionMatrix(), labels: LabelTable()) == nil)
    }

    @Test func mergingMatricesEqualsCountingOnce() {
        var a = ConfusionMatrix(), b = ConfusionMatrix(), both = ConfusionMatrix()
        for (t, p) in [(0, 0), (1, 2), (2, 2)] { a.add(truth: t, predicted: p); both.add(truth: t, predicted: p) }
        for (t, p) in [(3, 0), (1, 1)] { b.add(truth: t, predicted: p); both.add(truth: t, predicted: p) }
        #expect(a + b == both)
    }
}
