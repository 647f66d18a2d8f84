import ModelTopBase

/// A reference or production data set in columns, as read from a CSV file.
///
/// Chunks are appended in file order; labels from every chunk share one `LabelTable`, which
/// callers may seed (production with the reference's labels) so that ids agree across tables.
package struct DataTable: Sendable {
    package let schema: TableSchema
    package let file: String
    package private(set) var rowCount = 0
    /// Physical lines consumed so far, the header included.
    package private(set) var lineCount = 1
    package private(set) var embeddings: [[Double]]
    package private(set) var target: [Int32] = []
    package private(set) var prediction: [Int32] = []
    package private(set) var timestamp: [Double] = []
    package private(set) var latencyMs: [Double] = []
    package private(set) var confidence: [Double] = []
    package private(set) var probabilities: [[Double]]
    package private(set) var ids: [String] = []
    package private(set) var labels: LabelTable
    package private(set) var rejections = RejectionLog()

    package init(schema: TableSchema, file: String, labels: LabelTable = LabelTable()) {
        self.schema = schema
        self.file = file
        self.labels = labels
        embeddings = Array(repeating: [], count: schema.embeddingNames.count)
        probabilities = Array(repeating: [], count: schema.probabilityLabels.count)
    }

    package var dimensionCount: Int { embeddings.count }

    /// The same table with its per-row columns emptied (rows, labels, rejections kept): what a
    /// streamed report holds on to once the reference's statistics are computed.
    package func keepingOnlyCounts() -> DataTable {
        var copy = self
        copy.embeddings = embeddings.map { _ in [] }
        copy.target = []
        copy.prediction = []
        copy.timestamp = []
        copy.latencyMs = []
        copy.confidence = []
        copy.probabilities = probabilities.map { _ in [] }
        copy.ids = []
        return copy
    }

    /// Reserves room for about `rows` rows so a large file grows its columns once.
    package mutating func reserveCapacity(rows: Int) {
        for d in embeddings.indices { embeddings[d].reserveCapacity(rows) }
        if schema.hasTarget { target.reserveCapacity(rows) }
        if schema.hasPrediction { prediction.reserveCapacity(rows) }
    }

    /// Appends a chunk that follows everything appended so far in the file.
    package mutating func append(_ chunk: TableChunk) {
        let remap = chunk.labelNames.map { labels.intern($0) }
        for d in embeddings.indices { embeddings[d].append(contentsOf: chunk.embeddings[d]) }
        for p in probabilities.indices { probabilities[p].append(contentsOf: chunk.probabilities[p]) }
        if !chunk.target.isEmpty { target.append(contentsOf: chunk.target.lazy.map { $0 < 0 ? -1 : remap[Int($0)] }) }
        if !chunk.prediction.isEmpty { prediction.append(contentsOf: chunk.prediction.lazy.map { remap[Int($0)] }) }
        timestamp.append(contentsOf: chunk.timestamp)
        latencyMs.append(contentsOf: chunk.latencyMs)
        confidence.append(contentsOf: chunk.confidence)
        ids.append(contentsOf: chunk.ids)
        var shifted = RejectionLog()
        for problem in chunk.rejections.first {
            var moved = problem
            moved.line += lineCount
            shifted.record(moved)
        }
        rejections.append(shifted)
        // Problems beyond the kept ones still count.
        let uncounted = chunk.rejections.count - chunk.rejections.first.count
        if uncounted > 0 { rejections.recordUnlisted(uncounted) }
        rowCount += chunk.rowCount
        lineCount += chunk.lineCount
    }

    /// Records a problem found outside the chunk parser (for example, a record too long).
    package mutating func reject(_ problem: RowProblem) { rejections.record(problem) }
}
