/// An error that stops a command: an unusable file or a bad flag. Exit status 2.
///
/// Row-level problems are not errors of this kind (see `RowProblem`): the rest of the file is
/// still read. Every case is turned into text in exactly one place, `Diagnostics.message(for:)`.
package enum ModelTopError: Error, Sendable, Equatable {
    case cannotRead(file: String, reason: String)
    /// `blankFirstLine`: the file has bytes but its first line is blank.
    case noHeader(file: String, blankFirstLine: Bool = false)
    /// The first line is data, not a header: the file was created empty (`touch`) and then
    /// appended to with `header=not os.path.exists(...)`, which was then false.
    case headerIsData(file: String, firstField: String)
    case duplicateColumn(file: String, name: String, column: Int)
    case noEmbeddingColumns(file: String)
    case headerProblem(file: String, line: Int, column: Int, reason: String)
    case embeddingMismatch(file: String, reference: String, missing: [String], unexpected: [String])
    case recordTooLong(file: String, line: Int, limit: Int)
    case noUsableRows(file: String, rejected: Int)
    case usage(String)
    /// `--listen`: the address could not be bound (in use, not this host's, no permission).
    case cannotListen(address: String, reason: String)
}
