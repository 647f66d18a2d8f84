import ModelTopBase

/// A uniform, seeded sample of at most `capacity` rows from a stream of any length (Vitter's
/// algorithm R): the whole-embedding tests compare a thousand rows a side, not a million, and
/// the sample is the same however the rows arrive in chunks. Rows with a missing or infinite
/// value are passed over (the tests need whole points).
package struct RowReservoir: Sendable, Equatable {
    package let capacity: Int
    package private(set) var rows: RowMatrix
    /// Each sampled row's index in the stream (0-based, counting every row offered).
    package private(set) var indices: [Int] = []
    /// Whole rows offered so far.
    package private(set) var seen = 0
    private var generator: SeededGenerator

    /// Evidently's `mmd()` takes its bandwidth from at most 1,000 rows a side.
    package static let defaultCapacity = 1000

    package init(columns: Int, capacity: Int = defaultCapacity, seed: UInt64) {
        self.capacity = capacity
        self.rows = RowMatrix(columns: max(columns, 1))
        self.generator = SeededGenerator(seed: seed)
    }

    package static func == (a: RowReservoir, b: RowReservoir) -> Bool {
        a.capacity == b.capacity && a.rows == b.rows && a.indices == b.indices && a.seen == b.seen
    }

    /// Offers the rows of column-major `columns`, whose first row is row `firstRow` of the stream.
    package mutating func offer(columns: [[Double]], firstRow: Int) {
        let count = columns.first?.count ?? 0
        var row = [Double](repeating: 0, count: columns.count)
        for r in 0..<count {
            var finite = true
            for c in columns.indices {
                let value = columns[c][r]
                if !value.isFinite { finite = false; break }
                row[c] = value
            }
            guard finite else { continue }
            if seen < capacity {
                rows.append(row: row)
                indices.append(firstRow + r)
            } else {
                let slot = Int.random(in: 0...seen, using: &generator)
                if slot < capacity {
                    rows.replace(row: slot, with: row)
                    indices[slot] = firstRow + r
                }
            }
            seen += 1
        }
    }
}
