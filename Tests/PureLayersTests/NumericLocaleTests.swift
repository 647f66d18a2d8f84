@testable import ModelTopBase
@testable import ModelTopTables

#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Numbers read and written the same under a comma-decimal locale (issue 14's probable bug: the
/// dashboard sets the locale for curses, and `strtod` then stopped at the '.' of a long number).
/// The locale is switched on this test's thread only (`uselocale`), as the process's would be;
/// `.ci/run` installs de_DE.UTF-8, and without it this test fails rather than passing vacuously.
@Suite struct NumericLocaleTests {
    static func withGerman<T>(_ body: () throws -> T) throws -> T {
        guard let german = newlocale(LC_ALL_MASK_VALUE, "de_DE.UTF-8", nil) else {
            throw LocaleMissing()
        }
        defer { freelocale(german) }
        let previous = uselocale(german)
        defer { if let previous { _ = uselocale(previous) } }
        return try body()
    }

    struct LocaleMissing: Error, CustomStringConvertible {
        var description: String { "the de_DE.UTF-8 locale is not installed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)" }
    }

    /// glibc's LC_ALL_MASK (a macro Swift does not import): every category bit.
    static let LC_ALL_MASK_VALUE: Int32 = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12)

    @Test func longNumbersParseTheSameUnderACommaDecimalLocale() throws {
        let text = "0.00123456789012345678901234"  // 27 digits: past the fast paths, into strtod
        let parsed: DecimalParser.Result = try Self.withGerman {
            // The locale really is in force on this thread: the C library itself writes a comma.
            var buffer = [CChar](repeating: 0, count: 16)
            _ = withVaList([1.5]) { vsnprintf(&buffer, 16, "%.1f", $0) }
            #expect(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) == "1,5")
            return Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, 0, $0.count) }
        }
        #expect(parsed == .number(0.00123456789012345678901234))
        #expect(try Self.withGerman { ReportNumber.fixed(0.5, 4) + " " + ReportNumber.general(0.25) + " " + ReportNumber.pValue(1e-9) } == "0.5000 0.25 1.00e-09")
    }
}
