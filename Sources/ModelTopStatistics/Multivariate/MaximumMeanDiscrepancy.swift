import Glibc
import ModelTopBase

/// The unbiased squared maximum mean discrepancy between reference and production rows under
/// a Gaussian (RBF) kernel, with a permutation p-value.
///
/// The kernel is Evidently's `mmd()`: k(a, b) = exp(−‖a − b‖² / σ²), σ the median Euclidean
/// distance between a reference and a production row (the median heuristic). MMD²ᵤ is
/// Gretton et al.'s unbiased estimate (alibi-detect's and Evidently's `MMD2u`); the p-value is
/// the share of label permutations whose MMD²ᵤ reaches the observed one, counted as
/// (1 + reached) / (1 + permutations) so it is never 0. Both sides are seeded samples of at
/// most `RowReservoir.defaultCapacity` rows: on samples that small the figure equals
/// Evidently's on the same rows.
///
/// The median heuristic is blunt for a change local to the clusters: on the digits with one
/// dimension shuffled across rows it gives MMD²ᵤ −0.0001, p 0.47, while the same statistic at
/// half that σ gives 0.0034, p 0.005 (the clean set stays at p ≥ 0.99 at both). So the test
/// also measures at σ/2, and its verdict takes the smaller p-value at half the significance
/// (Bonferroni over the two bandwidths), keeping the false-alarm rate at 5%.
package struct MaximumMeanDiscrepancy: Sendable, Equatable {
    /// MMD²ᵤ at the median-heuristic σ (may be slightly negative when the distributions agree;
    /// Evidently reports max(0, ·)).
    package var mmd2: Double
    package var pValue: Double
    /// MMD²ᵤ and its p-value at σ/2 (the kernel to the fourth power).
    package var narrowMMD2: Double
    package var narrowPValue: Double
    /// σ² of the kernel: the squared median cross distance.
    package var bandwidthSquared: Double
    package var referenceRows: Int
    package var productionRows: Int
    package var permutations: Int
    /// The standard deviation of MMD²ᵤ under the permutations: the noise the figure sits in.
    package var nullStandardDeviation: Double

    package static let permutationCount = 100
    package static let significance = 0.05

    /// The smaller of the two p-values, Bonferroni-adjusted for the two bandwidths.
    package var adjustedPValue: Double { min(1, 2 * min(pValue, narrowPValue)) }
    package var drifted: Bool { adjustedPValue < Self.significance }

    /// nil when either side has fewer than two rows.
    package static func measure(
        reference: RowMatrix, production: RowMatrix, permutations: Int = permutationCount, seed: UInt64
    ) -> MaximumMeanDiscrepancy? {
        let m = reference.rows, n = production.rows, columns = reference.columns
        guard m >= 2, n >= 2 else { return nil }
        var cross = [Double](repeating: 0, count: m * n)
        reference.values.withUnsafeBufferPointer { x in
            production.values.withUnsafeBufferPointer { y in
                for i in 0..<m {
                    for j in 0..<n {
                        cross[i * n + j] = Self.squaredDistance(x.baseAddress! + i * columns, y.baseAddress! + j * columns, columns).squareRoot()
                    }
                }
            }
        }
        let median = Selection.median(&cross)
        cross = []
        let sigma2 = median * median
        let gamma = sigma2 > 0 ? 1 / sigma2 : 1
        let pooled = reference.stacked(on: production)
        let kernel = KernelMatrix(pooled, gamma: gamma, first: m)
        let labels = [UInt8](repeating: 0, count: m) + [UInt8](repeating: 1, count: n)
        let observed = kernel.observed
        // Permutations in batches that share one pass over the kernel.
        let batch = KernelMatrix.batch
        let batches = (permutations + batch - 1) / batch
        let nulls = ParallelMap.map(count: batches) { b -> [(Double, Double)] in
            let labelings = (b * batch..<min(permutations, (b + 1) * batch)).map { p -> [UInt8] in
                var generator = SeededGenerator(seed: seed &+ UInt64(p) &* 0x9E37_79B9)
                var shuffled = labels
                shuffled.shuffle(using: &generator)
                return shuffled
            }
            return kernel.mmd2(labelings: labelings, m: m, n: n)
        }.flatMap { $0 }
        func pValue(_ value: Double, _ null: [Double]) -> Double {
            Double(1 + null.reduce(0) { $0 + ($1 >= value ? 1 : 0) }) / Double(1 + null.count)
        }
        let wide = nulls.map(\.0), narrow = nulls.map(\.1)
        let mean = wide.reduce(0, +) / Double(max(wide.count, 1))
        let spread = (wide.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(wide.count - 1, 1))).squareRoot()
        return MaximumMeanDiscrepancy(
            mmd2: observed.0, pValue: pValue(observed.0, wide), narrowMMD2: observed.1, narrowPValue: pValue(observed.1, narrow),
            bandwidthSquared: sigma2, referenceRows: m, productionRows: n, permutations: permutations,
            nullStandardDeviation: spread)
    }

    static func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var sum = 0.0
        for c in 0..<count {
            let d = a[c] - b[c]
            sum += d * d
        }
        return sum
    }
}

