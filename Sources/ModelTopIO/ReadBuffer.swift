import Glibc
import ModelTopBase

/// A growable byte buffer that file reads go straight into: no zero-fill first and no copy
/// after, where appending a read scratch area to an array copied every byte once more.
///
/// `@unchecked Sendable`: a buffer is filled by one thread at a time, and `CSVFileStream`
/// hands it between threads only across a `BackgroundResult.wait()`, which orders the accesses.
final class ReadBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Makes room for `free` more bytes after the current ones.
    func reserve(free: Int) {
        guard capacity - count < free else { return }
        let grown = max(capacity * 2, count + free)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    /// Replaces the contents with `bytes` (which must not lie inside this buffer).
    func replace(with bytes: UnsafeBufferPointer<UInt8>) {
        count = 0
        reserve(free: bytes.count)
        if let source = bytes.baseAddress { base.update(from: source, count: bytes.count) }
        count = bytes.count
    }

    /// Reads up to `limit` bytes from `fd` onto the end; how many came (0 at the end of the file).
    func readAppending(_ fd: Int32, upTo limit: Int, name: String) throws(ModelTopError) -> Int {
        reserve(free: limit)
        let got = try FileBytes.read(fd, into: UnsafeMutableBufferPointer(start: base + count, count: limit), name: name)
        count += got
        return got
    }
}
