import Foundation

/// P-value of the two-sided two-sample Kolmogorov–Smirnov test, as scipy.stats.ks_2samp(method="auto") computes it.
///
/// Ported from SciPy 1.17 (`ks_2samp`, `_attempt_exact_2kssamp`, `_compute_prob_outside_square`,
/// `_compute_outer_prob_inside_method`, `kstwo.sf`), operation for operation where rounding decides
/// a branch (SciPy's exact n1 == n2 sum sometimes rounds above 1, which makes it fall back to the
/// asymptotic distribution; this port falls back in exactly the same cases).
package enum KolmogorovSmirnovPValue {
    package enum Method: String, Sendable { case exact, asymptotic }

    /// ks_2samp's 'auto' tries the exact distribution when both sizes are at most this.
    static let maxAutoN = 10_000

    /// `statistic` is D (0...1) for samples of sizes n1, n2 (both ≥ 1).
    ///
    /// Returns NaN (method by size) for sizes below 1 or a NaN statistic, where SciPy would raise.
    package static func twoSided(statistic: Double, n1: Int, n2: Int) -> (pValue: Double, method: Method) {
        let autoMethod: Method = max(n1, n2) <= maxAutoN ? .exact : .asymptotic
        guard n1 >= 1, n2 >= 1, !statistic.isNaN else { return (.nan, autoMethod) }
        // A D outside [0, 1] cannot come from ks_2samp; clamp instead of extrapolating.
        var d = min(max(statistic, 0), 1)

        if autoMethod == .exact {
            let attempt = attemptExact(n1: n1, n2: n2, d: d)
            if attempt.success {
                return (clip(attempt.probability), .exact)
            }
            // SciPy continues with the D it rounded onto the lattice h / lcm(n1, n2).
            d = attempt.d
        }

        // Smirnov's asymptotic: kstwo with the effective size m·n/(m+n) rounded half-to-even.
        let big = Double(max(n1, n2))
        let small = Double(min(n1, n2))
        let en = big * small / (big + small)
        let effectiveN = en.rounded(.toNearestOrEven)
        // kstwo needs n >= 1; the upper bound only keeps Int conversion and n·x products finite.
        guard effectiveN >= 1, effectiveN < 0x1p60 else { return (.nan, .asymptotic) }
        let prob = KolmogorovDistribution.sf(d, n: Int(effectiveN))
        return (clip(prob), .asymptotic)
    }

    @inline(__always)
    private static func clip(_ p: Double) -> Double {
        KolmogorovDistribution.clip(p)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// `_attempt_exact_2kssamp` for the two-sided alternative.
    ///
    /// D is snapped to h / lcm(n1, n2) with h rounded half-to-even, as ks_2samp does. Failure (a
    /// probability outside [0, 1]) sends the caller to the asymptotic distribution with that D.
    static func attemptExact(n1: Int, n2: Int, d: Double) -> (success: Bool, d: Double, probability: Double) {
        let g = gcd(n1, n2)
        let lcm = (n1 / g) * n2
        let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
        let snapped = Double(h) * 1.0 / Double(lcm)
        if h == 0 { return (true, snapped, 1.0) }
        let prob: Double
        if n1 == n2 {
            prob = probOutsideSquare(n: n1, h: h)
        } else {
            prob = outerProbInside(m: n1, n: n2, g: g, h: h)
        }
        guard prob >= 0 && prob <= 1 else { return (false, snapped, prob) }
        return (true, snapped, prob)
    }

    /// `_compute_prob_outside_square`: Pr(D_{n,n} >= h/n) as
    /// 2·A0·(1 − A1·(1 − A2·(1 − …))), each A_k a ratio of binomials built from h simple factors.
    static func probOutsideSquare(n: Int, h: Int) -> Double {
        var total = 0.0
        var k = Int((Double(n) / Double(h)).rounded(.down))
        while k >= 0 {
            var p1 = 1.0
            let kh = k * h
            for j in 0..<h {
                p1 = Double(n - kh - j) * p1 / Double(n + kh + j + 1)
            }
            total = p1 * (1.0 - total)
            k -= 1
        }
        return 2 * total
    }

    /// `_compute_outer_prob_inside_method` (SciPy's Pythran kernel): the proportion of lattice paths
    /// from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n), via Viehmann's recursion
    /// for 1 − p over a sliding window of one column. O(m · window) with window ≲ 2·D·n + 2.
    ///
    /// Each column is a serial chain of divisions, so columns are processed four at a time as a
    /// wavefront: column c+1 trails column c by (its window shift + 1) positions and so reads only
    /// values column c has already written. Every value is computed by exactly SciPy's expression
    /// from exactly the same inputs, so results are bit-identical, with four chains in flight.
    static func outerProbInside(m m0: Int, n n0: Int, g: Int, h: Int) -> Double {
        let (m, n) = m0 < n0 ? (n0, m0) : (m0, n0)
        let mg = m / g
        let ng = n / g
        let mgD = Double(mg)
        let initialMaxj = min(Int((Double(h) / mgD).rounded(.up)), n + 1)
        let lenA = min(2 * initialMaxj + 2, n + 1)
        guard lenA > 0 else { return .nan }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: lenA)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 1.0, count: lenA)
        if initialMaxj > 0 {
            buffer.update(repeating: 0.0, count: min(initialMaxj, lenA))
        }
        // Invariant between groups: buffer[0..<width] holds the last column, buffer[width...] is 1.
        var minj = 0
        var width = initialMaxj

        var wave = Wavefront()
        var i = 1
        while i <= m {
            let count = min(Wavefront.size, m - i + 1)
            var lastMinj = minj
            var touched = width  // everything at or past this is still 1
            for c in 0..<count {
                let column = i + c
                var lo = max(Int((Double(ng * column - h) / mgD).rounded(.down)) + 1, 0)
                lo = min(lo, n)
                let hi = min(Int((Double(ng * column + h) / mgD).rounded(.up)), n + 1)
                if hi <= lo { return 1.0 }
                // The window only slides forward and fits the buffer (SciPy relies on this unchecked).
                guard lo >= lastMinj, hi - lastMinj <= lenA else { return .nan }
                wave.set(
                    c, column: column, minj: lo, shift: lo - lastMinj, width: hi - lo,
                    offset: c == 0 ? 0 : wave.offset(c - 1) + (lo - lastMinj) + 1
                )
                lastMinj = lo
                touched = max(touched, hi - lo)
            }
            wave.run(count: count, buffer: buffer)
            width = wave.width(count - 1)
            minj = lastMinj
            // What SciPy's per-column "set carried-over elements to 1" leaves behind.
            let fillEnd = min(touched, lenA)
            if fillEnd > width { (buffer + width).update(repeating: 1.0, count: fillEnd - width) }
            i += count
        }
        return buffer[width - 1]
    }
}

