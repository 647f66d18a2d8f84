import Foundation

/// Survival function of the one-sided Kolmogorov–Smirnov statistic D_n^+, ported from SciPy's
/// `scipy.special.smirnov` (xsf `cephes/kolmogorov.h`, `_smirnov`, van Mulbregt 2018).
/// `kstwo.sf` uses 2·smirnov(n, x) where the two one-sided tails cannot overlap (x >= 0.5) or
/// where the overlap is negligible. Only the survival value is computed: SciPy's simultaneous
/// derivative (pdf) sums do not influence it.
enum SmirnovDistribution {
    /// n above which the sum is replaced by the approximation e^{-(6nx+1)^2/(18n)}.
    private static let maxComputeN = 1_000_000
    /// Upper-sum limits: few terms, and n large enough.
    private static let upperMaxTerms = 3
    private static let upperSumMinN = 10
    /// Keeps both words of a double-double normalized while exponentiating.
    private static let maxExponent = 960
    /// cephes MINLOG = log(2^-1075): exp() of anything below underflows to 0.
    private static let minLog = -7.451332191019412076235e2

    /// Pr(D_n^+ >= x) = scipy.special.smirnov(n, x).
    static func sf(n: Int, x: Double) -> Double {
        guard n > 0, x >= 0, x <= 1 else { return .nan }
        if n == 1 { return 1 - x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }

        let (alpha, nxfl) = modNX(n: n, x: x)
        var n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1)
        var n1mxceil = n - nxfl
        // With alpha == 0 the last term belongs to neither the lower nor the upper sum.
        if alpha == 0 {
            n1mxfl -= 1
            n1mxceil += 1
        }

        // x <= 1/n
        if nxfl == 0 || (nxfl == 1 && alpha == 0) {
            let t = pow2(1, x, n - 1)
            let cdf = x * t
            return 1 - cdf
        }
        // The survival function underflows.
        if Double(-2 * n) * x * x < minLog {
            return 0
        }
        // x >= 1 - 1/n
        if nxfl >= n - 1 {
            return pow2(1, -x, n)
        }
        if n > maxComputeN {
            let logp = -pow(6.0 * Double(n) * x + 1, 2) / 18.0 / Double(n)
            let sf: Double
            if logp < -M_LN2 {
                sf = exp(logp)
            } else {
                let cdf = -expm1(logp)
                sf = 1 - cdf
            }
            return sf
        }

        let nUpperTerms = n - n1mxceil + 1
        var useUpperSum = nUpperTerms <= 1 && x < 0.5
        useUpperSum = useUpperSum
            || (n >= upperSumMinN && nUpperTerms <= upperMaxTerms && x <= 0.5 / Double(n).squareRoot())

