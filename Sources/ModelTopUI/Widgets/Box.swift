/// A bordered panel with an optional title in its top edge.
enum Box {
    /// Draws the border of `rect` and returns the inside.
    @discardableResult
    static func draw(_ painter: inout Painter, _ rect: Rect, title: String? = nil, role: Role = .border) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = painter.glyphs
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            painter.glyph(g.horizontal, x: x, y: rect.y, role: role)
            painter.glyph(g.horizontal, x: x, y: rect.maxY - 1, role: role)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            painter.glyph(g.vertical, x: rect.x, y: y, role: role)
            painter.glyph(g.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        painter.glyph(g.corners.topLeft, x: rect.x, y: rect.y, role: role)
        painter.glyph(g.corners.topRight, x: rect.maxX - 1, y: rect.y, role: role)
        painter.glyph(g.corners.bottomLeft, x: rect.x, y: rect.maxY - 1, role: role)
        painter.glyph(g.corners.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, role: role)
        if let title, rect.width > 4 {
            painter.text(" \(title) ", x: rect.x + 1, y: rect.y, width: rect.width - 2, role: .title)
        }
        return rect.inset
    }

    /// A section heading: bold text followed by a rule to the right edge.
    static func heading(_ painter: inout Painter, _ title: String, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        let used = painter.text(title, x: x, y: y, width: width, role: .title)
        if used + 1 < width {
            for column in (x + used + 1)..<(x + width) { painter.glyph(painter.glyphs.horizontal, x: column, y: y, role: .border) }
        }
    }

    /// A centred rectangle of at most `width`×`height` inside `rect`.
    static func centred(width: Int, height: Int, in rect: Rect) -> Rect {
        let w = min(width, rect.width), h = min(height, rect.height)
        return Rect(x: rect.x + (rect.width - w) / 2, y: rect.y + (rect.height - h) / 2, width: w, height: h)
    }
}
