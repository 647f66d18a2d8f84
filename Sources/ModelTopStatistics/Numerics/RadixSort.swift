/// Sorts doubles: by a key fitted to their range first, by their order-preserving bit patterns
/// when that key cannot separate them. NaN and ±inf are left out (and counted) by the callers
/// that take segments; -0.0 sorts just before +0.0, which keeps the order non-decreasing under `<`.
///
/// Byte digits over 256 buckets, whose counters and write cursors stay in L1: for the bit-pattern
/// passes that was 8% less CPU on the 1M-row benchmark than 11-bit digits, and for the fitted
/// key's top digit 10 or 11 bits measured the same as 8 (docs/LIBRARIES.md).
package enum RadixSort {
    private static let digitBits = 8
    private static let buckets = 1 << digitBits
    private static let passes = 8  // 8 × 8 bits cover 64
    /// Low bytes left to the final run-sorting scan of the bit-pattern sort.
    private static let skippedPasses = 4

    package static func sorted(_ values: [Double]) -> [Double] {
        sortedFinite(segments: [values]).sorted
    }

    /// Sorts the finite values of `source` (and drops the rest), returning them and how many were
    /// dropped.
    package static func sortedFinite(_ source: UnsafeBufferPointer<Double>) -> (sorted: [Double], nonFinite: Int) {
        sortedFinite(segments: [Array(source)])
    }

    /// Sorts the finite values of all segments together into a new array; how many were dropped.
    package static func sortedFinite(segments: [[Double]]) -> (sorted: [Double], nonFinite: Int) {
        let range = FiniteRange(segments)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: range.count)
        defer { scratch.deallocate() }
        let sorted = [Double](unsafeUninitializedCapacity: range.count) { buffer, count in
            sortFinite(segments, range: range, into: buffer, scratch: scratch)
            count = range.count
        }
        return (sorted, range.total - range.count)
    }

    /// Sorts the finite values of all segments together into `workspace`, whose memory is reused
    /// from call to call: the result is valid until the workspace's next use.
    package static func sortFinite(
        segments: [[Double]], in workspace: SortWorkspace
    ) -> (sorted: UnsafeBufferPointer<Double>, nonFinite: Int) {
        let range = FiniteRange(segments)
        workspace.reserve(range.count)
        let buffer = UnsafeMutableBufferPointer(rebasing: workspace.values[0..<range.count])
        sortFinite(segments, range: range, into: buffer, scratch: workspace.scratch)
        return (UnsafeBufferPointer(buffer), range.total - range.count)
    }

    /// How many values the segments hold, how many are finite, and the finite ones' extremes.
    private struct FiniteRange {
        package var total = 0, count = 0
        package var low = Double.infinity, high = -Double.infinity

        /// Four independent lanes: one running minimum waits on the previous comparison, which
        /// made this pass over a million values latency-bound. Non-finite values are counted
        /// apart and leave the extremes alone (they are replaced by a finite value of the lane).
        package init(_ segments: [[Double]]) {
            var lows = SIMD4<Double>(repeating: .infinity), highs = SIMD4<Double>(repeating: -.infinity)
            var nonFinite = 0
            for segment in segments {
                total += segment.count
                segment.withUnsafeBufferPointer { values in
                    let whole = values.count & ~3
                    var k = 0
                    while k < whole {
                        let lane = SIMD4(values[k], values[k + 1], values[k + 2], values[k + 3])
                        // x − x is 0 for a finite x and NaN for ±inf and NaN.
                        let finite = (lane - lane) .== SIMD4(repeating: 0)
                        nonFinite &+= 4 &- Self.trueCount(finite)
                        lows = lows.replacing(with: lane, where: finite .& (lane .< lows))
                        highs = highs.replacing(with: lane, where: finite .& (lane .> highs))
                        k &+= 4
                    }
                    for value in values[whole...] {
                        if value.isFinite {
                            lows[0] = min(lows[0], value)
                            highs[0] = max(highs[0], value)
                        } else {
                            nonFinite &+= 1
                        }
                    }
                }
            }
            low = lows.min()
            high = highs.max()
            count = total - nonFinite
        }

        @inline(__always)
        private static func trueCount(_ mask: SIMDMask<SIMD4<Int64>>) -> Int {
            (mask[0] ? 1 : 0) &+ (mask[1] ? 1 : 0) &+ (mask[2] ? 1 : 0) &+ (mask[3] ? 1 : 0)
        }
    }

    /// Sorts the finite values into `buffer` (exactly `range.count` long), as `key` orders them.
    ///
    /// Values are ordered by a 24-bit key fitted to their range, `(value − min) × scale`: one
    /// pass spreads them from the segments into 256 buckets by its top byte, then each bucket,
    /// small enough to stay in cache, is sorted by the two low bytes and finished by insertion
    /// (values that share a key). A million embedding values span a few units, so a key covers
    /// well under a millionth and nearly every key holds one value. Sorting the 64-bit patterns
    /// instead took four passes over the whole column in memory (the first all but wasted on
    /// sign and exponent), a key conversion each way and a separate run scan, about twice the
    /// time. Degenerate ranges (one far outlier, a span beyond a Double) fall back to that sort.
    private static func sortFinite(
        _ segments: [[Double]], range: FiniteRange,
        into buffer: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>
    ) {
        guard range.count > 0 else { return }
        let span = range.high - range.low
        // One below the mask: rounding can never carry the largest key past it.
        let scale = span > 0 && span.isFinite ? Double(fittedKeyMask - 1) / span : 0
        if scale > 0, range.count >= 256,
           sortByFittedKey(segments, into: buffer, scratch: scratch, low: range.low, scale: scale) {
            return
        }
        // Few values, all equal, a span too wide, or keys too crowded: the bit-pattern sort.
        buffer.withMemoryRebound(to: UInt64.self) { keys in
            var k = 0
            for segment in segments {
                for value in segment where value.isFinite {
                    keys[k] = key(value)
                    k += 1
                }
            }
            scratch.withMemoryRebound(to: UInt64.self) { sortKeys(keys, scratch: $0) }
            for k in keys.indices { keys[k] = value(keys[k]).bitPattern }
        }
    }

    private static let fittedKeyMask = (1 << 24) - 1

    /// `(value − low) × scale` rounded to an integer, for `low ≤ value` and a product below
    /// 2^24: adding 2^52 leaves the rounded integer in the low mantissa bits. Rounding is
    /// monotone, which is all the sort needs, and unlike `Int(_:)` it has no range check.
    @inline(__always)
    private static func fittedKey(_ value: Double, low: Double, scale: Double) -> Int {
        Int(truncatingIfNeeded: ((value - low) * scale + 0x1p52).bitPattern) & fittedKeyMask
    }

    /// The fitted-key sort; false when keys are too crowded for insertion to finish cheaply
    /// (then `buffer` holds the values in some order and the caller sorts them another way).
    private static func sortByFittedKey(
        _ segments: [[Double]], into buffer: UnsafeMutableBufferPointer<Double>,
        scratch: UnsafeMutableBufferPointer<Double>, low: Double, scale: Double
    ) -> Bool {
        let counters = UnsafeMutableBufferPointer<Int>.allocate(capacity: 3 * buckets)
        defer { counters.deallocate() }
        let starts = UnsafeMutableBufferPointer(rebasing: counters[0..<buckets])
        let cursors = UnsafeMutableBufferPointer(rebasing: counters[buckets..<2 * buckets])
        let local = UnsafeMutableBufferPointer(rebasing: counters[2 * buckets..<3 * buckets])
        starts.initialize(repeating: 0)
        for segment in segments {
            for value in segment where value.isFinite {
                starts[fittedKey(value, low: low, scale: scale) >> 16] &+= 1
            }
        }
        var running = 0
        for b in 0..<buckets {
            let count = starts[b]
            starts[b] = running
            cursors[b] = running
            running += count
        }
        for segment in segments {
            for value in segment where value.isFinite {
                let b = fittedKey(value, low: low, scale: scale) >> 16
                buffer[cursors[b]] = value
                cursors[b] &+= 1
            }
        }
        // Each bucket now ends where its cursor stopped.
        var budget = 4 * buffer.count
        for b in 0..<buckets {
            let bucket = starts[b]..<cursors[b]
            guard bucket.count > 1 else { continue }
            let values = UnsafeMutableBufferPointer(rebasing: buffer[bucket])
            if bucket.count > 32 {
                // The front of the scratch for every bucket: it stays in cache from one to the next.
                let spare = UnsafeMutableBufferPointer(rebasing: scratch[0..<bucket.count])
                bucketPass(from: values, to: spare, shift: 0, low: low, scale: scale, counts: local)
                bucketPass(from: spare, to: values, shift: 8, low: low, scale: scale, counts: local)
            }
            guard finishByInsertion(values, budget: &budget) else { return false }
        }
        return true
    }

    /// One stable counting pass of a bucket by byte `shift / 8` of the fitted key.
    @inline(__always)
    private static func bucketPass(
        from source: UnsafeMutableBufferPointer<Double>, to destination: UnsafeMutableBufferPointer<Double>,
        shift: Int, low: Double, scale: Double, counts: UnsafeMutableBufferPointer<Int>
    ) {
        counts.update(repeating: 0)
        for value in source { counts[(fittedKey(value, low: low, scale: scale) >> shift) & (buckets - 1)] &+= 1 }
        var running = 0
        for b in 0..<buckets {
            let count = counts[b]
            counts[b] = running
            running += count
        }
        for value in source {
            let b = (fittedKey(value, low: low, scale: scale) >> shift) & (buckets - 1)
            destination[counts[b]] = value
            counts[b] &+= 1
        }
    }

    /// Orders values that share a fitted key, by insertion: O(n) when keys hold a value or two.
    /// Each move spends one unit of `budget`; false once it runs out, so crowded keys cost at
    /// most a few moves per value before the caller's bit-pattern sort.
    private static func finishByInsertion(_ values: UnsafeMutableBufferPointer<Double>, budget: inout Int) -> Bool {
        var previous = key(values[0])
        for i in 1..<values.count {
            let current = key(values[i])
            if current >= previous {
                previous = current
                continue
            }
            let value = values[i]
            var j = i
            while j > 0, key(values[j - 1]) > current {
                values[j] = values[j - 1]
                j -= 1
            }
            values[j] = value
            budget -= i - j
            if budget < 0 { return false }
        }
        return true
    }

    @inline(__always) package static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always) package static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    package static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        guard keys.count >= 256 else { return sortKeys(keys, scratch: keys) }
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: keys.count)
        defer { scratch.deallocate() }
        sortKeys(keys, scratch: scratch)
    }

    /// Sorts `keys`, using `scratch` (at least as long, unless there are fewer than 256 keys).
    package static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>) {
        guard keys.count > 1 else { return }
        if keys.count < 256 {
            var small = keys
            small.sort()
            return
        }
        lsdPasses(keys, scratch: scratch, digits: skippedPasses..<passes)
        sortRunsSharingHighBytes(keys, scratch: scratch)
    }

    /// LSD passes over the byte digits `digits` (0 = lowest), stable, leaving the result in `keys`.
    private static func lsdPasses(
        _ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>, digits: Range<Int>
    ) {
        let n = keys.count
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets * passes)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        for key in keys {
            var k = key >> UInt64(digits.lowerBound * digitBits)
            for pass in digits {
                counts[pass * buckets + Int(k & UInt64(buckets - 1))] += 1
                k >>= UInt64(digitBits)
            }
        }
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets)
        defer { offsets.deallocate() }
        var source = keys, destination = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        for pass in digits {
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

    /// Sorts each run of adjacent keys equal in all but the skipped low bytes: short runs (the
    /// usual case, one or two keys) by comparison, long ones (values packed within a millionth of
    /// each other, such as a narrow feature far from zero) by LSD passes over the low bytes, so
    /// no input costs more than the full eight passes.
    private static func sortRunsSharingHighBytes(
        _ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>
    ) {
        let shift = UInt64(skippedPasses * digitBits)
        var start = 0
        let n = keys.count
        while start < n {
            let high = keys[start] >> shift
            var end = start + 1
            while end < n, keys[end] >> shift == high { end += 1 }
            if end - start > 1 {
                var run = UnsafeMutableBufferPointer(rebasing: keys[start..<end])
                if run.count > 64 {
                    lsdPasses(run, scratch: scratch, digits: 0..<skippedPasses)
                } else {
                    run.sort()
                }
            }
            start = end
        }
    }
}

/// Memory for sorting columns one after another on one thread. Its pages are faulted in once:
/// a fresh result and scratch buffer per million-value column cost 4,096 page faults, about
/// 9 ms here, more than the sort's own passes.
package final class SortWorkspace {
    fileprivate private(set) var values = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)
    fileprivate private(set) var scratch = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)

    package init() {}

    deinit {
        values.deallocate()
        scratch.deallocate()
    }

    fileprivate func reserve(_ count: Int) {
        guard values.count < count else { return }
        values.deallocate()
        scratch.deallocate()
        values = .allocate(capacity: count)
        scratch = .allocate(capacity: count)
    }
}
