/// A horizontal bar for a fraction of a width, in eighths of a cell where Unicode allows.
enum HorizontalBar {
    static func draw(_ painter: inout Painter, fraction: Double, x: Int, y: Int, width: Int, role: Role = .accent) {
        guard width > 0, fraction.isFinite, fraction > 0 else { return }
        let g = painter.glyphs
        let eighths = Int((min(1, fraction) * Double(width * 8)).rounded())
        let full = eighths / 8
        for column in 0..<min(full, width) { painter.glyph(g.barFull, x: x + column, y: y, role: role) }
        let rest = eighths % 8
        if full < width, rest > 0 {
            if g.barEighths.isEmpty {
                if rest >= 4 { painter.glyph(g.barFull, x: x + full, y: y, role: role) }
            } else {
                painter.glyph(g.barEighths[rest - 1], x: x + full, y: y, role: role)
            }
        }
    }
}
