import ModelTopTraining

/// A retrain in progress or finished, and the model versions to roll back to.
public struct RetrainSnapshot: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        case idle
        /// `progress` in 0...1 when known.
        case running(step: String, progress: Double?)
        /// The run ended well; `version` is the model current afterwards ("" when a hook ran
        /// and the registry names none).
        case succeeded(version: String)
        case failed(message: String)
        case cancelled
    }

    public struct Version: Sendable, Equatable {
        public var name: String
        public var createdAt: Double
        public var accuracy: Double?
        public var active: Bool
        public init(name: String, createdAt: Double, accuracy: Double?, active: Bool) {
            self.name = name
            self.createdAt = createdAt
            self.accuracy = accuracy
            self.active = active
        }
    }

    /// What the built-in retrain decided (the type lives with the trainer, which writes it).
    public typealias Outcome = RetrainOutcome

    public var phase: Phase
    /// The last lines the retrain process printed.
    public var log: [String]
    /// Newest first.
    public var versions: [Version]
    /// What runs or ran, as the user should read it ("built-in: modeltop retrain …", "hook: sh -c …").
    public var command: String?
    /// Set when the built-in retrain finished and printed its result.
    public var outcome: Outcome?
    /// Output lines printed but no longer kept (only the last lines are).
    public var droppedLines = 0
    /// The registry's decisions, newest first; they survive a restart because they are read from disk.
    public var history: [ModelRegistry.Entry] = []
    /// The version `b` would roll back to, or nil when there is nothing to roll back to (no
    /// registry, no earlier promoted version, or its model file is not in the artifacts).
    public var rollbackTarget: String?

    public init(
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
public struct ModelInfo: Sendable, Equatable {
    public var version: String
    /// Seconds since the epoch of the last retrain the registry recorded (promoted or not).
    public var lastRetrainAt: Double?
    public init(version: String, lastRetrainAt: Double?) {
        self.version = version
        self.lastRetrainAt = lastRetrainAt
    }
}
