import ArgumentParser
import Foundation
import ModelTopSystem
import ModelTopBase
import ModelTopMetrics
import ModelTopIO
import ModelTopUI
import ModelTopTerminal
import ModelTopApp

/// `modeltop fleet --prometheus URL`: the console over every replica, through Prometheus.
struct FleetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "The console over a fleet of replicas, through Prometheus (each replica runs `modeltop watch --listen`).",
        discussion: """
            Asks Prometheus's HTTP API every --refresh for the counts the agents expose, and shows the \
            fleet's drift per dimension (PSI on the summed rank histograms), quality (the summed \
            confusion matrix), latency (the summed histogram) and a Replicas screen. A Prometheus that is \
            down or slow is a notice on screen; the figures before it stay. Exit status: 0 on q; 2 usage \
            error; 128+N after signal N.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Prometheus's base URL.", valueName: "URL"))
    var prometheus: String

    @Option(name: .long, help: "The scrape job whose targets are the modeltop agents (job_name in prometheus.yml).")
    var job = "modeltop"

    @Option(name: .long, help: "How often to ask Prometheus: 5s, 1m. (default: 5s)", transform: FlagValue.duration("--refresh", example: "5s or 1m"))
    var refresh = FlagDuration(seconds: 5, text: "5s")

    @Option(name: .long, help: "Seconds one question to Prometheus may take. (default: 3)")
    var timeout: Double = 3

    @Flag(name: .long, help: "Draw with ASCII only.")
    var ascii = false

    @OptionGroup var colors: ColorFlag

    @Option(name: .customLong("export-dir"), help: ArgumentHelp("Where e writes the screen as text (default: $XDG_STATE_HOME/modeltop or ~/.local/state/modeltop).", valueName: "DIR"))
    var exportDirectory: String?

    func validate() throws {
        if let problem = PrometheusClient.problem(with: prometheus) { throw ValidationError(problem) }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a number of seconds > 0") }
    }

    func run() throws {
        if case .unusable(let reason) = TerminalEnvironment.current() { throw ModelTopError.usage(reason) }
        guard let url = URL(string: prometheus) else { throw ModelTopError.usage("--prometheus: not a URL") }
        let client = PrometheusClient(base: url, timeout: timeout)
        let queries = FleetQueries(job: job)
        SignalFlags.install(SignalFlags.stop)
        let terminal = try CursesTerminal.start(asciiRequested: ascii, colorAllowed: colors.dashboard)
        defer { terminal.end() }
        var console = FleetConsole(
            source: "\(SafeText.inline(prometheus, maxScalars: 80)) job=\(SafeText.inline(job, maxScalars: 40))",
            options: DashboardOptions(ascii: terminal.textMode == .ascii, colors: terminal.colors))
        var loop = FleetLoop(terminal: terminal, clock: SystemClock(), interval: refresh.seconds) { client.fetch(queries) }
        loop.exports = exportDirectory.map(ScreenExports.init(directory:))
            ?? ScreenExports.standard(environment: ProcessInfo.processInfo.environment)
        let outcome = try loop.run(&console)
        terminal.end()
        if case .signal(let number) = outcome { throw ExitStatus(code: 128 + number) }
    }
}
