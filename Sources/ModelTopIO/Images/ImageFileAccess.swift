#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModelTopCore

/// An open file read by offset: image readers fetch a header and one image, never the whole
/// file (an MNIST training set is 47 MB; a corrupt header may claim gigabytes). A gzip file
/// (`train-images-idx3-ubyte.gz`) is decompressed into memory once, within bounds, and read
/// the same way.
final class ImageFileAccess {
    /// Compressed input read at most (MNIST's largest is 9.9 MB) and decompressed output kept.
    static let gzipInputLimit = 256 << 20
    static let gzipOutputLimit = 1 << 30

    let name: String
    let size: Int
    private let fd: Int32
    private let decompressed: [UInt8]?

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
                let bytes = try Gunzip.decompressFile(
                    fd, size: fileSize, inputLimit: Self.gzipInputLimit, outputLimit: Self.gzipOutputLimit, name: name)
                decompressed = bytes
                size = bytes.count
            } catch {
                close(fd)
                throw error
            }
        } else {
            decompressed = nil
            size = fileSize
        }
    }

    deinit { close(fd) }

    /// The bytes of `range`, or fewer when the file ends first. The corresponding C function is `pread`.
    func read(_ range: Range<Int>) throws(ModelTopError) -> [UInt8] {
        let wanted = max(0, min(range.count, size - range.lowerBound))
        if let decompressed {
            return wanted > 0 ? Array(decompressed[range.lowerBound..<range.lowerBound + wanted]) : []
        }
        return try FileBytes.read(fd, upTo: wanted, at: range.lowerBound, name: name)
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
