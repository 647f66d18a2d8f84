/// Classification quality with scikit-learn's definitions (`zero_division=0`).
public struct QualityReport: Sendable, Equatable {
    public struct ClassMetrics: Sendable, Equatable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public struct Averages: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }

    public var rows: Int
    public var accuracy: Double
    public var balancedAccuracy: Double
    public var macro: Averages
    public var weighted: Averages
    /// One entry per label that occurs as a target or a prediction, in label order.
    public var classes: [ClassMetrics]
    /// `confusion[truth][prediction]` in the order of `classes`.
    public var confusion: [[Int]]

    public var labels: [String] { classes.map(\.label) }

    /// nil when there are no rows.
    public static func compute(_ matrix: ConfusionMatrix, labels: LabelTable) -> QualityReport? {
        guard matrix.total > 0 else { return nil }
        let size = matrix.counts.count
        func count(_ t: Int, _ p: Int) -> Int { t < size && p < size ? matrix.counts[t][p] : 0 }
        // sklearn's label set: every label that occurs as a target or a prediction.
        let order = labels.sortedIDs().map(Int.init).filter { id in
            (0..<size).contains { count(id, $0) > 0 || count($0, id) > 0 }
        }
        let confusion = order.map { t in order.map { p in count(t, p) } }
        var classes: [ClassMetrics] = []
        var correct = 0
        var recalls: [Double] = []
        for (k, id) in order.enumerated() {
            let truePositives = confusion[k][k]
            let support = confusion[k].reduce(0, +)
            let predicted = confusion.reduce(0) { $0 + $1[k] }
            correct += truePositives
            let precision = predicted > 0 ? Double(truePositives) / Double(predicted) : 0
            let recall = support > 0 ? Double(truePositives) / Double(support) : 0
            let denominator = support + predicted
            let f1 = denominator > 0 ? 2 * Double(truePositives) / Double(denominator) : 0
            if support > 0 { recalls.append(recall) }
            classes.append(ClassMetrics(
                label: labels.names[id], precision: precision, recall: recall, f1: f1, support: support))
        }
        let total = matrix.total
        let supports = classes.map { Double($0.support) }
        let supportSum = NumpyArithmetic.sum(supports)
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : NumpyArithmetic.sum(values) / Double(values.count) }
        func weightedMean(_ values: [Double]) -> Double {
            supportSum > 0 ? NumpyArithmetic.sum(zip(values, supports).map { $0 * $1 }) / supportSum : 0
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
            classes: classes, confusion: confusion)
    }
}
