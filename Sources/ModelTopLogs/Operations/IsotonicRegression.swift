import ModelTopStatistics

/// A non-decreasing step-and-ramp fit of y on x, bit-for-bit scikit-learn's
/// `IsotonicRegression(increasing=True, out_of_bounds='clip', y_min, y_max)` with unit weights.
///
/// Confidence-based performance estimation calibrates each class's probability with it, and
/// the estimate is only trustworthy if it reproduces the reference implementation, so every
/// step follows sklearn 1.9 / scipy 1.17: lexsort by (x, y); merge x values closer than
/// `finfo(float64).resolution` into their weighted mean (`_make_unique`); scipy's PAVA
/// (Busing 2022); clip to [yMin, yMax]; drop interior points equal to both neighbours; predict
/// with `np.interp` after clipping x to the fitted range.
package struct IsotonicRegression: Sendable, Equatable {
    /// The x of each kept point, strictly increasing (sklearn's `X_thresholds_`).
    package let thresholds: [Double]
    /// The fitted value at each threshold (`y_thresholds_`), non-decreasing.
    package let values: [Double]
    /// For each of `searchBuckets` equal slices of the thresholds' order-preserving bit patterns
    /// (`RadixSort.key`), plus one past the end: how many thresholds lie before the slice. A
    /// prediction searches only its slice's thresholds, which matters at ten calibrations per
    /// request and a million requests. Slices of the bit patterns are narrow near 0, where
    /// nine of a request's ten probabilities crowd; equal slices of x would put most of them
    /// into the first few slices.
    private let bucketFirst: [Int32]
    /// The key of the first threshold, and the shift that turns a key's distance from it into
    /// a slice.
    private let bucketBase: UInt64
    private let bucketShift: UInt64
    /// `(values[j+1] - values[j]) / (thresholds[j+1] - thresholds[j])`, as `np.interp` precomputes.
    private let slopes: [Double]

    static let searchBuckets = 4096

    /// numpy's `finfo(float64).resolution`: x values closer than this to a group's first x join it.
    static let resolution = 1e-15

    /// Fits arbitrary targets. Pairs with a NaN are left out; nil when none remain.
    package init?(x: [Double], y: [Double], yMin: Double = -.infinity, yMax: Double = .infinity) {
        var pairs = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }
        guard !pairs.isEmpty else { return nil }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var groups = UniqueGroups()
        for (xi, yi) in pairs { groups.add(xi, yi) }
        groups.finish()
        self.init(groups, yMin: yMin, yMax: yMax)
    }

    /// Fits 0/1 targets from the x values of the negatives and of the positives, each sorted
    /// ascending: a merge replaces the general sort, which matters at a million rows.
    package init?(sortedNegatives negatives: consuming [Double], sortedPositives positives: consuming [Double], yMin: Double = -.infinity, yMax: Double = .infinity) {
        guard !negatives.isEmpty || !positives.isEmpty else { return nil }
        var groups = UniqueGroups(capacity: negatives.count + positives.count)
        var i = 0, j = 0
        // On equal x the negative comes first, as lexsort by (x, y) orders them.
        while i < negatives.count || j < positives.count {
            if j >= positives.count || (i < negatives.count && negatives[i] <= positives[j]) {
                groups.add(negatives[i], 0)
                i += 1
            } else {
                groups.add(positives[j], 1)
                j += 1
            }
        }
        // A million-row fit holds several arrays this size: let the inputs go before pooling.
        negatives = []
        positives = []
        groups.finish()
        self.init(groups, yMin: yMin, yMax: yMax)
    }

    private init(_ groups: consuming UniqueGroups, yMin: Double, yMax: Double) {
        var fitted = groups.takeY()
        var weights = groups.takeWeights()
        Self.poolAdjacentViolators(&fitted, weights: &weights)
        weights = []
        let x = groups.takeX()
        for k in fitted.indices { fitted[k] = Swift.min(Swift.max(fitted[k], yMin), yMax) }
        var keptX: [Double] = [], keptY: [Double] = []
        for k in fitted.indices {
            let interior = k > 0 && k < fitted.count - 1
            if !interior || fitted[k] != fitted[k - 1] || fitted[k] != fitted[k + 1] {
                keptX.append(x[k])
                keptY.append(fitted[k])
            }
        }
        thresholds = keptX
        values = keptY
        (bucketBase, bucketShift, bucketFirst) = Self.buckets(keptX)
        slopes = keptX.indices.dropLast().map { j in (keptY[j + 1] - keptY[j]) / (keptX[j + 1] - keptX[j]) }
    }

    /// The slices over the thresholds' keys: each spans `1 << shift` keys, and `first[b]` counts
    /// the thresholds whose key is below slice b's first key.
    private static func buckets(_ thresholds: [Double]) -> (base: UInt64, shift: UInt64, first: [Int32]) {
        guard let low = thresholds.first, let high = thresholds.last else { return (0, 0, []) }
        let base = RadixSort.key(low), span = RadixSort.key(high) &- base
        var shift: UInt64 = 0
        while span >> shift >= UInt64(searchBuckets) { shift += 1 }
        var first = [Int32](repeating: 0, count: searchBuckets + 1)
        var k = 0
        for b in 0...searchBuckets {
            // Slice b starts at base + b << shift; past the last key every threshold is before it.
            let offset = UInt64(b) << shift
            let (start, carry) = base.addingReportingOverflow(offset)
            let overflow = carry || offset >> shift != UInt64(b)
            while k < thresholds.count, overflow || RadixSort.key(thresholds[k]) < start { k += 1 }
            first[b] = Int32(k)
        }
        return (base, shift, first)
    }

    /// The calibrated value at `t` (`np.interp` over the thresholds, t clipped to their range).
    package func predict(_ t: Double) -> Double {
        let last = thresholds.count - 1
        guard last > 0 else { return values[0] }
        if t.isNaN { return t }
        let x = Swift.min(Swift.max(t, thresholds[0]), thresholds[last])
        // j: the last threshold ≤ x, searched for between thresholds[low] ≤ x and
        // thresholds[high] > x (or high past the end). x's slice gives both; a smaller key means
        // a smaller or equal double, and the comparison below settles ±0.
        let key = RadixSort.key(x)
        let b = key < bucketBase ? 0 : Int(Swift.min((key &- bucketBase) >> bucketShift, UInt64(Self.searchBuckets - 1)))
        var low = Swift.max(0, Int(bucketFirst[b]) - 1), high = Int(bucketFirst[b + 1])
        if high <= last, !(x < thresholds[high]) { high = last + 1 }
        while high - low > 1 {
            let middle = (low + high) / 2
            if thresholds[middle] <= x { low = middle } else { high = middle }
        }
        let j = low
        if j == last { return values[last] }
        if thresholds[j] == x { return values[j] }
        let slope = slopes[j]
        var result = slope * (x - thresholds[j]) + values[j]
        if result.isNaN {
            // np.interp's fallback: interpolate from the other end, then accept a flat segment.
            result = slope * (x - thresholds[j + 1]) + values[j + 1]
            if result.isNaN, values[j] == values[j + 1] { result = values[j] }
        }
        return result
    }

    /// scipy's `pava` (Busing 2022, Algorithm 1, with its `>=` pooling), in place: `x` becomes
    /// the solution, `w` scratch.
    static func poolAdjacentViolators(_ x: inout [Double], weights w: inout [Double]) {
        let n = x.count
        guard n > 1 else { return }
        var starts = [Int](repeating: -1, count: n + 1)
        starts[0] = 0
        starts[1] = 1
        var b = 0
        var previousValue = x[0], previousWeight = w[0]
        var i = 1
        while i < n {
            b += 1
            var value = x[i], weight = w[i]
            if previousValue >= value {
                b -= 1
                var sum = previousWeight * previousValue + weight * value
                weight += previousWeight
                value = sum / weight
                while i < n - 1, value >= x[i + 1] {
                    i += 1
                    sum += w[i] * x[i]
                    weight += w[i]
                    value = sum / weight
                }
                while b > 0, x[b - 1] >= value {
                    b -= 1
                    sum += w[b] * x[b]
                    weight += w[b]
                    value = sum / weight
                }
            }
            x[b] = value
            previousValue = value
            w[b] = weight
            previousWeight = weight
            starts[b + 1] = i + 1
            i += 1
        }
        var from = n - 1
        for block in stride(from: b, through: 0, by: -1) {
            let to = starts[block]
            let value = x[block]
            if from >= to { for k in to...from { x[k] = value } }
            from = to - 1
        }
    }
}

