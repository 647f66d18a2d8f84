import Glibc
import Testing
@testable import ModelTopBase
@testable import ModelTopTables

/// The fast paths must give `strtod`'s bits (correctly rounded, as Python's `float()`) on the
/// numbers that stress them, and Eisel–Lemire must actually decide them, not defer to `strtod`.
@Suite struct EiselLemireTests {
    static func strtodBits(_ text: String) -> UInt64 { strtod(text, nil).bitPattern }

    static func bytes(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> Void) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { body(UnsafePointer($0.baseAddress!), $0.count) }
    }

    /// Checks `parse` and `parsePrefix` (which may decline) against `strtod`.
    static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = strtodBits(text)
        bytes(text) { base, count in
            if case .number(let value) = DecimalParser.parse(base, 0, count) {
                #expect(value.bitPattern == expected, "parse \(text)", sourceLocation: sourceLocation)
            } else {
                Issue.record("parse rejected \(text)", sourceLocation: sourceLocation)
            }
            if let (value, stop) = DecimalParser.parsePrefix(base, 0, count) {
                #expect(value.bitPattern == expected, "parsePrefix \(text)", sourceLocation: sourceLocation)
                #expect(stop == count, "parsePrefix stop \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    /// `digits` as d.ddd…e±x, or as a plain decimal when the exponent is moderate.
    static func written(_ digits: String, exponent q: Int, plain: Bool) -> String {
        // value = digits × 10^q
        if plain, q <= 0, -q < 40 {
            let padded = String(repeating: "0", count: max(0, -q - digits.count + 1)) + digits
            let point = padded.count + q
            return String(padded.prefix(point)) + "." + String(padded.dropFirst(point))
        }
        let e = q + digits.count - 1
        return String(digits.prefix(1)) + "." + String(digits.dropFirst()) + "e" + String(e)
    }

    @Test func pythonReprOf17DigitProbabilitiesIsDecidedByEiselLemire() {
        var random = SeededGenerator(seed: 1)
        var declined = 0
        let samples = 200_000
        for n in 0..<samples {
            let mantissa = UInt64.random(in: 10_000_000_000_000_000...99_999_999_999_999_999, using: &random)
            let q = Int.random(in: -40...(-10), using: &random)
            let text = Self.written(String(mantissa), exponent: q, plain: n % 2 == 0)
            let expected = Self.strtodBits(text)
            if let value = EiselLemire.double(significand: mantissa, exponent: q) {
                #expect(value.bitPattern == expected, "\(text)")
            } else {
                declined += 1
            }
            if n % 8 == 0 { Self.check(text) }
            // The JSON fast path takes these whole, as the log reader sees them.
            Self.bytes(text + ",") { base, count in
                let prefix = DecimalParser.parsePrefix(base, 0, count)
                #expect(prefix?.value.bitPattern == expected && prefix?.stop == count - 1, "\(text)")
            }
        }
        #expect(declined < samples / 1000, "Eisel–Lemire declined \(declined) of \(samples)")
    }

    @Test func nineteenDigitMantissasOverTheWholeExponentRange() {
        var random = SeededGenerator(seed: 2)
        var decided = 0
        for n in 0..<100_000 {
            let digits = Int.random(in: 1...19, using: &random)
            let limit: UInt64 = digits == 19 ? UInt64.max / 10 * 10 - 1 : (0..<digits).reduce(1) { r, _ in r * 10 } - 1
            let mantissa = UInt64.random(in: 1...limit, using: &random)
            let q = Int.random(in: -360...320, using: &random)
            let text = String(mantissa) + "e" + String(q)
            let expected = Self.strtodBits(text)
            if let value = EiselLemire.double(significand: mantissa, exponent: q) {
                #expect(value.bitPattern == expected, "\(text)")
                decided += 1
            }
            if n % 4 == 0 { Self.check(text) }
        }
        #expect(decided > 99_000)
    }

    @Test func roundTripsOfRandomDoublesIncludingSubnormals() {
        var random = SeededGenerator(seed: 3)
        for n in 0..<100_000 {
            var value = Double(bitPattern: random.next())
            if n % 4 == 0 { value = Double(bitPattern: random.next() & 0x000F_FFFF_FFFF_FFFF) }  // subnormal
            if n % 4 == 1 { value = Double(bitPattern: (random.next() & 0x001F_FFFF_FFFF_FFFF) | 0x0000_0000_0000_0001) }  // near the smallest normal
            guard value.isFinite else { continue }
            Self.check(value.description)
            // The same value with 17 significant digits, as %.17g writes it.
            Self.check(Self.seventeenDigits(value))
        }
    }

    @Test func halfwayCasesRoundToEven() {
        var random = SeededGenerator(seed: 4)
        for _ in 0..<50_000 {
            // (2m + 1) · 2^k lies exactly between two doubles with significand m and m + 1.
            let m = UInt64.random(in: (1 << 52)..<(1 << 53), using: &random)
            let k = Int.random(in: 0...10, using: &random)
            let halfway = (2 * m + 1) << UInt64(k)
            guard halfway < 10_000_000_000_000_000_000 else { continue }
            for candidate in [halfway - 1, halfway, halfway + 1] {
                let digits = String(candidate)
                Self.check(digits)
                Self.check(Self.written(digits, exponent: -3, plain: true) + "e3")
                #expect(EiselLemire.double(significand: candidate, exponent: 0)?.bitPattern ?? Self.strtodBits(digits) == Self.strtodBits(digits), "\(digits)")
            }
        }
        // Ties with a fraction: 2^53 + 0.5 steps, written out exactly.
        for text in ["9007199254740993", "9007199254740995", "9007199254740992.5", "4503599627370496.5", "4503599627370497.5",
                     "1.00000000000000011102230246251565404236316680908203125", "0.500000000000000027755575615628913510590791702270507812"] {
            Self.check(text)
        }
    }

    @Test func edgesOfTheRange() {
        for e in -350...310 {
            Self.check("1e\(e)")
            Self.check("9.999999999999999999e\(e)")
            Self.check("-2.5e\(e)")
        }
        for text in ["1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                     "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072009e-308",
                     "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                     "5e-324", "1e-400", "18446744073709551615", "18446744073709551616", "9223372036854775807e-10",
                     "0.0000000000000000000000000000000000001", "123456789012345678", "1234567890123456789",
                     "-0.0020751129612296437", "5.4976916371547685e-05", "0.943068555728324", "7e22", "9007199254740993e-22"] {
            Self.check(text)
        }
    }

    @Test func prefixStopsWhereTheNumberEndsAndDefersWhatItCannotTake() {
        Self.bytes("6.5e-05]") { base, count in
            let prefix = DecimalParser.parsePrefix(base, 0, count)
            #expect(prefix?.value == 6.5e-05 && prefix?.stop == 7)
        }
        for deferred in ["1e400", "1e", "1e+", "12345678901234567890", "1.5e3.2", "1.5e3e2", "+1", "inf", "-"] {
            Self.bytes(deferred) { base, count in
                #expect(DecimalParser.parsePrefix(base, 0, count) == nil, "\(deferred)")
            }
        }
        // Leading zeros do not count against the 19 digits.
        Self.bytes("0.00000000001234567890123456789") { base, count in
            #expect(DecimalParser.parsePrefix(base, 0, count)?.value == 1.234567890123456789e-11)
        }
    }

    /// `value` with 17 significant digits via the C library (`%.16e`).
    static func seventeenDigits(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, 64, "%.16e", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
