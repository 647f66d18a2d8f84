import ModelTopTables

/// How labels line up with positions: display order for per-class tables, and which label each
/// column of a `probs` vector stands for.
enum ClassOrder {
    /// `ids` in label order: numeric when every one of these labels is an integer, else by code
    /// point (what the reference script's `sort_labels` does over the same subset).
    static func sorted(_ ids: [Int32], names: [String]) -> [Int32] {
        let integers = ids.map { Int(names[Int($0)]) }
        if integers.allSatisfy({ $0 != nil }) {
            let keyed = zip(ids, integers.map { $0 ?? 0 })
            return keyed.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0)
        }
        return ids.sorted { names[Int($0)].utf8.lexicographicallyPrecedes(names[Int($1)].utf8) }
    }

    /// For each label id, the `probs` column it names, or -1 when it names none of `0..<classes`.
    ///
    /// With integer labels, column k is the label "k" (a model's class index); otherwise the
    /// k-th label in sorted order.
    static func probabilityColumns(_ labels: LabelTable, classes: Int) -> [Int] {
        var columns = [Int](repeating: -1, count: labels.count)
        if labels.isNumeric {
            for (id, name) in labels.names.enumerated() {
                if let k = Int(name), k >= 0, k < classes { columns[id] = k }
            }
        } else {
            for (k, id) in labels.sortedIDs().enumerated() where k < classes { columns[Int(id)] = k }
        }
        return columns
    }
}
