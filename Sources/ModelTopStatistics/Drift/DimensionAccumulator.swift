import ModelTopBase

/// The production side of one embedding dimension: takes appends in O(new rows) and merges.
///
/// Values are kept in arrival order, as the segments they arrived in (no copying or regrowing
/// a million-element array), for windows and for the few values `GridComparison` needs in order.
/// The statistics read a `ProductionProfile` of them, counted on the reference's grid; catching
/// it up costs O(values appended since the last catch-up).
package struct DimensionAccumulator: Sendable {
    /// Appended values in arrival order, non-finite ones included, as appended segments.
    package private(set) var segments: [[Double]] = []
    package private(set) var count = 0
    /// The oldest values no longer kept (`dropOldest`): `segments` hold values `dropped..<count`.
    /// Their counts stay in the profile; the crossing gaps' values of the whole history are then
    /// no longer at hand, so its Wasserstein distance is estimated within a stated bound.
    package private(set) var dropped = 0
    /// The profile of `segments[..<profiledSegments]`, once a statistic has asked for it.
    package private(set) var profile: ProductionProfile?
    private var profiledSegments = 0
    /// The finite values of `segments[..<sortedSegments]`, ascending, in two parts: kept only
    /// when asked (watch mode), so a report finds the values of a crossing gap by binary search
    /// instead of a pass over every value. New values merge into the short `recent` part on
    /// every catch-up (O(recent)); `recent` merges into the long part only once it is 1/16 of
    /// it (O(all values), so amortised O(1) per value; at a million rows, once per 62,500).
    private var sorted: [Double]?
    private var recent: [Double] = []
    private var sortedSegments = 0
    /// 0 ≤ stagger < 1 raises this accumulator's merge threshold by that fraction. A monitor
    /// gives each dimension its own, so their O(all values) merges fall on different appends:
    /// all 32 at once made one refresh in 62 take 80–400 ms.
    private let mergeStagger: Double

    /// Set when values are counted as they arrive and not kept (a streamed report).
    private let streamingGrid: ReferenceGrid?
    /// A streaming accumulator's values not yet counted: they are counted a batch at a time,
    /// sorted and walked along the grid, which costs a tenth of locating each value alone
    /// (the grid's tables miss the cache on every lookup).
    private var batch: [Double] = []
    /// Values per counted batch: about a reference's worth, so a walk's O(grid) is shared.
    package static let defaultBatchSize = 1 << 15
    private let batchSize: Int

    package init(mergeStagger: Double = 0) {
        self.mergeStagger = min(max(mergeStagger, 0), 1)
        streamingGrid = nil
        batchSize = 0
    }

    /// An accumulator that counts each appended value on `grid` at once and keeps none: memory
    /// O(grid) however many values arrive. The values a statistic needs beyond the profile
    /// come from another read (`ProductionDetail`).
    package init(streamingOn grid: ReferenceGrid, batchSize: Int = DimensionAccumulator.defaultBatchSize) {
        mergeStagger = 0
        streamingGrid = grid
        self.batchSize = max(1, batchSize)
        profile = ProductionProfile(grid: grid)
        // Room for a full batch and one more chunk, so the batch never doubles its capacity.
        batch.reserveCapacity(self.batchSize + self.batchSize / 4)
    }

    /// Whether appended values are kept (false for a streaming accumulator).
    package var keepsValues: Bool { streamingGrid == nil }

    /// The sizes of the kept sorted parts (nil when none are kept), for tests of the merging.
    var sortedPartSizes: (long: Int, recent: Int)? { sorted.map { ($0.count, recent.count) } }

    /// All values in one array (a copy: for small samples and tests).
    package var values: [Double] { values(from: dropped) }

    /// The values from index `start` on, copying only those.
    package func values(from start: Int) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(max(0, count - max(start, dropped)))
        var offset = dropped
        for segment in segments {
            defer { offset += segment.count }
            guard offset + segment.count > start else { continue }
            result.append(contentsOf: segment[max(0, start - offset)...])
        }
        return result
    }

    package mutating func append(contentsOf newValues: [Double]) {
        guard !newValues.isEmpty else { return }
        count += newValues.count
        if streamingGrid != nil {
            batch.append(contentsOf: newValues)
        } else {
            segments.append(newValues)
        }
    }

    /// Whether a streaming accumulator holds a full batch that `catchUp` should count.
    package var hasFullBatch: Bool { streamingGrid != nil && batch.count >= batchSize }

    /// Whether the profile covers every appended value.
    package var isCaughtUp: Bool { profile != nil && profiledSegments == segments.count && batch.isEmpty }

    /// Counts the segments appended since the last call into the profile (on `grid`, which must
    /// stay the same for the accumulator's life: a new reference means a new accumulator).
    package mutating func catchUp(grid: ReferenceGrid, keepingSorted: Bool = false) {
        if profile == nil { profile = ProductionProfile(grid: grid) }
        if !batch.isEmpty {
            let (sorted, nonFinite) = batch.withUnsafeBufferPointer { RadixSort.sortedFinite($0) }
            sorted.withUnsafeBufferPointer { profile?.add(sorted: $0, nonFinite: nonFinite, grid: grid) }
            batch.removeAll(keepingCapacity: true)
        }
        while profiledSegments < segments.count {
            profile?.add(segments[profiledSegments], grid: grid)
            profiledSegments += 1
        }
        if keepingSorted, dropped == 0 { mergeIntoSortedIfWorthIt() }
    }

    /// Forgets the values before absolute index `row` (all of them counted first): memory is
    /// then bounded by what is kept, and the profile still covers every value.
    package mutating func dropOldest(before row: Int) {
        guard keepsValues, row > dropped else { return }
        precondition(profile != nil && isCaughtUp, "count values before dropping them")
        var toDrop = min(row, count) - dropped
        var first = 0
        while first < segments.count, segments[first].count <= toDrop {
            toDrop -= segments[first].count
            first += 1
        }
        if first > 0 { segments.removeFirst(first) }
        if toDrop > 0 { segments[0].removeFirst(toDrop) }
        dropped = min(row, count)
        profiledSegments = segments.count
        // The sorted copy held every value: with some gone it can no longer resolve the whole
        // history's crossing gaps, so it goes too.
        sorted = nil
        recent = []
        sortedSegments = 0
    }

    private mutating func mergeIntoSortedIfWorthIt() {
        guard sortedSegments < segments.count else { return }
        let tail = RadixSort.sortedFinite(segments: Array(segments[sortedSegments...])).sorted
        sortedSegments = segments.count
        guard var long = sorted else {
            sorted = tail
            return
        }
        recent.mergeSorted(tail)
        if Double(recent.count) > Double(max(16_384, long.count / 16)) * (1 + mergeStagger) {
            sorted = nil  // `long` is now the only reference: the merge below does not copy it
            long.mergeSorted(recent)
            recent.removeAll(keepingCapacity: true)
        }
        sorted = long
    }

    /// The production values inside each of `gaps` (ascending gap indices of `grid`): what
    /// `GridComparison` needs where the ECDFs cross. One pass over every value, or over the
    /// unsorted tail only when sorted values are kept.
    package func values(inGaps gaps: [Int], grid: ReferenceGrid) -> [[Double]]? {
        guard !gaps.isEmpty else { return [] }
        guard dropped == 0 else { return nil }
        var found = [[Double]](repeating: [], count: gaps.count)
        var unsorted = segments[...]
        if let sorted {
            for part in [sorted, recent] { Self.collect(gaps, from: part, grid: grid, into: &found) }
            unsorted = segments[sortedSegments...]
        }
        // A bitmap of the crossing gaps rejects almost every value with one load.
        var marked = [UInt64](repeating: 0, count: (grid.splits.count + 1) / 64 + 1)
        for gap in gaps { marked[gap >> 6] |= 1 << UInt64(gap & 63) }
        for segment in unsorted {
            for value in segment where value.isFinite {
                let code = grid.locate(value)
                let gap = code >> 1
                guard code & 1 == 0, marked[gap >> 6] & (1 << UInt64(gap & 63)) != 0 else { continue }
                var low = 0, high = gaps.count
                while low < high {
                    let middle = (low + high) / 2
                    if gaps[middle] < gap { low = middle + 1 } else { high = middle }
                }
                found[low].append(value)
            }
        }
        return found
    }

    /// Appends the values of an ascending sample that lie in each gap (binary search per gap).
    package static func collect<Sorted: RandomAccessCollection<Double>>(
        _ gaps: [Int], from sorted: Sorted, grid: ReferenceGrid, into found: inout [[Double]]
    ) where Sorted.Index == Int {
        for (k, gap) in gaps.enumerated() {
            let low = gap > 0 ? grid.splits[gap - 1] : -Double.infinity
            let high = gap < grid.splits.count ? grid.splits[gap] : Double.infinity
            let start = NumpyArithmetic.countLess(sorted, than: low.nextUp)
            let end = NumpyArithmetic.countLess(sorted, than: high)
            if start < end { found[k].append(contentsOf: sorted[start..<end]) }
        }
    }

    /// The union of two accumulators (`lhs` first).
    package static func + (lhs: DimensionAccumulator, rhs: DimensionAccumulator) -> DimensionAccumulator {
        precondition(lhs.keepsValues && rhs.keepsValues, "a streaming accumulator keeps no values to merge")
        var merged = DimensionAccumulator(mergeStagger: lhs.mergeStagger)
        merged.segments = lhs.segments + rhs.segments
        merged.count = lhs.count + rhs.count
        return merged
    }

    /// The same values without the first `count` (the oldest).
    package func droppingFirst(_ count: Int) -> DimensionAccumulator {
        precondition(keepsValues, "a streaming accumulator keeps no values to drop")
        var result = DimensionAccumulator(mergeStagger: mergeStagger)
        var toDrop = max(0, count - dropped)
        for segment in segments {
            if toDrop >= segment.count {
                toDrop -= segment.count
                continue
            }
            result.append(contentsOf: toDrop > 0 ? Array(segment.dropFirst(toDrop)) : segment)
            toDrop = 0
        }
        return result
    }
}

