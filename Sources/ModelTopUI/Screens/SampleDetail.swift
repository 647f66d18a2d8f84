import ModelTopBase
import ModelTopMonitor

/// The Samples screen's open sample (Enter): the input at full size and, beside it, what the
/// model said about it, so a doubtful prediction can be judged by eye. j/k step through the
/// samples of the current list; Esc returns to it.
enum SampleDetail {
    /// The image gets at most this many columns (an 8×8 digit 7× enlarged, MNIST 2×).
    static let imageMaxColumns = 56
    /// The facts and bars beside the image need this much; the image takes what is left.
    static let panelMinWidth = 44
    static let labelWidth = 12

    static func draw(_ painter: inout Painter, in body: Rect, _ context: ScreenContext, samples: [SamplesSnapshot.Sample]) {
        let rows = context.rows(.samples)
        let selected = context.list(.samples).selected
        guard selected < rows.count else {
            Box.heading(&painter, "No sample matches the filter", x: body.x, y: body.y, width: body.width)
            painter.text("a shows every sample, Esc goes back to the list", x: body.x, y: body.y + 2, width: body.width, role: .muted)
            return
        }
        let sample = samples[rows[selected]]
        var heading = "Sample \(selected + 1) of \(rows.count), newest first"
        if let summary = SamplesScreen.filterSummary(context) { heading += " · filter: " + summary }
        Box.heading(&painter, heading, x: body.x, y: body.y, width: body.width)
        let content = Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2)
        let imageWidth = min(imageMaxColumns, content.width - 3 - panelMinWidth)
        let imageRect = Rect(x: content.x, y: content.y, width: imageWidth, height: content.height)
        let used = SampleImage.draw(&painter, sample, in: imageRect)
        if used.height + 2 <= imageRect.height, SampleImage.image(sample) != nil {
            painter.text("\(sample.imageWidth)×\(sample.imageHeight) pixels", x: content.x, y: content.y + used.height + 1, width: used.width, role: .muted)
        }
        let panelX = content.x + used.width + 3
        drawPanel(&painter, sample, in: Rect(x: panelX, y: content.y, width: content.maxX - panelX, height: content.height), now: context.state.now, lowBelow: context.lowConfidence)
    }

    /// Predicted and true class, confidence, latency, time and id, then the probability bars.
    static func drawPanel(_ painter: inout Painter, _ sample: SamplesSnapshot.Sample, in rect: Rect, now: Double?, lowBelow threshold: Double) {
        var y = rect.y
        func fact(_ label: String, _ value: String, _ role: Role = .normal, note: String? = nil, noteRole: Role = .muted) {
            guard y < rect.maxY else { return }
            painter.text(label, x: rect.x, y: y, width: labelWidth, role: .header)
            let used = painter.text(value, x: rect.x + labelWidth, y: y, width: rect.width - labelWidth, role: role)
            if let note {
                let x = rect.x + labelWidth + used + 2
                painter.text(note, x: x, y: y, width: rect.maxX - x, role: noteRole)
            }
            y += 1
        }
        let wrong = sample.isMistake
        fact("predicted", sample.prediction, wrong ? .bad : .title,
             note: sample.target == nil ? nil : (wrong ? "WRONG" : "correct"), noteRole: wrong ? .bad : .good)
        if let target = sample.target { fact("true class", target, .good) } else { fact("true class", "no feedback yet", .muted) }
        let low = sample.confidence < threshold
        fact("confidence", ReportNumber.fixed(sample.confidence, 3), low ? .warn : .normal,
             note: low ? "low (under \(ReportNumber.general(threshold)))" : nil, noteRole: .warn)
        fact("latency", sample.latencyMs.map { ReportNumber.fixed($0, 1) + " ms" } ?? "not logged", sample.latencyMs == nil ? .muted : .normal)
        let time = sample.time.map(Clock.utc) ?? "not logged"
        var age: String?
        if let now, let served = sample.time { age = Clock.age(now - served) + " ago" }
        fact("time", time, sample.time == nil ? .muted : .normal, note: age)
        fact("id", sample.id)
        y += 1
        guard y < rect.maxY else { return }
        guard !sample.probabilities.isEmpty else {
            painter.text("no class probabilities logged for this request", x: rect.x, y: y, width: rect.width, role: .muted)
            return
        }
        painter.text("class probabilities", x: rect.x, y: y, width: rect.width, role: .header)
        ProbabilityBars.draw(
            &painter, probabilities: sample.probabilities, predicted: sample.prediction, truth: sample.target,
            in: Rect(x: rect.x, y: y + 1, width: rect.width, height: rect.maxY - y - 1))
    }
}
