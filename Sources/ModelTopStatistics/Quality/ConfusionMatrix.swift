import ModelTopBase

/// Counts of (true label, predicted label) pairs: the accumulator behind every quality metric.
///
/// Indexed by label id (see `LabelTable`). A classifier has tens to a few thousand classes, but a
/// `target` column of free text or continuous values has one "class" per row: a dense matrix
/// would then cost labels² cells (10,000 labels: 800 MB). So the matrix is dense while it has at
/// most `denseLimit` labels (the common case: an array increment per row) and sparse beyond
/// (a dictionary of the non-zero cells), and everything that reads it walks the non-zero cells.
package struct ConfusionMatrix: Sendable, Equatable {
    /// Labels up to which the matrix is a dense `size × size` array.
    package static let denseLimit = 256

    /// Row-major `size × size` while dense; empty once sparse.
    private var dense: [Int] = []
    /// Non-zero cells by `truth << 32 | predicted`, once sparse.
    private var sparse: [Int: Int] = [:]
    private var isSparse = false
    /// Labels the matrix spans: more than the largest id added (dense matrices grow in steps).
    package private(set) var size = 0
    package private(set) var total = 0

    package init() {}

    /// Adds the labelled pairs; a row without feedback yet (target -1) or without a prediction
    /// (-1) is not a quality observation.
    package mutating func append(target: ArraySlice<Int32>, prediction: ArraySlice<Int32>) {
        // Not generic on purpose: called from other modules once per chunk, where an
        // unspecialised generic loop would cost metadata lookups on every row.
        for k in 0..<min(target.count, prediction.count) {
            let truth = target[target.startIndex + k], predicted = prediction[prediction.startIndex + k]
            if truth >= 0, predicted >= 0 { add(truth: Int(truth), predicted: Int(predicted)) }
        }
    }

    package mutating func append(target: [Int32], prediction: [Int32]) {
        append(target: target[...], prediction: prediction[...])
    }

    package mutating func add(truth: Int, predicted: Int, count: Int = 1) {
        let needed = max(truth, predicted) + 1
        if needed > size { grow(to: needed) }
        if isSparse {
            sparse[truth << 32 | predicted, default: 0] += count
        } else {
            dense[truth * size + predicted] += count
        }
        total += count
    }

    /// The count of one cell.
    package func count(truth: Int, predicted: Int) -> Int {
        guard truth < size, predicted < size else { return 0 }
        return isSparse ? sparse[truth << 32 | predicted] ?? 0 : dense[truth * size + predicted]
    }

    /// Calls `body` with every non-zero cell (in no particular order once sparse).
    package func forEachCell(_ body: (_ truth: Int, _ predicted: Int, _ count: Int) -> Void) {
        if isSparse {
            for (key, count) in sparse { body(key >> 32, key & 0xFFFF_FFFF, count) }
            return
        }
        for (index, count) in dense.enumerated() where count > 0 { body(index / size, index % size, count) }
    }

    /// Per label id: rows with that true label, and rows predicted as it.
    /// Adds every cell of `other` (same label ids): the matrix of both sets of rows.
    package mutating func add(_ other: ConfusionMatrix) {
        other.forEachCell { truth, predicted, count in add(truth: truth, predicted: predicted, count: count) }
    }

    package func marginals() -> (support: [Int], predicted: [Int]) {
        var support = [Int](repeating: 0, count: size), predicted = [Int](repeating: 0, count: size)
        forEachCell { truth, guess, count in
            support[truth] += count
            predicted[guess] += count
        }
        return (support, predicted)
    }

    package static func + (lhs: ConfusionMatrix, rhs: ConfusionMatrix) -> ConfusionMatrix {
        var merged = lhs
        rhs.forEachCell { merged.add(truth: $0, predicted: $1, count: $2) }
        return merged
    }

    package static func == (lhs: ConfusionMatrix, rhs: ConfusionMatrix) -> Bool {
        // Equal totals and every cell of one found in the other: no cell of the other is left.
        guard lhs.total == rhs.total else { return false }
        var same = true
        lhs.forEachCell { truth, predicted, count in
            if rhs.count(truth: truth, predicted: predicted) != count { same = false }
        }
        return same
    }

    private mutating func grow(to needed: Int) {
        if isSparse {
            size = needed
            return
        }
        if needed > Self.denseLimit {
            var cells: [Int: Int] = [:]
            forEachCell { cells[$0 << 32 | $1] = $2 }
            sparse = cells
            dense = []
            isSparse = true
            size = needed
            return
        }
        // Grow in steps, so labels arriving one by one do not copy the matrix each time.
        let newSize = min(Self.denseLimit, max(needed, size * 2, 16))
        var grown = [Int](repeating: 0, count: newSize * newSize)
        for truth in 0..<size {
            for predicted in 0..<size { grown[truth * newSize + predicted] = dense[truth * size + predicted] }
        }
        dense = grown
        size = newSize
    }
}

extension ConfusionMatrix {
    /// For checkpoints: the non-zero cells.
    package func write(to writer: inout BinaryWriter) {
        var cells: [Int] = []
        forEachCell { truth, predicted, count in cells += [truth, predicted, count] }
        writer.ints(cells)
    }

    package init(reading reader: inout BinaryReader, labels: Int) throws(BinaryDecodingError) {
        self.init()
        let cells = try reader.ints()
        guard cells.count % 3 == 0 else { throw BinaryDecodingError(reason: "confusion cells") }
        for k in stride(from: 0, to: cells.count, by: 3) {
            let truth = cells[k], predicted = cells[k + 1], count = cells[k + 2]
            guard (0..<labels).contains(truth), (0..<labels).contains(predicted), count > 0 else {
                throw BinaryDecodingError(reason: "confusion cell")
            }
            add(truth: truth, predicted: predicted, count: count)
        }
    }
}
