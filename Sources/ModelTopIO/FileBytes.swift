#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModelTopCore

/// Reading bytes from an open file, for every reader in this module.
enum FileBytes {
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
            let got = offset.map { pread(fd, base + total, limit - total, off_t($0 + total)) }
                ?? Glibc.read(fd, base + total, limit - total)
            if got < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(file: name, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            total += got
        }
        return total
    }
}
