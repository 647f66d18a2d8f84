import ArgumentParser
import ModelTopBase
import ModelTopStatistics
import ModelTopLogs
import ModelTopMonitor
import ModelTopOutput
import ModelTopIO

/// `modeltop report`: a one-shot report over a reference and a production file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Drift per embedding dimension and classification quality, printed once.",
        discussion: """
            Exit status: 0 healthy; 1 data drift, or quality under --min-f1 / --min-accuracy; \
            2 usage or input error (including more rejected rows and log lines than --max-rejected, \
            1% of all read by default).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(name: .long, help: "The reference data set (embeddings and target).")
    var ref: String

    @Option(name: .long, help: "The production data set (embeddings, target and prediction).")
    var prod: String

    @Option(name: .long, help: "A directory of prediction logs (*.jsonl, rotated *.jsonl.N): adds latency, errors, confidence and estimated quality.")
    var logs: String?

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: Format = .text

    @OptionGroup var drift: DriftFlags

    @Option(name: .customLong("min-f1"), parsing: .unconditional, help: "Unhealthy when macro F1 is under this value.")
    var minF1: Double?

    @Option(name: .customLong("min-accuracy"), parsing: .unconditional, help: "Unhealthy when accuracy is under this value.")
    var minAccuracy: Double?

    @Option(name: .customLong("max-rejected"), help: "Rejected rows and log lines tolerated before exit status 2: a count (N) or a share of all read (N%).")
    var maxRejected: String = RejectionLimit.default.description

    func validate() throws {
        for (name, value) in [("--min-f1", minF1), ("--min-accuracy", minAccuracy)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1") }
        }
        if RejectionLimit(maxRejected) == nil {
            throw ValidationError("--max-rejected takes a count (5) or a share (1%); found '\(SafeText.inline(maxRejected))'")
        }
        try drift.check()
    }

    func run() throws {
        let referenceTable = try DataFiles.loadTable(path: ref)
        let reference = ReferenceProfile(table: referenceTable)
        let monitor = try DataFiles.loadMonitor(reference: reference, productionPath: prod)
        if monitor.rows == 0 {
            throw ModelTopError.noUsableRows(file: prod, rejected: monitor.rejections.count)
        }
        if referenceTable.rowCount == 0 {
            throw ModelTopError.noUsableRows(file: ref, rejected: referenceTable.rejections.count)
        }
        var report = try monitor.restricted(to: drift.productionWindow).report(options: drift.options)
        if let logs {
            let (logMonitor, skipped) = try LogDirectory.load(directory: logs)
            report.operations = OperationsReport.compute(logMonitor, reference: reference, lowConfidenceThreshold: drift.lowConfidence)
            report.operationsSource = logs
            report.logRejections = logMonitor.rejections
            report.notes += logMonitor.notes(directory: logs)
            if logMonitor.files.isEmpty { report.notes.append("\(logs): no *.jsonl prediction logs found") }
            if !skipped.isEmpty {
                report.notes.append("\(logs): compressed logs not read: \(skipped.map { SafeText.inline($0) }.joined(separator: ", ")) (gunzip them to include them)")
            }
            if let summary = Diagnostics.rejectionSummary(file: logs, log: logMonitor.rejections) { Terminal.printWarning(summary.replacingOccurrences(of: " rows rejected", with: " log lines rejected").replacingOccurrences(of: " row rejected", with: " log line rejected")) }
        }
        if drift.productionWindow != .all {
            report.notes.insert("production: statistics over \(drift.productionWindow.description) (\(report.productionRows) of \(monitor.rows) rows)", at: 0)
        }
        for warning in report.warnings { Terminal.printWarning(warning) }
        let gates = HealthGates(minF1: minF1, minAccuracy: minAccuracy, maxRejected: RejectionLimit(maxRejected) ?? .default)
        for (file, log) in [(ref, report.referenceRejections), (prod, report.productionRejections)] {
            // The report itself lists the rejected rows, in every format; stderr gets the count.
            if let summary = Diagnostics.rejectionSummary(file: file, log: log) { Terminal.printWarning(summary) }
        }
        let output: String
        switch format {
        case .text: output = ReportText.render(report, gates: gates, style: .init(color: Terminal.stdoutWantsColor))
        case .json: output = ReportJSON.render(report, gates: gates)
        case .markdown: output = ReportMarkdown.render(report, gates: gates)
        }
        Terminal.writeAll(1, output)
        throw ExitStatus(code: gates.exitStatus(of: report))
    }
}

/// Flags that choose the drift test, shared by every command that judges drift.
struct DriftFlags: ParsableArguments {
    @Option(name: .customLong("drift-test"), help: "psi, ks or wasserstein.")
    var test: String = "psi"

    @Option(name: .long, parsing: .unconditional, help: "The test's threshold (default: psi 0.1, ks 0.05 on the p-value, wasserstein 0.1).")
    var threshold: Double?

    @Option(name: .customLong("drift-share"), parsing: .unconditional, help: "The data set drifts when this share of dimensions drifted.")
    var driftShare: Double = 0.5

    @Option(name: .customLong("psi-binning"), help: "quantile (reference deciles) or evidently (Evidently's bins).")
    var psiBinning: String = "quantile"

    @Option(name: .customLong("ks-adjust"), help: "bh (Benjamini–Hochberg across dimensions) or none (raw p, as Evidently).")
    var ksAdjust: String = "bh"

    @Option(name: .long, help: "Which production rows to judge: all, the last N rows (5000), or the last span of time (15m, 2h).")
    var window: String = "all"

    @Option(name: .customLong("low-confidence"), parsing: .unconditional, help: "Prediction logs: a request whose top-class probability is under this is low confidence.")
    var lowConfidence: Double = 0.9

    func check() throws {
        guard DriftTest(rawValue: test) != nil else {
            throw ValidationError("--drift-test must be one of psi, ks, wasserstein; found '\(SafeText.inline(test))'")
        }
        guard PSIBinning(rawValue: psiBinning) != nil else {
            throw ValidationError("--psi-binning must be quantile or evidently; found '\(SafeText.inline(psiBinning))'")
        }
        guard ["bh", "none"].contains(ksAdjust) else {
            throw ValidationError("--ks-adjust must be bh or none; found '\(SafeText.inline(ksAdjust))'")
        }
        if let threshold, !threshold.isFinite || threshold < 0 { throw ValidationError("--threshold must be a number ≥ 0") }
        if !(0...1).contains(driftShare) { throw ValidationError("--drift-share must be between 0 and 1") }
        if !(lowConfidence > 0 && lowConfidence <= 1) { throw ValidationError("--low-confidence must be in (0, 1]") }
        guard ProductionWindow(window) != nil else {
            throw ValidationError("--window must be all, a row count or a duration such as 15m; found '\(SafeText.inline(window))'")
        }
    }

    var productionWindow: ProductionWindow { ProductionWindow(window) ?? .all }

    var options: DriftOptions {
        DriftOptions(
            test: DriftTest(rawValue: test) ?? .psi, threshold: threshold, driftShare: driftShare,
            psiBinning: PSIBinning(rawValue: psiBinning) ?? .quantile, adjustKS: ksAdjust == "bh")
    }
}
