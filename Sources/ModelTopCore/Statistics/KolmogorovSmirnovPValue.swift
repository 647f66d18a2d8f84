import Foundation

/// P-value of the two-sided two-sample Kolmogorov–Smirnov test, as scipy.stats.ks_2samp(method="auto") computes it.
///
/// Ported from SciPy 1.17 (`ks_2samp`, `_attempt_exact_2kssamp`, `_compute_prob_outside_square`,
/// `_compute_outer_prob_inside_method`, `kstwo.sf`), operation for operation where rounding decides
/// a branch (SciPy's exact n1 == n2 sum sometimes rounds above 1, which makes it fall back to the
/// asymptotic distribution; this port falls back in exactly the same cases).
public enum KolmogorovSmirnovPValue {
    public enum Method: String, Sendable { case exact, asymptotic }

    /// ks_2samp's 'auto' tries the exact distribution when both sizes are at most this.
    static let maxAutoN = 10_000

    /// `statistic` is D (0...1) for samples of sizes n1, n2 (both ≥ 1).
    ///
    /// Returns NaN (method by size) for sizes below 1 or a NaN statistic, where SciPy would raise.
    public static func twoSided(statistic: Double, n1: Int, n2: Int) -> (pValue: Double, method: Method) {
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
        guard effectiveN >= 1 else { return (.nan, .asymptotic) }
        let prob = KolmogorovDistribution.sf(d, n: Int(effectiveN))
        return (clip(prob), .asymptotic)
    }

    /// np.clip(p, 0, 1), which keeps NaN.
    @inline(__always)
    private static func clip(_ p: Double) -> Double {
        p.isNaN ? p : min(max(p, 0), 1)
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
    static func outerProbInside(m m0: Int, n n0: Int, g: Int, h: Int) -> Double {
        let (m, n) = m0 < n0 ? (n0, m0) : (m0, n0)
        let mg = m / g
        let ng = n / g
        var minj = 0
        var maxj = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var curlen = maxj - minj
        let lenA = min(2 * maxj + 2, n + 1)
        guard lenA > 0 else { return .nan }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: lenA)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 1.0, count: lenA)
        if maxj > minj {
            (buffer + minj).update(repeating: 0.0, count: min(maxj, lenA) - minj)
        }
        let mgD = Double(mg)
        for i in 1...m {
            // Next column's window.
            let lastminj = minj
            let lastlen = curlen
            minj = max(Int((Double(ng * i - h) / mgD).rounded(.down)) + 1, 0)
            minj = min(minj, n)
            maxj = min(Int((Double(ng * i + h) / mgD).rounded(.up)), n + 1)
            if maxj <= minj { return 1.0 }
            // The window only slides forward and fits the buffer (SciPy relies on this unchecked).
            guard minj >= lastminj, maxj - lastminj <= lenA else { return .nan }
            let iD = Double(i)
            var val = minj == 0 ? 0.0 : 1.0
            let shift = minj - lastminj
            let width = maxj - minj
            var j = minj
            for jj in 0..<width {
                val = (buffer[jj + shift] * iD + val * Double(j)) / Double(i + j)
                buffer[jj] = val
                j += 1
            }
            curlen = width
            if lastlen > curlen {
                // Carried-over elements beyond the window become 1 (numpy slice, clamped).
                let start = min(width, lenA)
                let end = min(width + (lastlen - curlen), lenA)
                if end > start { (buffer + start).update(repeating: 1.0, count: end - start) }
            }
        }
        return buffer[maxj - minj - 1]
    }
}
