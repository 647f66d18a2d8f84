import CZlib
import ModelTopBase

/// gzip through the system zlib: MNIST ships its IDX files as `.gz`, and logrotate compresses old
/// prediction logs. Inflated as a stream, a round at a time: a 1 MB file of zeros that claims a
/// gigabyte costs a round, not a gigabyte, and its header is checked from the first bytes.
enum Gunzip {
    static func isGzip(_ prefix: [UInt8]) -> Bool { prefix.count >= 2 && prefix[0] == 0x1F && prefix[1] == 0x8B }

    /// Every member of an in-memory gzip stream, concatenated (as `gzip -d` does), at most `limit` bytes.
    static func decompress(_ compressed: [UInt8], limit: Int, name: String) throws(ModelTopError) -> [UInt8] {
        var offset = 0
        let stream = try GzipStream(name: name, outputLimit: limit) { buffer in
            let count = min(buffer.count, compressed.count - offset)
            for k in 0..<count { buffer[k] = compressed[offset + k] }
            offset += count
            return count
        }
        var output: [UInt8] = []
        while true {
            let round = try stream.read(upTo: 1 << 20)
            if round.isEmpty { return output }
            output += round
        }
    }

    /// The uncompressed size a single-member gzip file states in its trailer (modulo 2³²), or nil.
    static func statedSize(_ fd: Int32, fileSize: Int, name: String) -> Int? {
        guard fileSize >= 18, let trailer = try? FileBytes.read(fd, upTo: 4, at: fileSize - 4, name: name), trailer.count == 4 else {
            return nil
        }
        return Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
    }
}

/// A gzip stream inflated on demand: `read(upTo:)` gives the next bytes, empty at the end.
/// Memory is one round of input and what the caller asks for; `outputLimit` bounds the total, so
/// a bomb ends with an error instead of running for minutes.
final class GzipStream {
    /// Fills the buffer with the next compressed bytes; 0 at the end of the input.
    typealias Source = (UnsafeMutableBufferPointer<UInt8>) throws(ModelTopError) -> Int

    let name: String
    let outputLimit: Int
    private(set) var produced = 0
    private var stream = z_stream()
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let source: Source
    private var finished = false
    private var inputEnded = false

    init(name: String, outputLimit: Int, inputRound: Int = 1 << 20, source: @escaping Source) throws(ModelTopError) {
        self.name = name
        self.outputLimit = outputLimit
        self.source = source
        input = .allocate(capacity: inputRound)
        // 16 + 15 window bits: a gzip header and trailer around deflate data.
        guard inflateInit2_(&stream, 16 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            input.deallocate()
            throw .cannotRead(file: name, reason: "zlib could not start decompressing")
        }
    }

    /// A stream over an open file, from its first byte.
    convenience init(fd: Int32, name: String, outputLimit: Int) throws(ModelTopError) {
        var offset = 0
        try self.init(name: name, outputLimit: outputLimit) { buffer throws(ModelTopError) in
            let got = try FileBytes.read(fd, into: buffer, at: offset, name: name)
            offset += got
            return got
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    /// Up to `count` inflated bytes; fewer only at the end of the stream (then empty).
    func read(upTo count: Int) throws(ModelTopError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count, !finished {
            if stream.avail_in == 0, !inputEnded { try refill() }
            let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_out = out.baseAddress! + filled
                stream.avail_out = UInt32(count - filled)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let now = count - Int(stream.avail_out)
            produced += now - filled
            filled = now
            if produced > outputLimit {
                throw .cannotRead(file: name, reason: "decompresses to more than \(outputLimit) bytes")
            }
            switch status {
            case Z_STREAM_END:
                try startNextMember()
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                if inputEnded { throw .cannotRead(file: name, reason: "the gzip data is truncated") }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw .cannotRead(file: name, reason: "not valid gzip data (\(message))")
            }
        }
        output.removeSubrange(filled...)
        return output
    }

    private func refill() throws(ModelTopError) {
        let got = try source(input)
        if got == 0 { inputEnded = true }
        stream.next_in = input.baseAddress
        stream.avail_in = UInt32(got)
    }

    /// After a member's end: another member may follow (as `gzip -d` reads it); anything else
    /// after the end is not gzip.
    private func startNextMember() throws(ModelTopError) {
        if stream.avail_in == 0, !inputEnded { try refill() }
        if stream.avail_in == 0 {
            finished = true
            return
        }
        if stream.avail_in == 1, !inputEnded {
            // One byte of a possible magic number: keep it and read on.
            let first = stream.next_in[0]
            input[0] = first
            let got = try source(UnsafeMutableBufferPointer(rebasing: input[1...]))
            if got == 0 { inputEnded = true }
            stream.next_in = input.baseAddress
            stream.avail_in = UInt32(1 + got)
        }
        guard stream.avail_in >= 2, stream.next_in[0] == 0x1F, stream.next_in[1] == 0x8B else {
            throw .cannotRead(file: name, reason: "unexpected bytes after the end of the gzip data")
        }
        if inflateReset(&stream) != Z_OK { throw .cannotRead(file: name, reason: "zlib could not restart for the next member") }
    }
}
