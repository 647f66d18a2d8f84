#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed after a big read back to the system.
///
/// glibc keeps freed blocks for reuse: once an 8 MB block has been freed, its adaptive
/// threshold serves later blocks of that size from the heap, and each parsing thread has its
/// own arena. After a million-row file, about 30 MB of read buffers and parse scratch stayed
/// resident that way, right before the drift statistics allocate their sort buffers.
package enum MemoryRelease {
    package static func returnFreedMemory() {
        #if canImport(Glibc)
        // `malloc_trim` is glibc's, declared in <malloc.h>, which the Glibc module leaves out.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
