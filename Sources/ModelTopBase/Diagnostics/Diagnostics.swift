/// The one place where errors and row problems become text for people.
package enum Diagnostics {
    /// `file:line:column: reason`, the form editors and compilers use.
    package static func message(for problem: RowProblem) -> String {
        var place = "\(problem.file):\(problem.line)"
        if let column = problem.column { place += ":\(column)" }
        return safe("\(place): \(problem.reason)")
    }

    /// Every message is one safe line: file names and anything else from the data that a
    /// message quotes pass through `SafeText` here, whatever the case forgot (escaping twice
    /// is harmless: an escape is printable).
    package static func message(for error: ModelTopError) -> String { safe(unsanitised(error)) }

    private static func safe(_ message: String) -> String { SafeText.inline(message, maxScalars: 4000) }

    private static func unsanitised(_ error: ModelTopError) -> String {
        switch error {
        case let .cannotRead(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .noHeader(file, blank):
            return blank
                ? "\(file):1: line 1 is blank; expected a header such as PCA_1,PCA_2,...,target"
                : "\(file): no header row: the file is empty; expected a header such as PCA_1,PCA_2,...,target"
        case let .headerIsData(file, first):
            return "\(file):1: the first line is data (\"\(SafeText.inline(first, maxScalars: 40))\"…), not a header: the file was probably created empty (touch) before the first to_csv(header=not exists); write the header row first"
        case let .duplicateColumn(file, name, column):
            return "\(file):1:\(column): column \"\(SafeText.inline(name))\" appears twice in the header"
        case let .noEmbeddingColumns(file):
            return "\(file):1: no embedding columns: every column is a reserved name (target, prediction, timestamp, latency_ms, confidence, proba_*, id)"
        case let .headerProblem(file, line, column, reason):
            return "\(file):\(line):\(column): \(reason)"
        case let .embeddingMismatch(file, reference, missing, unexpected):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(list(missing))") }
            if !unexpected.isEmpty { parts.append("not in the reference: \(list(unexpected))") }
            return "\(file):1: embedding columns do not match \(reference): " + parts.joined(separator: "; ")
        case let .recordTooLong(file, line, limit):
            return "\(file):\(line): a record longer than \(limit / (1 << 20)) MiB; is this a CSV file?"
        case let .noUsableRows(file, rejected):
            return rejected == 0
                ? "\(file): no rows yet: the file has only its header"
                : "\(file): no usable rows (\(rejected) rejected)"
        case let .cannotListen(address, reason):
            return "cannot listen on \(address): \(reason)"
        case let .usage(text):
            return text
        }
    }

    /// A summary line for a file's rejected rows, or nil when none were rejected.
    package static func rejectionSummary(file: String, log: RejectionLog) -> String? {
        guard log.count > 0 else { return nil }
        let shown = log.first.count < log.count ? "; the report lists the first \(log.first.count)" : "; the report lists them"
        return safe("\(file): \(log.count) row\(log.count == 1 ? "" : "s") rejected\(shown)")
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(8).map { "\"\(SafeText.inline($0))\"" }.joined(separator: ", ")
        return names.count > 8 ? shown + " and \(names.count - 8) more" : shown
    }
}
