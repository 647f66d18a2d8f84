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
