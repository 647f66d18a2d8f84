import Foundation
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopLogs
import ModelTopMonitor
import ModelTopOutput
import ModelTopIO

/// `modeltop report`: reads a reference and a production file (and prediction logs) once and
/// renders the report, with the exit status its health gates give.
package struct OneShotReport {
    package enum Format: String, CaseIterable, Sendable { case text, json, markdown }

    package var reference: String
    package var production: String
    package var logs: String?
    package var drift: DriftOptions
    package var window: ProductionWindow
    package var lowConfidence: Double
    package var gates: HealthGates
    package var format: Format
    /// ANSI colour in the text format.
    package var color = false
    /// Where warnings go (stderr in the binary).
    package var warn: (String) -> Void = { _ in }
    /// The alert rules judged on the report (without their `for`: a report is one moment),
    /// and the time that moment is; nil: none judged.
    package var alerts: (rules: AlertRules, now: Double)?
    /// modeltop's model directory: its current model scores the reference for the uncertainty test.
    package var artifacts: String?

    package init(
        reference: String, production: String, logs: String?, drift: DriftOptions, window: ProductionWindow, lowConfidence: Double,
        gates: HealthGates, format: Format, color: Bool, warn: @escaping (String) -> Void
    ) {
        self.reference = reference
        self.production = production
        self.logs = logs
        self.drift = drift
        self.window = window
        self.lowConfidence = lowConfidence
        self.gates = gates
        self.format = format
        self.color = color
        self.warn = warn
    }

    /// The rendered report and the exit status (0 healthy, 1 unhealthy, 2 too many rejected).
    package func run() throws -> (output: String, exitStatus: Int32) {
        let table = try DataFiles.loadTable(path: reference)
        // The current model's confidence on each reference row, before the rows are dropped.
        let scored = artifacts.flatMap { ModelConfidence.reference(table, artifacts: $0) }
        let profile = ReferenceProfile(table: table, keepingRows: false)
        let referenceTable = profile.table
        // Streamed: memory bounded by the reference, however large the production file.
        var streamed: StreamedProduction? = try StreamedProduction.read(
            reference: profile, path: production, window: window, binning: drift.psiBinning)
        let monitor = streamed!.monitor, fileRows = streamed!.fileRows
        if fileRows == 0 {
            throw ModelTopError.noUsableRows(file: production, rejected: monitor.rejections.count)
        }
        if referenceTable.rowCount == 0 {
            throw ModelTopError.noUsableRows(file: reference, rejected: referenceTable.rejections.count)
        }
        var report = monitor.report(options: drift, details: streamed?.details)
        streamed = nil
        // The second read's values and the parse's freed buffers go first: the tests' matrices
        // (24 MB on the benchmark) would otherwise stack on top of them and set the peak.
        MemoryRelease.returnFreedMemory()
        report.embedding = monitor.embeddingDrift()
        var recent: RecentRequests?
        if let logs {
            let (logMonitor, skipped) = try LogDirectory.load(directory: logs)
            if let alerts { recent = RecentRequests.compute(logMonitor.table, count: alerts.rules.recentRequests, lowConfidence: lowConfidence) }
            report.operations = OperationsReport.compute(logMonitor, reference: profile, lowConfidenceThreshold: lowConfidence)
            if let scored {
                report.embedding?.uncertainty = UncertaintyDrift.measure(
                    reference: scored.confidence, production: ModelConfidence.requests(logMonitor.table), model: scored.model)
            }
            report.operationsSource = logs
            report.logRejections = logMonitor.rejections
            report.notes += logMonitor.notes(directory: logs)
            if logMonitor.files.isEmpty { report.notes.append("\(logs): no *.jsonl prediction logs found") }
            if !skipped.isEmpty {
                report.notes.append("\(logs): compressed logs not read: \(skipped.map { SafeText.inline($0) }.joined(separator: ", ")) (gunzip them to include them)")
            }
            if let summary = Diagnostics.rejectionSummary(file: logs, log: logMonitor.rejections) {
                warn(summary.replacingOccurrences(of: " rows rejected", with: " log lines rejected")
                    .replacingOccurrences(of: " row rejected", with: " log line rejected"))
            }
        }
        if window != .all {
            report.notes.insert("production: statistics over \(window.description) (\(report.productionRows) of \(fileRows) rows)", at: 0)
        }
        if let alerts {
            let facts = AlertFacts.observe(report: report, recent: recent)
            report.alerts = AlertEngine.holding(alerts.rules, facts, source: production, now: alerts.now)
        }
        for warning in report.warnings { warn(warning) }
        for (file, log) in [(reference, report.referenceRejections), (production, report.productionRejections)] {
            // The report itself lists the rejected rows, in every format; stderr gets the count.
            if let summary = Diagnostics.rejectionSummary(file: file, log: log) { warn(summary) }
        }
        let output: String
        switch format {
        case .text: output = ReportText.render(report, gates: gates, style: .init(color: color))
        case .json: output = ReportJSON.render(report, gates: gates)
        case .markdown: output = ReportMarkdown.render(report, gates: gates)
        }
        return (output, gates.exitStatus(of: report))
    }
}
