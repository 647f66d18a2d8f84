#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModelTopCore

/// Parses a buffer of CSV records on every core: cut into one piece per core at record
/// boundaries (quote-aware), parse the pieces in parallel, return the chunks in order.
enum ParallelCSVParse {
    static let cores = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// The chunks, the byte range each came from, and where the parsed part of `buffer` ends
    /// (the rest is an unfinished record, unless `includeUnterminatedTail`).
    static func parse(
        _ buffer: [UInt8], parser: ChunkParser, cores: Int = cores, includeUnterminatedTail: Bool
    ) -> (chunks: [TableChunk], pieces: [Range<Int>], end: Int) {
        var cuts: [Int] = []
        var start = 0
        let delimiter = parser.schema.dialect.delimiter
        for piece in 1...cores {
            let target = piece == cores ? buffer.count : max(start, buffer.count * piece / cores)
            let end = buffer.withUnsafeBufferPointer { bytes in
                RecordBoundary.endOfLastRecord(in: UnsafeBufferPointer(rebasing: bytes[start..<target]), delimiter: delimiter)
            }
            if let end, end > 0 {
                start += end
                cuts.append(start)
            }
        }
        if includeUnterminatedTail, start < buffer.count {
            cuts.append(buffer.count)
            start = buffer.count
        }
        let pieces = zip([0] + cuts.dropLast(), cuts).map { $0..<$1 }
        let chunks = ParallelMap.map(count: pieces.count) { k in
            buffer.withUnsafeBufferPointer { bytes in parser.parse(UnsafeBufferPointer(rebasing: bytes[pieces[k]])) }
        }
        return (chunks, pieces, start)
    }
}
