import ModelTopTraining
import ModelTopDigits

/// One demo: its directory prepared (reference, model, headers) and a player ready to write the
/// traffic into `prod_data.csv` and `predictions.jsonl`.
package struct DemoRun {
    package let directory: String
    package let scenario: DemoScenario
    package let player: DemoPlayer

    package var reference: String { "\(directory)/ref_data.csv" }
    package var production: String { "\(directory)/prod_data.csv" }
    package var logs: String { "\(directory)/predictions.jsonl" }

    /// Copies the reference, trains the first model and writes the headers. `startTime` is the
    /// simulated clock's start: now on screen, so "updated 2 s ago" reads naturally; nil keeps the
    /// fixed one, so a seed always writes the same bytes.
    package static func prepare(
        fixtures: String, directory: String, scenario: DemoScenario, rate: Double, duration: Double, seed: UInt64, speed: Double,
        startTime: Double?
    ) throws -> DemoRun {
        var traffic = try DemoSetup(fixtures: fixtures, directory: directory)
            .prepare(scenario: scenario, rate: rate, duration: duration, seed: seed)
        if let startTime { traffic.startTime = startTime }
        let productionFile = try DemoAppender(path: "\(directory)/prod_data.csv")
        try productionFile.append(DemoLines.productionHeader(dimensions: traffic.pca.dimensions, labels: traffic.model.labels))
        let logFile = try DemoAppender(path: "\(directory)/predictions.jsonl")
        let player = DemoPlayer(events: traffic.events(), speed: speed, production: productionFile, log: logFile)
        return DemoRun(directory: directory, scenario: scenario, player: player)
    }

    /// What a headless run prints at its end: what was written where, and, when the directory is
    /// kept, how to report on it. A write that failed during playback is the error instead.
    package func summary(kept: Bool) throws -> String {
        let result = player.result
        if let failure = result.failure { throw DemoCommandError.playbackFailed(failure) }
        let feedback = player.events.prefix(result.written).filter { $0.production != nil }.count
        var text = "modeltop demo: \(scenario.rawValue): \(result.written - feedback) requests, \(feedback) feedback rows in \(directory)\n"
        if kept {
            text += "  modeltop report --ref \(reference) --prod \(production) --logs \(directory)\n"
        }
        return text
    }
}
