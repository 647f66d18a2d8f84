import ModelTopBase
import ModelTopMonitor

/// Reference and production histograms of one dimension side by side, on one vertical scale.
enum PairedHistogram {
    /// Needs at least 3 rows: the bars, then a row of range labels.
    static func draw(_ painter: inout Painter, _ histogram: DimensionHistogram, in rect: Rect) {
        guard rect.height >= 3, rect.width >= 12 else { return }
        let half = (rect.width - 2) / 2
        let peak = max(histogram.reference.max() ?? 0, histogram.production.max() ?? 0)
        let bars = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 2)
        for (k, (name, shares, role)) in [
            ("reference", histogram.reference, Role.muted), ("production", histogram.production, Role.accent),
        ].enumerated() {
            let x = rect.x + k * (half + 2)
            painter.text(name, x: x, y: rect.y, width: half, role: .header)
            column(&painter, shares, peak: peak, in: Rect(x: x, y: bars.y, width: half, height: bars.height), role: role)
            let low = ReportNumber.fixed(histogram.lower, 2), high = ReportNumber.fixed(histogram.upper, 2)
            painter.text(low, x: x, y: rect.maxY - 1, width: half, role: .muted)
            if DisplayWidth.of(low) + DisplayWidth.of(high) + 1 <= half {
                painter.rightText(high, x: x, y: rect.maxY - 1, width: half, role: .muted)
            }
        }
    }

    /// Vertical bars, one or more columns per bin, scaled so `peak` fills the height.
    static func column(_ painter: inout Painter, _ shares: [Double], peak: Double, in rect: Rect, role: Role) {
        guard !shares.isEmpty, rect.width > 0, rect.height > 0, peak > 0 else { return }
        let g = painter.glyphs
        let perBin = max(1, rect.width / shares.count)
        let steps = g.levels.count
        for x in 0..<min(rect.width, shares.count * perBin) {
            let share = shares[min(shares.count - 1, x / perBin)]
            var units = Int((share / peak * Double(rect.height * steps)).rounded())
            if share > 0 { units = max(1, units) }
            for line in 0..<rect.height {
                let y = rect.maxY - 1 - line
                let here = units - line * steps
                if here >= steps {
                    painter.glyph(g.levels[steps - 1], x: rect.x + x, y: y, role: role)
                } else if here > 0 {
                    painter.glyph(g.levels[here - 1], x: rect.x + x, y: y, role: role)
                }
            }
        }
    }
}
