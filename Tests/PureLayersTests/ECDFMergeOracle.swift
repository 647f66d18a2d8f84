/// The direct computation GridComparison replaced, kept as the oracle its tests compare with.

/// Both statistics that compare two empirical distribution functions, in one merge of two
/// sorted samples: the KS statistic and the first Wasserstein distance.
enum ECDFComparison {
    struct Result: Sendable, Equatable {
        /// max |F₁ − F₂| over every value of either sample (scipy's `ks_2samp` statistic).
        var ksStatistic: Double
        /// ∫ |F₁ − F₂| dx (scipy's `wasserstein_distance`).
        var wasserstein: Double
    }

    /// Walks the distinct values of the union in order; at each, both ECDFs jump past all copies
    /// of it (`searchsorted(side='right') / n`, as scipy computes them), and the gap to the next
    /// value adds |F₁ − F₂| × gap to the distance (Neumaier-compensated, so a million terms sum
    /// as accurately as numpy's pairwise sum).
    static func compare(sorted a: [Double], sorted b: [Double]) -> Result {
        let n1 = a.count, n2 = b.count
        guard n1 > 0, n2 > 0 else { return Result(ksStatistic: .nan, wasserstein: .nan) }
        let d1 = Double(n1), d2 = Double(n2)
        var maxDifference = 0.0, minDifference = 0.0
        var sum = 0.0, compensation = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0, j = 0
                var current = a[0] <= b[0] ? a[0] : b[0]
                while true {
                    while i < n1, a[i] <= current { i += 1 }
                    while j < n2, b[j] <= current { j += 1 }
                    let difference = Double(i) / d1 - Double(j) / d2
                    if difference > maxDifference { maxDifference = difference }
                    if difference < minDifference { minDifference = difference }
                    guard i < n1 || j < n2 else { break }
                    let next = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j]
                    let term = abs(difference) * (next - current)
                    let total = sum + term
                    compensation += abs(sum) >= abs(term) ? (sum - total) + term : (term - total) + sum
                    sum = total
                    current = next
                }
            }
        }
        return Result(ksStatistic: max(min(-minDifference, 1), maxDifference), wasserstein: sum + compensation)
    }
}
