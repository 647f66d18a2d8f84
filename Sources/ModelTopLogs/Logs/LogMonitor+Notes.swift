import ModelTopBase

/// What the user should know about how the logs were read: keys modeltop does not know (with a
/// likely spelling), repeated request ids, and feedback lines that repeat their request.
extension LogMonitor {
    /// The keys of FORMATS.md §3, in the spellings accepted for them.
    package static let knownKeys = [
        "ts", "timestamp", "time", "prediction", "target", "id", "latency_ms", "latency", "confidence", "status",
        "probs", "probabilities", "proba", "embedding", "pixels",
    ]

    /// One line each, for a report's `notes`; `directory` names the logs.
    package func notes(directory: String) -> [String] {
        let (warnings, information) = readingNotes(directory: directory)
        return warnings + information
    }

    /// The same, split: what may hide a problem in the logger (unknown keys, duplicate ids:
    /// the dashboard's warnings) and what only explains how lines were counted.
    package func readingNotes(directory: String) -> (warnings: [String], information: [String]) {
        var notes: [String] = []
        for (key, lines) in unknownKeys.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            let hint = Self.suggestion(for: key).map { "; did you mean `\($0)`?" } ?? "; it is ignored"
            notes.append("\(SafeText.inline(directory)): unknown key `\(SafeText.inline(key, maxScalars: 40))` in \(ReportNumber.grouped(lines)) line\(lines == 1 ? "" : "s")\(hint)")
        }
        if otherUnknownKeyLines > 0 {
            notes.append("\(SafeText.inline(directory)): more unknown keys in \(ReportNumber.grouped(otherUnknownKeyLines)) lines")
        }
        if duplicateRequests > 0 {
            let first = firstDuplicate.map { " (the first: id \"\(SafeText.inline($0, maxScalars: 40))\")" } ?? ""
            notes.append("\(SafeText.inline(directory)): \(ReportNumber.grouped(duplicateRequests)) request line\(duplicateRequests == 1 ? " repeats" : "s repeat") an earlier request's id\(first); each request is counted once")
        }
        var information: [String] = []
        if repeatedFeedback > 0 {
            information.append("\(SafeText.inline(directory)): \(ReportNumber.grouped(repeatedFeedback)) feedback line\(repeatedFeedback == 1 ? " repeats its" : "s repeat their") request's fields; read as feedback, not as new requests")
        }
        if history.requests > 0 {
            information.append("\(SafeText.inline(directory)): the oldest \(ReportNumber.grouped(history.requests)) requests are kept as counts only (the newest \(ReportNumber.grouped(table.count)) are kept whole, --feedback-horizon): volume, errors and measured quality cover every request; latency, confidence, estimated accuracy and the windows cover the newest; feedback for a request that left is counted as feedback without a request")
        }
        let failed = failedWithoutPrediction
        if failed > 0 {
            information.append("\(SafeText.inline(directory)): \(ReportNumber.grouped(failed)) failed request\(failed == 1 ? "" : "s") without a prediction: counted in volume, errors and latency, not in confidence or quality")
        }
        return (notes, information)
    }

    /// The known key closest to `key` by edit distance (at most 2, or 1 for short keys), if any.
    static func suggestion(for key: String) -> String? {
        let lowered = key.lowercased()
        if knownKeys.contains(lowered) { return lowered }
        let limit = key.count <= 4 ? 1 : 2
        let best = knownKeys.map { ($0, editDistance(lowered, $0)) }.min { $0.1 < $1.1 }
        return best.flatMap { $0.1 <= limit ? $0.0 : nil }
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
