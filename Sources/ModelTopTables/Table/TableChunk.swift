import ModelTopBase

/// The columns parsed from one block of CSV records. Blocks are parsed independently (in
/// parallel) and appended to a `DataTable` in file order.
public struct TableChunk: Sendable {
    public var rowCount = 0
    /// Physical lines the block spans (quoted newlines included), to number later blocks.
    public var lineCount = 0
    /// `embeddings[dimension][row]`, dimensions in the reference's order.
    public var embeddings: [[Double]]
    public var target: [Int32] = []
    public var prediction: [Int32] = []
    public var timestamp: [Double] = []
    public var latencyMs: [Double] = []
    public var confidence: [Double] = []
    /// `probabilities[k][row]` for the schema's k-th `proba_` column.
    public var probabilities: [[Double]]
    public var ids: [String] = []
    /// Label names for the chunk-local ids in `target` and `prediction`.
    public var labelNames: [String] = []
    /// Problems with line numbers relative to the block's first line (1 = first line).
    public var rejections = RejectionLog()

    init(dimensions: Int, probabilityColumns: Int) {
        embeddings = Array(repeating: [], count: dimensions)
        probabilities = Array(repeating: [], count: probabilityColumns)
    }
}
