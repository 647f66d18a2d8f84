import ModelTopBase
import ModelTopTraining

/// Why the artifacts directory cannot be read or written; the commands print `description`
/// and exit with status 2.
package enum ArtifactError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(file: String, reason: String)
    case cannotWrite(file: String, reason: String)
    /// The file exists but is not a usable registry or model.
    case corrupt(file: String, problem: TrainingError)
    /// There is no registry yet (rollback needs one).
    case noRegistry(file: String)
    /// The registry names a model whose file is missing.
    case missingModel(version: String, file: String)
    /// Another modeltop process holds the artifacts lock.
    case busy(directory: String)

    package var description: String {
        switch self {
        case let .cannotRead(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .cannotWrite(file, reason):
            return "\(file): cannot write: \(reason)"
        case let .corrupt(file, problem):
            return "\(file): \(problem.description); restore it from a backup or remove it to start a new registry"
        case let .noRegistry(file):
            return "\(file): no registry yet; run `modeltop train` first"
        case let .missingModel(version, file):
            return "\(file): model \(version) is named by the registry but its file is missing"
        case let .busy(directory):
            return "\(directory): another modeltop process is training or rolling back; try again when it finishes"
        }
    }
}

extension ArtifactError: UserFacingError {}
