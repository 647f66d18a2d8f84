import ModelTopBase
import ModelTopLogs
import ModelTopTraining
import ModelTopMonitor
import ModelTopMetrics
import ModelTopIO

/// `--listen` and `--metrics-file`: one replica's figures for Prometheus, kept up to date by
/// the loop that reads the files (the watch's or the dashboard's updater).
///
/// The loop calls `observe` after each read (and before rows leave memory) and `publish` with
/// each new report; the server then answers scrapes with the last published text, and the file
/// is rewritten atomically when that text changed.
package final class MetricsExport {
    private let metrics = ReplicaMetrics()
    private let server: MetricsServer?
    private let file: String?
    /// Where the model registry is (`DIR/artifacts/registry.json`), for the version info metric.
    private let artifacts: String?
    private var written: String?
    private var lastData: Double?
    private var saidMissed = false
    /// The last problem said about the file or the registry: the same one is not said again
    /// at every report while it lasts.
    private var lastProblem: String?
    /// A problem writing the file or a note: said at once (the agent's stderr), or, with no
    /// `warn`, kept for `takeWarnings` (the dashboard shows them as notices).
    private let warn: ((String) -> Void)?
    private var pending: [String] = []

    /// Starts listening at once, so a busy port is an error before any file is read.
    package init(listen: ListenAddress?, file: String?, artifacts: String?, warn: ((String) -> Void)?) throws(ModelTopError) {
        server = try listen.map { address throws(ModelTopError) in try MetricsServer(listening: address) }
        self.file = file
        self.artifacts = artifacts
        self.warn = warn
    }

    /// Counts what the sources read since the last call; `now`: wall-clock seconds, when it brought data.
    package func observe(_ sources: LiveSources, dataArrivedAt now: Double?) {
        if let monitor = sources.monitor { metrics.observe(monitor) }
        if let logs = sources.logMonitor { metrics.observe(logs) }
        if let now { lastData = now }
    }

    /// Counts rows about to leave memory (LiveSources' `beforeDroppingRows`).
    package func observe(_ monitor: Monitor) { metrics.observe(monitor) }

    /// Serves and writes the exposition with this report's gauges.
    package func publish(_ report: Report?) {
        if let report { metrics.publish(report, lastData: lastData, modelVersion: modelVersion()) }
        if !saidMissed, let note = metrics.missedNote {
            say(note)
            saidMissed = true
        }
        let text = metrics.exposition()
        server?.publish(text)
        guard let file, text != written else { return }
        do {
            try AtomicFile.write(text, to: file)
            written = text
        } catch {
            sayOnce("--metrics-file: \(error)")
        }
    }

    /// Says `text` unless it was the last problem said.
    private func sayOnce(_ text: String) {
        guard text != lastProblem else { return }
        lastProblem = text
        say(text)
    }

    /// The problems kept since the last call (when made without `warn`).
    package func takeWarnings() -> [String] {
        defer { pending = [] }
        return pending
    }

    private func say(_ text: String) {
        if let warn { warn(text) } else { pending.append(text) }
    }

    package func stop() { server?.stop() }

    /// The registry's current version; nil without a registry. One that cannot be read is said
    /// (once) and leaves `modeltop_model_info` out rather than naming a wrong version.
    private func modelVersion() -> String? {
        guard let artifacts else { return nil }
        do {
            return try ArtifactStore(directory: artifacts).loadRegistry()?.current
        } catch {
            sayOnce("metrics: modeltop_model_info left out: \(error)")
            return nil
        }
    }
}
