import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// The report for people: aligned tables, coloured when the output is a colour terminal.
package enum ReportText {
    package struct Style: Sendable {
        package var color: Bool
        package init(color: Bool) { self.color = color }
    }

    package static func render(_ report: Report, gates: HealthGates, style: Style) -> String {
        var out = ""
        let paint = ReportPainter(enabled: style.color)
        out += paint.bold("modeltop report") + "  \(SafeText.inline(report.referenceFile)) (\(report.referenceRows) rows) vs \(SafeText.inline(report.productionFile)) (\(report.productionRowsText))\n\n"

        let drift = report.drift
        let comparison = drift.options.test == .ks ? "<" : "≥"
        let pKind = drift.options.test == .ks ? (drift.options.adjustKS ? " (BH-adjusted p)" : " (raw p)") : ""
        out += paint.bold("DATA DRIFT") + "  \(drift.options.test.rawValue)\(pKind) \(comparison) \(ReportNumber.general(drift.options.threshold))"
        if drift.options.test == .psi { out += ", \(drift.options.psiBinning.rawValue) bins" }
        out += " · \(drift.drifted) of \(drift.dimensions.count) dimensions drifted (\(ReportNumber.fixed(drift.share * 100, 0))%) · "
        out += drift.datasetDrift ? paint.tone("DATASET DRIFT", .bad) : paint.tone("no dataset drift", .good)
        out += "\n" + table(ReportTables.drift(drift), paint: paint) + "\n"
        if let embedding = report.embedding {
            let gate = drift.options.embeddingTest
            out += paint.bold("EMBEDDING DRIFT") + "  the dimensions together · gate: \(gate.title)"
            if let verdict = embedding.drifted(by: gate) {
                out += " · " + (verdict ? paint.tone("DRIFT", .bad) : paint.tone("no drift", .good))
            }
            let names = drift.dimensions.map(\.name)
            out += "\n" + lines(EmbeddingTables.table(embedding, gate: gate, dimensionNames: names), paint: paint)
            for line in EmbeddingTables.details(embedding, dimensionNames: names) { out += "  " + paint.dim(line) + "\n" }
            out += "\n"
        }

        if let quality = report.quality {
            out += paint.bold("QUALITY") + "  \(quality.rows) rows with feedback · accuracy \(ReportNumber.fixed(quality.accuracy, 4)) · balanced accuracy \(ReportNumber.fixed(quality.balancedAccuracy, 4)) · macro F1 \(ReportNumber.fixed(quality.macro.f1, 4))\n"
            out += table(ReportTables.classes(quality), paint: paint) + "\n"
            out += paint.bold("CONFUSION MATRIX") + "  rows: target, columns: prediction\(ReportTables.confusionScope(quality))\n"
            out += table(ReportTables.confusion(quality), paint: paint) + "\n"
        }

        if let operations = report.operations {
            let lines = operations.textSection()
            out += paint.bold(lines.first ?? "OPERATIONS") + "  from \(report.operationsSource.map { SafeText.inline($0) } ?? "prediction logs")\n"
            out += lines.dropFirst().joined(separator: "\n") + "\n\n"
        }
        let problems = report.firstProblems
        if report.rejectedInputs > 0 {
            out += paint.bold("REJECTED ROWS AND LINES") + "  \(report.rejectedInputs)\n"
            for problem in problems { out += "  " + Diagnostics.message(for: problem) + "\n" }
            if problems.count < report.rejectedInputs { out += "  … and \(report.rejectedInputs - problems.count) more\n" }
            out += "\n"
        }
        if let alerts = report.alerts, !alerts.isEmpty {
            out += paint.bold("ALERT RULES THAT HOLD") + "  \(alerts.count)\n"
            for alert in alerts { out += "  " + SafeText.inline(alert.summary, maxScalars: 400) + "\n" }
            out += "\n"
        }
        if !report.notes.isEmpty {
            out += paint.bold("NOTES") + "\n"
            for note in report.notes { out += "  " + SafeText.inline(note, maxScalars: 400) + "\n" }
            out += "\n"
        }
        let failures = gates.failures(of: report)
        if failures.isEmpty {
            out += paint.bold("VERDICT") + "  " + paint.tone("healthy", .good) + "\n"
        } else {
            out += paint.bold("VERDICT") + "  " + paint.tone("unhealthy", .bad) + "\n"
            for failure in failures { out += "  - \(failure)\n" }
        }
        return out
    }

    /// A table whose last column is long prose: the other columns aligned, the last one whole.
    static func lines(_ table: ReportTable, paint: ReportPainter) -> String {
        let last = table.header.count - 1
        var widths = [Int](repeating: 0, count: last)
        for row in table.rows { for k in 0..<last { widths[k] = max(widths[k], DisplayWidth.of(row[k].text)) } }
        return table.rows.map { row in
            "  " + (0..<last).map { paint.tone(DisplayWidth.padded(row[$0].text, to: widths[$0], right: false), row[$0].tone) }
                .joined(separator: "  ") + "  " + paint.tone(row[last].text, row[last].tone)
        }.joined(separator: "\n") + "\n"
    }

    static func table(_ table: ReportTable, paint: ReportPainter) -> String {
        var widths = table.header.map { DisplayWidth.of($0.text) }
        for row in table.rows {
            for (k, cell) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], DisplayWidth.of(cell.text)) }
        }
        widths = widths.map { min($0, 40) }
        var out = "  " + table.header.enumerated().map { k, title in
            paint.dim(DisplayWidth.padded(title.text, to: widths[k], right: table.numeric[k]))
        }.joined(separator: "  ") + "\n"
        for row in table.rows {
            out += "  " + row.enumerated().map { k, cell in
                paint.tone(DisplayWidth.padded(cell.text, to: widths[k], right: table.numeric[k]), cell.tone)
            }.joined(separator: "  ") + "\n"
        }
        return out
    }
}

/// ANSI styling for the text report, or nothing when colour is off.
struct ReportPainter {
    var enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }

    func tone(_ text: String, _ tone: ReportTable.Tone) -> String {
        switch tone {
        case .plain: return text
        case .good: return wrap(text, "32")
        case .bad: return wrap(text, "1;31")
        case .emphasis: return wrap(text, "1")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? ANSIStyle.wrap(text, code) : text
    }
}
