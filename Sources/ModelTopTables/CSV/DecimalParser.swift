import Glibc
import ModelTopBase

/// Parses a decimal number from bytes, correctly rounded, without making a `String`.
///
/// At most 19 significant digits take a fast path: Clinger's (one exact conversion and one
/// correctly rounded multiply or divide) when the significand and the power of ten are exact in
/// a `Double`, else Eisel–Lemire (`EiselLemire`: 128-bit powers of five), which covers the 17
/// digits Python prints. Longer numbers, and the rare case Eisel–Lemire cannot decide, go to the
/// C library's `strtod`. All three are correctly rounded, so results equal Python's `float()` to
/// the last bit.
package enum DecimalParser {
    /// The outcome of parsing one field.
    package enum Result: Equatable {
        case number(Double)
        /// An empty field: a missing value, counted as non-finite by the statistics.
        case empty
        case invalid
    }

    /// 10^e for 0 ≤ e ≤ 22, all exact in a Double; a switch, so no lazily initialised table.
    @inline(__always)
    static func exactPowerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// The CSV hot path, for a field like `-0.274071,`: an optional `-`, at most eight digits in
    /// all around one point, then `delimiter` (never a digit, `.` or `e`, so the number is whole).
    /// Both sides of the point come from one 8-byte word each: where their digits stop and their
    /// value are SWAR arithmetic, with no loop, no branch per digit and none on the sign (a coin
    /// toss in embeddings). Then one correctly rounded division of two exact doubles.
    /// nil: anything else, for `parsePrefix` to try.
    @inline(__always)
    static func parseCompactDecimal(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, followedBy delimiter: UInt8
    ) -> (value: Double, stop: Int)? {
        // The sign, both words and the byte after them lie within the 19 bytes from `start`.
        guard end &- start >= 19 else { return nil }
        let negative = base[start] == UInt8(ascii: "-")
        let integerStart = start &+ (negative ? 1 : 0)
        let integerDigits = digitValues(base + integerStart)
        let point = integerStart &+ integerDigits.count
        let fractionDigits = digitValues(base + (point &+ 1))
        let stop = point &+ 1 &+ fractionDigits.count
        let total = integerDigits.count &+ fractionDigits.count
        guard base[point] == UInt8(ascii: "."), total > 0, total <= 8, base[stop] == delimiter else { return nil }
        // One word of digit values, most significant first (lowest byte): zeros, the integer
        // digits, the fraction digits. Smart shifts: by 64 they give 0, right for an empty part.
        let integerPart = (integerDigits.values << UInt64(8 &* (8 &- integerDigits.count))) >> UInt64(8 &* fractionDigits.count)
        let fractionPart = fractionDigits.values << UInt64(8 &* (8 &- fractionDigits.count))
        let mantissa = eightDigitValuesValue(integerPart | fractionPart)
        let magnitude = Double(mantissa) / Double(smallPowerOfTen(fractionDigits.count))
        return (Double(bitPattern: magnitude.bitPattern | (UInt64(negative ? 1 : 0) << 63)), stop)
    }

    /// The eight bytes at `pointer` with ASCII digits mapped to 0…9 (the rest to other values),
    /// and how many of them, from the lowest, are digits before the first that is not (8 when
    /// all are). Adding 0x76 sets a byte's top bit from 10 up, and the OR catches bytes that
    /// had it; a carry out of a byte only disturbs the bytes after the first non-digit.
    @inline(__always)
    private static func digitValues(_ pointer: UnsafePointer<UInt8>) -> (values: UInt64, count: Int) {
        let values = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
        let notDigit = ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080
        return (values, notDigit.trailingZeroBitCount >> 3)
    }

    /// 10^e for 0 ≤ e ≤ 8 as an integer (a table lookup, where the `Double` switch is a jump).
    @inline(__always)
    private static func smallPowerOfTen(_ e: Int) -> UInt64 {
        switch e {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        default: return 100_000_000
        }
    }

    /// The single-pass fast path: a plain decimal (`-12.345`, `6.5e-05`: at most 19 significant
    /// digits, no `+`, finite) starting at `start`, and where it stopped. nil means "not that
    /// simple": the caller finds the field's end and calls `parse(_:_:_:)`, which handles
    /// everything else exactly.
    @inline(__always)
    package static func parsePrefix(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (value: Double, stop: Int)? {
        // Branch-free sign: in embeddings it is a coin toss, which a branch mispredicts half the time.
        let negative = start < end && base[start] == UInt8(ascii: "-")
        var i = start &+ (negative ? 1 : 0)
        var mantissa: UInt64 = 0
        let digitsStart = i
        i = accumulateDigits(base, i, end, &mantissa)
        var digits = i - digitsStart
        var exponent = 0
        if i < end, base[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            i = accumulateDigits(base, i, end, &mantissa)
            exponent = fractionStart - i
            digits += i - fractionStart
        }
        guard digits > 0 else { return nil }
        if i < end, base[i] | 0x20 == UInt8(ascii: "e") {
            guard let (explicit, stop) = exponentPart(base, i + 1, end) else { return nil }
            exponent += explicit
            i = stop
        }
        guard i == end || !isNumberContinuation(base[i]) else { return nil }
        if digits > 19 {
            // Leading zeros (and the point between them) are not significant; the wrapped
            // mantissa is right as long as at most 19 digits remain.
            var k = digitsStart
            while k < i, base[k] == UInt8(ascii: "0") || base[k] == UInt8(ascii: ".") {
                if base[k] == UInt8(ascii: "0") { digits -= 1 }
                k += 1
            }
            if digits > 19 { return nil }
        }
        guard let value = exactValue(mantissa, exponent), value.isFinite else { return nil }
        return (negative ? -value : value, i)
    }

    /// Digits from `i` on, folded into `mantissa` (wrapping past 19 digits); where they stop.
    /// Eight at a time while eight digits follow (SWAR, as fast_float does): a probability
    /// printed by Python has 17 of them.
    @inline(__always)
    private static func accumulateDigits(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ mantissa: inout UInt64) -> Int {
        var i = start
        var m = mantissa
        while end - i >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            guard isEightDigits(word) else { break }
            m = m &* 100_000_000 &+ eightDigitsValue(word)
            i += 8
        }
        while i < end {
            let d = base[i] &- 0x30
            if d > 9 { break }
            m = m &* 10 &+ UInt64(d)
            i += 1
        }
        mantissa = m
        return i
    }

    /// True when all eight bytes of `word` are ASCII digits.
    @inline(__always)
    private static func isEightDigits(_ word: UInt64) -> Bool {
        (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4) == 0x3333_3333_3333_3333
    }

    /// The value of eight ASCII digits loaded little-endian (first digit in the lowest byte).
    @inline(__always)
    private static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        eightDigitValuesValue(word &- 0x3030_3030_3030_3030)
    }

    /// The value of eight digit values 0…9, one per byte, the most significant in the lowest.
    @inline(__always)
    private static func eightDigitValuesValue(_ digits: UInt64) -> UInt64 {
        var value = digits
        value = value &* 10 &+ (value >> 8)  // pairs of digits
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        value = ((value & mask) &* 0x000F_4240_0000_0064 &+ ((value >> 16) & mask) &* 0x0000_2710_0000_0001) >> 32
        return value
    }

    /// An exponent's optional sign and digits from `start` (just after the `e`): its value
    /// (magnitude capped, far beyond any finite double) and where it stopped; nil without digits.
    @inline(__always)
    private static func exponentPart(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int)? {
        var i = start
        var negative = false
        if i < end, base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+") {
            negative = base[i] == UInt8(ascii: "-")
            i += 1
        }
        let digitsStart = i
        var value = 0
        while i < end {
            let d = base[i] &- 0x30
            if d > 9 { break }
            if value < 100_000_000_000 { value = value * 10 + Int(d) }
            i += 1
        }
        guard i > digitsStart else { return nil }
        return (negative ? -value : value, i)
    }

    /// mantissa × 10^exponent, correctly rounded, for an exact mantissa (at most 19 digits):
    /// Clinger when both factors are exact doubles, else Eisel–Lemire; nil when neither decides.
    @inline(__always)
    static func exactValue(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        if mantissa == 0 { return 0 }
        if mantissa <= (1 << 53), exponent >= -22, exponent <= 22 {
            let value = Double(mantissa)
            return exponent < 0 ? value / exactPowerOfTen(-exponent) : value * exactPowerOfTen(exponent)
        }
        return EiselLemire.double(significand: mantissa, exponent: exponent)
    }

    @inline(__always)
    private static func isNumberContinuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: ".") || (byte &- 0x30) <= 9
    }

    /// Parses exactly the bytes `start..<end` (ASCII spaces around the number are allowed).
    package static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Result {
        var i = start
        var stop = end
        while i < stop, base[i] == 0x20 { i += 1 }
        while stop > i, base[stop - 1] == 0x20 { stop -= 1 }
        if i == stop { return .empty }

        var negative = false
        if base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+") {
            negative = base[i] == UInt8(ascii: "-")
            i += 1
            if i == stop { return .invalid }
        }
        let first = base[i]
        if !(first >= 0x30 && first <= 0x39) && first != UInt8(ascii: ".") {
            guard let special = parseSpecial(base, i, stop) else { return .invalid }
            return .number(negative ? -special : special)
        }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var droppedDigits = false
        var exponent = 0
        var sawDigit = false
        while i < stop, base[i] >= 0x30, base[i] <= 0x39 {
            accumulate(base[i], &mantissa, &significantDigits, &droppedDigits, &exponent, fraction: false)
            sawDigit = true
            i += 1
        }
        if i < stop, base[i] == UInt8(ascii: ".") {
            i += 1
            while i < stop, base[i] >= 0x30, base[i] <= 0x39 {
                accumulate(base[i], &mantissa, &significantDigits, &droppedDigits, &exponent, fraction: true)
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return .invalid }
        if i < stop, base[i] | 0x20 == UInt8(ascii: "e") {
            guard let (explicit, next) = exponentPart(base, i + 1, stop) else { return .invalid }
            exponent += explicit
            i = next
        }
        guard i == stop else { return .invalid }

        if mantissa == 0 { return .number(negative ? -0.0 : 0.0) }
        if !droppedDigits, let value = exactValue(mantissa, exponent) {
            return .number(negative ? -value : value)
        }
        return slowPath(base, start, end)
    }

    @inline(__always)
    private static func accumulate(
        _ byte: UInt8, _ mantissa: inout UInt64, _ significant: inout Int,
        _ dropped: inout Bool, _ exponent: inout Int, fraction: Bool
    ) {
        let digit = UInt64(byte &- 0x30)
        if mantissa == 0 && digit == 0 {
            // Leading zeros are not significant.
            if fraction { exponent -= 1 }
            return
        }
        if significant < 19 {
            mantissa = mantissa &* 10 &+ digit
            significant += 1
            if fraction { exponent -= 1 }
        } else {
            if digit != 0 { dropped = true }
            if !fraction { exponent += 1 }
        }
    }

    /// `nan`, `inf`, `infinity` in any case, as Python and pandas write them.
    private static func parseSpecial(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let length = end - start
        guard length == 3 || length == 8 else { return nil }
        var word: [UInt8] = []
        word.reserveCapacity(length)
        for k in start..<end { word.append(base[k] | 0x20) }
        switch word {
        case Array("nan".utf8): return .nan
        case Array("inf".utf8), Array("infinity".utf8): return .infinity
        default: return nil
        }
    }


    /// Long or extreme numbers: the C library's correctly rounded `strtod` on a NUL-terminated
    /// copy, in the "C" locale whatever the process's.
    private static func slowPath(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Result {
        let length = end - start
        guard length < 4096 else { return .invalid }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for k in 0..<length { buffer[k] = CChar(bitPattern: base[start + k]) }
            buffer[length] = 0
            guard let pointer = buffer.baseAddress else { return .invalid }
            var endPointer: UnsafeMutablePointer<CChar>?
            // This thread reads numbers in the "C" locale for the call (`strtod_l` is a GNU
            // extension Swift's Glibc module does not show); the thread's own comes back after.
            let value = NumericLocale.inC { strtod(pointer, &endPointer) }
            guard let endPointer else { return .invalid }
            var consumed = endPointer - pointer
            while consumed < length, buffer[consumed] == 0x20 { consumed += 1 }
            return consumed == length ? .number(value) : .invalid
        }
    }
}
