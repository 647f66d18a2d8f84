/// KS statistic, Wasserstein distance and PSI bin counts from a production profile, in one walk
/// over the reference grid: O(reference size) however much production there is.
///
/// The reference's ECDF is constant inside a gap, so:
/// - KS: inside a gap |F_ref − F_prod| is largest at the gap's last production value or at a
///   split; both are evaluated with scipy's own expression (count / n for each side), so D is
///   bit-for-bit `ks_2samp`'s. Evaluating at PSI edges adds no new maximum: the value there equals
///   the one at the last data point below it.
/// - Wasserstein: ∫ |F_ref − F_prod| over a gap is linear in the production values inside it as
///   long as the sign of the difference does not change there, which the profile's per-gap
///   distance sums give. Only gaps where production's ECDF crosses the reference's need their
///   values in order; `resolve` supplies them (few gaps, few values each).
package enum GridComparison {
    package struct Result: Sendable, Equatable {
        package var ksStatistic: Double
        package var wasserstein: Double
        /// Production count in each PSI bin (bin k holds edge k−1 ≤ y < edge k).
        package var binCounts: [Int]
        /// How far `wasserstein` may be from the exact distance: 0 unless crossing gaps were
        /// estimated because their values were not at hand (see `compare`).
        package var wassersteinBound = 0.0
    }

    /// The gaps where production's ECDF crosses the reference's: the ones `compare` needs values for.
    package static func crossingGaps(grid: ReferenceGrid, profile: ProductionProfile) -> [Int] {
        var asked: [Int] = []
        _ = compare(grid: grid, profile: profile) { gaps in
            asked = gaps
            return nil
        }
        return asked
    }

    /// - Parameter resolve: given crossing gap indices (ascending), the production values in each,
    ///   or nil when they are not kept. Then each crossing gap's share is estimated from its count
    ///   and distance sum: with S its signed integral (known exactly) the true share lies in
    ///   [|S|, min(S + 2|top|·w, −S + 2·bottom·w)] (the difference falls monotonically from
    ///   `bottom` > 0 to `top` < 0 across the gap's width w), so the midpoint is used and half the
    ///   interval is added to `wassersteinBound`.
    package static func compare(
        grid: ReferenceGrid, profile: ProductionProfile, resolve: ([Int]) -> [[Double]]?
    ) -> Result {
        let n1 = grid.referenceCount, n2 = profile.finite
        let edgeCount = grid.edgeSplits.count
        guard n1 > 0, n2 > 0 else {
            return Result(ksStatistic: .nan, wasserstein: .nan, binCounts: [Int](repeating: 0, count: edgeCount + 1))
        }
        let d1 = Double(n1), d2 = Double(n2)
        let splits = grid.splits, atOrBelow = grid.referenceAtOrBelow
        let counts = profile.counts, distance = profile.gapDistance
        let m = splits.count
        var maxDifference = 0.0, minDifference = 0.0
        var sum = CompensatedSum()
        // Production below the split being reached, the level at which each crossing gap starts.
        var crossings: [(gap: Int, referenceBelow: Int, productionBelow: Int)] = []
        // Production below each PSI edge; edges are ascending, so their splits are visited in order.
        var bins = [Int](repeating: 0, count: edgeCount + 1)
        var nextEdge = 0, previousBelowEdge = 0
        var productionBelow = 0, referenceBelow = 0
        for gap in 0...m {
            let inside = counts[2 * gap]
            if inside > 0 {
                let level = Double(referenceBelow) / d1
                let top = level - Double(productionBelow + inside) / d2
                if top > maxDifference { maxDifference = top }
                if top < minDifference { minDifference = top }
                if gap == 0 || gap == m {
                    // Below the reference F_ref = 0, above it F_ref = 1: no crossing possible.
                    sum.add(distance[gap] / d2)
                } else {
                    let width = splits[gap] - splits[gap - 1]
                    let bottom = level - Double(productionBelow) / d2
                    if top >= 0 {
                        sum.add(bottom * width - distance[gap] / d2)
                    } else if bottom <= 0 {
                        sum.add(-bottom * width + distance[gap] / d2)
                    } else {
                        crossings.append((gap, referenceBelow, productionBelow))
                    }
                }
            } else if gap > 0, gap < m {
                let difference = Double(referenceBelow) / d1 - Double(productionBelow) / d2
                sum.add(abs(difference) * (splits[gap] - splits[gap - 1]))
            }
            productionBelow += inside
            guard gap < m else { break }
            while nextEdge < edgeCount, grid.edgeSplits[nextEdge] == gap {
                bins[nextEdge] = productionBelow - previousBelowEdge
                previousBelowEdge = productionBelow
                nextEdge += 1
            }
            productionBelow += counts[2 * gap + 1]
            referenceBelow = Int(atOrBelow[gap])
            let difference = Double(referenceBelow) / d1 - Double(productionBelow) / d2
            if difference > maxDifference { maxDifference = difference }
            if difference < minDifference { minDifference = difference }
        }
        var bound = CompensatedSum()
        if !crossings.isEmpty, let values = resolve(crossings.map(\.gap)) {
            for (k, crossing) in crossings.enumerated() {
                let inside = values[k].sorted()
                let level = Double(crossing.referenceBelow) / d1
                var previous = splits[crossing.gap - 1]
                var below = crossing.productionBelow
                for value in inside {
                    sum.add(abs(level - Double(below) / d2) * (value - previous))
                    previous = value
                    below += 1
                }
                sum.add(abs(level - Double(below) / d2) * (splits[crossing.gap] - previous))
            }
        } else {
            for crossing in crossings {
                let gap = crossing.gap
                let width = splits[gap] - splits[gap - 1]
                let level = Double(crossing.referenceBelow) / d1
                let bottom = level - Double(crossing.productionBelow) / d2
                let top = level - Double(crossing.productionBelow + counts[2 * gap]) / d2
                let signed = bottom * width - distance[gap] / d2
                let upper = max(abs(signed), min(signed - 2 * top * width, -signed + 2 * bottom * width))
                sum.add((abs(signed) + upper) / 2)
                bound.add((upper - abs(signed)) / 2)
            }
        }
        bins[edgeCount] = n2 - previousBelowEdge
        return Result(
            ksStatistic: max(min(-minDifference, 1), maxDifference), wasserstein: sum.value, binCounts: bins,
            wassersteinBound: bound.value)
    }
}

/// Neumaier-compensated summation: a million terms sum as accurately as numpy's pairwise sum.
package struct CompensatedSum: Sendable, Equatable {
    var total = 0.0
    var compensation = 0.0

    package init() {}

    @inline(__always)
    package mutating func add(_ term: Double) {
        let next = total + term
        compensation += abs(total) >= abs(term) ? (total - next) + term : (term - next) + total
        total = next
    }

    package var value: Double { total + compensation }
}
