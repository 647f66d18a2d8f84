import ArgumentParser
import ModelTopBase
import ModelTopMetrics
import ModelTopApp

/// `--listen` and `--metrics-file`: this replica's figures for Prometheus.
struct MetricsFlags: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("""
            Serve /metrics in Prometheus's text format on HOST:PORT (127.0.0.1:9108; :9108 for every \
            interface; [::1]:9108). Counts add up across replicas: see the README's fleet section.
            """, valueName: "HOST:PORT"),
        transform: { text in
            switch ListenAddress.parse(text) {
            case .success(let address): return address
            case .failure(let problem): throw ValidationError("--listen \(SafeText.inline(text, maxScalars: 80)): \(problem.reason)")
            }
        })
    var listen: ListenAddress?

    @Option(
        name: .customLong("metrics-file"),
        help: ArgumentHelp("""
            Write the same exposition to PATH, replaced atomically whenever it changes (for \
            node_exporter's textfile collector: a *.prom file in its directory).
            """, valueName: "PATH"))
    var file: String?

    /// The export, started (listening) now; nil when neither flag was given.
    func export(artifacts: String?, warn: ((String) -> Void)?) throws -> MetricsExport? {
        guard listen != nil || file != nil else { return nil }
        return try MetricsExport(listen: listen, file: file, artifacts: artifacts, warn: warn)
    }
}