/// sklearn's `_make_unique` over (x, y) pairs in lexsorted order with unit weights: each run of
/// x values within `resolution` of the run's first x becomes one point, y averaged.
struct UniqueGroups {
    private(set) var x: [Double] = [], y: [Double] = [], weight: [Double] = []
    private var currentX = 0.0, currentY = 0.0, currentWeight = 0.0
    private var started = false

    init(capacity: Int = 0) {
        x.reserveCapacity(capacity)
        y.reserveCapacity(capacity)
        weight.reserveCapacity(capacity)
    }

    mutating func add(_ xi: Double, _ yi: Double) {
        if !started {
            started = true
            currentX = xi
        } else if xi - currentX >= IsotonicRegression.resolution {
            flush()
            currentX = xi
        }
        currentWeight += 1
        currentY += yi
    }

    private mutating func flush() {
        x.append(currentX)
        weight.append(currentWeight)
        y.append(currentY / currentWeight)
        currentY = 0
        currentWeight = 0
    }

    /// Closes the last run.
    mutating func finish() {
        if started { flush() }
        started = false
    }

    mutating func takeY() -> [Double] {
        defer { y = [] }
        return y
    }

    mutating func takeX() -> [Double] {
        defer { x = [] }
        return x
    }

    mutating func takeWeights() -> [Double] {
        defer { weight = [] }
        return weight
    }
}
