import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// The Drift screen's bottom panel: the whole-embedding tests, one line each with their figure,
/// threshold and verdict, and the reconstruction error per window (the embedding over time).
enum EmbeddingPanel {
    /// Rows the panel takes: a heading, four tests, the trend.
    static let height = 6

    static func draw(_ painter: inout Painter, in rect: Rect, _ context: ScreenContext) {
        guard rect.height >= 2 else { return }
        let report = context.report
        let gate = report.drift.options.embeddingTest
        guard let embedding = report.embedding else {
            let why = report.productionRows == 0 ? "no production rows" : "the tests run in the background, at most every \(Int(EmbeddingJudgement.refreshSeconds)) s"
            Box.heading(&painter, "Whole embedding: not judged yet (\(why))", x: rect.x, y: rect.y, width: rect.width)
            return
        }
        var heading = "Whole embedding · gate: \(gate.title)"
        if embedding.productionRows < report.productionRows {
            heading += " · judged on \(ReportNumber.grouped(embedding.productionRows)) of \(ReportNumber.grouped(report.productionRows)) rows (again every \(Int(EmbeddingJudgement.refreshSeconds)) s while rows arrive)"
        }
        Box.heading(&painter, heading, x: rect.x, y: rect.y, width: rect.width)
        var y = rect.y + 1
        let nameWidth = 22
        for test in [EmbeddingTest.classifier, .mmd, .reconstruction, .uncertainty] where y < rect.maxY {
            let verdict = embedding.drifted(by: test)
            var x = rect.x
            painter.text(test.title + (test == gate ? " *" : ""), x: x, y: y, width: nameWidth, role: test == gate ? .header : .normal)
            x += nameWidth
            _ = Badge.draw(&painter, verdict.map { $0 ? "DRIFT" : "OK" } ?? "—", kind: verdict == true ? .bad : (verdict == false ? .good : .warn), x: x, y: y)
            x += 8
            painter.text(EmbeddingVerdictText.line(embedding, test: test), x: x, y: y, width: rect.maxX - x, role: verdict == nil ? .muted : .normal)
            y += 1
        }
        guard y < rect.maxY else { return }
        trend(&painter, x: rect.x, y: y, width: rect.width, embedding: embedding, timeline: context.snapshot.timeline,
              dimensionNames: report.drift.dimensions.map(\.name))
    }

    /// Reconstruction error per time window against its thresholds, or what the classifier
    /// leans on when there is no trend to draw.
    static func trend(
        _ painter: inout Painter, x: Int, y: Int, width: Int, embedding: EmbeddingDrift, timeline: DriftTimeline?, dimensionNames: [String]
    ) {
        if let reconstruction = embedding.reconstruction, reconstruction.determined, let timeline, !timeline.reconstruction.isEmpty {
            let values = timeline.reconstruction.map(\.mean)
            let label = "reconstruction error per \(timeline.windowName) window"
            painter.text(label, x: x, y: y, width: width, role: .muted)
            let sparkX = x + DisplayWidth.of(label) + 1
            let outside = values.contains { $0.isFinite && !reconstruction.thresholds.contains($0) }
            let band = "band \(reconstruction.thresholds.lower.map { ReportNumber.fixed($0, 2) } ?? "0")–\(ReportNumber.fixed(reconstruction.thresholds.upper, 2)) · last \(OverviewTrends.last(values, 3))"
            Sparkline.draw(&painter, values, x: sparkX, y: y, width: max(0, x + width - sparkX - DisplayWidth.of(band) - 1),
                           role: outside ? .bad : .accent)
            painter.rightText(band, x: x, y: y, width: width)
        } else if let classifier = embedding.classifier, !classifier.dimensions.isEmpty {
            let names = classifier.dimensions.map { "\(EmbeddingVerdictText.name($0.index, dimensionNames)) (−\(ReportNumber.fixed($0.aucDrop, 3)))" }
            painter.text("the classifier leans on " + names.joined(separator: ", "), x: x, y: y, width: width, role: .muted)
        } else if let reason = embedding.reconstruction?.undeterminedReason {
            painter.text("reconstruction: " + reason, x: x, y: y, width: width, role: .muted)
        }
    }
}
