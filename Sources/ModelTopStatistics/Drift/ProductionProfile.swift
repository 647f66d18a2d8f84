import ModelTopBase

/// Production values of one dimension counted on the reference's grid: O(1) per appended value.
///
/// Per grid position it keeps a count, and per gap the sum of each value's distance to the
/// gap's upper split (to the last split for the top gap). That is enough for the KS statistic,
/// the quantile PSI, and the Wasserstein distance over every gap where the two ECDFs do not
/// cross (`GridComparison`).
package struct ProductionProfile: Sendable {
    /// Count per position code (`ReferenceGrid.locate`): 2m + 1 of them.
    package private(set) var counts: [Int]
    /// Per gap g: Σ (split g − y) for g < m, Σ (y − last split) for the top gap.
    package private(set) var gapDistance: [Double]
    package private(set) var finite = 0
    package private(set) var nonFinite = 0
    /// The smallest and largest finite value (Evidently's bins span them).
    package private(set) var range: ClosedRange<Double>?

    package init(grid: ReferenceGrid) {
        let m = grid.splits.count
        counts = [Int](repeating: 0, count: 2 * m + 1)
        gapDistance = [Double](repeating: 0, count: m + 1)
    }

    /// The profile of an ascending sample (finite values only) in one merge-like walk along the
    /// grid: sequential memory access, so for a whole column at once this beats locating each
    /// value, whose table lookups miss the cache. A gap's count and distance sum build up in
    /// registers while the walk stays in it (adding to memory made each value wait on the
    /// previous one's store); the sum takes the values in the same order, so it is the same.
    package init(grid: ReferenceGrid, sorted: UnsafeBufferPointer<Double>, nonFinite: Int) {
        self.init(grid: grid)
        add(sorted: sorted, nonFinite: nonFinite, grid: grid)
    }

    /// Adds an ascending sample of finite values (and a count of non-finite ones) in the same
    /// walk: O(grid + values), which beats `add(_:grid:)` once there are about as many values as
    /// splits (a streamed report adds its values in sorted batches).
    package mutating func add(sorted: UnsafeBufferPointer<Double>, nonFinite: Int, grid: ReferenceGrid) {
        self.nonFinite += nonFinite
        finite += sorted.count
        if let first = sorted.first, let last = sorted.last {
            range = range.map { min($0.lowerBound, first)...max($0.upperBound, last) } ?? first...last
        }
        let m = grid.splits.count
        guard m > 0, !sorted.isEmpty else { return }
        grid.splits.withUnsafeBufferPointer { splits in
            counts.withUnsafeMutableBufferPointer { counts in
                gapDistance.withUnsafeMutableBufferPointer { distance in
                    let last = splits[m - 1]
                    var j = 0
                    var inGap = 0, onSplit = 0, gapSum = 0.0
                    for value in sorted {
                        if j < m, splits[j] < value {
                            counts[2 * j] += inGap
                            counts[2 * j + 1] += onSplit
                            distance[j] += gapSum
                            inGap = 0
                            onSplit = 0
                            gapSum = 0
                            repeat { j += 1 } while j < m && splits[j] < value
                        }
                        if j < m {
                            let split = splits[j]
                            if split == value {
                                onSplit += 1
                            } else {
                                inGap += 1
                                gapSum += split - value
                            }
                        } else {
                            inGap += 1
                            gapSum += value - last
                        }
                    }
                    counts[2 * j] += inGap
                    if j < m { counts[2 * j + 1] += onSplit }
                    distance[j] += gapSum
                }
            }
        }
    }

    package mutating func add<Values: Sequence<Double>>(_ values: Values, grid: ReferenceGrid) {
        let m = grid.splits.count
        var smallest = range?.lowerBound ?? .infinity, largest = range?.upperBound ?? -.infinity
        defer { if smallest <= largest { range = smallest...largest } }
        guard m > 0 else {
            for value in values {
                if value.isFinite {
                    finite += 1
                    smallest = min(smallest, value)
                    largest = max(largest, value)
                } else {
                    nonFinite += 1
                }
            }
            return
        }
        grid.splits.withUnsafeBufferPointer { splits in
            counts.withUnsafeMutableBufferPointer { counts in
                gapDistance.withUnsafeMutableBufferPointer { distance in
                    for value in values {
                        guard value.isFinite else {
                            nonFinite += 1
                            continue
                        }
                        finite += 1
                        if value < smallest { smallest = value }
                        if value > largest { largest = value }
                        let code = grid.locate(value)
                        counts[code] += 1
                        if code & 1 == 0 {
                            let gap = code >> 1
                            distance[gap] += gap == m ? value - splits[m - 1] : splits[gap] - value
                        }
                    }
                }
            }
        }
    }
}

extension ProductionProfile {
    /// For checkpoints: everything, checked against `grid` on the way back.
    package func write(to writer: inout BinaryWriter) {
        writer.ints(counts)
        writer.doubles(gapDistance)
        writer.int(finite)
        writer.int(nonFinite)
        writer.bool(range != nil)
        writer.double(range?.lowerBound ?? 0)
        writer.double(range?.upperBound ?? 0)
    }

    package init(reading reader: inout BinaryReader, grid: ReferenceGrid) throws(BinaryDecodingError) {
        self.init(grid: grid)
        let counts = try reader.ints(), distance = try reader.doubles()
        guard counts.count == self.counts.count, distance.count == gapDistance.count else {
            throw BinaryDecodingError(reason: "a profile for another reference")
        }
        self.counts = counts
        gapDistance = distance
        finite = try reader.int()
        nonFinite = try reader.int()
        let hasRange = try reader.bool(), low = try reader.double(), high = try reader.double()
        guard finite >= 0, nonFinite >= 0, counts.reduce(0, +) == finite, !hasRange || low <= high else {
            throw BinaryDecodingError(reason: "profile counts")
        }
        range = hasRange ? low...high : nil
    }
}

extension ProductionProfile {
    /// The profile of both samples (on the same grid): counts and sums add, ranges join. What a
    /// fleet of replicas, or a file read in parts, sums to.
    package static func + (lhs: ProductionProfile, rhs: ProductionProfile) -> ProductionProfile {
        precondition(lhs.counts.count == rhs.counts.count, "profiles on one grid")
        var merged = lhs
        for k in merged.counts.indices { merged.counts[k] += rhs.counts[k] }
        for k in merged.gapDistance.indices { merged.gapDistance[k] += rhs.gapDistance[k] }
        merged.finite += rhs.finite
        merged.nonFinite += rhs.nonFinite
        switch (lhs.range, rhs.range) {
        case let (a?, b?): merged.range = min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
        case let (nil, b): merged.range = b
        default: break
        }
        return merged
    }
}
