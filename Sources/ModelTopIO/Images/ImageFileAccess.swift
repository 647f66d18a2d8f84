import Glibc
import ModelTopBase
import ModelTopDigits

/// An open file read by offset: image readers fetch a header and one image, never the whole
/// file (an MNIST training set is 47 MB; a corrupt header may claim gigabytes). A gzip file
/// (`train-images-idx3-ubyte.gz`) is inflated as a stream only as far as the bytes asked for,
/// keeping a window of them: its header is checked from its first bytes, so a gzip bomb costs a
/// round of inflation, not its claimed size.
final class ImageFileAccess {
    /// Decompressed bytes a gzip file may give at most.
    static let gzipOutputLimit = 1 << 30

    let name: String
    /// The file's size; for gzip, the size its trailer states (at most `gzipOutputLimit`).
    let size: Int
    private let fd: Int32
    private var gzip: GzipStream?
    /// Inflated bytes kept, starting at `windowStart` of the decompressed file.
    private var window: [UInt8] = []
    private var windowStart = 0

    init(path: String, name: String) throws(ModelTopError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(file: name, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .cannotRead(file: name, reason: reason)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .cannotRead(file: name, reason: "is a directory")
        }
        self.fd = fd
        self.name = name
        let fileSize = Int(info.st_size)
        let magic: [UInt8]
        do {
            magic = try FileBytes.read(fd, upTo: min(2, fileSize), at: 0, name: name)
        } catch {
            close(fd)
            throw error
        }
        if Gunzip.isGzip(magic) {
            do {
                gzip = try GzipStream(fd: fd, name: name, outputLimit: Self.gzipOutputLimit)
            } catch {
                close(fd)
                throw error
            }
            size = min(Gunzip.statedSize(fd, fileSize: fileSize, name: name) ?? Self.gzipOutputLimit, Self.gzipOutputLimit)
        } else {
            size = fileSize
        }
    }

    deinit { close(fd) }

    /// Bytes inflated so far (0 for a plain file): what a gzip bomb cost.
    var inflatedSoFar: Int { gzip?.produced ?? 0 }

    /// The bytes of `range`, or fewer when the file ends first. The corresponding C function is `pread`.
    func read(_ range: Range<Int>) throws(ModelTopError) -> [UInt8] {
        let wanted = max(0, min(range.count, size - range.lowerBound))
        if gzip != nil { return try inflated(range.lowerBound..<range.lowerBound + wanted) }
        return try FileBytes.read(fd, upTo: wanted, at: range.lowerBound, name: name)
    }

    /// `range` of the decompressed file: inflated forward as far as needed (from the start again
    /// for a range before the window), keeping only the window from `range`'s start.
    private func inflated(_ range: Range<Int>) throws(ModelTopError) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        if range.lowerBound < windowStart {
            gzip = try GzipStream(fd: fd, name: name, outputLimit: Self.gzipOutputLimit)
            window = []
            windowStart = 0
        }
        guard let gzip else { return [] }
        while windowStart + window.count < range.upperBound {
            let more = try gzip.read(upTo: max(1 << 16, min(1 << 20, range.upperBound - windowStart - window.count)))
            if more.isEmpty { break }
            window += more
            // Skip ahead without keeping what lies before the range.
            let drop = min(window.count, range.lowerBound - windowStart)
            if drop > 0 {
                window.removeFirst(drop)
                windowStart += drop
            }
        }
        let start = range.lowerBound - windowStart
        guard start < window.count else { return [] }
        return Array(window[start..<min(window.count, start + range.count)])
    }

    /// The whole file when it is at most `limit` bytes.
    func readAll(limit: Int) throws(ModelTopError) -> [UInt8] {
        guard size <= limit else {
            throw .cannotRead(file: name, reason: "\(size) bytes is too large for a digit image (at most \(limit))")
        }
        return try read(0..<size)
    }

    /// Runs a parser, turning its format error into modeltop's file error.
    func parse<T>(_ body: () throws(DigitFormatError) -> T) throws(ModelTopError) -> T {
        do {
            return try body()
        } catch {
            throw .cannotRead(file: name, reason: error.message)
        }
    }
}
