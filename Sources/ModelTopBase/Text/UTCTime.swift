/// Seconds since the epoch as UTC calendar text, computed from the number passed in (no clock
/// is read): "2026-11-22 02:42:34Z" on screen, "2026-11-22T02:42:34Z" in JSON.
package enum UTCTime {
    /// "—" when not finite or absurdly far away.
    package static func text(_ seconds: Double, separator: String = " ") -> String {
        guard seconds.isFinite, abs(seconds) < 1e13 else { return "—" }
        let whole = Int(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let second = whole - days * 86_400
        let (year, month, day) = civil(days: days)
        return "\(year)-\(two(month))-\(two(day))\(separator)\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// ISO 8601, as JSON receivers parse it.
    package static func iso8601(_ seconds: Double) -> String { text(seconds, separator: "T") }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Howard Hinnant's civil_from_days.
    private static func civil(days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
