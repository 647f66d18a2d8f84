import ModelTopBase

/// When the dashboard retrains on its own: the rules behind `--retrain-every`,
/// `--retrain-on-drift`, `--retrain-below-f1` and `--retrain-cooldown`.
///
/// Pure: the dashboard passes what the newest snapshot says and the time, and keeps the
/// `Memory` between calls. Conditions fire on their rising edge (drift appears, F1 falls under
/// the floor, the feedback count crosses a multiple of K), not on every snapshot while they
/// hold: a retrain never changes the reference, so drift that persists would otherwise retrain
/// in a loop. An edge that happens during the cooldown or while a run is busy stays pending and
/// fires as soon as it may.
package struct RetrainTriggers: Sendable, Equatable {
    /// Retrain each time the production rows with feedback cross a multiple of this.
    package var every: Int?
    package var onDrift: Bool
    /// Retrain when macro F1 falls under this.
    package var belowF1: Double?
    /// Seconds between two automatic runs.
    package var cooldown: Double

    package static let defaultCooldown = 600.0

    package init(every: Int? = nil, onDrift: Bool = false, belowF1: Double? = nil, cooldown: Double = Self.defaultCooldown) {
        self.every = every
        self.onDrift = onDrift
        self.belowF1 = belowF1
        self.cooldown = cooldown
    }

    /// False when no rule is on (the default): nothing runs by itself.
    package var isEnabled: Bool { every != nil || onDrift || belowF1 != nil }

    /// What one snapshot says about production.
    package struct Observation: Sendable, Equatable {
        /// Production rows whose true label has arrived.
        package var feedbackRows: Int
        package var datasetDrift: Bool
        package var driftedDimensions: Int
        package var dimensions: Int
        /// nil without labelled rows.
        package var macroF1: Double?

        package init(feedbackRows: Int, datasetDrift: Bool, driftedDimensions: Int = 0, dimensions: Int = 0, macroF1: Double?) {
            self.feedbackRows = feedbackRows
            self.datasetDrift = datasetDrift
            self.driftedDimensions = driftedDimensions
            self.dimensions = dimensions
            self.macroF1 = macroF1
        }
    }

    /// What the rules remember between snapshots.
    package struct Memory: Sendable, Equatable {
        /// The feedback count last seen; nil before the first snapshot (which only sets it).
        package var feedbackRows: Int?
        package var drifted = false
        package var belowF1 = false
        /// Rising edges not yet acted on, by rule.
        package var pending: [Rule: Firing] = [:]
        /// When the last automatic run started (monotonic seconds).
        package var lastRun: Double?

        package init() {}
    }

    package enum Rule: Int, Sendable, Hashable, Comparable {
        // In the order they win when several are pending.
        case drift, f1, every

        package static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }
    }

    /// A rule that fired: `trigger` is recorded in the registry (`--trigger`, letters, digits,
    /// '-', '_' and '.' only), `reason` is what the dashboard tells the user.
    package struct Firing: Sendable, Equatable {
        package var trigger: String
        package var reason: String

        package init(trigger: String, reason: String) {
            self.trigger = trigger
            self.reason = reason
        }
    }

    /// Updates `memory` with `observation`; returns the rule to act on now, if any, and counts it
    /// as the start of an automatic run. `busy` says a retrain is already running.
    package func evaluate(_ observation: Observation, memory: inout Memory, now: Double, busy: Bool) -> Firing? {
        guard isEnabled else { return nil }
        if onDrift {
            if observation.datasetDrift, !memory.drifted {
                memory.pending[.drift] = Firing(
                    trigger: "auto-drift",
                    reason: "dataset drift (\(observation.driftedDimensions)/\(observation.dimensions) dimensions drifted)")
            }
            memory.drifted = observation.datasetDrift
        }
        if let floor = belowF1 {
            let below = observation.macroF1.map { $0 < floor } ?? false
            if below, !memory.belowF1, let f1 = observation.macroF1 {
                memory.pending[.f1] = Firing(
                    trigger: "auto-f1-below-\(Self.short(floor))",
                    reason: "macro F1 \(ReportNumber.fixed(f1, 4)) is under \(Self.short(floor))")
            }
            memory.belowF1 = below
        }
        if let k = every, k > 0 {
            let rows = observation.feedbackRows
            if let last = memory.feedbackRows, rows > last, rows / k > last / k {
                memory.pending[.every] = Firing(
                    trigger: "auto-every-\(k)", reason: "\(rows) production rows with feedback (every \(k))")
            }
            // A rewritten, shorter file starts the count again.
            memory.feedbackRows = rows
        }
        guard !busy, let rule = memory.pending.keys.min() else { return nil }
        if let last = memory.lastRun, now - last < cooldown { return nil }
        let firing = memory.pending[rule]
        memory.pending.removeAll()
        memory.lastRun = now
        return firing
    }

    /// A threshold as written on the command line ("0.85", not "0.8500").
    static func short(_ value: Double) -> String { ReportNumber.general(value) }
}
