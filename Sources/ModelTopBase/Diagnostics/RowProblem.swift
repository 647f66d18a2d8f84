/// A row that broke the input contract: where it is and why it was rejected.
///
/// Rows are never dropped or fixed silently: every rejected row is counted and the first
/// ones are kept as `RowProblem`s so the user can find them with an editor.
package struct RowProblem: Sendable, Equatable {
    /// The file's name as the user gave it.
    package var file: String
    /// 1-based physical line where the record starts.
    package var line: Int
    /// 1-based byte column of the offending field, or nil when the whole row is at fault.
    package var column: Int?
    package var reason: String

    package init(file: String, line: Int, column: Int?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }
}

/// Rejected rows of one input: the total count and the first few problems, in file order.
package struct RejectionLog: Sendable, Equatable {
    /// How many problems are kept verbatim; the rest are only counted.
    package static let keptProblems = 20

    package private(set) var count = 0
    package private(set) var first: [RowProblem] = []

    package init() {}

    package mutating func record(_ problem: RowProblem) {
        count += 1
        if first.count < Self.keptProblems { first.append(problem) }
    }

    /// Counts problems that were not kept verbatim.
    package mutating func recordUnlisted(_ count: Int) { self.count += count }

    /// Takes back the last problem when it is about line `line` or later (and every problem is
    /// listed, so the last one is known); true when it did.
    package mutating func withdrawLast(fromLine line: Int) -> Bool {
        guard count == first.count, let last = first.last?.line, last >= line else { return false }
        first.removeLast()
        count -= 1
        return true
    }

    /// Appends another log that comes later in the same file (or a later file).
    package mutating func append(_ other: RejectionLog) {
        count += other.count
        for problem in other.first where first.count < Self.keptProblems { first.append(problem) }
    }
}

extension RejectionLog {
    /// For checkpoints (`BinaryWriter`).
    package func write(to writer: inout BinaryWriter) {
        writer.int(count)
        writer.int(first.count)
        for problem in first {
            writer.string(problem.file)
            writer.int(problem.line)
            writer.int(problem.column ?? -1)
            writer.string(problem.reason)
        }
    }

    package init(reading reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init()
        let total = try reader.int(), listed = try reader.int()
        guard listed >= 0, listed <= Self.keptProblems, total >= listed else { throw BinaryDecodingError(reason: "rejection counts") }
        for _ in 0..<listed {
            let file = try reader.string(), line = try reader.int(), column = try reader.int(), reason = try reader.string()
            record(RowProblem(file: file, line: line, column: column < 0 ? nil : column, reason: reason))
        }
        recordUnlisted(total - listed)
    }
}
