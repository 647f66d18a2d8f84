import ModelTopBase

/// The columns parsed from one block of CSV records. Blocks are parsed independently (in
/// parallel) and appended to a `DataTable` in file order.
package struct TableChunk: Sendable {
    package var rowCount = 0
    /// Physical lines the block spans (quoted newlines included), to number later blocks.
    package var lineCount = 0
    /// `embeddings[dimension][row]`, dimensions in the reference's order.
    package var embeddings: [[Double]]
    package var target: [Int32] = []
    package var prediction: [Int32] = []
    package var timestamp: [Double] = []
    package var latencyMs: [Double] = []
    package var confidence: [Double] = []
    /// `probabilities[k][row]` for the schema's k-th `proba_` column.
    package var probabilities: [[Double]]
    package var ids: [String] = []
    /// Label names for the chunk-local ids in `target` and `prediction`.
    package var labelNames: [String] = []
    /// Problems with line numbers relative to the block's first line (1 = first line).
    package var rejections = RejectionLog()

    init(dimensions: Int, probabilityColumns: Int) {
        embeddings = Array(repeating: [], count: dimensions)
        probabilities = Array(repeating: [], count: probabilityColumns)
    }

    /// The same rows without the first `count` (a window that starts inside this chunk).
    /// Rejections and line counts describe the whole block and are not carried over.
    package func droppingFirst(_ count: Int) -> TableChunk {
        func tail<T>(_ column: [T]) -> [T] { Array(column.dropFirst(count)) }
        var kept = TableChunk(dimensions: embeddings.count, probabilityColumns: probabilities.count)
        kept.rowCount = max(0, rowCount - count)
        kept.embeddings = embeddings.map(tail)
        kept.target = tail(target)
        kept.prediction = tail(prediction)
        kept.timestamp = tail(timestamp)
        kept.latencyMs = tail(latencyMs)
        kept.confidence = tail(confidence)
        kept.probabilities = probabilities.map(tail)
        kept.ids = tail(ids)
        kept.labelNames = labelNames
        return kept
    }
}
