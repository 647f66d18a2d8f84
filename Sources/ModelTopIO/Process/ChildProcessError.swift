import ModelTopBase

/// Why a child process (a retrain, a hook, a rollback) could not be started.
package enum ChildProcessError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotStart(program: String, reason: String)

    package var description: String {
        switch self {
        case .cannotStart(let program, let reason): return "cannot run \(program): \(reason)"
        }
    }
}

extension ChildProcessError: UserFacingError {}
