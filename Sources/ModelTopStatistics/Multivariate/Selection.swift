import ModelTopBase

/// Order statistics without a full sort: a million pairwise distances need their median, and a
/// quickselect finds it in linear time where a sort takes n log n.
package enum Selection {
    /// numpy's `median`: the middle value, or the mean of the two middle values for an even
    /// count. NaN for no values. Reorders `values`.
    package static func median(_ values: inout [Double]) -> Double {
        let n = values.count
        guard n > 0 else { return .nan }
        let upper = select(&values, n / 2)
        guard n % 2 == 0 else { return upper }
        // After selecting n/2, everything before it is no larger: the lower middle is their maximum.
        let lower = values[0..<(n / 2)].max()!
        return (lower + upper) / 2
    }

    /// The value that would sit at `k` if `values` were sorted ascending; reorders `values`
    /// so that everything before `k` is no larger and everything after no smaller.
    package static func select(_ values: inout [Double], _ k: Int) -> Double {
        precondition(values.indices.contains(k), "k within the values")
        var low = 0, high = values.count - 1
        var generator = SeededGenerator(seed: 0x5E1E_C7)
        while low < high {
            let pivot = values[Int.random(in: low...high, using: &generator)]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }

    /// The `q` quantile (0…1) by numpy's default linear interpolation. Reorders `values`.
    package static func quantile(_ values: inout [Double], _ q: Double) -> Double {
        let n = values.count
        guard n > 0 else { return .nan }
        let position = q * Double(n - 1)
        let below = Int(position.rounded(.down)), fraction = position - Double(below)
        let low = select(&values, below)
        guard fraction > 0, below + 1 < n else { return low }
        let high = values[(below + 1)...].min()!
        return low + (high - low) * fraction
    }
}
