import ModelTopTables

/// Labelled rows laid out the way the trainer reads them: one contiguous row-major matrix.
///
/// Tables keep one array per embedding column (good for drift statistics); the trainer walks
/// rows, so it gets its own copy with each row's values next to each other.
package struct TrainingSet: Sendable {
    /// Embedding column names, in column order.
    package let featureNames: [String]
    /// Labels that `targets` index; the reference's labels come first.
    package private(set) var labels: LabelTable
    /// `features[row * dimensions + d]`, raw (not standardised).
    package private(set) var features: [Double] = []
    /// The true label id of every row.
    package private(set) var targets: [Int32] = []

    package init(featureNames: [String], labels: LabelTable) {
        self.featureNames = featureNames
        self.labels = labels
    }

    package var dimensions: Int { featureNames.count }
    package var rows: Int { targets.count }

    /// The reference table's rows; the table must have a target column.
    package init(table: DataTable, labels: LabelTable? = nil) throws(TrainingError) {
        guard table.schema.hasTarget else { throw .noTarget(file: table.file) }
        self.init(featureNames: table.schema.embeddingNames, labels: labels ?? table.labels)
        append(columns: table.embeddings, targets: table.target, labels: table.labels)
    }

    /// Rows left out because a value was NaN or ±inf (the drift statistics skip such values
    /// too; one would turn every weight into NaN).
    package private(set) var skippedNonFinite = 0

    /// Appends rows given column by column; `targets` are ids into `labels`, re-mapped to ours by
    /// name. Rows with a value that is not finite are counted in `skippedNonFinite`, not kept.
    package mutating func append(columns: [[Double]], targets newTargets: [Int32], labels source: LabelTable) {
        let remap = source.names.map { labels.intern($0) }
        let d = dimensions
        let count = min(newTargets.count, columns.prefix(d).map(\.count).min() ?? 0)
        var block = [Double](repeating: 0, count: count * d)
        var finite = [Bool](repeating: true, count: count)
        block.withUnsafeMutableBufferPointer { out in
            for (column, values) in columns.prefix(d).enumerated() {
                for row in 0..<count {
                    let value = values[row]
                    out[row * d + column] = value
                    if !value.isFinite { finite[row] = false }
                }
            }
        }
        features.reserveCapacity(features.count + count * d)
        for row in 0..<count {
            guard newTargets[row] >= 0 else { continue }  // no feedback yet: nothing to learn from
            guard finite[row] else {
                skippedNonFinite += 1
                continue
            }
            features.append(contentsOf: block[(row * d)..<((row + 1) * d)])
            targets.append(remap[Int(newTargets[row])])
        }
    }

    /// The rows at `indices`, in that order.
    package func subset(_ indices: [Int]) -> TrainingSet {
        var picked = TrainingSet(featureNames: featureNames, labels: labels)
        let d = dimensions
        picked.features.reserveCapacity(indices.count * d)
        for row in indices { picked.features.append(contentsOf: features[(row * d)..<((row + 1) * d)]) }
        picked.targets = indices.map { targets[$0] }
        return picked
    }

    /// One row's raw values.
    package func row(_ index: Int) -> ArraySlice<Double> {
        features[(index * dimensions)..<((index + 1) * dimensions)]
    }

    /// Label ids that occur as a target, in presentation order (numeric labels numerically),
    /// which is also scikit-learn's `classes_` order.
    package var presentClasses: [Int32] {
        var seen = [Bool](repeating: false, count: labels.count)
        for id in targets { seen[Int(id)] = true }
        return labels.sortedIDs().filter { seen[Int($0)] }
    }
}
