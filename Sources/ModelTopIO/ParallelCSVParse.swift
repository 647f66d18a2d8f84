import Glibc
import ModelTopBase
import ModelTopTables

/// Parses a buffer of CSV records on every core: cut into one piece per core at record
/// boundaries (quote-aware), parse the pieces in parallel, return the chunks in order.
enum ParallelCSVParse {
    static let cores = ParallelMap.workerCount

    /// The chunks, the byte range each came from, and where the parsed part of `buffer` ends
    /// (the rest is an unfinished record, unless `includeUnterminatedTail`).
    static func parse(
        _ buffer: [UInt8], parser: ChunkParser, cores: Int = cores, includeUnterminatedTail: Bool
    ) -> (chunks: [TableChunk], pieces: [Range<Int>], end: Int) {
        buffer.withUnsafeBufferPointer { bytes in
            let (pieces, end) = cut(bytes, into: cores, delimiter: parser.schema.dialect.delimiter,
                                    includeUnterminatedTail: includeUnterminatedTail)
            return (parse(bytes, pieces: pieces, parser: parser), pieces, end)
        }
    }

    /// Cuts `bytes` into up to `count` pieces of about equal size at record boundaries; returns
    /// them and where the last ends (the rest is an unfinished record, unless
    /// `includeUnterminatedTail`).
    static func cut(
        _ bytes: UnsafeBufferPointer<UInt8>, into count: Int, delimiter: UInt8, includeUnterminatedTail: Bool
    ) -> (pieces: [Range<Int>], end: Int) {
        var cuts: [Int] = []
        var start = 0
        for piece in 1...max(1, count) {
            let target = piece == count ? bytes.count : max(start, bytes.count * piece / count)
            let end = RecordBoundary.endOfLastRecord(in: UnsafeBufferPointer(rebasing: bytes[start..<target]), delimiter: delimiter)
            if let end, end > 0 {
                start += end
                cuts.append(start)
            }
        }
        if includeUnterminatedTail, start < bytes.count {
            cuts.append(bytes.count)
            start = bytes.count
        }
        return (zip([0] + cuts.dropLast(), cuts).map { $0..<$1 }, start)
    }

    /// Parses the pieces of `bytes` in parallel; the chunks in order.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, pieces: [Range<Int>], parser: ChunkParser) -> [TableChunk] {
        let shared = SharedBytes(bytes)
        return ParallelMap.map(count: pieces.count) { k in
            parser.parse(UnsafeBufferPointer(rebasing: shared.bytes[pieces[k]]))
        }
    }
}

/// Read-only bytes handed to parsing threads; they outlive every parse that reads them.
struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
}
