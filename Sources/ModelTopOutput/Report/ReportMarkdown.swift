import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// The report as Markdown, to paste into a ticket or a pull request.
package enum ReportMarkdown {
    package static func render(_ report: Report, gates: HealthGates) -> String {
        let drift = report.drift
        var out = "# modeltop report\n\n"
        out += "Reference `\(code(report.referenceFile))` (\(report.referenceRows) rows) vs production `\(code(report.productionFile))` (\(report.productionRowsText)).\n\n"
        let failures = gates.failures(of: report)
        out += failures.isEmpty ? "**Verdict: healthy.**\n\n" : "**Verdict: unhealthy.**\n\n" + failures.map { "- \(escape($0))\n" }.joined() + "\n"
        out += "## Data drift\n\n"
        out += "Test `\(drift.options.test.rawValue)`, threshold \(ReportNumber.general(drift.options.threshold)): **\(drift.drifted) of \(drift.dimensions.count)** dimensions drifted"
        out += drift.datasetDrift ? " — **dataset drift**.\n\n" : ".\n\n"
        out += table(ReportTables.drift(drift)) + "\n"
        if let embedding = report.embedding {
            let gate = drift.options.embeddingTest, names = drift.dimensions.map(\.name)
            out += "## Embedding drift (the dimensions together)\n\n"
            if let verdict = embedding.drifted(by: gate) {
                out += "Gate: \(gate.title) — " + (verdict ? "**drift**.\n\n" : "no drift.\n\n")
            }
            out += table(EmbeddingTables.table(embedding, gate: gate, dimensionNames: names)) + "\n"
            out += EmbeddingTables.details(embedding, dimensionNames: names).map { "- \(escape($0.trimmingPrefixSpaces))\n" }.joined() + "\n"
        }
        if let quality = report.quality {
            out += "## Quality\n\n"
            out += "\(quality.rows) rows with feedback. Accuracy **\(ReportNumber.fixed(quality.accuracy, 4))**, balanced accuracy **\(ReportNumber.fixed(quality.balancedAccuracy, 4))**, macro F1 **\(ReportNumber.fixed(quality.macro.f1, 4))**.\n\n"
            out += table(ReportTables.classes(quality)) + "\n"
            out += "### Confusion matrix (rows: target, columns: prediction\(ReportTables.confusionScope(quality)))\n\n"
            out += table(ReportTables.confusion(quality)) + "\n"
        }
        if let operations = report.operations {
            out += "## Operations\n\n```\n" + operations.textSection().dropFirst().joined(separator: "\n") + "\n```\n\n"
        }
        if report.rejectedInputs > 0 {
            out += "## Rejected rows and lines: \(report.rejectedInputs)\n\n"
            for problem in report.firstProblems {
                out += "- `\(code(Diagnostics.message(for: problem)))`\n"
            }
            out += "\n"
        }
        if let alerts = report.alerts, !alerts.isEmpty {
            out += "## Alert rules that hold\n\n" + alerts.map { "- \(escape($0.summary))\n" }.joined() + "\n"
        }
        if !report.notes.isEmpty {
            out += "## Notes\n\n" + report.notes.map { "- \(escape($0))\n" }.joined() + "\n"
        }
        return out
    }

    static func table(_ table: ReportTable) -> String {
        var out = "| " + table.header.map { escape($0.text) }.joined(separator: " | ") + " |\n"
        out += "|" + table.numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map { cell in
                let text = escape(cell.text)
                return cell.tone == .bad || cell.tone == .emphasis ? "**\(text)**" : text
            }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in SafeText.inline(text) {
            if "|*_`[]<>\\#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    static func code(_ text: String) -> String { SafeText.inline(text).replacingBackticks() }
}

extension String {
    func replacingBackticks() -> String { String(map { $0 == "`" ? "'" : $0 }) }
}

private extension String {
    var trimmingPrefixSpaces: String { String(drop(while: { $0 == " " })) }
}
