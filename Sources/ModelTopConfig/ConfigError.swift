import ModelTopBase

/// A config file modeltop cannot take as written: where (file and line when known) and why,
/// with a suggestion when a name looks mistyped. Exit status 2, like any usage error.
package struct ConfigError: UserFacingError, CustomStringConvertible, Equatable {
    package var file: String
    package var line: Int?
    package var message: String

    package init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    package var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// "did you mean …?" for a mistyped name: the closest known one by edit distance, when close.
package enum Suggestion {
    package static func closest(to name: String, among known: [String]) -> String? {
        let best = known.map { ($0, distance(name, $0)) }.min { $0.1 < $1.1 }
        if let best, best.1 <= max(2, name.count / 3) { return best.0 }
        // A name cut short or run on ("latency" for "latency_p99").
        return name.count >= 4 ? known.sorted().first { $0.hasPrefix(name) || name.hasPrefix($0) } : nil
    }

    package static func hint(for name: String, among known: [String]) -> String {
        closest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
