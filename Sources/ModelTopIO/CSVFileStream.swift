#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModelTopCore

/// Reads a CSV file from disk in large blocks cut at record boundaries and parses the blocks
/// in parallel, handing the parsed chunks over in file order. Never writes to the file.
public final class CSVFileStream {
    /// Bytes read per round by default; each round is split into one piece per core.
    public static let defaultRoundBytes = 8 << 20
    /// A record longer than this stops the read: it is not a CSV record.
    public static let maxRecordBytes = 64 << 20

    public let path: String
    /// The name used in messages (the path as the user wrote it).
    public let name: String
    public let schema: TableSchema
    public let fileSize: Int
    /// Bytes read per round (tests make it tiny to exercise block cuts).
    public let roundBytes: Int
    private let descriptor: Int32
    private var carry: [UInt8]
    private var atEnd = false

    /// Opens `path` and reads its header.
    public init(path: String, name: String? = nil, roundBytes: Int = CSVFileStream.defaultRoundBytes) throws(ModelTopError) {
        self.path = path
        self.roundBytes = max(64, roundBytes)
        self.name = name ?? path
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
        fileSize = Int(info.st_size)
        carry = []
        var buffer: [UInt8] = []
        do {
            var header: (schema: TableSchema, length: Int)?
            let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
            defer { scratch.deallocate() }
            while header == nil {
                let got = try Self.readAppending(fd, into: &buffer, scratch: scratch, name: name ?? path)
                header = try buffer.withUnsafeBufferPointer { bytes throws(ModelTopError) in
                    try CSVHeader.parse(bytes, file: name ?? path, atEnd: got == 0)
                }
                if header == nil, got == 0 { throw ModelTopError.noHeader(file: name ?? path) }
                if buffer.count > Self.maxRecordBytes {
                    throw ModelTopError.recordTooLong(file: name ?? path, line: 1, limit: Self.maxRecordBytes)
                }
            }
            guard let header else { throw ModelTopError.noHeader(file: name ?? path) }
            schema = header.schema
            carry = Array(buffer[header.length...])
            atEnd = false
        } catch {
            close(fd)
            throw error as? ModelTopError ?? .cannotRead(file: name ?? path, reason: "\(error)")
        }
    }

    deinit { close(descriptor) }

    /// Parses every record after the header with `parser`, calling `consume` with each chunk in
    /// file order and an estimate of the file's total rows (for reserving capacity).
    public func forEachChunk(
        parser: ChunkParser, lineOffset: Int = 1, _ consume: (TableChunk, _ estimatedRows: Int) -> Void
    ) throws(ModelTopError) {
        let cores = ParallelCSVParse.cores
        var bytesParsed = 0, rowsParsed = 0, linesParsed = lineOffset
        // One buffer for every round: the unparsed tail moves to its front and the next round is
        // read in after it, so its pages are faulted in once, not twice per 8 MB round.
        var buffer = carry
        carry = []
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: roundBytes)
        defer { scratch.deallocate() }
        while true {
            if !atEnd {
                let got = try Self.readAppending(descriptor, into: &buffer, scratch: scratch, name: name)
                if got == 0 { atEnd = true }
            }
            if buffer.isEmpty { return }
            // Cut the buffer into one piece per core at record boundaries.
            let (chunks, pieces, start) = ParallelCSVParse.parse(
                buffer, parser: parser, cores: cores, includeUnterminatedTail: atEnd)
            if chunks.isEmpty {
                // No record ends in what was read: read more, within reason.
                if buffer.count > Self.maxRecordBytes {
                    throw .recordTooLong(file: name, line: linesParsed + 1, limit: Self.maxRecordBytes)
                }
                if atEnd { return }
                continue
            }
            for (k, chunk) in chunks.enumerated() {
                bytesParsed += pieces[k].count
                rowsParsed += chunk.rowCount
                linesParsed += chunk.lineCount
                let estimate = bytesParsed > 0 ? Int(Double(max(fileSize, bytesParsed)) / Double(bytesParsed) * Double(rowsParsed) * 1.02) : 0
                consume(chunk, estimate)
            }
            buffer.removeSubrange(0..<start)
        }
    }

    /// Reads up to `scratch.count` bytes from `fd` onto the end of `buffer`; returns how many were
    /// read (0 at end). The caller reuses `scratch` from round to round and `buffer` keeps its
    /// capacity, so no round faults in fresh pages.
    private static func readAppending(
        _ fd: Int32, into buffer: inout [UInt8], scratch: UnsafeMutableBufferPointer<UInt8>, name: String
    ) throws(ModelTopError) -> Int {
        let got = try FileBytes.read(fd, into: scratch, name: name)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<got]))
        return got
    }

}

/// Loading whole tables and monitors from files.
public enum DataFiles {
    /// Reads a reference (or any) CSV file into a table.
    public static func loadTable(
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
    public static func loadMonitor(
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
        return monitor
    }
}
