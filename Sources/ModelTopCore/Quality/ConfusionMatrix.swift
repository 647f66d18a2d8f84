/// Counts of (true label, predicted label) pairs: the accumulator behind every quality metric.
///
/// Indexed by label id (see `LabelTable`); grows as new labels appear, so appends are O(rows).
public struct ConfusionMatrix: Sendable, Equatable {
    /// `counts[truth][prediction]`.
    public private(set) var counts: [[Int]] = []
    public private(set) var total = 0

    public init() {}

    /// Adds the labelled pairs; a row without feedback yet (target -1) or without a prediction
    /// (-1) is not a quality observation.
    public mutating func append<C: Collection>(target: C, prediction: C) where C.Element == Int32 {
        for (truth, predicted) in zip(target, prediction) where truth >= 0 && predicted >= 0 {
            add(truth: Int(truth), predicted: Int(predicted))
        }
    }

    public mutating func add(truth: Int, predicted: Int, count: Int = 1) {
        let needed = max(truth, predicted) + 1
        if needed > counts.count { grow(to: needed) }
        counts[truth][predicted] += count
        total += count
    }

    public static func + (lhs: ConfusionMatrix, rhs: ConfusionMatrix) -> ConfusionMatrix {
        var merged = lhs
        for (truth, row) in rhs.counts.enumerated() {
            for (predicted, count) in row.enumerated() where count > 0 {
                merged.add(truth: truth, predicted: predicted, count: count)
            }
        }
        return merged
    }

    private mutating func grow(to size: Int) {
        for k in counts.indices { counts[k].append(contentsOf: repeatElement(0, count: size - counts[k].count)) }
        while counts.count < size { counts.append([Int](repeating: 0, count: size)) }
    }
}
