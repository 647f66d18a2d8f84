import Glibc
import ModelTopSystem
import ModelTopBase

/// Reading bytes from an open file, for every reader in this module.
enum FileBytes {
    /// True when the file at `path` is not empty and its last byte is a newline: a writer is
    /// not in the middle of a line. False when it cannot be read.
    static func endsWithNewline(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return false }
        var last: UInt8 = 0
        return pread(fd, &last, 1, info.st_size - 1) == 1 && last == UInt8(ascii: "\n")
    }

    /// Up to `limit` bytes from `fd`'s current offset, or from `offset` without moving it
    /// (fewer only at the end of the file). The corresponding C functions are `read` and `pread`.
    /// Reads into uninitialised memory: zero-filling megabytes first would cost more than the read.
    static func read(_ fd: Int32, upTo limit: Int, at offset: Int? = nil, name: String) throws(ModelTopError) -> [UInt8] {
        var failure: ModelTopError?
        let bytes = [UInt8](unsafeUninitializedCapacity: limit) { raw, count in
            do throws(ModelTopError) {
                count = try read(fd, into: raw, at: offset, name: name)
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Fills `buffer` from `fd` (fewer bytes only at the end of the file); how many were read.
    static func read(
        _ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int? = nil, name: String
    ) throws(ModelTopError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let limit = buffer.count
        var total = 0
        while total < limit {
            let got = Interrupted.retry {
                offset.map { pread(fd, base + total, limit - total, off_t($0 + total)) } ?? Glibc.read(fd, base + total, limit - total)
            }
            if got < 0 { throw .cannotRead(file: name, reason: String(cString: strerror(errno))) }
            if got == 0 { break }
            total += got
        }
        return total
    }
}
