import ModelTopCore

/// Screen 5: recent predictions, mistakes marked, and the selected input drawn as an image.
enum SamplesScreen {
    static let missing = "No samples. Samples need prediction logs with pixels: start with --logs DIR (*.jsonl records with a \"pixels\" field)"

    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        guard let samples = context.snapshot.samples?.samples, !samples.isEmpty else {
            Paragraph.draw(&painter, missing, x: body.x, y: body.y, width: min(body.width, 100), maxLines: body.height, role: .warn)
            return
        }
        let list = context.list(.samples)
        let rows = context.rows(.samples)
        let mistakes = samples.filter(\.isMistake).count
        var status = "\(samples.count) samples, \(mistakes) \(mistakes == 1 ? "mistake" : "mistakes")"
        if !list.filter.isEmpty { status += " · filter \"\(list.filter)\": \(rows.count) match" }
        painter.text(status, x: body.x, y: body.y, width: body.width, role: .muted)
        let main = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        let (tableRect, imageRect) = main.splitLeft(min(56, main.width / 2), gap: 3)
        let columns = [
            TableView.Column(title: "id", width: 0, numeric: false), TableView.Column(title: "target", width: 7, numeric: false),
            TableView.Column(title: "predicted", width: 9, numeric: false), TableView.Column(title: "conf.", width: 6, numeric: true),
            TableView.Column(title: "", width: 7, numeric: false),
        ]
        let table = TableView(
            columns: columns, rowCount: rows.count,
            row: { line in
                let s = samples[rows[line]]
                return [
                    .init(s.id), .init(s.target ?? "—"), .init(s.prediction, s.isMistake ? .bad : .normal),
                    .init(ReportNumber.fixed(s.confidence, 2), s.confidence < SnapshotConfidence.lowThreshold ? .warn : .normal),
                    .init(s.isMistake ? "WRONG" : "", .bad),
                ]
            },
            selected: rows.isEmpty ? nil : list.selected, top: list.top, sort: nil)
        table.draw(&painter, in: tableRect)
        guard list.selected < rows.count else { return }
        let sample = samples[rows[list.selected]]
        Box.heading(&painter, "\(sample.id): predicted \(sample.prediction)" + (sample.target.map { ", target \($0)" } ?? ""),
                    x: imageRect.x, y: imageRect.y, width: imageRect.width)
        DigitImage.draw(&painter, sample, in: Rect(x: imageRect.x, y: imageRect.y + 1, width: imageRect.width, height: imageRect.height - 1))
    }
}

/// A grey-level image in shade characters, two columns per pixel so it keeps its shape.
enum DigitImage {
    static func draw(_ painter: inout Painter, _ sample: SamplesSnapshot.Sample, in rect: Rect) {
        let w = sample.imageWidth, h = sample.imageHeight
        guard w > 0, h > 0, sample.pixels.count >= w * h, rect.height > 0, rect.width >= 2 else {
            painter.text("no pixels in this record", x: rect.x, y: rect.y, width: rect.width, role: .muted)
            return
        }
        let rows = min(h, rect.height), columns = min(2 * w, rect.width)
        for row in 0..<rows {
            let sy = row * h / rows
            for column in 0..<columns {
                let sx = (column / 2) * w * 2 / columns
                let level = Double(sample.pixels[sy * w + min(w - 1, sx)]) / 255
                painter.glyph(painter.glyphs.shade(level), x: rect.x + column, y: rect.y + row)
            }
        }
    }
}
