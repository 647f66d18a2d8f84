#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal number from bytes, correctly rounded, without making a `String`.
///
/// The common case (at most 19 significant digits whose value and power of ten are exact in a
/// `Double`) takes Clinger's fast path: one exact conversion and one correctly rounded multiply
/// or divide. Everything else goes to the C library's `strtod`, which is correctly rounded too,
/// so results equal Python's `float()` to the last bit.
public enum DecimalParser {
    /// The outcome of parsing one field.
    public enum Result: Equatable {
        case number(Double)
        /// An empty field: a missing value, counted as non-finite by the statistics.
        case empty
        case invalid
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { e in
        var value = 1.0
        for _ in 0..<e { value *= 10 }
        return value
    }

    /// Parses exactly the bytes `start..<end` (ASCII spaces around the number are allowed).
    public static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Result {
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
        if i < stop, base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < stop, base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+") {
                expNegative = base[i] == UInt8(ascii: "-")
                i += 1
            }
            var explicit = 0
            var expDigits = 0
            while i < stop, base[i] >= 0x30, base[i] <= 0x39 {
                if explicit < 100_000 { explicit = explicit * 10 + Int(base[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return .invalid }
            exponent += expNegative ? -explicit : explicit
        }
        guard i == stop else { return .invalid }

        if mantissa == 0 { return .number(negative ? -0.0 : 0.0) }
        if !droppedDigits, mantissa <= (1 << 53), exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
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

    /// Long or extreme numbers: the C library's correctly rounded `strtod` on a NUL-terminated copy.
    private static func slowPath(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Result {
        let length = end - start
        guard length < 4096 else { return .invalid }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for k in 0..<length { buffer[k] = CChar(bitPattern: base[start + k]) }
            buffer[length] = 0
            guard let pointer = buffer.baseAddress else { return .invalid }
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer, &endPointer)
            guard let endPointer else { return .invalid }
            var consumed = endPointer - pointer
            while consumed < length, buffer[consumed] == 0x20 { consumed += 1 }
            return consumed == length ? .number(value) : .invalid
        }
    }
}
