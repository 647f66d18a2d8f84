import ModelTopBase

/// A seeded split of labelled rows into training and holdout rows, stratified by class.
///
/// Champion and challenger are judged on the same held-out rows; stratifying keeps every
/// class in the holdout in its share of the data, so macro F1 is not decided by a rare
/// class that happened to land entirely on one side.
package struct StratifiedHoldout: Sendable, Equatable {
    /// Row indices, ascending.
    package var training: [Int]
    package var holdout: [Int]

    package init(training: [Int], holdout: [Int]) {
        self.training = training
        self.holdout = holdout
    }

    /// Holds out round(`fraction` × rows of the class) of each class, keeping at least one row
    /// of every class for training.
    package static func split(targets: [Int32], fraction: Double, seed: UInt64) throws(TrainingError) -> StratifiedHoldout {
        guard fraction > 0, fraction < 1 else { throw .badHoldout(fraction) }
        var byClass: [Int32: [Int]] = [:]
        for (row, label) in targets.enumerated() { byClass[label, default: []].append(row) }
        var generator = SeededGenerator(seed: seed)
        var training: [Int] = [], holdout: [Int] = []
        for label in byClass.keys.sorted() {
            var rows = byClass[label] ?? []
            // Fisher–Yates with our own generator: `shuffle(using:)` may change between Swift versions.
            if rows.count > 1 {
                for i in stride(from: rows.count - 1, to: 0, by: -1) {
                    let j = Int(generator.next() % UInt64(i + 1))
                    rows.swapAt(i, j)
                }
            }
            let held = min(Int((Double(rows.count) * fraction).rounded()), rows.count - 1)
            holdout.append(contentsOf: rows.prefix(held))
            training.append(contentsOf: rows.dropFirst(held))
        }
        guard !holdout.isEmpty else { throw .tooFewRows(rows: targets.count, needed: Int((1 / fraction).rounded(.up))) }
        return StratifiedHoldout(training: training.sorted(), holdout: holdout.sorted())
    }
}
