import ModelTopBase
import ModelTopStatistics

/// The finite values of a growing column kept in ascending order, for exact percentiles.
///
/// Why not sort per snapshot, or keep a relative-error sketch: a sort of a million latencies on
/// every refresh is the O(all rows) cost the dashboard cache removes, and a sketch's 1% error
/// would make the screen's "p99" differ from `report`'s exact one. Instead the values live in sorted
/// chunks of at most `2 × chunkSize`: an append finds its chunk by binary search over the
/// chunks' maxima and moves at most one chunk's tail (O(log n + chunkSize)); a rank is found by
/// walking the chunk sizes (n / chunkSize steps). Values are kept as order-preserving keys
/// (`RadixSort.key`), so −0 sorts before +0 exactly as the one-shot radix sort puts them.
struct SortedSample: Sendable {
    static let chunkSize = 512

    /// Values of the column taken so far (non-finite ones included).
    private(set) var folded = 0
    /// Finite values held.
    private(set) var count = 0
    private var chunks: [[UInt64]] = []
    /// The largest key of each chunk.
    private var maxima: [UInt64] = []

    /// The values taken, in arrival order, from absolute row `arrivalStart` on: to take out
    /// the oldest when the monitor drops them (watch mode's retention).
    private var arrival: [Double] = []
    private var arrivalStart = 0

    /// Takes the values of `column` (rows from absolute index `firstRow` on) after the ones
    /// already taken, and lets go of those before `firstRow`: the sample is then the kept rows'.
    mutating func fold(_ column: [Double], firstRow: Int = 0) {
        if firstRow > arrivalStart {
            let gone = min(firstRow - arrivalStart, arrival.count)
            for value in arrival[..<gone] where value.isFinite { remove(RadixSort.key(value)) }
            arrival.removeFirst(gone)
            arrivalStart = firstRow
        }
        guard folded < firstRow + column.count else { return }
        let fresh = column[max(0, folded - firstRow)...]
        folded = firstRow + column.count
        arrival.append(contentsOf: fresh)
        // A large batch (the first build above all) is cheaper sorted whole than inserted.
        if fresh.count > count / 8 {
            rebuild(adding: fresh)
        } else {
            for value in fresh where value.isFinite { insert(RadixSort.key(value)) }
        }
    }

    /// Takes one value's key out (it must be held).
    private mutating func remove(_ key: UInt64) {
        var low = 0, high = maxima.count
        while low < high {
            let middle = (low + high) / 2
            if maxima[middle] < key { low = middle + 1 } else { high = middle }
        }
        guard low < chunks.count, let position = chunks[low].firstIndex(of: key) else { return }
        chunks[low].remove(at: position)
        count -= 1
        if chunks[low].isEmpty {
            chunks.remove(at: low)
            maxima.remove(at: low)
        } else {
            maxima[low] = chunks[low][chunks[low].count - 1]
        }
    }

    private mutating func insert(_ key: UInt64) {
        var low = 0, high = maxima.count
        while low < high {
            let middle = (low + high) / 2
            if maxima[middle] < key { low = middle + 1 } else { high = middle }
        }
        let c = min(low, maxima.count - 1)
        var position = 0, end = chunks[c].count
        while position < end {
            let middle = (position + end) / 2
            if chunks[c][middle] <= key { position = middle + 1 } else { end = middle }
        }
        chunks[c].insert(key, at: position)
        maxima[c] = max(maxima[c], key)
        count += 1
        if chunks[c].count > 2 * Self.chunkSize {
            let upper = Array(chunks[c][Self.chunkSize...])
            chunks[c].removeSubrange(Self.chunkSize...)
            maxima[c] = chunks[c][Self.chunkSize - 1]
            chunks.insert(upper, at: c + 1)
            maxima.insert(upper[upper.count - 1], at: c + 1)
        }
    }

    private mutating func rebuild(adding fresh: ArraySlice<Double>) {
        var keys = [UInt64]()
        keys.reserveCapacity(count + fresh.count)
        for chunk in chunks { keys.append(contentsOf: chunk) }
        for value in fresh where value.isFinite { keys.append(RadixSort.key(value)) }
        keys.withUnsafeMutableBufferPointer { RadixSort.sortKeys($0) }
        count = keys.count
        chunks = stride(from: 0, to: keys.count, by: Self.chunkSize).map {
            Array(keys[$0..<min(keys.count, $0 + Self.chunkSize)])
        }
        maxima = chunks.map { $0[$0.count - 1] }
    }

    /// The value of rank `rank` (0-based) in ascending order.
    func element(at rank: Int) -> Double {
        var rest = rank
        for chunk in chunks {
            if rest < chunk.count { return RadixSort.value(chunk[rest]) }
            rest -= chunk.count
        }
        preconditionFailure("rank \(rank) of a sample of \(count)")
    }

    /// numpy's linear quantile, the arithmetic of `NumpyArithmetic.quantile(sorted:_:)`.
    func quantile(_ q: Double) -> Double {
        precondition(count > 0, "quantile of an empty sample")
        let virtualIndex = Double(count - 1) * q
        if virtualIndex >= Double(count - 1) { return element(at: count - 1) }
        if virtualIndex < 0 { return element(at: 0) }
        let previousIndex = virtualIndex.rounded(.down)
        let gamma = virtualIndex - previousIndex
        let a = element(at: Int(previousIndex)), b = element(at: Int(previousIndex) + 1)
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The latency summary of the values held; nil when none is finite.
    var latency: SnapshotLatency? {
        guard count > 0 else { return nil }
        return SnapshotLatency(count: count, p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99))
    }
}

extension SortedSample {
    /// The values in arrival order are enough: the sorted chunks are built again from them.
    func write(to writer: inout BinaryWriter) {
        writer.int(folded)
        writer.int(arrivalStart)
        writer.doubles(arrival)
    }

    init(reading reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init()
        let folded = try reader.int(), start = try reader.int(), values = try reader.doubles()
        guard start >= 0, folded == start + values.count else { throw BinaryDecodingError(reason: "latency sample") }
        arrivalStart = start
        fold(values, firstRow: start)
    }
}
