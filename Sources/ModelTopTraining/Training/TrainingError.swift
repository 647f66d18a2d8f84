import ModelTopBase

/// Why training or retraining cannot go ahead: a problem with the data or a stored model.
///
/// Kept apart from `ModelTopError` because these come from the training pipeline, not from
/// reading a file; the commands print `description` and exit with status 2.
package enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file has no `target` column, so there is nothing to learn from.
    case noTarget(file: String)
    /// Fewer than two classes among the training targets.
    case tooFewClasses(found: Int)
    /// Not enough rows to train (and, for retraining, to hold some out).
    case tooFewRows(rows: Int, needed: Int)
    /// The holdout share is outside (0, 1).
    case badHoldout(Double)
    /// The champion was trained on other embedding columns than the data has now.
    case featureMismatch(model: String, expected: [String], found: [String])
    /// A stored model does not describe a usable softmax model.
    case invalidModel(String)
    /// A registry document that does not parse or does not hang together.
    case invalidRegistry(String)
    /// Rollback asked for with no earlier promoted version to return to.
    case nothingToRollBack(current: String?)

    package var description: String {
        switch self {
        case let .noTarget(file):
            return "\(file): no target column; training needs the true label of every row"
        case let .tooFewClasses(found):
            return "training needs at least 2 classes in the target column; found \(found)"
        case let .tooFewRows(rows, needed):
            return "training needs at least \(needed) labelled rows; found \(rows)"
        case let .badHoldout(value):
            return "--holdout must be between 0 and 1 (exclusive); found \(value)"
        case let .featureMismatch(model, expected, found):
            return "model \(model) was trained on \(Self.summary(expected)) but the data has \(Self.summary(found))"
        case let .invalidModel(reason):
            return "invalid model: \(reason)"
        case let .invalidRegistry(reason):
            return "invalid registry: \(reason)"
        case let .nothingToRollBack(current):
            guard let current else { return "nothing to roll back: no model is current" }
            return "nothing to roll back: \(SafeText.inline(current)) has no earlier promoted version"
        }
    }

    private static func summary(_ names: [String]) -> String {
        let shown = names.prefix(4).map { SafeText.inline($0) }.joined(separator: ", ")
        return "\(names.count) columns (\(shown)\(names.count > 4 ? ", …" : ""))"
    }
}

extension TrainingError: UserFacingError {}
