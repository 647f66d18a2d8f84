import ModelTopBase

/// What stops the demo before it plays, said once for people (exit status 2).
package enum DemoCommandError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    case fixturesNotFound(tried: [String])
    case cannotRead(path: String)
    /// Writing the demo's files failed while it played (the reason as the writer said it).
    case playbackFailed(String)

    package var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .fixturesNotFound(let tried):
            "the bundled digits (digits.csv, ref_data.csv, pca.json) are not in \(tried.joined(separator: ", ")); "
                + "run from the repository or pass --fixtures DIR"
        case .cannotRead(let path): "\(path): cannot read"
        case .playbackFailed(let reason): reason
        }
    }
}

extension DemoCommandError: UserFacingError {}
