import ModelTopBase

/// Times as people read them, computed from numbers passed in (no clock is read here).
enum Clock {
    /// "2026-11-22 02:42:34Z" for seconds since the epoch; "—" when not finite.
    static func utc(_ seconds: Double) -> String { UTCTime.text(seconds) }

    /// "12 s", "4 min", "3 h", "2 d".
    static func age(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        let s = max(0, Int(seconds))
        if s < 120 { return "\(s) s" }
        if s < 7200 { return "\(s / 60) min" }
        if s < 172_800 { return "\(s / 3600) h" }
        return "\(s / 86_400) d"
    }
}
