import ArgumentParser
import ModelTopApp

/// `modeltop dashboard`: the full-screen console over a reference and a production file.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The full-screen console: drift, quality, latency and samples, live in the terminal.",
        discussion: """
            Keys: 1–6 or Tab switch screens, / filters, s sorts, ? shows help, q quits. \
            Exit status: 0 after q; 2 usage or input error, or when standard input/output is not a \
            terminal (use `modeltop report` there); 128+n after signal n (SIGINT, SIGTERM, SIGHUP).
            """
    )

    @OptionGroup var files: InputFlags

    @Option(name: .long, help: "modeltop's model directory (models/, registry.json): where r retrains into and b rolls back; the built-in retrain needs it.")
    var artifacts: String?

    @OptionGroup var flags: DashboardFlags

    func validate() throws { try flags.check() }

    func run() throws {
        let inputs = DashboardInputs(reference: files.ref, production: files.prod, logs: files.logs, artifacts: artifacts)
        try inputs.checkDirectories()
        try flags.session(inputs).run()
    }
}
