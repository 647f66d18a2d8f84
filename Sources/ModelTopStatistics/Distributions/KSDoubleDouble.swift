/// Double-double arithmetic (value = hi + lo, ~106-bit significand): the subset of the qd package's
/// `dd_real` that SciPy's `smirnov` uses, ported operation by operation so sums of tiny binomial
/// terms round the way SciPy's do.
struct KSDoubleDouble {
    var hi: Double
    var lo: Double

    init(_ hi: Double, _ lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    init(_ value: Double) {
        self.hi = value
        self.lo = 0
    }

    static let nan = KSDoubleDouble(.nan, .nan)
    static let infinity = KSDoubleDouble(.infinity, .infinity)

    var isFinite: Bool { hi.isFinite }

    // MARK: Error-free transformations

    /// fl(a+b) and its rounding error, assuming |a| >= |b|.
    @inline(__always)
    static func quickTwoSum(_ a: Double, _ b: Double) -> (sum: Double, err: Double) {
        let s = a + b
        let c = s - a
        return (s, b - c)
    }

    /// fl(a+b) and its rounding error.
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, err: Double) {
        let s = a + b
        let c = s - a
        let d = b - c
        let e = s - c
        return (s, (a - e) + d)
    }

    /// fl(a*b) and its rounding error, via a fused multiply-add.
    @inline(__always)
    static func twoProd(_ a: Double, _ b: Double) -> (prod: Double, err: Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    // MARK: Arithmetic

    static prefix func - (x: KSDoubleDouble) -> KSDoubleDouble {
        KSDoubleDouble(-x.hi, -x.lo)
    }

    static func + (lhs: KSDoubleDouble, rhs: KSDoubleDouble) -> KSDoubleDouble {
        var (s1, s2) = twoSum(lhs.hi, rhs.hi)
        let (t1, t2) = twoSum(lhs.lo, rhs.lo)
        s2 += t1
        (s1, s2) = quickTwoSum(s1, s2)
        s2 += t2
        (s1, s2) = quickTwoSum(s1, s2)
        return KSDoubleDouble(s1, s2)
    }

    static func + (lhs: KSDoubleDouble, rhs: Double) -> KSDoubleDouble {
        var (s1, s2) = twoSum(lhs.hi, rhs)
        s2 += lhs.lo
        (s1, s2) = quickTwoSum(s1, s2)
        return KSDoubleDouble(s1, s2)
    }

    static func - (lhs: KSDoubleDouble, rhs: KSDoubleDouble) -> KSDoubleDouble {
        lhs + (-rhs)
    }

    static func - (lhs: KSDoubleDouble, rhs: Double) -> KSDoubleDouble {
        var (s1, s2) = twoSum(lhs.hi, -rhs)
        s2 += lhs.lo
        (s1, s2) = quickTwoSum(s1, s2)
        return KSDoubleDouble(s1, s2)
    }

    static func * (lhs: KSDoubleDouble, rhs: KSDoubleDouble) -> KSDoubleDouble {
        var (p1, p2) = twoProd(lhs.hi, rhs.hi)
        p2 += (lhs.hi * rhs.lo + lhs.lo * rhs.hi)
        (p1, p2) = quickTwoSum(p1, p2)
        return KSDoubleDouble(p1, p2)
    }

    static func * (lhs: KSDoubleDouble, rhs: Double) -> KSDoubleDouble {
        let (p1, e1) = twoProd(lhs.hi, rhs)
        let (p2, e2) = twoProd(lhs.lo, rhs)
        let (s, err) = quickTwoSum(p1, e2 + p2 + e1)
        return KSDoubleDouble(s, err)
    }

    static func * (lhs: Double, rhs: KSDoubleDouble) -> KSDoubleDouble {
        let (p1, e1) = twoProd(lhs, rhs.hi)
        let (p2, e2) = twoProd(lhs, rhs.lo)
        let (s, err) = quickTwoSum(p1, e2 + p2 + e1)
        return KSDoubleDouble(s, err)
    }

    static func / (lhs: KSDoubleDouble, rhs: KSDoubleDouble) -> KSDoubleDouble {
        var q1 = lhs.hi / rhs.hi
        var r = lhs - rhs * q1
        var q2 = r.hi / rhs.hi
        r = r - rhs * q2
        let q3 = r.hi / rhs.hi
        (q1, q2) = quickTwoSum(q1, q2)
        return KSDoubleDouble(q1, q2) + q3
    }

    static func / (lhs: KSDoubleDouble, rhs: Double) -> KSDoubleDouble {
        lhs / KSDoubleDouble(rhs)
    }

    static func / (lhs: Double, rhs: KSDoubleDouble) -> KSDoubleDouble {
        KSDoubleDouble(lhs) / rhs
    }

    /// `dd == double` in qd: equal only when the low word is zero.
    func isEqual(to value: Double) -> Bool {
        hi == value && lo == 0
    }

    // MARK: Functions

    func floor() -> KSDoubleDouble {
        var h = hi.rounded(.down)
        var l = 0.0
        if h == hi {
            // High word already integral: round the low word.
            l = lo.rounded(.down)
            (h, l) = KSDoubleDouble.quickTwoSum(h, l)
        }
        return KSDoubleDouble(h, l)
    }

    func ldexp(_ exponent: Int) -> KSDoubleDouble {
        KSDoubleDouble(ksLdexp(hi, exponent), ksLdexp(lo, exponent))
    }

    /// Significand with 0.5 <= |hi| < 1 (or |hi| == 1 when lo has the opposite sign) and exponent.
    func frexp() -> (KSDoubleDouble, Int) {
        var (man, exponent) = ksFrexp(hi)
        var b1 = ksLdexp(lo, -exponent)
        if abs(man) == 0.5 && man * b1 < 0 {
            man *= 2
            b1 *= 2
            exponent -= 1
        }
        return (KSDoubleDouble(man, b1), exponent)
    }
}

/// C `ldexp`: x * 2^exponent with a single rounding (also for subnormal results).
@inline(__always)
func ksLdexp(_ x: Double, _ exponent: Int) -> Double {
    if x == 0 || !x.isFinite { return x }
    return Double(sign: .plus, exponent: exponent, significand: x)
}

/// C `frexp`: (m, e) with x = m * 2^e and 0.5 <= |m| < 1; zero and non-finite values pass through.
@inline(__always)
func ksFrexp(_ x: Double) -> (Double, Int) {
    if x == 0 || !x.isFinite { return (x, 0) }
    let e = Int(x.exponent) + 1
    return (Double(sign: .plus, exponent: -e, significand: x), e)
}
