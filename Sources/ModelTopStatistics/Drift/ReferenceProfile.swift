import ModelTopBase
import ModelTopTables

/// The reference data set and everything computed from it once: sorted values, deciles, std.
public struct ReferenceProfile: Sendable {
    public let table: DataTable
    public let dimensions: [ReferenceDimension]

    public init(table: DataTable) {
        self.table = table
        dimensions = ParallelMap.map(count: table.dimensionCount) { d in
            ReferenceDimension(name: table.schema.embeddingNames[d], values: table.embeddings[d])
        }
    }

    public var file: String { table.file }
    public var schema: TableSchema { table.schema }
}
