/// The mean and sample standard deviation of reconstruction errors, kept as sums so rows can be
/// added as they arrive and tallies merged (the rows of a chunk, of a time window, of the whole
/// history). Sums are shifted by the first error and compensated (Neumaier), so a million rows
/// agree with numpy's two-pass mean and `std(ddof=1)` to about 1e-14.
package struct ReconstructionTally: Sendable, Equatable {
    package internal(set) var count = 0
    var shift = 0.0
    var sum = CompensatedSum()
    var squares = CompensatedSum()

    package init() {}

    package mutating func add(_ error: Double) {
        if count == 0 { shift = error }
        count += 1
        let x = error - shift
        sum.add(x)
        squares.add(x * x)
    }

    package mutating func merge(_ other: ReconstructionTally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        // Re-express the other's sums around this shift: Σ(x−a) = Σ(x−b) + n(b−a).
        let delta = other.shift - shift, n = Double(other.count)
        sum.add(other.sum.value + n * delta)
        squares.add(other.squares.value + 2 * delta * other.sum.value + n * delta * delta)
        count += other.count
    }

    /// NaN without rows.
    package var mean: Double { count > 0 ? shift + sum.value / Double(count) : .nan }

    /// `std(ddof=1)`: NaN under two rows, as numpy's.
    package var standardDeviation: Double {
        guard count >= 2 else { return .nan }
        let n = Double(count), s = sum.value
        return max((squares.value - s * s / n) / (n - 1), 0).squareRoot()
    }

    /// NannyML's sampling error of a chunk: the standard error of its mean.
    package var samplingError: Double { standardDeviation / Double(count).squareRoot() }
}
