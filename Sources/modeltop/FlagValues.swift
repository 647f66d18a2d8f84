import ArgumentParser
import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// Typed flag values, parsed once where the flag is declared, with a message that names the
/// flag and what it takes. Commands then hold enums and durations, never strings to re-check.
enum FlagValue {
    /// One of an enum's raw values.
    static func choice<T: ExpressibleByArgument & CaseIterable>(_ flag: String) -> @Sendable (String) throws -> T {
        { text in
            guard let value = T(argument: text) else {
                let names = T.allCases.map { "\($0.defaultValueDescription)" }.joined(separator: ", ")
                throw ValidationError("\(flag) must be one of \(names); found '\(SafeText.inline(text))'")
            }
            return value
        }
    }

    /// A duration in the one grammar every flag uses (`DurationText`): 500ms, 30s, 15m, 2h, 7d.
    static func duration(_ flag: String, example: String, allowsZero: Bool = false) -> @Sendable (String) throws -> FlagDuration {
        { text in
            guard let seconds = DurationText.seconds(text), seconds > 0 || (allowsZero && seconds == 0) else {
                throw ValidationError("\(flag) must be a duration such as \(example); found '\(SafeText.inline(text))'")
            }
            return FlagDuration(seconds: seconds, text: text)
        }
    }

    /// `--window`: all, a row count, or a duration.
    static let window: @Sendable (String) throws -> ProductionWindow = { text in
        guard let window = ProductionWindow(text) else {
            throw ValidationError("--window must be all, a row count or a duration such as 15m; found '\(SafeText.inline(text))'")
        }
        return window
    }

    /// `--max-rejected`: a count or a share.
    static let rejectionLimit: @Sendable (String) throws -> RejectionLimit = { text in
        guard let limit = RejectionLimit(text) else {
            throw ValidationError("--max-rejected takes a count (5) or a share (1%); found '\(SafeText.inline(text))'")
        }
        return limit
    }
}

extension DriftTest: ExpressibleByArgument {}
extension PSIBinning: ExpressibleByArgument {}
extension EmbeddingTest: ExpressibleByArgument {}

/// `--ks-adjust`: how the KS p-values of all dimensions are corrected.
enum KSAdjustment: String, ExpressibleByArgument, CaseIterable {
    /// Benjamini–Hochberg across dimensions.
    case bh
    /// Raw p-values, as Evidently.
    case none
}

/// A duration flag's value: its seconds, and the text it was given (shown as the default in help).
struct FlagDuration: CustomStringConvertible, Sendable {
    var seconds: Double
    var text: String
    var description: String { text }
}
