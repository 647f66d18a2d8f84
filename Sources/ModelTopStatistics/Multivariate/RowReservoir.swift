import Glibc
import ModelTopBase

/// A uniform, seeded sample of at most `capacity` rows from a stream of any length: the
/// whole-embedding tests compare a thousand rows a side, not a million, and the sample is the
/// same however the rows arrive in chunks.
///
/// Li's algorithm L: after the first `capacity` rows, it draws how many rows to skip before the
/// next one it takes, so a million-row file costs a few thousand random draws and copies, not a
/// draw per row. Every row is a candidate; rows with a missing or infinite value are left out
/// when the sample is read (`finite`), which keeps the rest uniform.
package struct RowReservoir: Sendable, Equatable {
    package let capacity: Int
    package internal(set) var rows: RowMatrix
    /// Each sampled row's index in the stream (0-based, counting every row offered).
    package internal(set) var indices: [Int] = []
    /// Rows offered so far.
    package internal(set) var seen = 0
    /// The stream index of the next row to take, once the sample is full.
    var nextTaken = 0
    /// Algorithm L's W.
    var weight = 1.0
    var generator: SeededGenerator

    /// Evidently's `mmd()` takes its bandwidth from at most 1,000 rows a side.
    package static let defaultCapacity = 1000

    package init(columns: Int, capacity: Int = defaultCapacity, seed: UInt64) {
        precondition(capacity > 0, "a sample holds rows")
        self.capacity = capacity
        self.rows = RowMatrix(columns: max(columns, 1))
        self.generator = SeededGenerator(seed: seed)
    }

    package static func == (a: RowReservoir, b: RowReservoir) -> Bool {
        a.capacity == b.capacity && a.rows.values.elementsEqual(b.rows.values) { $0.bitPattern == $1.bitPattern }
            && a.indices == b.indices && a.seen == b.seen && a.nextTaken == b.nextTaken && a.weight == b.weight
    }

    /// Offers the rows of column-major `columns` (the next rows of the stream).
    package mutating func offer(columns: [[Double]]) {
        let count = columns.first?.count ?? 0
        let first = seen
        var r = 0
        while indices.count < capacity, r < count {
            rows.append(row: columns.map { $0[r] })
            indices.append(first + r)
            r += 1
            if indices.count == capacity {
                weight = Glibc.exp(Glibc.log(uniform()) / Double(capacity))
                nextTaken = first + r + skip()
            }
        }
        let end = first + count
        while indices.count == capacity, nextTaken < end {
            let slot = Int.random(in: 0..<capacity, using: &generator)
            rows.replace(row: slot, with: columns.map { $0[nextTaken - first] })
            indices[slot] = nextTaken
            weight *= Glibc.exp(Glibc.log(uniform()) / Double(capacity))
            nextTaken += 1 + skip()
        }
        seen = end
    }

    /// The sampled rows whose values are all finite, each distinct row once (the first in the
    /// stream), with their stream indices.
    ///
    /// Why once: a request retried, or an image sent twice, repeats a row exactly. Its copy is
    /// then its own nearest neighbour, on its own side, and the classifier "sees" production
    /// as different for it (the demo's clean traffic, which draws images with replacement, made
    /// p 0.049 that way). Repeats say nothing about where the rows lie.
    package var finite: (rows: RowMatrix, indices: [Int]) {
        var seenRows = Set<[UInt64]>()
        let keep = (0..<indices.count).sorted { indices[$0] < indices[$1] }.filter { r in
            let row = rows.row(r)
            return RowMatrix.isFinite(row) && seenRows.insert(row.map { ($0 == 0 ? 0 : $0).bitPattern }).inserted
        }.sorted()
        return keep.count == indices.count ? (rows, indices) : (rows.rows(keep), keep.map { indices[$0] })
    }

    /// Rows to pass over before the next one taken: ⌊log u / log(1 − W)⌋.
    private mutating func skip() -> Int {
        let gap = Glibc.log(uniform()) / Glibc.log1p(-weight)
        return gap.isFinite && gap < Double(Int.max / 4) ? Int(gap) : Int.max / 4
    }

    /// Uniform in (0, 1), never 0 (its logarithm is taken).
    private mutating func uniform() -> Double {
        (Double(generator.next() >> 11) + 0.5) * 0x1p-53
    }
}
