/// A one-row chart of a series (▁▂▃▄▅▆▇█, or `_.-=#` in ASCII); gaps where there is no data.
enum Sparkline {
    /// Draws the series, squeezed to `width` when longer; `range` fixes the scale (e.g. 0...1 for accuracy),
    /// otherwise the series' own minimum and maximum are used.
    static func draw(
        _ painter: inout Painter, _ values: [Double], x: Int, y: Int, width: Int,
        range: ClosedRange<Double>? = nil, role: Role = .accent
    ) {
        guard width > 0, !values.isEmpty else { return }
        let shown = values.count > width ? squeezed(values, to: width) : values[...]
        var low = range?.lowerBound ?? .infinity, high = range?.upperBound ?? -.infinity
        if range == nil {
            for v in shown where v.isFinite {
                low = min(low, v)
                high = max(high, v)
            }
        }
        // A short series is stretched so it spans the width instead of huddling on the left.
        let perValue = max(1, width / shown.count)
        var column = x
        for v in shown {
            if v.isFinite {
                let fraction = high > low ? (v - low) / (high - low) : 0.5
                let glyph = painter.glyphs.level(fraction)
                for k in 0..<perValue { painter.glyph(glyph, x: column + k, y: y, role: role) }
            }
            column += perValue
        }
    }
}

extension Sparkline {
    /// `values` averaged into `width` buckets (NaN buckets stay NaN), so the whole history fits.
    static func squeezed(_ values: [Double], to width: Int) -> ArraySlice<Double> {
        var out: [Double] = []
        out.reserveCapacity(width)
        for k in 0..<width {
            let lower = k * values.count / width, upper = max(lower + 1, (k + 1) * values.count / width)
            var sum = 0.0, count = 0
            for v in values[lower..<min(upper, values.count)] where v.isFinite {
                sum += v
                count += 1
            }
            out.append(count > 0 ? sum / Double(count) : .nan)
        }
        return out[...]
    }
}
