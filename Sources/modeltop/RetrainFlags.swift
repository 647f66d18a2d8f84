import ArgumentParser
import ModelTopTraining

/// The dashboard's retrain flags: which command retrains, and when it runs by itself.
struct RetrainFlags: ParsableArguments {
    @Option(
        name: .customLong("retrain-cmd"),
        help: ArgumentHelp(
            "Run this shell command to retrain instead of the built-in trainer (/bin/sh -c CMD).",
            discussion: "It gets MODELTOP_REF, MODELTOP_PROD and MODELTOP_ARTIFACTS (absolute paths) and MODELTOP_TRIGGER in its environment; exit 0 means success.",
            valueName: "CMD"))
    var command: String?

    @Option(name: .customLong("retrain-every"), parsing: .unconditional, help: ArgumentHelp("Retrain automatically each time the production rows with feedback cross a multiple of K.", valueName: "K"))
    var every: Int?

    @Flag(name: .customLong("retrain-on-drift"), help: "Retrain automatically when dataset drift appears.")
    var onDrift = false

    @Option(name: .customLong("retrain-below-f1"), parsing: .unconditional, help: ArgumentHelp("Retrain automatically when macro F1 falls under X.", valueName: "X"))
    var belowF1: Double?

    @Option(
        name: .customLong("retrain-cooldown"), help: ArgumentHelp("Least time between automatic retrains: seconds, or 30s, 10m, 2h. (default: 10m)", valueName: "TIME"),
        transform: FlagValue.duration("--retrain-cooldown", example: "10m", allowsZero: true))
    var cooldown = FlagDuration(seconds: RetrainTriggers.defaultCooldown, text: "10m")

    func check() throws {
        if let command, command.allSatisfy(\.isWhitespace) {
            throw ValidationError("--retrain-cmd must not be empty")
        }
        if let every, every < 1 { throw ValidationError("--retrain-every must be at least 1") }
        if let belowF1, !(0...1).contains(belowF1) { throw ValidationError("--retrain-below-f1 must be between 0 and 1") }
    }

    var triggers: RetrainTriggers {
        RetrainTriggers(every: every, onDrift: onDrift, belowF1: belowF1, cooldown: cooldown.seconds)
    }
}
