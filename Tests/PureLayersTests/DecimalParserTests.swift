@testable import ModelTopBase
@testable import ModelTopTables

#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Parsing must equal a correctly rounded conversion (Python's `float()`) to the last bit.
@Suite struct DecimalParserTests {
    static func parse(_ text: String) -> DecimalParser.Result {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .empty }
            return DecimalParser.parse(UnsafePointer(base), 0, buffer.count)
        }
    }

    static func prefix(_ text: String) -> (value: Double, stop: Int)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            DecimalParser.parsePrefix(UnsafePointer(buffer.baseAddress!), 0, buffer.count)
        }
    }

    @Test func roundTripsRandomDoublesInEveryNotation() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            guard value.isFinite else { continue }
            for text in [value.description, String(format6: value)] {
                // The standard library's parser is correctly rounded too.
                guard let expected = Double(text) else { continue }
                #expect(Self.parse(text) == .number(expected), "\(text)")
            }
        }
    }

    @Test func fastPathStopsAtTheFieldEndAndDefersTheRest() {
        #expect(Self.prefix("-12.5,7")?.value == -12.5)
        #expect(Self.prefix("-12.5,7")?.stop == 5)
        #expect(Self.prefix("0.1") .map { $0.value } == 0.1)
        #expect(Self.prefix("1e5")?.value == 1e5)
        #expect(Self.prefix("1234567890.1234567")?.value == 1234567890.1234567)
        #expect(Self.prefix("1e400") == nil)
        #expect(Self.prefix(".") == nil)
        #expect(Self.prefix("nan") == nil)
    }

    @Test func specialAndInvalidText() {
        #expect(Self.parse("") == .empty)
        #expect(Self.parse("   ") == .empty)
        #expect(Self.parse(" 2.5 ") == .number(2.5))
        #expect(Self.parse("+3") == .number(3))
        #expect(Self.parse("-0") == .number(-0.0))
        #expect(Self.parse("inf") == .number(.infinity))
        #expect(Self.parse("-Infinity") == .number(-.infinity))
        if case .number(let v) = Self.parse("NaN") { #expect(v.isNaN) } else { Issue.record("NaN not parsed") }
        for bad in ["abc", "1.2.3", "1e", "--1", "1,5", "0x10", "1e5x", "infinite", "."] {
            #expect(Self.parse(bad) == .invalid, "\(bad)")
        }
        #expect(Self.parse("1e400") == .number(.infinity))
        #expect(Self.parse("1e-400") == .number(0))
        #expect(Self.parse("0.000000000000000000000000000001") == .number(1e-30))
        #expect(Self.parse("123456789012345678901234567890") == .number(1.2345678901234568e29))
    }
}

/// The CSV hot path: `parseCompactDecimal` must give `strtod`'s bits whenever it answers, answer
/// for every compact field (so the fast path is really the one taken), and decline the rest.
@Suite struct CompactDecimalTests {
    /// Parses `field` followed by `follower` and padding (the hot path wants 19 bytes ahead).
    static func compact(_ field: String, follower: String = ",", padding: Int = 24) -> (value: Double, stop: Int)? {
        var bytes = Array((field + follower + String(repeating: "0", count: padding)).utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            DecimalParser.parseCompactDecimal(UnsafePointer(buffer.baseAddress!), 0, buffer.count, followedBy: UInt8(ascii: ","))
        }
    }

    @Test func everyShapeOfUpToEightDigitsAroundAPoint() {
        var generator = SeededGenerator(seed: 3)
        for integerDigits in 0...9 {
            for fractionDigits in 0...9 {
                for _ in 0..<40 {
                    let digits = { (count: Int) in String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }) }
                    let sign = Bool.random(using: &generator) ? "-" : ""
                    let field = sign + digits(integerDigits) + "." + digits(fractionDigits)
                    let result = Self.compact(field)
                    let isCompact = integerDigits + fractionDigits > 0 && integerDigits + fractionDigits <= 8
                    if isCompact {
                        #expect(result?.value.bitPattern == strtod(field, nil).bitPattern, "\(field)")
                        #expect(result?.stop == field.utf8.count, "\(field) stop")
                    } else if let result {
                        Issue.record("\(field) answered \(result.value) though not compact")
                    }
                }
            }
        }
    }

    @Test func declinesWhatIsNotACompactFieldBeforeTheDelimiter() {
        for field in ["5", "-12", "1e5", "1.5e3", ".", "-.", "+1.5", "1.2.3", "0x1.8", "nan", " 1.5", "1.5 ", "\"1.5\""] {
            #expect(Self.compact(field) == nil, "\(field)")
        }
        #expect(Self.compact("1.5", follower: "\n") == nil)
        #expect(Self.compact("1.5", follower: ";") == nil)
        #expect(Self.compact("1.5", follower: ",", padding: 0) == nil, "too near the end of the buffer")
        #expect(Self.compact("-0.0")?.value.bitPattern == (-0.0).bitPattern)
        #expect(Self.compact(".5")?.value == 0.5)
        #expect(Self.compact("7.")?.value == 7)
    }
}

extension String {
    /// `%.6f`, the benchmark's and many serving stacks' format.
    init(format6 value: Double) {
        let scaled = (abs(value) * 1e6).rounded()
        guard scaled < 1e17 else {
            self = value.description
            return
        }
        let integer = Int64(scaled)
        let fraction = String(integer % 1_000_000)
        self = (value < 0 ? "-" : "") + String(integer / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
