import Foundation

/// Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, ported from
/// SciPy's `scipy.stats.kstwo.sf` (`_ksstats._kolmogn(n, x, cdf=False)`), which picks between
/// exact (Durbin/Marsaglia–Tsang–Wang matrix, Pomeranz recursion, Ruben–Gambino closed forms,
/// 2·smirnov) and approximate (Pelz–Good) methods following Simard & L'Ecuyer (2011).
enum KolmogorovDistribution {
    /// Intermediate results are rescaled by 2^±128 to stay inside double range.
    static let e128 = 128
    static let ep128 = 0x1p128
    static let em128 = 0x1p-128

    private static let sqrt2Pi = (2 * Double.pi).squareRoot()
    private static let log2Pi = log(2 * Double.pi)
    private static let minLog = -708.0
    private static let sqrt3 = 3.0.squareRoot()
    private static let piSquared = Double.pi * Double.pi
    private static let piFour = pow(Double.pi, 4)
    private static let piSix = pow(Double.pi, 6)
    /// B_{2j}/(2j)/(2j-1) for j = 8...1: Stirling series for log Γ.
    private static let stirlingCoefficients: [Double] = [
        -2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ]

    /// Pr(D_n > x) as `scipy.stats.kstwo.sf(x, n)`: 1 at or below the support's lower end 1/(2n),
    /// 0 at or above 1, NaN for n < 1.
    static func sf(_ x: Double, n: Int) -> Double {
        guard n >= 1, !x.isNaN else { return .nan }
        let lowerSupport = 0.5 / Double(n)
        if x <= lowerSupport { return 1 }
        if x >= 1 { return 0 }
        return kolmogn(n: n, x: x, cdf: false)
    }

    /// np.clip(p, 0, 1), which keeps NaN.
    @inline(__always)
    static func clip(_ p: Double) -> Double {
        p.isNaN ? p : min(max(p, 0), 1)
    }

    @inline(__always)
    private static func select(_ cdfProb: Double, _ sfProb: Double, cdf: Bool) -> Double {
        clip(cdf ? cdfProb : sfProb)
    }

    /// log(n!/n^n) by Stirling with n·log(n) removed up front (no cancellation).
    private static func logNFactorialDivNPowN(_ n: Int) -> Double {
        let nd = Double(n)
        let rn = 1.0 / nd
        var poly = 0.0
        for c in stirlingCoefficients { poly = poly * (rn / nd) + c }
        return log(nd) / 2 - nd + log2Pi / 2 + rn * poly
    }