/// Up to four consecutive columns of `outerProbInside`, advanced together along a diagonal.
private struct Wavefront {
    static let size = 4
    private var columns: (Lane, Lane, Lane, Lane) = (Lane(), Lane(), Lane(), Lane())

    struct Lane {
        var i = 0.0, iInt = 0, minj = 0, shift = 0, width = 0, offset = 0, value = 0.0
    }

    private func lane(_ c: Int) -> Lane {
        switch c {
        case 0: return columns.0
        case 1: return columns.1
        case 2: return columns.2
        default: return columns.3
        }
    }

    func offset(_ c: Int) -> Int { lane(c).offset }
    func width(_ c: Int) -> Int { lane(c).width }

    mutating func set(_ c: Int, column: Int, minj: Int, shift: Int, width: Int, offset: Int) {
        let lane = Lane(
            i: Double(column), iInt: column, minj: minj, shift: shift, width: width, offset: offset,
            value: minj == 0 ? 0.0 : 1.0
        )
        switch c {
        case 0: columns.0 = lane
        case 1: columns.1 = lane
        case 2: columns.2 = lane
        default: columns.3 = lane
        }
    }

    /// SciPy's update `val = (A[jj + shift] * i + val * j) / (i + j); A[jj] = val` for one lane.
    /// `previousWidth` is the width of the column this lane reads (nil: the settled buffer), past
    /// which SciPy's buffer holds 1.
    @inline(__always)
    private static func step(
        _ lane: inout Lane, time t: Int, previousWidth: Int?, buffer: UnsafeMutablePointer<Double>
    ) {
        let jj = t - lane.offset
        guard jj >= 0 && jj < lane.width else { return }
        let p = jj + lane.shift
        let previous: Double
        if let previousWidth, p >= previousWidth {
            previous = 1.0
        } else {
            previous = buffer[p]
        }
        let j = lane.minj + jj
        lane.value = (previous * lane.i + lane.value * Double(j)) / Double(lane.iInt + j)
        buffer[jj] = lane.value
    }

    /// Runs lanes 0..<count to completion.
    mutating func run(count: Int, buffer: UnsafeMutablePointer<Double>) {
        var l0 = columns.0, l1 = columns.1, l2 = columns.2, l3 = columns.3
        defer { columns = (l0, l1, l2, l3) }
        var end = 0
        for c in 0..<count { end = max(end, lane(c).offset + lane(c).width) }

        func generic(_ t: Int) {
            Self.step(&l0, time: t, previousWidth: nil, buffer: buffer)
            if count > 1 { Self.step(&l1, time: t, previousWidth: l0.width, buffer: buffer) }
            if count > 2 { Self.step(&l2, time: t, previousWidth: l1.width, buffer: buffer) }
            if count > 3 { Self.step(&l3, time: t, previousWidth: l2.width, buffer: buffer) }
        }

        // While all four lanes are inside their windows every read is from the buffer.
        let hotStart = count == 4 ? l3.offset : end
        let hotEnd = count == 4
            ? min(l0.offset + l0.width, l1.offset + l1.width, l2.offset + l2.width, l3.offset + l3.width)
            : end
        guard hotEnd > hotStart else {
            for t in 0..<end { generic(t) }
            return
        }
        for t in 0..<hotStart { generic(t) }
        var v0 = l0.value, v1 = l1.value, v2 = l2.value, v3 = l3.value
        for t in hotStart..<hotEnd {
            let jj0 = t - l0.offset, jj1 = t - l1.offset, jj2 = t - l2.offset, jj3 = t - l3.offset
            let j0 = l0.minj + jj0, j1 = l1.minj + jj1, j2 = l2.minj + jj2, j3 = l3.minj + jj3
            v0 = (buffer[jj0 + l0.shift] * l0.i + v0 * Double(j0)) / Double(l0.iInt + j0)
            buffer[jj0] = v0
            v1 = (buffer[jj1 + l1.shift] * l1.i + v1 * Double(j1)) / Double(l1.iInt + j1)
            buffer[jj1] = v1
            v2 = (buffer[jj2 + l2.shift] * l2.i + v2 * Double(j2)) / Double(l2.iInt + j2)
            buffer[jj2] = v2
            v3 = (buffer[jj3 + l3.shift] * l3.i + v3 * Double(j3)) / Double(l3.iInt + j3)
            buffer[jj3] = v3
        }
        l0.value = v0
        l1.value = v1
        l2.value = v2
        l3.value = v3
        for t in hotEnd..<end { generic(t) }
    }
}