        let start = useUpperSum ? n : 0
        let step = useUpperSum ? -1 : 1
        let nTerms = useUpperSum ? n - n1mxceil + 1 : n1mxfl + 1
        let prob = n <= doubleDoubleMaxN
            ? sumDoubleDouble(n: n, x: x, start: start, step: step, nTerms: nTerms)
            : sumLogDomain(n: n, x: x, start: start, step: step, nTerms: nTerms)
        let sf = step < 0 ? 1 - prob : prob
        return min(max(sf, 0), 1)
    }

    /// Up to this n the series is summed in double-double exactly as SciPy does (≲ 0.5 ms);
    /// above it, `sumLogDomain` evaluates the same terms ~40× faster.
    static let doubleDoubleMaxN = 1000

    /// x · Σ_j A_{start + j·step}(n, x) with SciPy's early termination, in double-double.
    static func sumDoubleDouble(n: Int, x: Double, start: Int, step: Int, nTerms: Int) -> Double {
        let vmid = n / 2
        var cman = KSDoubleDouble(1.0)
        var cexpt = 0
        var aj: KSDoubleDouble
        var ajSum = KSDoubleDouble(0.0)
        if step < 0 {
            aj = pow4D(1, x, 1, 0, n - 1)
        } else {
            aj = pow4D(1, -x, 1, 0, n) / x
        }
        ajSum = ajSum + aj
        (cman, cexpt) = updateBinomial(cman, cexpt, n: n, j: 0)

        var j = 1
        while j < nTerms {
            let v = start + j * step
            aj = computeAv(n: n, x: x, v: v, cman: cman, cexpt: cexpt)
            if aj.isFinite && !aj.isEqual(to: 0) {
                ajSum = ajSum + aj
            }
            // Safe to terminate early?
            if !aj.isEqual(to: 0) {
                if Double(4 * (nTerms - j)) * abs(aj.hi) < Double.ulpOfOne * ajSum.hi && j != nTerms - 1 {
                    break
                }
            } else if j > vmid {
                break
            }
            (cman, cexpt) = updateBinomial(cman, cexpt, n: n, j: j)
            j += 1
        }
        return (x * ajSum).hi
    }

    /// The same series and stopping rule as `sumDoubleDouble`, with each term
    /// Binomial(n, j) · (x + v/n)^(v-1) · (1 - x - v/n)^(n-v) formed in the log domain as
    /// significand · 2^(exponent + log2 of the powers) instead of with double-double powers.
    ///
    /// The upper sum (at most three alternating terms) takes exact logarithms. In the lower sum the
    /// two logarithms advance by log1p(±1/(n·x + v)) (a short series while the step is below 2^-8)
    /// and are recomputed exactly every 32 terms, so a term costs about one exp2 and one division.
    /// Each term then carries ≲ 1e-9 relative error (~32 ulp in a logarithm times an exponent ≤ n),
    /// far inside the 1e-6 budget, and the lower sum's positive terms do not amplify it.
    static func sumLogDomain(n: Int, x: Double, start: Int, step: Int, nTerms: Int) -> Double {
        let vmid = n / 2
        let nD = Double(n)
        let log2e = 1.4426950408889634
        // Binomial(n, j) = cSignificand · 2^cExponent with cSignificand in [1, 2), so that
        // exp2 below stays in the normal range for every term that can matter.
        var cSignificand = 1.0
        var cExponent = 0
        var ajSum = 0.0

        if step < 0 {
            for j in 0..<nTerms {
                let v = start + j * step
                let t2x = Double(n - v) / nD - x  // negative: 1 - x - v/n with v > n(1 - x)
                var lnPowers = Double(v - 1) * log(Double(v) / nD + x)
                if n - v != 0 { lnPowers += Double(n - v) * log(abs(t2x)) }
                var aj = cSignificand * exp2(lnPowers * log2e + Double(cExponent))
                if (n - v) % 2 != 0 { aj = -aj }
                if aj.isFinite && aj != 0 { ajSum += aj }
                if j > 0 && aj != 0
                    && Double(4 * (nTerms - j)) * abs(aj) < Double.ulpOfOne * ajSum && j != nTerms - 1 {
                    break
                }
                cSignificand *= Double(n - j) / (Double(j) + 1.0)
                normalize(&cSignificand, &cExponent)
            }
            return x * ajSum
        }

        let nx = nD * x
        let n1mx = nD * (1 - x)
        let seriesLimit = 0x1p-8
        var lnT1 = 0.0  // log(x + v/n)
        var lnT2 = 0.0  // log(1 - x - v/n), positive argument in the lower sum
        for v in 0..<nTerms {
            if v & 31 == 0 {
                lnT1 = log(Double(v) / nD + x)
                lnT2 = log(Double(n - v) / nD - x)
            }
            let aj = cSignificand * exp2((Double(v - 1) * lnT1 + Double(n - v) * lnT2) * log2e + Double(cExponent))
            ajSum += aj
            if v > 0 {
                if aj != 0 {
                    if Double(4 * (nTerms - v)) * aj < Double.ulpOfOne * ajSum && v != nTerms - 1 { break }
                } else if v > vmid {
                    break
                }
            }
            // t1(v+1)/t1(v) = 1 + 1/a, t2(v+1)/t2(v) = 1 - 1/b and Binomial(n, v+1)/Binomial(n, v)
            // = (n - v)/(v + 1), all from one division.
            let a = nx + Double(v)
            let b = n1mx - Double(v)
            let c = Double(v) + 1.0
            let reciprocal = 1 / (a * b * c)
            let u1 = b * c * reciprocal
            let u2 = -(a * c * reciprocal)
            lnT1 = u1 < seriesLimit ? lnT1 + log1pSeries(u1) : log(Double(v + 1) / nD + x)
            lnT2 = -u2 < seriesLimit ? lnT2 + log1pSeries(u2) : log(Double(n - v - 1) / nD - x)
            cSignificand *= Double(n - v) * (a * b * reciprocal)
            normalize(&cSignificand, &cExponent)
        }
        return x * ajSum
    }

    /// Moves the binary exponent of a positive finite `significand` into `exponent`.
    @inline(__always)
    private static func normalize(_ significand: inout Double, _ exponent: inout Int) {
        guard significand.isNormal else { return }
        let bits = significand.bitPattern
        exponent += Int((bits >> 52) & 0x7ff) - 1023
        significand = Double(bitPattern: (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)
    }

    /// log1p(u) for |u| < 2^-8 to within ~1e-18 absolute (the series through u^6).
    @inline(__always)
    private static func log1pSeries(_ u: Double) -> Double {
        u * (1 - u * (0.5 - u * (1.0 / 3 - u * (0.25 - u * (0.2 - u / 6)))))
    }

    /// floor(n·x) and the fractional part, computed exactly in double-double.
    private static func modNX(n: Int, x: Double) -> (alpha: Double, nxFloor: Int) {
        let nxD = Double(n) * KSDoubleDouble(x)
        let nxFloorD = nxD.floor()
        let alphaD = nxD - nxFloorD
        var alpha = alphaD.hi
        var nxFloor = Int(nxFloorD.hi)
        if alpha == 1 {
            nxFloor += 1
            alpha = 0
        }
        return (alpha, nxFloor)
    }

    /// Binomial(n, j+1) from Binomial(n, j), kept as (significand, exponent) since it overflows doubles.
    private static func updateBinomial(
        _ cman: KSDoubleDouble, _ cexpt: Int, n: Int, j: Int
    ) -> (KSDoubleDouble, Int) {
        let rat = KSDoubleDouble(Double(n - j)) / (Double(j) + 1.0)
        let (man2, expt) = (cman * rat).frexp()
        return (man2, cexpt + expt)
    }

    /// a^m for a double-double a, trading accuracy for speed as SciPy does (pow of the high word,
    /// corrected by the low word's first-order effect).
    private static func powD(_ a: KSDoubleDouble, _ m: Int) -> KSDoubleDouble {
        if m <= 0 {
            if m == 0 { return KSDoubleDouble(1.0) }
            return 1.0 / powD(a, -m)
        }
        if a.isEqual(to: 0) { return KSDoubleDouble(0.0) }
        let ans = pow(a.hi, Double(m))
        let r = a.lo / a.hi
        var adj = Double(m) * r
        if abs(adj) > 1e-8 {
            if abs(adj) < 1e-4 {
                // First two terms of the Taylor series of (1+r)^m.
                adj += (Double(m) * r) * (Double(m - 1) / 2.0 * r)
            } else {
                adj = expm1(Double(m) * log1p(r))
            }
        }
        return KSDoubleDouble(ans) + ans * adj
    }

    private static func pow2(_ a: Double, _ b: Double, _ m: Int) -> Double {
        powD(KSDoubleDouble(a) + b, m).hi
    }

    /// SciPy's `nextPowerOf2` helper, reproduced as written.
    private static func nextPowerOf2(_ x: Double) -> Double {
        let q = ksLdexp(x, 1 - Double.significandBitCount - 1)
        var l = abs(q + x)
        if l == 0 {
            l = abs(x)
        } else if l.magnitude < Double(Int32.max) {
            let lInt = Double(Int32(l))
            if lInt == l { l = lInt }
        }
        return l
    }

    /// a^m as (significand, exponent): the powers underflow long before the binomial weights overflow.
    private static func pow2ScaledD(_ a: KSDoubleDouble, _ m: Int) -> (KSDoubleDouble, Int) {
        if m <= 0 {
            if m == 0 { return (KSDoubleDouble(1.0), 0) }
            let (ans1, aE1) = pow2ScaledD(a, -m)
            let (ans, aE2) = (1.0 / ans1).frexp()
            return (ans, -aE1 + aE2)
        }
        let (y, yE) = a.frexp()
        if m == 1 { return (y, yE) }
        var maxExpt = maxExponent
        // Quick check whether y^m might need to be broken up to stay above 2^-960.
        if Double(m) * (y.hi - 1) / y.hi < Double(-maxExponent) * M_LN2 {
            let lg2y = log(y.hi) / M_LN2
            let lgAns = Double(m) * lg2y
            if lgAns <= Double(-maxExponent) {
                maxExpt = Int(nextPowerOf2(Double(-maxExponent) / lg2y + 1) / 2)
            }
        }
        if m <= maxExpt {
            let ans1 = powD(y, m)
            let (ans, ansE) = ans1.frexp()
            return (ans, ansE + m * yE)
        }
        let q = m / maxExpt
        let r = m % maxExpt
        // y^m = (y^maxExpt)^q * y^r
        let (y2r, y2rE) = pow2ScaledD(y, r)
        let (y2m, y2mE) = pow2ScaledD(y, maxExpt)
        let (y2mq, y2mqE) = pow2ScaledD(y2m, q)
        let (ans, ansE) = (y2r * y2mq).frexp()
        return (ans, ansE + (y2mqE + y2mE * q) + y2rE + m * yE)
    }

    /// ((a+b)/(c+d))^m in double-double.
    private static func pow4D(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ m: Int) -> KSDoubleDouble {
        if m <= 0 {
            if m == 0 { return KSDoubleDouble(1.0) }
            return pow4D(c, d, a, b, -m)
        }
        let bigA = KSDoubleDouble(a) + b
        let bigC = KSDoubleDouble(c) + d
        if bigA.isEqual(to: 0) {
            return bigC.isEqual(to: 0) ? .nan : KSDoubleDouble(0.0)
        }
        if bigC.isEqual(to: 0) {
            let negative = bigA.hi < 0 || (bigA.hi == 0 && bigA.lo < 0)
            return negative ? -KSDoubleDouble.infinity : KSDoubleDouble.infinity
        }
        return powD(bigA / bigC, m)
    }

    /// One summand A_v(n, x) = Binomial(n, v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1).
    private static func computeAv(
        n: Int, x: Double, v: Int, cman: KSDoubleDouble, cexpt: Int
    ) -> KSDoubleDouble {
        let t2x = KSDoubleDouble(Double(n - v)) / Double(n) - x
        let (t2, t2E) = pow2ScaledD(t2x, n - v)
        let t1x = KSDoubleDouble(Double(v)) / Double(n) + x
        let (t1, t1E) = pow2ScaledD(t1x, v - 1)
        let ans = (t1 * t2) * cman
        return ans.ldexp(cexpt + t1E + t2E)
    }
}
