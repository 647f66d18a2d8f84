import ModelTopBase

/// The class probabilities as a horizontal bar chart, one row per class (class k is column k
/// of the logged probabilities), the predicted class highlighted and marked, the true class
/// marked, so a wrong prediction reads as two marked rows with or without colour.
enum ProbabilityBars {
    /// Columns of a bar for probability 1, at most: longer bars add nothing to the reading.
    static let maxBarWidth = 40

    /// Draws the chart in `rect` and returns the rows used. When the classes do not all fit,
    /// the most probable ones are drawn, still in class order, and the last row says how many
    /// are left out.
    @discardableResult
    static func draw(
        _ painter: inout Painter, probabilities: [Double], predicted: String, truth: String?, in rect: Rect
    ) -> Int {
        guard !rect.isEmpty, !probabilities.isEmpty else { return 0 }
        let shown = classesShown(probabilities, rows: rect.height)
        let nameWidth = String(probabilities.count - 1).count
        let arrow = painter.ascii ? "<" : "◀"
        let marks = probabilities.indices.map { mark(String($0), predicted: predicted, truth: truth) }
        let markWidth = marks.map { $0.isEmpty ? 0 : DisplayWidth.of($0) + 4 }.max() ?? 0
        let barWidth = max(4, min(maxBarWidth, rect.width - nameWidth - 2 - 5 - markWidth))
        for (row, k) in shown.enumerated() {
            let y = rect.y + row
            let isPredicted = String(k) == predicted
            let name = String(k)
            var x = rect.x + nameWidth - name.count
            painter.text(name, x: x, y: y, role: isPredicted ? .title : .normal)
            x = rect.x + nameWidth + 1
            HorizontalBar.draw(&painter, fraction: probabilities[k], x: x, y: y, width: barWidth, role: isPredicted ? .accent : .muted)
            x += barWidth + 1
            painter.text(ReportNumber.fixed(probabilities[k], 3), x: x, y: y, width: 5, role: isPredicted ? .title : .muted)
            x += 7
            if !marks[k].isEmpty {
                let wrong = isPredicted && truth != nil && truth != predicted
                painter.text("\(arrow) \(marks[k])", x: x, y: y, width: rect.maxX - x, role: wrong ? .bad : (isPredicted ? .title : .good))
            }
        }
        let hidden = probabilities.count - shown.count
        if hidden > 0 {
            painter.text("… \(hidden) more \(hidden == 1 ? "class" : "classes") (enlarge the terminal)",
                         x: rect.x, y: rect.y + shown.count, width: rect.width, role: .muted)
        }
        return shown.count + (hidden > 0 ? 1 : 0)
    }

    /// Every class when they fit in `rows`, else the most probable `rows - 1`, in class order.
    static func classesShown(_ probabilities: [Double], rows: Int) -> [Int] {
        guard probabilities.count > rows else { return Array(probabilities.indices) }
        let room = max(0, rows - 1)
        let ranked = probabilities.indices.sorted { a, b in
            let pa = probabilities[a].isNaN ? -1 : probabilities[a], pb = probabilities[b].isNaN ? -1 : probabilities[b]
            return pa != pb ? pa > pb : a < b
        }
        return ranked.prefix(room).sorted()
    }

    /// "predicted", "true", "predicted, true" or "" for the class named `name`.
    static func mark(_ name: String, predicted: String, truth: String?) -> String {
        var marks: [String] = []
        if name == predicted { marks.append("predicted") }
        if name == truth { marks.append("true") }
        return marks.joined(separator: ", ")
    }
}
