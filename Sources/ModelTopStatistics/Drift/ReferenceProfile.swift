import ModelTopBase
import ModelTopTables

/// The reference data set and everything computed from it once: sorted values, deciles, std.
package struct ReferenceProfile: Sendable {
    package let table: DataTable
    package let dimensions: [ReferenceDimension]
    /// The reference as a whole: reconstruction baseline and a row sample (issue 17).
    package let embedding: ReferenceEmbedding

    /// - Parameter keepingRows: false drops the table's per-row columns once the dimensions are
    ///   computed (a streamed report needs only the statistics, the labels and the counts).
    package init(table: DataTable, keepingRows: Bool = true) {
        dimensions = ParallelMap.map(count: table.dimensionCount) { d in
            ReferenceDimension(name: table.schema.embeddingNames[d], values: table.embeddings[d])
        }
        embedding = ReferenceEmbedding(columns: table.embeddings)
        self.table = keepingRows ? table : table.keepingOnlyCounts()
    }

    package var file: String { table.file }
    package var schema: TableSchema { table.schema }
}
