import ModelTopBase
import ModelTopStatistics

/// The report's tables as rows of cells, shared by the text and Markdown renderers.
package struct ReportTable: Sendable, Equatable {
    package enum Tone: Sendable, Equatable { case plain, good, bad, emphasis }

    /// A cell holds `SafeString`: text from the data is sanitised on its way in, by type.
    package struct Cell: Sendable, Equatable {
        package var safe: SafeString
        package var tone: Tone
        package var text: String { safe.text }
        package init(_ text: String, tone: Tone = .plain) {
            self.init(safe: SafeText.safe(text), tone: tone)
        }
        package init(safe: SafeString, tone: Tone = .plain) {
            self.safe = safe
            self.tone = tone
        }
    }

    /// Column titles: literals, or labels from the data made safe.
    package var header: [SafeString]
    /// Which columns are right-aligned (numbers).
    package var numeric: [Bool]
    package var rows: [[Cell]]
}

package enum ReportTables {
    package static func drift(_ drift: DriftReport) -> ReportTable {
        var rows: [[ReportTable.Cell]] = []
        for d in drift.dimensions {
            rows.append([
                .init(d.name),
                .init(ReportNumber.fixed(d.psi, 4), tone: drift.options.test == .psi && d.drifted ? .bad : .plain),
                .init(ReportNumber.fixed(d.ksStatistic, 4)),
                .init(ReportNumber.pValue(d.ksPValue)),
                .init(ReportNumber.pValue(d.ksPValueAdjusted), tone: drift.options.test == .ks && d.drifted ? .bad : .plain),
                .init(ReportNumber.fixed(d.wassersteinNorm, 4), tone: drift.options.test == .wasserstein && d.drifted ? .bad : .plain),
                .init(verdict(d), tone: d.drifted ? .bad : (d.psi.isNaN ? .plain : .good)),
            ])
        }
        return ReportTable(
            header: ["dimension", "PSI", "KS D", "KS p", "KS p (BH)", "Wasserstein", "verdict"],
            numeric: [false, true, true, true, true, true, false], rows: rows)
    }

    /// The most classes the per-class table lists (the JSON lists every one).
    package static let classLimit = 50

    /// The per-class table: every class up to `classLimit`, else those with the most support
    /// (in label order) and a line that counts the rest.
    package static func classes(_ quality: QualityReport) -> ReportTable {
        var listed = quality.classes
        if listed.count > classLimit {
            let top = Set(quality.classes.indices.sorted { quality.classes[$0].support > quality.classes[$1].support }.prefix(classLimit))
            listed = quality.classes.indices.filter(top.contains).map { quality.classes[$0] }
        }
        var rows = listed.map { c -> [ReportTable.Cell] in
            [.init(c.label), .init(ReportNumber.fixed(c.precision, 4)), .init(ReportNumber.fixed(c.recall, 4)),
             .init(ReportNumber.fixed(c.f1, 4), tone: c.f1 < 0.5 ? .bad : .plain), .init("\(c.support)")]
        }
        if listed.count < quality.classes.count {
            let rest = quality.classes.count - listed.count
            rows.append([.init(safe: SafeText.safe("… \(ReportNumber.grouped(rest)) more (see --format json)"), tone: .emphasis)]
                + [ReportTable.Cell](repeating: .init(safe: ""), count: 4))
        }
        let supportTotal = quality.classes.reduce(0) { $0 + $1.support }
        for (name, averages) in [("macro avg", quality.macro), ("weighted avg", quality.weighted)] {
            rows.append([
                .init(name, tone: .emphasis), .init(ReportNumber.fixed(averages.precision, 4)),
                .init(ReportNumber.fixed(averages.recall, 4)), .init(ReportNumber.fixed(averages.f1, 4)),
                .init("\(supportTotal)"),
            ])
        }
        return ReportTable(
            header: ["class", "precision", "recall", "F1", "support"],
            numeric: [false, true, true, true, true], rows: rows)
    }

    package static func confusion(_ quality: QualityReport) -> ReportTable {
        let rows = quality.confusion.enumerated().map { t, row -> [ReportTable.Cell] in
            [.init(quality.confusionLabels[t], tone: .emphasis)]
                + row.enumerated().map { p, count in .init("\(count)", tone: t == p ? .good : (count > 0 ? .bad : .plain)) }
        }
        return ReportTable(
            header: ["target \\ pred"] + quality.confusionLabels.map { SafeText.safe($0) },
            numeric: [false] + quality.confusionLabels.map { _ in true }, rows: rows)
    }

    /// "; the 50 classes with most support of 10,000 (3,200 rows involve the others)", or nothing.
    package static func confusionScope(_ quality: QualityReport) -> String {
        guard quality.omittedClasses > 0 else { return "" }
        return "; the \(quality.confusionLabels.count) classes with most support of \(ReportNumber.grouped(quality.classes.count)) (\(ReportNumber.grouped(quality.omittedRows)) rows involve the others)"
    }

    static func verdict(_ d: DimensionDrift) -> String {
        if d.psi.isNaN && d.ksStatistic.isNaN { return "no data" }
        return d.drifted ? "DRIFT" : "ok"
    }
}
