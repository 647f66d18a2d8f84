/// `artifacts/registry.json`: which model is current, and every decision that led there.
///
/// The history is append-only: a promotion, a refused challenger and a rollback each add one
/// entry, so the file answers "why is this model serving?" without another log.
package struct ModelRegistry: Sendable, Equatable {
    /// A model's scores on one holdout, as the registry and the retrain output show them.
    package struct Score: Sendable, Equatable, Codable {
        package var version: String
        package var accuracy: Double
        package var f1Macro: Double

        package init(version: String, accuracy: Double, f1Macro: Double) {
            self.version = version
            self.accuracy = accuracy
            self.f1Macro = f1Macro
        }
    }

    package struct Entry: Sendable, Equatable {
        /// The model this entry is about: the challenger, or the rollback's target.
        package var version: String
        package var created: Int64
        package var trigger: String
        /// True when `version` became current.
        package var promoted: Bool
        package var reason: String
        /// The version that was current before this entry.
        package var parent: String?
        package var champion: Score?
        package var challenger: Score?

        package init(
            version: String, created: Int64, trigger: String, promoted: Bool, reason: String,
            parent: String?, champion: Score?, challenger: Score?
        ) {
            self.version = version
            self.created = created
            self.trigger = trigger
            self.promoted = promoted
            self.reason = reason
            self.parent = parent
            self.champion = champion
            self.challenger = challenger
        }
    }

    /// The trigger recorded for rollbacks; rollback entries are skipped when looking for lineage.
    package static let rollbackTrigger = "rollback"

    package private(set) var current: String?
    package private(set) var history: [Entry]

    package init(current: String? = nil, history: [Entry] = []) {
        self.current = current
        self.history = history
    }

    /// Appends `entry`; a promoted entry makes its version current.
    package mutating func record(_ entry: Entry) {
        history.append(entry)
        if entry.promoted { current = entry.version }
    }

    /// Every version the history mentions.
    package var versions: [String] { history.map(\.version) }

    /// The version that `current` replaced when it was promoted (skipping rollbacks, so
    /// rolling back twice walks two steps down the lineage).
    package func rollbackTarget() throws(TrainingError) -> String {
        guard let current else { throw .nothingToRollBack(current: nil) }
        let promotion = history.last { $0.version == current && $0.promoted && $0.trigger != Self.rollbackTrigger }
        guard let target = promotion?.parent else { throw .nothingToRollBack(current: current) }
        return target
    }

    /// Makes the rollback target current and records why.
    package mutating func rollBack(created: Int64) throws(TrainingError) -> (from: String, to: String) {
        let target = try rollbackTarget()
        let from = current ?? target
        record(Entry(
            version: target, created: created, trigger: Self.rollbackTrigger, promoted: true,
            reason: "rolled back from \(from) to \(target)", parent: from, champion: nil, challenger: nil))
        return (from, target)
    }
}
