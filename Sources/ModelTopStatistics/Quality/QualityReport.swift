import ModelTopTables

/// Classification quality with scikit-learn's definitions (`zero_division=0`).
package struct QualityReport: Sendable, Equatable {
    package struct ClassMetrics: Sendable, Equatable {
        package var label: String
        package var precision: Double
        package var recall: Double
        package var f1: Double
        package var support: Int
    }

    package struct Averages: Sendable, Equatable {
        package var precision: Double
        package var recall: Double
        package var f1: Double
    }

    package var rows: Int
    package var accuracy: Double
    package var balancedAccuracy: Double
    package var macro: Averages
    package var weighted: Averages
    /// One entry per label that occurs as a target or a prediction, in label order.
    package var classes: [ClassMetrics]
    /// `confusion[truth][prediction]` over `confusionLabels`: every class when there are at
    /// most `confusionLimit`, else the `confusionLimit` with the most support, in label order.
    package var confusion: [[Int]]
    package var confusionLabels: [String]
    /// Classes left out of `confusion`, and the rows whose true or predicted class is one of them.
    package var omittedClasses = 0
    package var omittedRows = 0

    /// The most classes a confusion matrix shows: a matrix of 10,000 labels is 100 million
    /// numbers that nobody reads (and 300 MB of JSON).
    package static let confusionLimit = 50

    package var labels: [String] { classes.map(\.label) }

    /// nil when there are no rows.
    package static func compute(_ matrix: ConfusionMatrix, labels: LabelTable) -> QualityReport? {
        guard matrix.total > 0 else { return nil }
        let (support, predicted) = matrix.marginals()
        var diagonal = [Int](repeating: 0, count: matrix.size)
        matrix.forEachCell { truth, guess, count in if truth == guess { diagonal[truth] += count } }
        // sklearn's label set: every label that occurs as a target or a prediction.
        let order = labels.sortedIDs().map(Int.init).filter { $0 < matrix.size && (support[$0] > 0 || predicted[$0] > 0) }
        var classes: [ClassMetrics] = []
        var correct = 0
        var recalls: [Double] = []
        classes.reserveCapacity(order.count)
        for id in order {
            let truePositives = diagonal[id], classSupport = support[id], guessed = predicted[id]
            correct += truePositives
            let precision = guessed > 0 ? Double(truePositives) / Double(guessed) : 0
            let recall = classSupport > 0 ? Double(truePositives) / Double(classSupport) : 0
            let denominator = classSupport + guessed
            let f1 = denominator > 0 ? 2 * Double(truePositives) / Double(denominator) : 0
            if classSupport > 0 { recalls.append(recall) }
            classes.append(ClassMetrics(
                label: labels.names[id], precision: precision, recall: recall, f1: f1, support: classSupport))
        }
        let total = matrix.total
        let supports = classes.map { Double($0.support) }
        let supportSum = NumpyArithmetic.sum(supports)
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : NumpyArithmetic.sum(values) / Double(values.count) }
        func weightedMean(_ values: [Double]) -> Double {
            supportSum > 0 ? NumpyArithmetic.sum(zip(values, supports).map { $0 * $1 }) / supportSum : 0
        }
        let shown = shownClasses(order, support: support, predicted: predicted)
        let position = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($1, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: shown.count), count: shown.count)
        var omittedRows = 0
        matrix.forEachCell { truth, guess, count in
            if let t = position[truth], let p = position[guess] { confusion[t][p] += count } else { omittedRows += count }
        }
        return QualityReport(
            rows: total,
            accuracy: Double(correct) / Double(total),
            balancedAccuracy: mean(recalls),
            macro: Averages(
                precision: mean(classes.map(\.precision)), recall: mean(classes.map(\.recall)), f1: mean(classes.map(\.f1))),
            weighted: Averages(
                precision: weightedMean(classes.map(\.precision)), recall: weightedMean(classes.map(\.recall)),
                f1: weightedMean(classes.map(\.f1))),
            classes: classes, confusion: confusion, confusionLabels: shown.map { labels.names[$0] },
            omittedClasses: order.count - shown.count, omittedRows: omittedRows)
    }

    /// The classes a confusion matrix shows, in label order: all of them up to `confusionLimit`,
    /// else those with the most rows (support, then predictions; ties in label order).
    static func shownClasses(_ order: [Int], support: [Int], predicted: [Int]) -> [Int] {
        guard order.count > confusionLimit else { return order }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let top = order.sorted {
            (support[$0], predicted[$0], -rank[$0]!) > (support[$1], predicted[$1], -rank[$1]!)
        }.prefix(confusionLimit)
        return top.sorted { rank[$0]! < rank[$1]! }
    }
}
