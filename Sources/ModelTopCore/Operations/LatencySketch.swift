#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Latency percentiles in bounded memory, for watch mode where requests never stop arriving.
///
/// A log-bucketed histogram (the DDSketch idea): bucket i holds values in (γ^(i-1), γ^i] with
/// γ = (1 + α) / (1 − α), and a percentile is reported as its bucket's midpoint, which is within
/// relative error α of some value at that rank. Latencies from 1 µs to 10⁷ ms at α = 1% need
/// about 1,200 buckets, whatever the number of requests; two sketches merge by adding counts.
/// The one-shot report keeps exact percentiles (`LatencySummary`).
public struct LatencySketch: Sendable, Equatable {
    public let relativeAccuracy: Double
    private let gamma: Double
    private let logGamma: Double
    /// Counts of buckets `offset ..< offset + counts.count`.
    private var counts: [Int] = []
    private var offset = 0
    /// Values ≤ 0 (a clock that stepped back): reported as 0.
    private var nonPositive = 0
    public private(set) var count = 0
    public private(set) var sum = 0.0
    public private(set) var max = -Double.infinity

    public init(relativeAccuracy: Double = 0.01) {
        self.relativeAccuracy = relativeAccuracy
        gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
        logGamma = log(gamma)
    }

    /// Adds one latency; NaN (absent) and infinities are ignored.
    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        count += 1
        sum += value
        max = Swift.max(max, value)
        guard value > 0 else { return nonPositive += 1 }
        add(bucket: Int(ceil(log(value) / logGamma)), count: 1)
    }

    /// Adds `count` values to bucket `index`, growing the bucket range to reach it.
    private mutating func add(bucket index: Int, count n: Int) {
        if counts.isEmpty {
            counts = [0]
            offset = index
        } else if index < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - index), at: 0)
            offset = index
        } else if index >= offset + counts.count {
            counts.append(contentsOf: repeatElement(0, count: index - offset - counts.count + 1))
        }
        counts[index - offset] += n
    }

    /// Adds every value of another sketch with the same accuracy.
    public mutating func merge(_ other: LatencySketch) {
        precondition(other.relativeAccuracy == relativeAccuracy, "merging sketches of different accuracy")
        for (k, n) in other.counts.enumerated() where n > 0 { add(bucket: other.offset + k, count: n) }
        nonPositive += other.nonPositive
        count += other.count
        sum += other.sum
        max = Swift.max(max, other.max)
    }

    /// The value at `percent` (0...100), nearest-rank on `(count − 1) · percent / 100`; nil when
    /// empty.
    public func percentile(_ percent: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = Double(count - 1) * Swift.min(Swift.max(percent, 0), 100) / 100
        var seen = nonPositive
        if Double(seen) > rank { return 0 }
        for (k, n) in counts.enumerated() {
            seen += n
            if Double(seen) > rank {
                let upper = pow(gamma, Double(offset + k))
                return Swift.min(2 * upper / (gamma + 1), max)
            }
        }
        return max
    }

    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// Buckets in use: the memory the sketch holds.
    public var bucketCount: Int { counts.count }
}
