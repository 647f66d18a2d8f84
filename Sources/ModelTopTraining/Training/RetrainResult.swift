import Foundation
import ModelTopBase

/// What `modeltop retrain --format json` prints, and what the dashboard and a `--retrain-cmd`
/// hook's output are read back as: one type, written and read with the same keys.
///
/// Written by `JSONWriter` (fixed key order, the report's number format) and read by the
/// snake_case decoder every modeltop file goes through. A hook may print only the decision
/// (`champion`, `challenger`, `promoted`, `reason`); the rest is then absent.
package struct RetrainResult: Codable, Sendable, Equatable {
    package var champion: ModelRegistry.Score?
    package var challenger: ModelRegistry.Score
    package var promoted: Bool
    package var reason: String
    package var holdoutRows: Int?
    package var trainRows: Int?
    package var seconds: Double?
    package var fit: Fit?
    /// The version current after the run (null when none is).
    package var current: String?

    /// How the optimiser ended, as model files and this output write it.
    package struct Fit: Codable, Sendable, Equatable {
        package var iterations: Int
        package var converged: Bool
        package var stop: String
        package var loss: Double
        package var gradientNorm: Double

        package init(_ fit: SoftmaxTrainer.Fit) {
            iterations = fit.iterations
            converged = fit.converged
            stop = fit.stop
            loss = fit.loss
            gradientNorm = fit.gradientNorm
        }
    }

    package init(
        champion: ModelRegistry.Score?, challenger: ModelRegistry.Score, promoted: Bool, reason: String,
        holdoutRows: Int? = nil, trainRows: Int? = nil, seconds: Double? = nil, fit: SoftmaxTrainer.Fit? = nil, current: String? = nil
    ) {
        self.champion = champion
        self.challenger = challenger
        self.promoted = promoted
        self.reason = reason
        self.holdoutRows = holdoutRows
        self.trainRows = trainRows
        self.seconds = seconds
        self.fit = fit.map(Fit.init)
        self.current = current
    }

    /// The decision the Retrain screen shows.
    package var outcome: RetrainOutcome {
        RetrainOutcome(champion: champion, challenger: challenger, promoted: promoted, reason: reason)
    }

    /// The JSON object, one key per line, as `retrain --format json` prints it.
    package func json() -> String {
        var w = JSONWriter()
        w.object { w in
            ModelRegistry.Score.write(champion, "champion", into: &w)
            ModelRegistry.Score.write(challenger, "challenger", into: &w)
            w.field("promoted", promoted)
            w.field("reason", reason)
            if let holdoutRows { w.field("holdout_rows", holdoutRows) }
            if let trainRows { w.field("train_rows", trainRows) }
            if let seconds { w.field("seconds", seconds) }
            if let fit { fit.write(into: &w) }
            if let current { w.field("current", current) } else { w.null("current") }
        }
        return w.text + "\n"
    }

    /// A child's standard output read back: the JSON object from the first line that opens one
    /// to the end; nil when there is none or it is not a retrain result.
    package static func read(standardOutput bytes: [UInt8]) -> RetrainResult? {
        firstObject(Self.self, in: bytes)
    }

    /// A hook's reported decision (`HookRun`): its last output line that is such an object,
    /// else the first one on stdout.
    package static func reported(standardOutput: [UInt8], lines: [String]) -> RetrainResult? {
        for line in lines.reversed() where line.hasPrefix("{") {
            if case .success(let found) = DecodingProblem.decode(Self.self, from: Array(line.utf8)) { return found }
        }
        return read(standardOutput: standardOutput)
    }

    /// The version current after a run (`retrain` and `rollback` both print `current`).
    package static func current(standardOutput bytes: [UInt8]) -> String? {
        struct Current: Decodable { var current: String? }
        return firstObject(Current.self, in: bytes)?.current
    }

    /// The JSON object on stdout that decodes as `T`: from the first line that opens one to the end.
    private static func firstObject<T: Decodable>(_ type: T.Type, in bytes: [UInt8]) -> T? {
        var start = 0
        while start < bytes.count {
            if bytes[start] == UInt8(ascii: "{"), case .success(let found) = DecodingProblem.decode(type, from: Array(bytes[start...])) {
                return found
            }
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = newline + 1
        }
        return nil
    }

    package func text() -> String {
        var lines: [String] = []
        let training = holdoutRows.map { "  (holdout \($0) rows, trained on \(trainRows ?? 0) rows, \(fit?.iterations ?? 0) iterations)" } ?? ""
        lines.append("challenger \(challenger.version): " + TrainingOutput.scores(challenger) + training)
        if let champion {
            lines.append("champion   \(champion.version): " + TrainingOutput.scores(champion))
        } else {
            lines.append("champion   none")
        }
        lines.append((promoted ? "PROMOTED: " : "REFUSED: ") + SafeText.inline(reason))
        lines.append("current model: \(current ?? "none")  (\(ReportNumber.fixed(seconds ?? 0, 2)) s)")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RetrainResult.Fit {
    /// `"fit": {...}`.
    func write(into w: inout JSONWriter) {
        w.object("fit") { w in
            w.field("iterations", iterations)
            w.field("converged", converged)
            w.field("stop", stop)
            w.field("loss", loss)
            w.field("gradient_norm", gradientNorm)
        }
    }
}
