import ModelTopBase
import ModelTopStatistics

/// Accuracy and macro F1 estimated from calibrated probabilities alone (NannyML's CBPE), so the
/// console can show model quality for requests whose true label has not arrived yet.
package struct PerformanceEstimate: Sendable, Equatable {
    package var accuracy: Double
    package var f1Macro: Double
    /// Requests the estimate covers.
    package var rows: Int
}

/// Confidence-based performance estimation, multiclass.
///
/// Per class k an isotonic regression maps `probs[k]` to the chance the label is k, fitted on
/// the labelled requests; calibrated rows are renormalised to sum to 1 (a row summing to 0 keeps
/// its raw probabilities). Expected accuracy is the mean calibrated probability of the
/// predicted class; per class, expected TP = Σ p_k over rows predicted k, FP = Σ (1 − p_k) over
/// the same rows, FN = Σ p_k over the others, and F1_k = 2TP / (2TP + FP + FN). Sums are
/// numpy's pairwise sums in file order, so the figures match the reference script exactly.
package struct ConfidenceBasedEstimate: Sendable {
    /// Probabilities per request (`probs` length); every row must agree.
    package let classes: Int
    package let calibrators: [IsotonicRegression]
    /// For each label id, its `probs` column, or -1.
    let columns: [Int]

    /// Rows processed per parallel round; bounds the calibrated block kept in memory.
    static let blockRows = 32_768

    /// Fits the calibrators on the scored, labelled requests with probabilities. nil when there
    /// are none, when `probs` lengths differ, or when a prediction names no probability column.
    ///
    /// The rows are found by a predicate rather than listed: at a million requests a list costs
    /// 8 MB, held while two classes are fitted at once (the report's peak memory).
    package init?(_ table: RequestTable) {
        guard let first = (0..<table.count).first(where: { Self.hasProbabilities(table, $0) }) else { return nil }
        let classes = table.probabilityStart[first + 1] - table.probabilityStart[first]
        let columns = ClassOrder.probabilityColumns(table.labels, classes: classes)
        var labelled = 0
        for row in first..<table.count where Self.hasProbabilities(table, row) {
            guard table.probabilityStart[row + 1] - table.probabilityStart[row] == classes,
                  columns[Int(table.prediction[row])] >= 0 else { return nil }
            if table.target[row] >= 0 { labelled += 1 }
        }
        guard labelled > 0 else { return nil }
        let labelledCount = labelled
        let fitted = ParallelMap.map(count: classes) { k -> IsotonicRegression? in
            let (negatives, positives) = Self.sortedColumn(table, labelled: labelledCount, column: k, columns: columns)
            return IsotonicRegression(sortedNegatives: negatives, sortedPositives: positives, yMin: 0, yMax: 1)
        }
        let calibrators = fitted.compactMap { $0 }
        guard calibrators.count == classes else { return nil }
        self.classes = classes
        self.calibrators = calibrators
        self.columns = columns
    }

    /// Probability `column` of the `labelled` scored, labelled rows with probabilities, split by
    /// whether the label is that column's class and sorted. A function of its own so the
    /// unsorted copies are freed before the fit.
    static func sortedColumn(
        _ table: RequestTable, labelled: Int, column k: Int, columns: [Int]
    ) -> (negatives: [Double], positives: [Double]) {
        var negatives: [Double] = [], positives: [Double] = []
        negatives.reserveCapacity(labelled)
        table.probabilities.withUnsafeBufferPointer { p in
            table.probabilityStart.withUnsafeBufferPointer { starts in
                for row in 0..<table.count where table.target[row] >= 0 && hasProbabilities(table, row) {
                    let value = p[starts[row] + k]
                    if columns[Int(table.target[row])] == k { positives.append(value) } else { negatives.append(value) }
                }
            }
        }
        return (RadixSort.sortedFinite(segments: [negatives]).sorted, RadixSort.sortedFinite(segments: [positives]).sorted)
    }

    /// A scored request with probabilities: the rows CBPE covers.
    @inline(__always)
    static func hasProbabilities(_ table: RequestTable, _ row: Int) -> Bool {
        table.isScored(row) && table.probabilityStart[row + 1] > table.probabilityStart[row]
    }

    /// The estimate over the scored requests with probabilities that have no label yet
    /// (`labelled: false`) or, as a check against the measured figures, those that have one.
    package func estimate(_ table: RequestTable, labelled: Bool) -> PerformanceEstimate? {
        estimate(table, rows: (0..<table.count).filter { Self.hasProbabilities(table, $0) && (table.target[$0] >= 0) == labelled })
    }

    func estimate(_ table: RequestTable, rows: [Int]) -> PerformanceEstimate? {
        guard !rows.isEmpty else { return nil }
        let k = classes
        var predicted = [Int](repeating: 0, count: k)
        for row in rows { predicted[columns[Int(table.prediction[row])]] += 1 }
        // Sum k: class k's TP, FP and FN; sum `classes`: the expected hits. Each is fed by one
        // task per block, so the classes are summed on every core, each in file order.
        var sums = predicted.map { ClassSums(predicted: $0, rows: rows.count) }
        sums.append(ClassSums(predicted: rows.count, rows: rows.count))
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + Self.blockRows)
            let block = calibrated(table, rows: rows[start..<end])
            let predictedColumn = rows[start..<end].map { columns[Int(table.prediction[$0])] }
            ParallelMap.updateEach(&sums) { c, sum in
                block.withUnsafeBufferPointer { block in
                    for (offset, yhat) in predictedColumn.enumerated() {
                        if c == k {
                            sum.truePositives.add(block[offset * k + yhat])
                        } else {
                            sum.add(block[offset * k + c], predicted: c == yhat)
                        }
                    }
                }
            }
            start = end
        }
        let f1 = sums.prefix(k).map(\.f1)
        return PerformanceEstimate(
            accuracy: sums[k].truePositives.value / Double(rows.count), f1Macro: NumpyArithmetic.sum(f1) / Double(k),
            rows: rows.count)
    }

    /// One class's expected TP, FP and FN, as numpy sums them: TP and FP over the rows predicted
    /// as the class, FN over the others.
    struct ClassSums: Sendable {
        var truePositives: PairwiseSum
        var falsePositives: PairwiseSum
        var falseNegatives: PairwiseSum

        init(predicted: Int, rows: Int) {
            truePositives = PairwiseSum(count: predicted)
            falsePositives = PairwiseSum(count: predicted)
            falseNegatives = PairwiseSum(count: rows - predicted)
        }

        @inline(__always)
        mutating func add(_ p: Double, predicted: Bool) {
            if predicted {
                truePositives.add(p)
                falsePositives.add(1.0 - p)
            } else {
                falseNegatives.add(p)
            }
        }

        var f1: Double {
            let tp = truePositives.value, fp = falsePositives.value, fn = falseNegatives.value
            let denominator = 2 * tp + fp + fn
            return denominator > 0 ? 2 * tp / denominator : 0
        }
    }

    /// Calibrated, renormalised probabilities of `rows`, row-major, computed on every core. Each
    /// piece is calibrated one class at a time, so one calibrator's tables stay in cache.
    func calibrated(_ table: RequestTable, rows: ArraySlice<Int>) -> [Double] {
        let k = classes
        let pieces = 8
        let base = rows.startIndex
        let parts = ParallelMap.map(count: pieces) { piece -> [Double] in
            let lower = base + rows.count * piece / pieces, upper = base + rows.count * (piece + 1) / pieces
            let starts = rows[lower..<upper].map { table.probabilityStart[$0] }
            return [Double](unsafeUninitializedCapacity: starts.count * k) { out, initialized in
                table.probabilities.withUnsafeBufferPointer { p in
                    for c in 0..<k {
                        let calibrator = calibrators[c]
                        for (n, start) in starts.enumerated() { out[n * k + c] = calibrator.predict(p[start + c]) }
                    }
                    for (n, start) in starts.enumerated() {
                        let sum = NumpyArithmetic.sum(UnsafeBufferPointer(rebasing: out[(n * k)..<(n * k + k)]))
                        for c in 0..<k { out[n * k + c] = sum == 0 ? p[start + c] : out[n * k + c] / sum }
                    }
                }
                initialized = starts.count * k
            }
        }
        return Array(parts.joined())
    }
}
