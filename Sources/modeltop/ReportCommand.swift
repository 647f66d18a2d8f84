import ArgumentParser
import ModelTopStatistics
import ModelTopMonitor
import ModelTopApp
import ModelTopSystem

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

    @OptionGroup var inputs: InputFlags

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: OneShotReport.Format = .text

    @OptionGroup var drift: DriftFlags

    @OptionGroup var colors: ColorFlag

    @OptionGroup var configFile: ConfigFlag

    @Option(name: .customLong("min-f1"), parsing: .unconditional, help: "Unhealthy when macro F1 is under this value.")
    var minF1: Double?

    @Option(name: .customLong("min-accuracy"), parsing: .unconditional, help: "Unhealthy when accuracy is under this value.")
    var minAccuracy: Double?

    @Option(name: .long, help: "modeltop's model directory (models/, registry.json): with --logs, its current model scores the reference for the uncertainty test (--embedding-test uncertainty).")
    var artifacts: String?

    @Option(name: .customLong("max-rejected"), help: "Rejected rows and log lines tolerated before exit status 2: a count (N) or a share of all read (N%). (default: 1%)", transform: FlagValue.rejectionLimit)
    var maxRejected: RejectionLimit = .default

    func validate() throws {
        for (name, value) in [("--min-f1", minF1), ("--min-accuracy", minAccuracy)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1") }
        }
        try drift.check()
    }

    func run() throws {
        let gates = HealthGates(minF1: minF1, minAccuracy: minAccuracy, maxRejected: maxRejected)
        var job = OneShotReport(
            reference: inputs.ref, production: inputs.prod, logs: inputs.logs, drift: drift.options, window: drift.productionWindow,
            lowConfidence: drift.lowConfidence, gates: gates, format: format, color: colors.stdout, warn: Terminal.printWarning)
        job.alerts = (AlertRules(rules: ConfigContext.shared.rules), SystemClock.now())
        job.artifacts = artifacts
        let (output, status) = try job.run()
        Terminal.writeAll(1, output)
        throw ExitStatus(code: status)
    }
}

/// Flags that choose the drift test, shared by every command that judges drift.
struct DriftFlags: ParsableArguments {
    @Option(name: .customLong("drift-test"), help: "psi, ks or wasserstein. (default: psi)", completion: .list(["psi", "ks", "wasserstein"]), transform: FlagValue.choice("--drift-test"))
    var test: DriftTest = .psi

    @Option(name: .long, parsing: .unconditional, help: "The test's threshold (default: psi 0.1, ks 0.05 on the p-value, wasserstein 0.1).")
    var threshold: Double?

    @Option(name: .customLong("drift-share"), parsing: .unconditional, help: "The data set drifts when this share of dimensions drifted.")
    var driftShare: Double = 0.5

    @Option(name: .customLong("psi-binning"), help: "quantile (reference deciles) or evidently (Evidently's bins). (default: quantile)", completion: .list(["quantile", "evidently"]), transform: FlagValue.choice("--psi-binning"))
    var psiBinning: PSIBinning = .quantile

    @Option(name: .customLong("ks-adjust"), help: "bh (Benjamini–Hochberg across dimensions) or none (raw p, as Evidently). (default: bh)", completion: .list(["bh", "none"]), transform: FlagValue.choice("--ks-adjust"))
    var ksAdjust: KSAdjustment = .bh

    @Option(name: .customLong("embedding-test"), help: "The whole-embedding test that joins the drift verdict and the exit status: classifier (a nearest-neighbour domain classifier), mmd, reconstruction (NannyML's), uncertainty (the model's confidence; report with --artifacts and --logs), or off. (default: classifier)", completion: .list(["classifier", "mmd", "reconstruction", "uncertainty", "off"]), transform: FlagValue.choice("--embedding-test"))
    var embeddingTest: EmbeddingTest = .classifier

    @Option(name: .long, help: "Which production rows to judge: all, the last N rows (5000), or the last span of time (15m, 2h). (default: all)", transform: FlagValue.window)
    var window: ProductionWindow = .all

    @Option(name: .customLong("low-confidence"), parsing: .unconditional, help: "Prediction logs: a request whose top-class probability is under this is low confidence.")
    var lowConfidence: Double = 0.9

    func check() throws {
        if let threshold, !threshold.isFinite || threshold < 0 { throw ValidationError("--threshold must be a number ≥ 0") }
        if !(0...1).contains(driftShare) { throw ValidationError("--drift-share must be between 0 and 1") }
        if !(lowConfidence > 0 && lowConfidence <= 1) { throw ValidationError("--low-confidence must be in (0, 1]") }
    }

    var productionWindow: ProductionWindow { window }

    var options: DriftOptions {
        DriftOptions(
            test: test, threshold: threshold, driftShare: driftShare, psiBinning: psiBinning, adjustKS: ksAdjust == .bh,
            embeddingTest: embeddingTest)
    }
}

extension OneShotReport.Format: ExpressibleByArgument {}
