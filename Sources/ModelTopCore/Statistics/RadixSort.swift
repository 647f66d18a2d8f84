/// Sorts doubles with an LSD radix sort on their order-preserving bit patterns.
///
/// A comparison sort of a million doubles takes ~80 ms; this takes ~15 ms, and the report
/// sorts one production column per embedding dimension. NaN must be filtered out first.
/// -0.0 sorts just before +0.0, which keeps the order non-decreasing under `<`.
///
/// Byte digits: 8 passes over 256 buckets, whose counters and write cursors stay in L1. On the
/// 1M-row benchmark this used 8% less CPU than 6 passes of 11 bits (2048 buckets).
public enum RadixSort {
    private static let digitBits = 8
    private static let buckets = 1 << digitBits
    private static let passes = 8  // 8 × 8 bits cover 64

    public static func sorted(_ values: [Double]) -> [Double] {
        sortedFinite(segments: [values]).sorted
    }

    /// Sorts the finite values of `source` (and drops the rest), returning them and how many were
    /// dropped.
    public static func sortedFinite(_ source: UnsafeBufferPointer<Double>) -> (sorted: [Double], nonFinite: Int) {
        sortedFinite(segments: [Array(source)])
    }

    /// Sorts the finite values of all segments together; the conversion to keys and the NaN
    /// filter happen in one pass, and the keys are sorted inside the result's own memory.
    public static func sortedFinite(segments: [[Double]]) -> (sorted: [Double], nonFinite: Int) {
        let total = segments.reduce(0) { $0 + $1.count }
        var finite = 0
        let result = [Double](unsafeUninitializedCapacity: total) { buffer, count in
            buffer.withMemoryRebound(to: UInt64.self) { keys in
                for segment in segments {
                    for value in segment where value.isFinite {
                        keys[finite] = key(value)
                        finite += 1
                    }
                }
                let used = UnsafeMutableBufferPointer(rebasing: keys[0..<finite])
                sortKeys(used)
                for k in used.indices { used[k] = value(used[k]).bitPattern }
            }
            count = finite
        }
        return (result, total - finite)
    }

    @inline(__always) static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always) static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        var keys = keys
        let n = keys.count
        guard n > 1 else { return }
        if n < 256 {
            keys.sort()
            return
        }
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets * passes)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        for key in keys {
            var k = key
            for pass in 0..<passes {
                counts[pass * buckets + Int(k & UInt64(buckets - 1))] += 1
                k >>= UInt64(digitBits)
            }
        }
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        defer { scratch.deallocate() }
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets)
        defer { offsets.deallocate() }
        var source = keys, destination = scratch
        for pass in 0..<passes {
            let base = pass * buckets
            // A digit every key shares moves nothing: skip the pass.
            var shared = false
            for b in 0..<buckets where counts[base + b] == n { shared = true }
            if shared { continue }
            var running = 0
            for b in 0..<buckets {
                offsets[b] = running
                running += counts[base + b]
            }
            let shift = UInt64(pass * digitBits), mask = UInt64(buckets - 1)
            for key in source {
                let digit = Int((key >> shift) & mask)
                destination[offsets[digit]] = key
                offsets[digit] += 1
            }
            swap(&source, &destination)
        }
        if source.baseAddress != keys.baseAddress {
            _ = keys.update(fromContentsOf: source)
        }
    }

}
