import ModelTopTables

/// Served requests from prediction logs, in columns, after feedback has been joined.
///
/// One row per request line, in the order the logs were written (older files first). Absent
/// optional values are NaN (numbers), -1 (label and id numbers) or 0 (status: the line had none,
/// which counts as success). Label ids index `labels`; id numbers index `identifiers`.
package struct RequestTable: Sendable, Equatable {
    package var ts: [Double] = []
    /// NaN when the line had no `latency_ms`.
    package var latencyMs: [Double] = []
    /// The HTTP status, or 0 when the line had none.
    package var status: [Int32] = []
    /// -1 for a failed request that logged no prediction.
    package var prediction: [Int32] = []
    /// -1 until feedback (or an inline `target`) gives the true label.
    package var target: [Int32] = []
    /// The line's `confidence` field, NaN when absent (see `confidence(at:)` for the effective value).
    package var confidenceField: [Double] = []
    /// `probs` of all rows, concatenated; row r's are `probabilities[probabilityStart[r] ..< probabilityStart[r + 1]]`.
    package var probabilities: [Double] = []
    package var probabilityStart: [Int] = [0]
    /// `embedding` of all rows, concatenated, with the same start-index scheme.
    package var embeddings: [Double] = []
    package var embeddingStart: [Int] = [0]
    /// Each row's id number in `identifiers`, or -1 when the line had no id.
    package var idNumbers: [Int32] = []
    package var identifiers = RequestIDs()
    package var labels = LabelTable()

    package init() {}

    package var count: Int { ts.count }

    /// Row ids as text (`ids[row]`, nil when the line had none).
    package var ids: IDColumn { IDColumn(numbers: idNumbers, identifiers: identifiers) }

    package struct IDColumn: Sendable {
        let numbers: [Int32]
        let identifiers: RequestIDs

        package var count: Int { numbers.count }

        package subscript(row: Int) -> String? {
            numbers[row] < 0 ? nil : identifiers.string(numbers[row])
        }
    }

    package func probabilities(at row: Int) -> ArraySlice<Double> {
        probabilities[probabilityStart[row]..<probabilityStart[row + 1]]
    }

    package func embedding(at row: Int) -> ArraySlice<Double> {
        embeddings[embeddingStart[row]..<embeddingStart[row + 1]]
    }

    /// A request that produced a prediction: one was logged, and the status is absent or below 500.
    package func isScored(_ row: Int) -> Bool { prediction[row] >= 0 && (status[row] == 0 || status[row] < 500) }

    /// The top-class probability: max(probs) when present, else the `confidence` field, else NaN.
    package func confidence(at row: Int) -> Double {
        let probs = probabilities(at: row)
        if let top = probs.max() { return top }
        return confidenceField[row]
    }
}
