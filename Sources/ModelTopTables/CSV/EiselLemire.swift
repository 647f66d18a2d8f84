/// Eisel–Lemire: the correctly rounded `Double` nearest w × 10^q for an exact decimal
/// significand w (at most 19 digits), from one or two 64×64-bit multiplications by a 128-bit
/// power of five (`PowersOfFive`).
///
/// Clinger's fast path covers only w ≤ 2^53 with |q| ≤ 22; Python writes 17 significant digits,
/// which it misses, and `strtod` is several times slower. This follows Lemire, "Number Parsing
/// at a Gigabyte per Second" (2021), §5–6, as fast_float and Rust's core library implement it,
/// including their conservative refusal: nil when 128 bits cannot decide the rounding, and the
/// caller falls back to `strtod`.
enum EiselLemire {
    /// w × 10^q correctly rounded (to ±0 or +infinity outside the range), or nil when undecided.
    @inline(__always)
    static func double(significand: UInt64, exponent q: Int) -> Double? {
        guard significand != 0, q >= PowersOfFive.smallest else { return 0 }
        guard q <= PowersOfFive.largest else { return .infinity }
        let leadingZeros = significand.leadingZeroBitCount
        let w = significand << UInt64(leadingZeros)
        let (high, low, decided) = product(w, q)
        if !decided { return nil }
        let upperBit = Int(high >> 63)
        let shift = upperBit + 64 - mantissaBits - 3
        var mantissa = high >> UInt64(shift)
        var power2 = binaryExponent(q) + upperBit - leadingZeros + 1023
        if power2 <= 0 {
            // Subnormal (or zero): shift down to the fixed exponent, then round half up.
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa >= (1 << UInt64(mantissaBits)) ? 1 : 0
            return Double(bitPattern: UInt64(power2) << 52 | (mantissa & mantissaMask))
        }
        // An exact tie (only possible for small |q|) rounds to even rather than up.
        if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << UInt64(shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << UInt64(mantissaBits)) {
            mantissa = 1 << UInt64(mantissaBits)
            power2 += 1
        }
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: UInt64(power2) << 52 | (mantissa & mantissaMask))
    }

    private static let mantissaBits = 52
    private static let mantissaMask: UInt64 = (1 << 52) - 1

    /// floor(q × log2(10)) + 63, exact over the table's range.
    @inline(__always)
    private static func binaryExponent(_ q: Int) -> Int {
        ((q &* (152_170 + 65_536)) >> 16) + 63
    }

    /// The top 128 bits of w × 5^q (w normalised) and whether they decide the rounding.
    @inline(__always)
    private static func product(_ w: UInt64, _ q: Int) -> (high: UInt64, low: UInt64, decided: Bool) {
        let index = 2 * (q - PowersOfFive.smallest)
        return PowersOfFive.words.withUnsafeBufferPointer { words in
            var (high, low) = w.multipliedFullWidth(by: words[index])
            // 55 bits are needed (52 + hidden + rounding + a possible leading zero); when the
            // rest are all ones, the low word of 5^q may carry into them.
            let precisionMask: UInt64 = .max >> 55
            if high & precisionMask == precisionMask {
                let (secondHigh, _) = w.multipliedFullWidth(by: words[index + 1])
                low = low &+ secondHigh
                if secondHigh > low { high &+= 1 }
            }
            // Still all ones below: the true product may lie on either side of a rounding edge,
            // unless 5^q is exact in 128 bits (−27 ≤ q ≤ 55).
            let undecided = low == .max && (q < -27 || q > 55)
            return (high, low, !undecided)
        }
    }
}
