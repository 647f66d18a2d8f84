import ModelTopBase
import ModelTopMonitor

/// Screen 5: recent predictions newest first, mistakes marked, the selected input drawn beside
/// the list; Enter opens it in full (`SampleDetail`). 'l', 'm', 'c' and '/' narrow the list.
enum SamplesScreen {
    static let missing = "No samples. Samples need prediction logs with pixels: start with --logs DIR (*.jsonl records with a \"pixels\" field)"

    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        let body = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        guard let samples = context.snapshot.samples?.samples, !samples.isEmpty else {
            Paragraph.draw(&painter, missing, x: body.x, y: body.y, width: min(body.width, 100), maxLines: body.height, role: .warn)
            return
        }
        if context.state.sampleOpen {
            SampleDetail.draw(&painter, in: body, context, samples: samples)
            return
        }
        let list = context.list(.samples)
        let rows = context.rows(.samples)
        let mistakes = samples.filter(\.isMistake).count
        let counts = "\(samples.count) samples, \(mistakes) \(mistakes == 1 ? "mistake" : "mistakes"), newest first"
        // The filter leads: on a narrow terminal the line is cut from the end.
        let status = filterSummary(context).map { "filter: \($0) · \(rows.count) shown of " + counts } ?? counts
        painter.text(status, x: body.x, y: body.y, width: body.width, role: context.state.samplesFilter.isActive ? .accent : .muted)
        let main = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        // The preview needs about 30 columns (an 8×8 digit takes 16, MNIST 28); ids get the rest.
        let (tableRect, imageRect) = main.splitLeft(min(56, max(main.width / 2, main.width - 33)), gap: 3)
        let columns = [
            TableView.Column(title: "id", width: 0, numeric: false), TableView.Column(title: "target", width: 7, numeric: false),
            TableView.Column(title: "predicted", width: 9, numeric: false), TableView.Column(title: "conf.", width: 6, numeric: true),
            TableView.Column(title: "", width: 7, numeric: false),
        ]
        let low = context.lowConfidence
        let table = TableView(
            columns: columns, rowCount: rows.count,
            row: { line in
                let s = samples[rows[line]]
                return [
                    .init(s.id), .init(s.target ?? "—"), .init(s.prediction, s.isMistake ? .bad : .normal),
                    .init(ReportNumber.fixed(s.confidence, 2), s.confidence < low ? .warn : .normal),
                    .init(s.isMistake ? "WRONG" : "", .bad),
                ]
            },
            selected: rows.isEmpty ? nil : list.selected, top: list.top, sort: nil)
        table.draw(&painter, in: tableRect)
        guard list.selected < rows.count else {
            painter.text("No sample matches the filter; a shows all", x: imageRect.x, y: imageRect.y, width: imageRect.width, role: .muted)
            return
        }
        let sample = samples[rows[list.selected]]
        Box.heading(&painter, "\(sample.id): predicted \(sample.prediction)" + (sample.target.map { ", target \($0)" } ?? ""),
                    x: imageRect.x, y: imageRect.y, width: imageRect.width)
        let image = Rect(x: imageRect.x, y: imageRect.y + 1, width: imageRect.width, height: imageRect.height - 3)
        let used = SampleImage.draw(&painter, sample, in: image, natural: true)
        painter.text("Enter: open in full", x: image.x, y: image.y + used.height + 1, width: image.width, role: .muted)
    }

    /// The sample filter and the `/` text in words, or nil when the whole list shows.
    static func filterSummary(_ context: ScreenContext) -> String? {
        var parts: [String] = []
        if let summary = context.state.samplesFilter.summary(lowBelow: context.lowConfidence) { parts.append(summary) }
        let text = context.list(.samples).filter
        if !text.isEmpty { parts.append("\"\(text)\"") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
