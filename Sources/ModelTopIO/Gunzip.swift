import CZlib
import ModelTopCore

/// Decompresses a gzip file held in memory with the system zlib: MNIST ships its IDX files as
/// `.gz`, and logrotate compresses old prediction logs. Bounded: a small file claiming gigabytes
/// stops at `limit` instead of filling memory.
enum Gunzip {
    static func isGzip(_ prefix: [UInt8]) -> Bool { prefix.count >= 2 && prefix[0] == 0x1F && prefix[1] == 0x8B }

    /// The whole of an open gzip file of `size` bytes, inflated; at most `inputLimit` bytes are
    /// read and `outputLimit` kept.
    static func decompressFile(
        _ fd: Int32, size: Int, inputLimit: Int, outputLimit: Int, name: String
    ) throws(ModelTopError) -> [UInt8] {
        guard size <= inputLimit else {
            throw .cannotRead(file: name, reason: "\(size) bytes of gzip is more than modeltop reads (\(inputLimit)); gunzip it first")
        }
        return try decompress(FileBytes.read(fd, upTo: size, at: 0, name: name), limit: outputLimit, name: name)
    }

    /// Every member of the gzip stream, concatenated (as `gzip -d` does).
    static func decompress(_ compressed: [UInt8], limit: Int, name: String) throws(ModelTopError) -> [UInt8] {
        var input = compressed
        var output: [UInt8] = []
        var stream = z_stream()
        // 16 + 15 window bits: a gzip header and trailer around deflate data.
        guard inflateInit2_(&stream, 16 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .cannotRead(file: name, reason: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        let step = 1 << 20
        var chunk = [UInt8](repeating: 0, count: step)
        var failure: String?
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            while failure == nil {
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = step - Int(stream.avail_out)
                if output.count + produced > limit {
                    failure = "decompresses to more than \(limit) bytes"
                    break
                }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // Another member may follow; anything else after the end is not gzip.
                    if stream.avail_in == 0 { return }
                    guard stream.avail_in >= 2, stream.next_in[0] == 0x1F, stream.next_in[1] == 0x8B else {
                        failure = "unexpected bytes after the end of the gzip data"
                        break
                    }
                    if inflateReset(&stream) != Z_OK { failure = "zlib could not restart for the next member" }
                case Z_OK:
                    if produced == 0 && stream.avail_in == 0 { failure = "the gzip data is truncated" }
                case Z_BUF_ERROR:
                    failure = "the gzip data is truncated"
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    failure = "not valid gzip data (\(message))"
                }
            }
        }
        if let failure { throw .cannotRead(file: name, reason: failure) }
        return output
    }
}
