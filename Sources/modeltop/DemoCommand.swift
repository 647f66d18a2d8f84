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
        var traffic = try DemoSetup(fixtures: fixtures, directory: directory)
            .prepare(scenario: scenario, rate: rate, duration: duration, seed: seed)
        // On screen the simulated clock starts now, so "updated 2 s ago" and a sample's age read
        // naturally; headless, it starts at a fixed moment, so a seed always writes the same bytes.
        if !headless { traffic.startTime = SystemClock.now().rounded(.down) }
        let reference = "\(directory)/ref_data.csv", production = "\(directory)/prod_data.csv", logs = "\(directory)/predictions.jsonl"
        let productionFile = try DemoAppender(path: production)
        try productionFile.append(DemoLines.productionHeader(dimensions: traffic.pca.dimensions, labels: traffic.model.labels))
        let player = DemoPlayer(events: traffic.events(), speed: speed, production: productionFile, log: try DemoAppender(path: logs))
        if headless {
            SignalFlags.install(SignalFlags.stop)
            player.play()
            try finish(player, directory: directory, logs: logs)
            return
        }
        player.start()
        let inputs = DashboardInputs(reference: reference, production: production, logs: directory, artifacts: "\(directory)/artifacts")
        do {
            try DashboardSession(inputs: inputs, drift: DriftOptions(), ascii: ascii).run()
        } catch {
            player.stop()
            throw error
        }
        player.stop()
        if let failure = player.result.failure { Terminal.printError(failure) }
    }

    /// Says what was written and where, and how to look at it again.
    private func finish(_ player: DemoPlayer, directory: String, logs: String) throws {
        let result = player.result
        if let failure = result.failure {
            throw DemoCommandError.playbackFailed(failure)
        }
        let feedback = player.events.prefix(result.written).filter { $0.production != nil }.count
        var text = "modeltop demo: \(scenario.rawValue): \(result.written - feedback) requests, \(feedback) feedback rows in \(directory)\n"
        if out != nil {
            text += "  modeltop report --ref \(directory)/ref_data.csv --prod \(directory)/prod_data.csv --logs \(directory)\n"
        }
        Terminal.writeAll(STDOUT_FILENO, text)
        if SignalFlags.hasArrived(SignalFlags.stop) { throw ExitStatus(code: 130) }
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
