import ModelTopBase

/// Why the demo cannot start from the bundled fixtures; the executable turns it into text.
package enum DemoError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidPCA(String)
    case invalidDigits(line: Int, reason: String)
    case referenceMismatch(row: Int)
    case emptyPool

    package var description: String {
        switch self {
        case .invalidPCA(let reason): "pca.json: \(reason)"
        case .invalidDigits(let line, let reason): "digits.csv:\(line): \(reason)"
        case .referenceMismatch(let row):
            "ref_data.csv row \(row) matches no image of digits.csv through pca.json; regenerate the fixtures together"
        case .emptyPool: "every image of digits.csv is in the reference; the demo needs others to serve"
        }
    }
}

extension DemoError: UserFacingError {}