    /// `_kolmogn`: CDF (or SF) of D_n, choosing the method as Simard & L'Ecuyer do.
    static func kolmogn(n: Int, x: Double, cdf: Bool) -> Double {
        guard n > 0 else { return .nan }
        if x >= 1 { return select(1, 0, cdf: cdf) }
        if x <= 0 { return select(0, 1, cdf: cdf) }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            // Ruben–Gambino: 1/(2n) <= x <= 1/n.
            if t <= 0.5 { return select(0, 1, cdf: cdf) }
            let prob: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                prob = product
            } else {
                prob = exp(logNFactorialDivNPowN(n) + nd * log(2 * t - 1))
            }
            return select(prob, 1 - prob, cdf: cdf)
        }
        if t >= nd - 1 {
            // Ruben–Gambino at the upper end.
            let prob = 2 * pow(1 - x, nd)
            return select(1 - prob, prob, cdf: cdf)
        }
        if x >= 0.5 {
            // The two one-sided tails are disjoint: exactly 2·smirnov.
            let prob = 2 * SmirnovDistribution.sf(n: n, x: x)
            return select(1 - prob, prob, cdf: cdf)
        }

        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 {
                let prob = durbinMTW(n: n, d: x)
                return select(prob, 1 - prob, cdf: cdf)
            }
            if nxSquared <= 4 {
                let prob = pomeranz(n: n, x: x)
                return select(prob, 1 - prob, cdf: cdf)
            }
            // Miller approximation of 2·smirnov.
            let prob = 2 * SmirnovDistribution.sf(n: n, x: x)
            return select(1 - prob, prob, cdf: cdf)
        }

        // CDF and SF have different cut-offs on n·x².
        if !cdf {
            if nxSquared >= 370 { return 0 }
            if nxSquared >= 2.2 {
                return clip(2 * SmirnovDistribution.sf(n: n, x: x))
            }
            // Otherwise fall through: SF = 1 - CDF.
        }
        let cdfProb: Double
        if nxSquared >= 18 {
            cdfProb = 1
        } else if n <= 100_000 && nd * pow(x, 1.5) <= 1.4 {
            cdfProb = durbinMTW(n: n, d: x)
        } else {
            cdfProb = pelzGood(n: n, x: x)
        }
        return select(cdfProb, 1 - cdfProb, cdf: cdf)
    }

    // MARK: Pelz–Good

    /// Pelz–Good (1976) approximation to Pr(D_n <= x) (`_kolmogn_PelzGood`).
    static func pelzGood(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let nd = Double(n)
        let z = nd.squareRoot() * x
        let zSquared = z * z
        let zThree = pow(z, 3)
        let zFour = pow(z, 4)
        let zSix = pow(z, 6)

        let qlog = -piSquared / 8 / zSquared
        if qlog < minLog { return 0 }
        var q = exp(qlog)

        let k1a = -zSquared
        let k1b = piSquared / 4
        let k2a = 6 * zSix + 2 * zFour
        let k2b = (2 * zFour - 5 * zSquared) * piSquared / 4
        let k2c = piFour * (1 - 2 * zSquared) / 16
        let k3d = piSix * (5 - 30 * zSquared) / 64
        let k3c = piFour * (-60 * zSquared + 212 * zFour) / 16
        let k3b = piSquared * (135 * zFour - 96 * zSix) / 4
        let k3a = -30 * zSix - 90 * pow(z, 8)

        var k0 = 0.0, k1 = 0.0, k2 = 0.0, k3 = 0.0
        // Horner scheme for sum c_i q^(i^2) over odd i.
        let maxk = Int((16 * z / Double.pi).rounded(.up))
        var kk = maxk
        while kk > 0 {
            let mOdd = Double(2 * kk - 1)
            let mSquared = mOdd * mOdd
            let mFour = pow(mOdd, 4)
            let mSix = pow(mOdd, 6)
            let qPower = pow(q, Double(8 * kk))
            k0 = k0 * qPower + 1.0
            k1 = k1 * qPower + (k1a + k1b * mSquared)
            k2 = k2 * qPower + (k2a + k2b * mSquared + k2c * mFour)
            k3 = k3 * qPower + (k3a + k3b * mSquared + k3c * mFour + k3d * mSix)
            kk -= 1
        }
        k0 = k0 * q * sqrt2Pi / z
        k1 = k1 * q * sqrt2Pi / (6 * zFour)
        k2 = k2 * q * sqrt2Pi / (72 * pow(z, 7))
        k3 = k3 * q * sqrt2Pi / (6480 * pow(z, 10))

        // The remaining sums over all integers k.
        q = exp(-piSquared / 2 / zSquared)
        let sqrt3z = sqrt3 * z
        var k2extra = 0.0
        var k3extra = 0.0
        kk = maxk
        while kk > 0 {
            let kd = Double(kk)
            let kSquared = Double(kk * kk)
            let ksPi = Double.pi * kd
            let qPower = pow(q, kSquared)
            k2extra += kSquared * qPower
            k3extra += (sqrt3z + ksPi) * (sqrt3z - ksPi) * kSquared * qPower
            kk -= 1
        }
        k2extra *= piSquared * sqrt2Pi / (-36 * zThree)
        k3extra *= piSquared * sqrt2Pi / (216 * zSix)
        k2 += k2extra
        k3 += k3extra

        k1 /= pow(nd, 0.5)
        k2 /= nd
        k3 /= pow(nd, 1.5)
        return 0 + k0 + k1 + k2 + k3
    }
}
