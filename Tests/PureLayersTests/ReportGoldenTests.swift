import Foundation
import Testing
@testable import ModelTopStatistics
@testable import ModelTopMonitor
@testable import ModelTopOutput
import ModelTopIO

/// The whole report on the bundled digits fixtures, read through the real file reader and
/// rendered as JSON, against goldens from scipy, scikit-learn and Evidently.
@Suite struct ReportGoldenTests {
    static func compute(_ production: String, binning: PSIBinning) throws -> Report {
        let reference = ReferenceProfile(table: try DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv")))
        // The streamed read `modeltop report` uses (StreamedReportTests holds it to the in-memory one).
        let read = try StreamedProduction.read(reference: reference, path: Goldens.fixture(production), window: .all, binning: binning)
        return read.monitor.report(options: DriftOptions(psiBinning: binning), details: read.details)
    }

    /// Each report is computed once (exact KS p-values are slow in a debug build) and shared.
    static let drifted = Result { try compute("digits/prod_data.csv", binning: .quantile) }
    static let clean = Result { try compute("digits/prod_clean.csv", binning: .quantile) }
    static let driftedEvidently = Result { try compute("digits/prod_data.csv", binning: .evidently) }

    /// The report for `production`, re-judged under `options` (verdicts need no recomputation).
    static func report(_ production: String, options: DriftOptions = DriftOptions()) throws -> Report {
        var report: Report
        switch (production, options.psiBinning) {
        case ("digits/prod_data.csv", .quantile): report = try drifted.get()
        case ("digits/prod_clean.csv", .quantile): report = try clean.get()
        case ("digits/prod_data.csv", .evidently): report = try driftedEvidently.get()
        default: report = try compute(production, binning: options.psiBinning)
        }
        report.drift = DriftReport.judged(report.drift.dimensions, options: options)
        return report
    }

    /// Our JSON output, parsed back: what a script would see.
    static func json(_ report: Report) throws -> [String: Any] {
        let text = ReportJSON.render(report, gates: HealthGates())
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test(arguments: [("digits/prod_data.csv", "goldens/digits_report.json"), ("digits/prod_clean.csv", "goldens/digits_clean_report.json")])
    func jsonEqualsTheGoldens(production: String, goldenPath: String) throws {
        let golden = try Goldens.json(goldenPath)
        let report = try Self.report(production)
        let ours = try Self.json(report)

        #expect((ours["rows"] as? [String: Int]) == (golden["rows"] as? [String: Int]))
        let drift = ours["drift"] as? [String: Any] ?? [:], goldenDrift = golden["drift"] as? [String: Any] ?? [:]
        for key in ["test", "dataset_drift", "drifted"] {
            #expect("\(drift[key] ?? "missing")" == "\(goldenDrift[key] ?? "absent")", "drift.\(key)")
        }
        expectClose(Goldens.double(drift["share"]) ?? .nan, Goldens.double(goldenDrift["share"]) ?? .nan, relative: 1e-12, "drift share")
        let dimensions = drift["dimensions"] as? [[String: Any]] ?? []
        let goldenDimensions = goldenDrift["dimensions"] as? [[String: Any]] ?? []
        #expect(dimensions.count == goldenDimensions.count)
        for (mine, theirs) in zip(dimensions, goldenDimensions) {
            let name = theirs["name"] as? String ?? "?"
            #expect(mine["name"] as? String == name)
            #expect(mine["drifted"] as? Bool == theirs["drifted"] as? Bool, "\(name) verdict")
            for (key, tolerance) in [("psi", 1e-9), ("ks_statistic", 1e-9), ("wasserstein_norm", 1e-9), ("ks_pvalue", 1e-6), ("ks_pvalue_bh", 1e-6)] {
                expectClose(Goldens.double(mine[key]) ?? .nan, Goldens.double(theirs[key]) ?? .nan, relative: tolerance, "\(name) \(key)")
            }
        }

        let quality = ours["quality"] as? [String: Any] ?? [:], goldenQuality = golden["quality"] as? [String: Any] ?? [:]
        for key in ["accuracy", "balanced_accuracy"] {
            expectClose(Goldens.double(quality[key]) ?? .nan, Goldens.double(goldenQuality[key]) ?? .nan, relative: 1e-9, key)
        }
        for average in ["macro", "weighted"] {
            let mine = quality[average] as? [String: Any] ?? [:], theirs = goldenQuality[average] as? [String: Any] ?? [:]
            for key in ["precision", "recall", "f1"] {
                expectClose(Goldens.double(mine[key]) ?? .nan, Goldens.double(theirs[key]) ?? .nan, relative: 1e-9, "\(average) \(key)")
            }
        }
        let classes = quality["classes"] as? [[String: Any]] ?? [], goldenClasses = goldenQuality["classes"] as? [[String: Any]] ?? []
        #expect(classes.count == goldenClasses.count)
        for (mine, theirs) in zip(classes, goldenClasses) {
            #expect(mine["label"] as? String == theirs["label"] as? String)
            #expect(mine["support"] as? Int == theirs["support"] as? Int)
            for key in ["precision", "recall", "f1"] {
                expectClose(Goldens.double(mine[key]) ?? .nan, Goldens.double(theirs[key]) ?? .nan, relative: 1e-9, "class \(theirs["label"] ?? "?") \(key)")
            }
        }
        let confusion = quality["confusion"] as? [String: Any] ?? [:], goldenConfusion = goldenQuality["confusion"] as? [String: Any] ?? [:]
        #expect(confusion["labels"] as? [String] == goldenConfusion["labels"] as? [String])
        #expect(confusion["matrix"] as? [[Int]] == goldenConfusion["matrix"] as? [[Int]])
    }

    @Test func evidentlyBinningReproducesEvidentlyOnTheDigits() throws {
        let golden = try Goldens.json("goldens/digits_report.json")
        let goldenDimensions = (golden["drift"] as? [String: Any])?["dimensions"] as? [[String: Any]] ?? []
        let report = try Self.report("digits/prod_data.csv", options: DriftOptions(psiBinning: .evidently))
        #expect(report.drift.dimensions.count == goldenDimensions.count)
        for (mine, theirs) in zip(report.drift.dimensions, goldenDimensions) {
            expectClose(mine.psi, Goldens.double(theirs["psi_evidently"]) ?? .nan, relative: 1e-9, "\(mine.name) Evidently PSI")
        }
    }

    @Test func gatesGiveTheDocumentedExitStatuses() throws {
        let drifted = try Self.report("digits/prod_data.csv")
        let clean = try Self.report("digits/prod_clean.csv")
        #expect(HealthGates().exitStatus(of: drifted) == 1)
        #expect(HealthGates().exitStatus(of: clean) == 0)
        #expect(HealthGates(minF1: 0.99).exitStatus(of: clean) == 1)
        #expect(HealthGates(minAccuracy: 0.9).exitStatus(of: clean) == 0)
        #expect(HealthGates(minAccuracy: 0.95).failures(of: clean).first?.contains("accuracy 0.9444") == true)
    }

    @Test func otherTestsJudgeWithTheirOwnStatistic() throws {
        let ks = try Self.report("digits/prod_data.csv", options: DriftOptions(test: .ks))
        #expect(ks.drift.options.threshold == 0.05)
        for d in ks.drift.dimensions { #expect(d.drifted == (d.ksPValueAdjusted < 0.05)) }
        let raw = try Self.report("digits/prod_data.csv", options: DriftOptions(test: .ks, adjustKS: false))
        #expect(raw.drift.drifted >= ks.drift.drifted)
        let wasserstein = try Self.report("digits/prod_data.csv", options: DriftOptions(test: .wasserstein, threshold: 0.3))
        for d in wasserstein.drift.dimensions { #expect(d.drifted == (d.wassersteinNorm >= 0.3)) }
    }

    @Test func textAndMarkdownShowEveryStatistic() throws {
        let report = try Self.report("digits/prod_data.csv")
        let text = ReportText.render(report, gates: HealthGates(), style: .init(color: false))
        for needle in ["DATA DRIFT", "PCA_16", "KS p (BH)", "Wasserstein", "macro avg", "weighted avg", "CONFUSION MATRIX", "VERDICT  unhealthy"] {
            #expect(text.contains(needle), "text report lacks \(needle)")
        }
        #expect(!text.contains("\u{1B}"), "no escape codes without colour")
        let colored = ReportText.render(report, gates: HealthGates(), style: .init(color: true))
        #expect(colored.contains("\u{1B}[1;31mDATASET DRIFT"))
        let markdown = ReportMarkdown.render(report, gates: HealthGates())
        #expect(markdown.contains("| PCA\\_1 |"))
        #expect(markdown.contains("**Verdict: unhealthy.**"))
    }
}