/// The kernel between every pair of pooled rows (upper triangle, row-major), at σ and at σ/2,
/// so a permutation costs one pass of additions and no exponentials.
private struct KernelMatrix: Sendable {
    let size: Int
    /// Row i's entries for j > i start at `offsets[i]`.
    let offsets: [Int]
    /// exp(−‖a − b‖² / σ²) in single precision, for the permutations (a p-value counts which
    /// side of the observed figure each falls on; 1e-7 does not move it); the σ/2 kernel is its
    /// fourth power, taken as it is read.
    let values: [Float]
    /// MMD²ᵤ of the rows as labelled (the first `first` rows one sample), at σ and σ/2, summed
    /// in double precision while the kernel is made: the figure compared with Evidently's.
    let observed: (Double, Double)
    /// Per row i, Σ_{j>i} of each kernel.
    let rowTotals: [Double]
    let narrowRowTotals: [Double]

    init(_ rows: RowMatrix, gamma: Double, first m: Int) {
        let n = rows.rows, columns = rows.columns
        var offsets = [Int](repeating: 0, count: n)
        var total = 0
        for i in 0..<n { offsets[i] = total; total += n - 1 - i }
        var values = [Float](repeating: 0, count: total)
        var sums = [[Double]]()
        var rowTotals = [Double](repeating: 0, count: n), narrowRowTotals = rowTotals
        let rowOffsets = offsets
        // Rows dealt round-robin to the cores (row i has n − 1 − i entries), each written in place.
        values.withUnsafeMutableBufferPointer { kernel in
            rowTotals.withUnsafeMutableBufferPointer { wide in
                narrowRowTotals.withUnsafeMutableBufferPointer { narrow in
                    let target = KernelTarget(kernel: kernel.baseAddress, wide: wide.baseAddress!, narrow: narrow.baseAddress!)
                    let workers = ParallelMap.workerCount
                    // Per worker: (within first, across, within second) at σ, then at σ/2.
                    sums = ParallelMap.map(count: workers) { w -> [Double] in
                        var part = [Double](repeating: 0, count: 6)
                        rows.values.withUnsafeBufferPointer { x in
                            for i in stride(from: w, to: n, by: workers) {
                                let a = x.baseAddress! + i * columns
                                var at = rowOffsets[i], sum = 0.0, sum4 = 0.0, across = 0.0, across4 = 0.0
                                for j in (i + 1)..<max(i + 1, n) {
                                    // scikit-learn's rbf_kernel: exp(−γ‖a − b‖²).
                                    let k = Glibc.exp(-gamma * MaximumMeanDiscrepancy.squaredDistance(a, x.baseAddress! + j * columns, columns))
                                    let k4 = (k * k) * (k * k)
                                    target.kernel![at] = Float(k)
                                    sum += k
                                    sum4 += k4
                                    if j >= m { across += k; across4 += k4 }
                                    at += 1
                                }
                                target.wide[i] = sum
                                target.narrow[i] = sum4
                                if i < m {
                                    part[0] += sum - across; part[1] += across
                                    part[3] += sum4 - across4; part[4] += across4
                                } else {
                                    part[2] += sum; part[5] += sum4
                                }
                            }
                        }
                        return part
                    }
                }
            }
        }
        let totals = (0..<6).map { c in sums.reduce(0) { $0 + $1[c] } }
        observed = (Self.mmd2((totals[0], totals[1], totals[2]), m: m, n: n - m),
                    Self.mmd2((totals[3], totals[4], totals[5]), m: m, n: n - m))
        self.size = n
        self.offsets = offsets
        self.values = values
        self.rowTotals = rowTotals
        self.narrowRowTotals = narrowRowTotals
    }

