import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopMonitor

/// A production file read for a one-shot report in memory bounded by the reference, however
/// many rows it has: nothing is kept per row.
///
/// Up to three passes, each a parallel parse of the same bytes:
/// 1. every row into a streamed `Monitor` (rejections, line count, the whole file's figures),
///    finding where `--window` starts on the way;
/// 2. with a window that drops rows, the window's rows into another streamed monitor;
/// 3. when a statistic needs production values its counts cannot give (`DetailRequest`: the
///    gaps where the ECDFs cross, Evidently's bins), those values and counts.
/// Later passes stop where the first one did and check that the file is still the one it read.
package struct StreamedProduction {
    /// The monitor of the rows the report describes (the window's, or the whole file's).
    package var monitor: Monitor
    /// Per dimension, what the last pass found (nil when nothing was needed).
    package var details: [ProductionDetail]?
    /// Rows in the whole file.
    package var fileRows: Int

    /// Bytes parsed per round: half of a whole-file load's, as two rounds' bytes and parsed
    /// chunks are the largest part of a streamed read's memory after the reference.
    package static let roundBytes = 2 << 20

    /// - Throws: `ModelTopError.usage` for a time window without a timestamp column.
    package static func read(
        reference: ReferenceProfile, path: String, name: String? = nil, window: ProductionWindow, binning: PSIBinning,
        roundBytes: Int = StreamedProduction.roundBytes
    ) throws(ModelTopError) -> StreamedProduction {
        let first = try CSVFileStream(path: path, name: name, roundBytes: roundBytes)
        let schema = try first.schema.aligned(to: reference.schema, file: first.name, referenceFile: reference.file)
        if case .seconds(let seconds) = window, !schema.hasTimestamp {
            throw .usage("--window \(ReportNumber.general(seconds))s needs a timestamp column in \(first.name); use a row count instead")
        }
        let parser = ChunkParser(schema: schema, file: first.name)
        var whole = Monitor(reference: reference, productionSchema: schema, productionFile: first.name, keepingRows: false)
        var start = WindowStart(window: window)
        try first.forEachChunk(parser: parser) { chunk, _ in
            whole.append(chunk)
            start.add(rowCount: chunk.rowCount, timestamps: chunk.timestamp)
        }
        if !FileBytes.endsWithNewline(path: path) { whole.settleUnterminatedLastLine() }
        whole.catchUpStatistics()
        let limit = first.bytesRead, identity = first.identity
        func again() throws(ModelTopError) -> CSVFileStream {
            let stream = try CSVFileStream(path: path, name: name, roundBytes: roundBytes, byteLimit: limit)
            guard stream.identity == identity, stream.fileSize == limit else {
                throw .cannotRead(file: stream.name, reason: "replaced or truncated while being read; run the report again")
            }
            return stream
        }

        let firstRow = start.firstRow
        var monitor = whole
        if firstRow > 0 {
            var windowed = Monitor(reference: reference, productionSchema: schema, productionFile: first.name, keepingRows: false)
            try forEachRow(from: firstRow, of: again(), parser: parser) { windowed.append($0) }
            windowed.takeFileFacts(of: whole)
            windowed.catchUpStatistics()
            monitor = windowed
        }

        let requests = monitor.detailRequests(binning: binning)
        guard requests.contains(where: { !$0.isEmpty }) else {
            return StreamedProduction(monitor: monitor, details: nil, fileRows: whole.rows)
        }
        let grids = reference.dimensions.map(\.grid)
        var details = requests.indices.map { ProductionDetail(request: requests[$0], grid: grids[$0]) }
        // On this thread, while the workers parse the next round: a cell bitmap rejects almost
        // every value at once, so handing each chunk to the workers cost more than it saved.
        try forEachRow(from: firstRow, of: again(), parser: parser) { chunk in
            for d in details.indices where !requests[d].isEmpty { details[d].add(chunk.embeddings[d], grid: grids[d]) }
        }
        return StreamedProduction(monitor: monitor, details: details, fileRows: whole.rows)
    }

    /// Hands over the chunks of `stream` cut to the rows from `firstRow` on.
    private static func forEachRow(
        from firstRow: Int, of stream: CSVFileStream, parser: ChunkParser, _ body: (TableChunk) -> Void
    ) throws(ModelTopError) {
        var row = 0
        try stream.forEachChunk(parser: parser) { chunk, _ in
            defer { row += chunk.rowCount }
            guard row + chunk.rowCount > firstRow else { return }
            body(row >= firstRow ? chunk : chunk.droppingFirst(firstRow - row))
        }
    }
}
