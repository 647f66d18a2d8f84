import Glibc

/// Number formatting for reports and screens, in one place.
package enum ReportNumber {
    /// Shortest text that reads back as the same double (for JSON); nil for NaN and ±inf.
    package static func json(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + ".0" }
        return "\(value)"
    }

    /// Fixed decimals, "—" for NaN, "inf" for infinities.
    package static func fixed(_ value: Double, _ decimals: Int) -> String {
        if value.isNaN { return "—" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return format("%.\(decimals)f", value)
    }

    /// A p-value: fixed when readable, scientific when tiny.
    package static func pValue(_ value: Double) -> String {
        if value.isNaN { return "—" }
        if value == 0 { return "0" }
        return value < 0.001 ? format("%.2e", value) : format("%.4f", value)
    }

    /// `%g`-style, for thresholds the user typed.
    package static func general(_ value: Double) -> String { format("%g", value) }

    /// A count with thousands separators: 1,203.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (k, character) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    private static func format(_ pattern: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = buffer.withUnsafeMutableBufferPointer { pointer in
            NumericLocale.inC { withVaList([value]) { vsnprintf(pointer.baseAddress, 64, pattern, $0) } }
        }
        guard written > 0 else { return "\(value)" }
        return String(decoding: buffer.prefix(Int(min(written, 63))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
