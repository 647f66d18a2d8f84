import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// The whole-embedding tests as a table and a few lines, shared by the text and Markdown reports.
package enum EmbeddingTables {
    /// One row per test: what it measured, its line, its verdict; the gate's test marked.
    package static func table(_ drift: EmbeddingDrift, gate: EmbeddingTest, dimensionNames: [String]) -> ReportTable {
        func verdict(_ drifted: Bool?) -> ReportTable.Cell {
            switch drifted {
            case true?: return .init("DRIFT", tone: .bad)
            case false?: return .init("ok", tone: .good)
            case nil: return .init("—")
            }
        }
        var rows: [[ReportTable.Cell]] = []
        for test in [EmbeddingTest.classifier, .mmd, .reconstruction, .uncertainty] {
            let name = test.title + (test == gate ? " (gate)" : "")
            rows.append([.init(name), verdict(drift.drifted(by: test)), .init(EmbeddingVerdictText.line(drift, test: test))])
        }
        return ReportTable(header: [SafeText.safe("test"), SafeText.safe("verdict"), SafeText.safe("measured")],
                           numeric: [false, false, false], rows: rows)
    }

    /// What the classifier leaned on and which production rows gave production away, and why a
    /// reconstruction error judges nothing: lines under the table.
    package static func details(_ drift: EmbeddingDrift, dimensionNames: [String]) -> [String] {
        var lines: [String] = []
        if let c = drift.classifier {
            let sample = "\(ReportNumber.grouped(c.referenceRows)) reference and \(ReportNumber.grouped(c.productionRows)) production rows, \(c.neighbours) nearest neighbours, left out one at a time"
            lines.append("domain classifier: \(sample)")
            if !c.dimensions.isEmpty {
                let leans = c.dimensions.map { "\(name($0.index, dimensionNames)) (AUC −\(ReportNumber.fixed($0.aucDrop, 3)) without it)" }
                lines.append("  leans on: " + leans.joined(separator: ", "))
            }
            if c.drifted, !c.giveaways.isEmpty {
                let rows = c.giveaways.map { "row \(ReportNumber.grouped($0.row + 1)) (\(ReportNumber.fixed($0.score * 100, 0))% production neighbours)" }
                lines.append("  least like the reference: " + rows.joined(separator: ", "))
            }
        }
        if let m = drift.mmd {
            lines.append("MMD²: \(ReportNumber.grouped(m.referenceRows)) reference and \(ReportNumber.grouped(m.productionRows)) production rows, σ² \(ReportNumber.general(m.bandwidthSquared)) (median heuristic), \(m.permutations) permutations, null spread ±\(ReportNumber.general(m.nullStandardDeviation))")
        }
        if let r = drift.reconstruction {
            lines.append("reconstruction error: \(r.components) of \(r.dimensions) components keep 65% of the standardised variance; chunks of \(ReportNumber.grouped(r.chunkSize)) rows (a tenth of the reference)")
            if let reason = r.undeterminedReason { lines.append("  undetermined: " + reason) }
        }
        return lines
    }

    static func name(_ index: Int, _ names: [String]) -> String { EmbeddingVerdictText.name(index, names) }
}