    /// Permutations sharing one pass over the kernel.
    static let batch = 8

    /// MMD²ᵤ (at σ, at σ/2) for each labelling (at most `batch`): 0 marks the first sample
    /// (m rows), 1 the second (n rows). The diagonal (k = 1) is left out of both within-sample
    /// sums, as `MMD2u` does.
    ///
    /// Per row i, with Rᵢ = Σ_{j>i} k_ij l_j and Pᵢ = Σ_{j>i} k_ij: the pairs within sample 1 sum
    /// to Σ lᵢRᵢ, and Σ (lᵢPᵢ + Rᵢ) counts each pair once per member in sample 1, so one
    /// multiply-add per pair, labelling and kernel gives all three sums.
    func mmd2(labelings: [[UInt8]], m: Int, n: Int) -> [(Double, Double)] {
        let count = labelings.count, batch = Self.batch
        precondition(count <= batch, "a batch at most")
        // l[j * batch + b]: labelling b's label of row j, as a Double.
        var interleaved = [Double](repeating: 0, count: size * batch)
        for (b, labels) in labelings.enumerated() { for j in 0..<size { interleaved[j * batch + b] = Double(labels[j]) } }
        var within1 = [Double](repeating: 0, count: 2 * batch), members = within1
        values.withUnsafeBufferPointer { k in
            interleaved.withUnsafeBufferPointer { l in
                var r = [Double](repeating: 0, count: 2 * batch)
                for i in 0..<size {
                    for b in 0..<(2 * batch) { r[b] = 0 }
                    let base = offsets[i] - (i + 1)
                    for j in (i + 1)..<max(i + 1, size) {
                        let value = Double(k[base + j]), lj = l.baseAddress! + j * batch
                        let narrow = (value * value) * (value * value)
                        for b in 0..<batch {
                            r[b] += value * lj[b]
                            r[batch + b] += narrow * lj[b]
                        }
                    }
                    let li = l.baseAddress! + i * batch
                    for b in 0..<batch {
                        within1[b] += li[b] * r[b]
                        members[b] += li[b] * rowTotals[i] + r[b]
                        within1[batch + b] += li[b] * r[batch + b]
                        members[batch + b] += li[b] * narrowRowTotals[i] + r[batch + b]
                    }
                }
            }
        }
        func sums(_ b: Int, total: Double) -> (Double, Double, Double) {
            let across = members[b] - 2 * within1[b]
            return (total - across - within1[b], across, within1[b])
        }
        let wide = rowTotals.reduce(0, +), narrow = narrowRowTotals.reduce(0, +)
        return (0..<count).map { b in
            (Self.mmd2(sums(b, total: wide), m: m, n: n), Self.mmd2(sums(batch + b, total: narrow), m: m, n: n))
        }
    }

    private static func mmd2(_ sums: (Double, Double, Double), m: Int, n: Int) -> Double {
        let dm = Double(m), dn = Double(n)
        return 2 * sums.0 / (dm * (dm - 1)) + 2 * sums.2 / (dn * (dn - 1)) - 2 * sums.1 / (dm * dn)
    }
}

/// Where the kernel's workers write: disjoint rows of buffers that outlive the parallel map.
private struct KernelTarget: @unchecked Sendable {
    let kernel: UnsafeMutablePointer<Float>?
    let wide: UnsafeMutablePointer<Double>
    let narrow: UnsafeMutablePointer<Double>
}
