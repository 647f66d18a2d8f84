/// A 64-bit hash of a request id's bytes, computed while a block of log lines is parsed (on
/// every core) so that the serial join only compares numbers.
///
/// Seeded once per process: ids come from files someone else wrote, and a fixed function could
/// be made to collide on purpose. A collision costs a byte comparison, never a wrong join.
enum IDHash {
    static let seed = UInt64.random(in: 0 ... .max)

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return mix(seed) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var h = seed ^ (UInt64(count) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        while i + 8 <= count {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail)
        }
        return mix(h)
    }

    /// SplitMix64's finaliser: every input bit reaches every output bit.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
