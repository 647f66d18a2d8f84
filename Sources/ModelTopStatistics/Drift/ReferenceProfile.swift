import ModelTopBase
import ModelTopTables

/// The reference data set and everything computed from it once: sorted values, deciles, std.
package struct ReferenceProfile: Sendable {
    package let table: DataTable
    package let dimensions: [ReferenceDimension]

    package init(table: DataTable) {
        self.table = table
        dimensions = ParallelMap.map(count: table.dimensionCount) { d in
            ReferenceDimension(name: table.schema.embeddingNames[d], values: table.embeddings[d])
        }
    }

    package var file: String { table.file }
    package var schema: TableSchema { table.schema }
}
