import ModelTopStatistics

/// numpy's pairwise sum of a sequence whose length is known up front, fed one value at a time.
///
/// `np.sum` over a subset of rows (say, the calibrated probability of class k on the rows not
/// predicted as k) would otherwise need that subset gathered into an array first. numpy's
/// recursion (halves rounded down to a multiple of 8, leaves of at most 128 values) is fixed by
/// the length alone, so the same tree can be walked while the values stream in: the result is
/// bit-identical to `NumpyArithmetic.sum` and the memory is a 128-value leaf plus O(log n).
package struct PairwiseSum: Sendable {
    private struct Frame: Sendable {
        var size: Int
        var left: Double?
    }

    private var frames: [Frame] = []
    private var leaf: [Double] = []
    private var leafSize = 0
    private var total: Double?
    package private(set) var added = 0
    package let count: Int

    /// Prepares a sum of exactly `count` values.
    package init(count: Int) {
        self.count = count
        if count == 0 {
            total = 0
        } else {
            leaf.reserveCapacity(128)
            descend(count)
        }
    }

    /// Adds the next value; values beyond `count` are ignored.
    package mutating func add(_ value: Double) {
        guard total == nil else { return }
        added += 1
        leaf.append(value)
        guard leaf.count == leafSize else { return }
        var sum = NumpyArithmetic.sum(leaf)
        leaf.removeAll(keepingCapacity: true)
        while let top = frames.last {
            if let left = top.left {
                frames.removeLast()
                sum = left + sum
            } else {
                frames[frames.count - 1].left = sum
                let half = Self.leftSize(top.size)
                descend(top.size - half)
                return
            }
        }
        total = sum
    }

    /// The sum, once all `count` values have been added (NaN before that).
    package var value: Double { total ?? .nan }

    /// Walks down the left spine of a subtree of `size` values to its first leaf.
    private mutating func descend(_ size: Int) {
        var size = size
        while size > 128 {
            frames.append(Frame(size: size, left: nil))
            size = Self.leftSize(size)
        }
        leafSize = size
    }

    private static func leftSize(_ size: Int) -> Int {
        let half = size / 2
        return half - half % 8
    }
}
