import ModelTopBase

/// A matrix of counts shaded by their share of the row (the confusion matrix).
enum HeatMap {
    static func draw(
        _ painter: inout Painter, labels: [String], counts: [[Int]], in rect: Rect, rowTitle: String = "t\\p"
    ) {
        guard !labels.isEmpty, rect.height >= 2, rect.width >= 8 else { return }
        let largest = counts.joined().max() ?? 0
        let labelWidth = min(12, max(DisplayWidth.of(rowTitle), labels.map { DisplayWidth.of($0) }.max() ?? 1))
        let cellWidth = max(3, max(String(largest).count, labels.map { min(6, DisplayWidth.of($0)) }.max() ?? 1) + 1)
        let fitColumns = max(0, (rect.width - labelWidth) / cellWidth)
        painter.text(rowTitle, x: rect.x, y: rect.y, width: labelWidth, role: .muted)
        for (p, label) in labels.prefix(fitColumns).enumerated() {
            painter.rightText(label, x: rect.x + labelWidth + p * cellWidth, y: rect.y, width: cellWidth, role: .header)
        }
        for (t, row) in counts.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + t
            painter.text(t < labels.count ? labels[t] : "", x: rect.x, y: y, width: labelWidth, role: .header)
            let total = max(1, row.reduce(0, +))
            for (p, count) in row.prefix(fitColumns).enumerated() {
                let x = rect.x + labelWidth + p * cellWidth
                let share = Double(count) / Double(total)
                let role: Role = t == p ? .good : (count == 0 ? .muted : (share >= 0.1 ? .badgeBad : .warn))
                if count == 0 {
                    painter.rightText(String(painter.glyphs.dot), x: x, y: y, width: cellWidth, role: role)
                } else {
                    painter.rightText(String(count), x: x, y: y, width: cellWidth, role: role)
                }
            }
        }
    }
}
