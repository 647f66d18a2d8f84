/// Durations as people type them, one grammar for every flag (`--interval`, `--window`,
/// `--retrain-cooldown`): a number with `ms`, `s`, `m`, `h` or `d` (`500ms`, `90s`, `15m`,
/// `1.5h`, `7d`), or a bare number of seconds where the flag allows it.
package enum DurationText {
    /// Seconds, or nil when unreadable, negative or not finite.
    package static func seconds(_ text: String, bareNumber: Bool = true) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            // "ms" before "s": "500ms" is not "500m" and an "s".
            guard let value = Double(text.dropLast(suffix.count)), value.isFinite, value >= 0 else { return nil }
            return value * scale
        }
        guard bareNumber, let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }
}

extension DurationText {
    /// `seconds` in the same grammar, in the largest unit that keeps it short: 90 → "90s",
    /// 600 → "10m", 5400 → "1.5h". Reads back through `seconds(_:)` to the same value when the
    /// value was typed in that unit.
    package static func text(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)" }
        let units: [(String, Double)] = [("d", 86_400), ("h", 3600), ("m", 60)]
        for (suffix, scale) in units where seconds >= 2 * scale || (seconds >= scale && seconds.truncatingRemainder(dividingBy: scale) == 0) {
            return ReportNumber.general((seconds / scale * 100).rounded() / 100) + suffix
        }
        if seconds > 0, seconds < 1 { return ReportNumber.general((seconds * 1000).rounded()) + "ms" }
        return ReportNumber.general(seconds) + "s"
    }
}