extension DimensionAccumulator {
    /// For checkpoints: the profile of every value and the values still kept, as one segment.
    /// Only an accumulator that keeps values and has counted them all.
    /// Only for an accumulator that keeps values (a streaming one is never checkpointed).
    package func write(to writer: inout BinaryWriter, grid: ReferenceGrid) {
        guard isCaughtUp else {
            // Values not counted yet (none at all, say): count a copy, the profile must cover them.
            var counted = self
            counted.catchUp(grid: grid)
            return counted.write(to: &writer, grid: grid)
        }
        writer.int(count)
        writer.int(dropped)
        writer.doubles(values)
        (profile ?? ProductionProfile(grid: grid)).write(to: &writer)
    }

    package init(reading reader: inout BinaryReader, grid: ReferenceGrid, mergeStagger: Double) throws(BinaryDecodingError) {
        self.init(mergeStagger: mergeStagger)
        let count = try reader.int(), dropped = try reader.int(), kept = try reader.doubles()
        guard dropped >= 0, count == dropped + kept.count else { throw BinaryDecodingError(reason: "accumulator counts") }
        let profile = try ProductionProfile(reading: &reader, grid: grid)
        guard profile.finite + profile.nonFinite == count else { throw BinaryDecodingError(reason: "profile and values disagree") }
        self.count = count
        self.dropped = dropped
        if !kept.isEmpty { segments = [kept] }
        self.profile = profile
        profiledSegments = segments.count
    }
}

extension Array where Element == Double {
    /// Merges an ascending `tail` into this ascending array in place, from the back: the array
    /// grows once (amortised, so no fresh pages every time) and each element moves at most once.
    mutating func mergeSorted(_ tail: [Double]) {
        guard !tail.isEmpty else { return }
        let old = count
        // Grow by an eighth rather than double: this array holds every production value.
        if capacity < old + tail.count { reserveCapacity(old + Swift.max(tail.count, old / 8)) }
        append(contentsOf: tail)
        withUnsafeMutableBufferPointer { all in
            tail.withUnsafeBufferPointer { b in
                var i = old - 1, j = b.count - 1, k = all.count - 1
                while j >= 0 {
                    if i >= 0, all[i] > b[j] {
                        all[k] = all[i]
                        i -= 1
                    } else {
                        all[k] = b[j]
                        j -= 1
                    }
                    k -= 1
                }
            }
        }
    }
}
