
/// A scrolling table with a header, a selected row, a sort indicator and a scroll bar.
struct TableView {
    struct Column {
        var title: String
        /// Columns; 0 means "share what is left" (the first such column gets it).
        var width: Int
        var numeric: Bool
    }

    struct Cell {
        var text: String
        var role: Role
        init(_ text: String, _ role: Role = .normal) {
            self.text = text
            self.role = role
        }
    }

    var columns: [Column]
    var rowCount: Int
    /// Cells of one row, asked only for rows on screen.
    var row: (Int) -> [Cell]
    var selected: Int?
    var top: Int
    var sort: (column: Int, descending: Bool)?

    /// The first row shown: `top` moved just enough to keep the selection visible.
    static func firstRow(top: Int, selected: Int?, count: Int, visible: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        var first = max(0, min(top, count - visible))
        if let selected {
            if selected < first { first = selected }
            if selected >= first + visible { first = selected - visible + 1 }
        }
        return max(0, min(first, count - visible))
    }

    func draw(_ painter: inout Painter, in rect: Rect) {
        guard rect.height >= 1, rect.width >= 4 else { return }
        let visible = rect.height - 1
        let scrolls = rowCount > visible
        let inner = rect.width - (scrolls ? 1 : 0)
        let widths = layout(inner)
        var x = rect.x
        for (k, column) in columns.enumerated() where widths[k] > 0 {
            var title = column.title
            if let sort, sort.column == k { title += String(sort.descending ? painter.glyphs.down : painter.glyphs.up) }
            if column.numeric {
                painter.rightText(title, x: x, y: rect.y, width: widths[k], role: .header)
            } else {
                painter.text(title, x: x, y: rect.y, width: widths[k], role: .header)
            }
            x += widths[k] + 1
        }
        let first = Self.firstRow(top: top, selected: selected, count: rowCount, visible: visible)
        for line in 0..<min(visible, max(0, rowCount - first)) {
            let index = first + line
            let y = rect.y + 1 + line
            let cells = row(index)
            var cx = rect.x
            for (k, column) in columns.enumerated() where widths[k] > 0 {
                if k < cells.count {
                    if column.numeric {
                        painter.rightText(cells[k].text, x: cx, y: y, width: widths[k], role: cells[k].role)
                    } else {
                        painter.text(cells[k].text, x: cx, y: y, width: widths[k], role: cells[k].role)
                    }
                }
                cx += widths[k] + 1
            }
            if index == selected { painter.highlight(Rect(x: rect.x, y: y, width: inner, height: 1), role: .selected) }
        }
        if scrolls { drawScrollBar(&painter, x: rect.maxX - 1, y: rect.y + 1, height: visible, first: first) }
    }

    /// Column widths for `width`: fixed columns as asked, the flexible one takes the rest;
    /// columns that do not fit are dropped from the right.
    func layout(_ width: Int) -> [Int] {
        let fixed = columns.reduce(0) { $0 + $1.width } + max(0, columns.count - 1)
        let flexible = columns.firstIndex { $0.width == 0 }
        var widths = columns.map(\.width)
        if let flexible { widths[flexible] = max(4, width - fixed) }
        var used = 0
        for k in widths.indices {
            if used + widths[k] > width { widths[k] = max(0, width - used) }
            if widths[k] < 3 { widths[k] = 0 }
            used += widths[k] + (widths[k] > 0 ? 1 : 0)
        }
        return widths
    }

    private func drawScrollBar(_ painter: inout Painter, x: Int, y: Int, height: Int, first: Int) {
        guard height > 0, rowCount > 0 else { return }
        let thumb = max(1, height * height / rowCount)
        let start = min(height - thumb, (first * height + rowCount / 2) / rowCount)
        for line in 0..<height {
            let inThumb = line >= start && line < start + thumb
            painter.glyph(inThumb ? painter.glyphs.barFull : painter.glyphs.vertical, x: x, y: y + line, role: .border)
        }
    }
}
