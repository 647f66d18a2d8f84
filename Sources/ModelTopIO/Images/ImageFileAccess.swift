#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModelTopCore

/// An open file read by offset: image readers fetch a header and one image, never the whole
/// file (an MNIST training set is 47 MB; a corrupt header may claim gigabytes).
final class ImageFileAccess {
    let name: String
    let size: Int
    private let fd: Int32

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
        self.size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// The bytes of `range`, or fewer when the file ends first. The corresponding C function is `pread`.
    func read(_ range: Range<Int>) throws(ModelTopError) -> [UInt8] {
        let wanted = max(0, min(range.count, size - range.lowerBound))
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
