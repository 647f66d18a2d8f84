import ModelTopTraining

/// A retrain in progress or finished, and the model versions to roll back to.
package struct RetrainSnapshot: Sendable, Equatable {
    package enum Phase: Sendable, Equatable {
        case idle
        /// `progress` in 0...1 when known.
        case running(step: String, progress: Double?)
        /// The run ended well; `version` is the model current afterwards ("" when a hook ran
        /// and the registry names none).
        case succeeded(version: String)
        case failed(message: String)
        case cancelled
    }

    package struct Version: Sendable, Equatable {
        package var name: String
        package var createdAt: Double
        package var accuracy: Double?
        package var active: Bool
        package init(name: String, createdAt: Double, accuracy: Double?, active: Bool) {
            self.name = name
            self.createdAt = createdAt
            self.accuracy = accuracy
            self.active = active
        }
    }

    /// What the built-in retrain decided (the type lives with the trainer, which writes it).
    package typealias Outcome = RetrainOutcome

    package var phase: Phase
    /// The last lines the retrain process printed.
    package var log: [String]
    /// Newest first.
    package var versions: [Version]
    /// What runs or ran, as the user should read it ("built-in: modeltop retrain …", "hook: sh -c …").
    package var command: String?
    /// Set when the built-in retrain finished and printed its result.
    package var outcome: Outcome?
    /// Output lines printed but no longer kept (only the last lines are).
    package var droppedLines = 0
    /// The registry's decisions, newest first; they survive a restart because they are read from disk.
    package var history: [ModelRegistry.Entry] = []
    /// The version `b` would roll back to, or nil when there is nothing to roll back to (no
    /// registry, no earlier promoted version, or its model file is not in the artifacts).
    package var rollbackTarget: String?

    package init(
        phase: Phase, log: [String] = [], versions: [Version] = [], command: String? = nil, outcome: Outcome? = nil,
        history: [ModelRegistry.Entry] = []
    ) {
        self.phase = phase
        self.log = log
        self.versions = versions
        self.command = command
        self.outcome = outcome
        self.history = history
    }
}

/// The model being monitored.
package struct ModelInfo: Sendable, Equatable {
    package var version: String
    /// Seconds since the epoch of the last retrain the registry recorded (promoted or not).
    package var lastRetrainAt: Double?
    package init(version: String, lastRetrainAt: Double?) {
        self.version = version
        self.lastRetrainAt = lastRetrainAt
    }
}
