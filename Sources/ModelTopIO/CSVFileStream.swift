import Glibc
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopMonitor

/// Reads a CSV file from disk in large blocks cut at record boundaries and parses the blocks
/// in parallel, handing the parsed chunks over in file order. Never writes to the file.
package final class CSVFileStream {
    /// Bytes read per round by default; each round is split into one piece per core.
    package static let defaultRoundBytes = 8 << 20
    /// A record longer than this stops the read: it is not a CSV record.
    package static let maxRecordBytes = 64 << 20

    package let path: String
    /// The name used in messages (the path as the user wrote it).
    package let name: String
    package let schema: TableSchema
    package let fileSize: Int
    /// Bytes read per round (tests make it tiny to exercise block cuts): at most the size asked
    /// for, and an eighth of the file when that is less (but at least 1 MB), so a small file
    /// still goes through the pipeline in several rounds and its buffers are no bigger than it needs.
    package let roundBytes: Int
    private let descriptor: Int32
    private var carry: [UInt8]
    private var atEnd = false
    /// Bytes read from the file so far (the header included).
    package private(set) var bytesRead = 0
    /// Reading stops here, as at the end of the file: a second pass over a file that is being
    /// appended to reads exactly what the first one did.
    private let byteLimit: Int
    /// The file's device and inode, to tell a later pass it is still the same file.
    package let identity: FileIdentity?

    /// Opens `path` and reads its header.
    package init(
        path: String, name: String? = nil, roundBytes: Int = CSVFileStream.defaultRoundBytes, byteLimit: Int = .max
    ) throws(ModelTopError) {
        self.path = path
        self.name = name ?? path
        self.byteLimit = byteLimit
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(file: name ?? path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw .cannotRead(file: name ?? path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .cannotRead(file: name ?? path, reason: "is a directory")
        }
        descriptor = fd
        identity = FileIdentity(descriptor: fd)
        fileSize = min(Int(info.st_size), byteLimit)
        self.roundBytes = max(64, min(roundBytes, max(1 << 20, fileSize / 8)))
        carry = []
        let buffer = ReadBuffer(capacity: 1 << 20)
        do {
            var header: (schema: TableSchema, length: Int)?
            while header == nil {
                let got = try buffer.readAppending(fd, upTo: min(1 << 20, byteLimit - bytesRead), name: name ?? path)
                bytesRead += got
                header = try CSVHeader.parse(buffer.bytes, file: name ?? path, atEnd: got == 0)
                if header == nil, got == 0 { throw ModelTopError.noHeader(file: name ?? path) }
                if buffer.count > Self.maxRecordBytes {
                    throw ModelTopError.recordTooLong(file: name ?? path, line: 1, limit: Self.maxRecordBytes)
                }
            }
            guard let header else { throw ModelTopError.noHeader(file: name ?? path) }
            schema = header.schema
            carry = Array(buffer.bytes[header.length...])
            atEnd = false
        } catch {
            close(fd)
            throw error as? ModelTopError ?? .cannotRead(file: name ?? path, reason: "\(error)")
        }
    }

    deinit { close(descriptor) }

    /// Reads up to `count` more bytes into `buffer`, never past the byte limit; 0 at the end.
    private func read(into buffer: ReadBuffer, upTo count: Int) throws(ModelTopError) -> Int {
        let allowed = min(count, byteLimit - bytesRead)
        guard allowed > 0 else { return 0 }
        let got = try buffer.readAppending(descriptor, upTo: allowed, name: name)
        bytesRead += got
        return got
    }

    /// Parses every record after the header with `parser`, calling `consume` with each chunk in
    /// file order and an estimate of the file's total rows (for reserving capacity).
    ///
    /// A pipeline of rounds: while the worker threads parse round n, this thread hands round
    /// n − 1's chunks to `consume` and reads round n + 1 into a second buffer. Reading and
    /// consuming in between the parses instead left a core idle for a fifth of the time.
    package func forEachChunk(
        parser: ChunkParser, lineOffset: Int = 1, _ consume: (TableChunk, _ estimatedRows: Int) -> Void
    ) throws(ModelTopError) {
        let pieceCount = ParallelCSVParse.cores * 2
        let delimiter = parser.schema.dialect.delimiter
        var bytesParsed = 0, rowsParsed = 0, linesParsed = lineOffset
        var current = ReadBuffer(capacity: roundBytes + carry.count)
        var next = ReadBuffer(capacity: roundBytes + carry.count)
        carry.withUnsafeBufferPointer { current.replace(with: $0) }
        carry = []
        var pending: (chunks: [TableChunk], pieces: [Range<Int>]) = ([], [])
        func handOver(_ parsed: (chunks: [TableChunk], pieces: [Range<Int>])) {
            for (k, chunk) in parsed.chunks.enumerated() {
                bytesParsed += parsed.pieces[k].count
                rowsParsed += chunk.rowCount
                linesParsed += chunk.lineCount
                let estimate = bytesParsed > 0 ? Int(Double(max(fileSize, bytesParsed)) / Double(bytesParsed) * Double(rowsParsed) * 1.02) : 0
                consume(chunk, estimate)
            }
        }
        // A short first round: the workers wait for it, and start on it while the next is read.
        if !atEnd, try read(into: current, upTo: min(roundBytes, 1 << 20)) == 0 { atEnd = true }
        while true {
            let (pieces, end) = ParallelCSVParse.cut(
                current.bytes, into: pieceCount, delimiter: delimiter, includeUnterminatedTail: atEnd)
            if pieces.isEmpty {
                // Nothing left, or no record ends in what was read: read more, within reason.
                if atEnd { break }
                if current.count > Self.maxRecordBytes {
                    handOver(pending)
                    throw .recordTooLong(file: name, line: linesParsed + 1, limit: Self.maxRecordBytes)
                }
                if try read(into: current, upTo: roundBytes) == 0 { atEnd = true }
                continue
            }
            // The unfinished record at the end starts the next round.
            next.replace(with: UnsafeBufferPointer(rebasing: current.bytes[end...]))
            let bytes = SharedBytes(current.bytes)
            let round = BackgroundResult { ParallelCSVParse.parse(bytes.bytes, pieces: pieces, parser: parser) }
            handOver(pending)
            var readFailure: ModelTopError?
            if !atEnd {
                do throws(ModelTopError) {
                    if try read(into: next, upTo: roundBytes) == 0 { atEnd = true }
                } catch {
                    readFailure = error
                }
            }
            pending = (round.wait(), pieces)
            if let readFailure {
                handOver(pending)
                throw readFailure
            }
            swap(&current, &next)
        }
        handOver(pending)
    }

}

/// Loading whole tables and monitors from files.
package enum DataFiles {
    /// Reads a reference (or any) CSV file into a table.
    package static func loadTable(
        path: String, name: String? = nil, roundBytes: Int = CSVFileStream.defaultRoundBytes
    ) throws(ModelTopError) -> DataTable {
        let stream = try CSVFileStream(path: path, name: name, roundBytes: roundBytes)
        var table = DataTable(schema: stream.schema, file: stream.name)
        var reserved = false
        try stream.forEachChunk(parser: ChunkParser(schema: stream.schema, file: stream.name)) { chunk, estimate in
            if !reserved {
                table.reserveCapacity(rows: estimate)
                reserved = true
            }
            table.append(chunk)
        }
        return table
    }

    /// Reads a production CSV file into a monitor over `reference`.
    package static func loadMonitor(
        reference: ReferenceProfile, productionPath: String, name: String? = nil
    ) throws(ModelTopError) -> Monitor {
        let stream = try CSVFileStream(path: productionPath, name: name)
        let schema = try stream.schema.aligned(to: reference.schema, file: stream.name, referenceFile: reference.file)
        var monitor = Monitor(reference: reference, productionSchema: schema, productionFile: stream.name)
        var reserved = false
        try stream.forEachChunk(parser: ChunkParser(schema: schema, file: stream.name)) { chunk, estimate in
            if !reserved {
                // From the first round's bytes per row, with 2% headroom (see `forEachChunk`).
                monitor.reserveCapacity(rows: estimate)
                reserved = true
            }
            monitor.append(chunk)
        }
        if !FileBytes.endsWithNewline(path: productionPath) { monitor.settleUnterminatedLastLine() }
        MemoryRelease.returnFreedMemory()
        return monitor
    }
}
