import ArgumentParser
import Foundation
import Glibc
import ModelTopSystem
import ModelTopBase
import ModelTopStatistics
import ModelTopDigits
import ModelTopTerminal
import ModelTopApp

/// `modeltop demo`: a serving API played from the bundled digits, watched by the dashboard.
///
/// The first command a newcomer runs: it needs nothing but the repository, and shows drift,
/// lost accuracy or an outage arriving live, on real images.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Play a serving API on the bundled digits and watch it in the dashboard.",
        discussion: """
            Trains the built-in model on fixtures/digits/ref_data.csv, then serves images of \
            fixtures/digits/digits.csv that are not in the reference, changed as the scenario says, \
            appending prod_data.csv (feedback rows) and predictions.jsonl to the demo directory. \
            Scenarios: none (clean), gradual (rotation to 35° and pixel noise to σ 2), seasonal \
            (heavy strokes arrive twice and leave), incident (a latency spike and a 5xx burst). \
            The same --seed writes the same bytes. Exit status: 0 done; 2 usage or input error, or \
            stdout not a terminal without --headless; 128+n after signal n.
            """
    )

    @Option(name: .long, help: "none, gradual, seasonal or incident.")
    var scenario: DemoScenario = .gradual

    @Option(name: .long, parsing: .unconditional, help: "Seconds of simulated traffic.")
    var duration: Double = 180

    @Option(name: .long, parsing: .unconditional, help: "Simulated seconds per real second (1000 plays three minutes in a blink).")
    var speed: Double = 1

    @Option(name: .long, parsing: .unconditional, help: "Requests per simulated second.")
    var rate: Double = 10

    @Option(name: .long, parsing: .unconditional, help: "Seed of every random draw: images, noise, latency, feedback.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "The demo directory, kept afterwards (default: a temporary one, removed at the end).")
    var out: String?

    @Option(name: .long, help: "Where digits.csv, ref_data.csv and pca.json are (default: fixtures/digits of this checkout).")
    var fixtures: String?

    @Flag(name: .long, help: "Write the data without a dashboard and exit when the scenario ends.")
    var headless = false

    @Flag(name: .long, help: "Draw with ASCII only, even in a UTF-8 terminal.")
    var ascii = false

    func validate() throws {
        guard duration.isFinite, duration > 0, duration <= 86_400 else { throw ValidationError("--duration must be in (0, 86400] seconds") }
        guard speed.isFinite, speed > 0 else { throw ValidationError("--speed must be a positive number") }
        guard rate.isFinite, rate > 0, rate * duration <= 2_000_000 else {
            throw ValidationError("--rate must be positive, with at most 2,000,000 requests in --duration")
        }
    }

    func run() throws {
        if !headless { try Self.checkTerminal() }
        let fixtures = try DemoSetup.locateFixtures(explicit: self.fixtures)
        let directory = try DemoDirectory.make(out)
        defer { if out == nil { DemoDirectory.remove(directory) } }
        let demo = try DemoRun.prepare(
            fixtures: fixtures, directory: directory, scenario: scenario, rate: rate, duration: duration, seed: seed, speed: speed,
            startTime: headless ? nil : SystemClock.now().rounded(.down))
        if headless {
            SignalFlags.install(SignalFlags.stop)
            demo.player.play()
            Terminal.writeAll(STDOUT_FILENO, try demo.summary(kept: out != nil))
            if SignalFlags.hasArrived(SignalFlags.stop) { throw ExitStatus(code: 130) }
            return
        }
        demo.player.start()
        let inputs = DashboardInputs(reference: demo.reference, production: demo.production, logs: directory, artifacts: "\(directory)/artifacts")
        do {
            try DashboardSession(inputs: inputs, drift: DriftOptions(), ascii: ascii).run()
        } catch {
            demo.player.stop()
            throw error
        }
        demo.player.stop()
        if let failure = demo.player.result.failure { Terminal.printError(failure) }
    }

    /// The dashboard needs a terminal; say so before building anything.
    static func checkTerminal() throws {
        var reason: String?
        if isatty(STDOUT_FILENO) != 1 {
            reason = "standard output is not a terminal"
        } else if case .unusable(let why) = TerminalEnvironment.current() {
            reason = why
        }
        guard let reason else { return }
        throw ModelTopError.usage("\(reason); the demo's dashboard needs one. Use `modeltop demo --headless --out DIR` to write the data only")
    }
}

extension DemoScenario: ExpressibleByArgument {}
