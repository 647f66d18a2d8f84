import Glibc
import ModelTopBase

/// Request ids, each distinct one stored once as UTF-8 bytes and numbered in order of first
/// appearance.
///
/// A `String` per row and a `Dictionary` keyed by them cost ~100 bytes a request and a SipHash
/// per line on the serial path. Here a row holds a 4-byte number, and a lookup probes an open
/// addressing table by the `IDHash` computed in the parallel parse; equal hashes are confirmed
/// on the bytes, so a collision never joins two different ids.
package struct RequestIDs: Sendable {
    private var bytes: [UInt8] = []
    /// Id k is `bytes[ends[k - 1] ..< ends[k]]` (the first starts at 0).
    private var ends: [Int] = []
    /// Linear probing, at most half full: 0 is empty, else the hash's top 32 bits and id + 1.
    private var slots: [UInt64] = []

    package init() {}

    package var count: Int { ends.count }

    /// The bytes of id `number`, to intern it elsewhere.
    package func withBytes<R>(_ number: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[range(Int(number))])) }
    }

    /// The text of id `number`.
    package func string(_ number: Int32) -> String {
        String(decoding: bytes[range(Int(number))], as: UTF8.self)
    }

    private func range(_ k: Int) -> Range<Int> { (k == 0 ? 0 : ends[k - 1])..<ends[k] }

    /// The number of the id `id`, adding it when new. `hash` must be `IDHash.hash(id)`: growing
    /// the table recomputes it from the bytes.
    package mutating func intern(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (number: Int32, isNew: Bool) {
        if (ends.count + 1) * 2 > slots.count { grow(to: max(1024, slots.count * 2)) }
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let (i, found) = slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[i]
                if slot == 0 { return (i, -1) }
                if slot & 0xFFFF_FFFF_0000_0000 == tag, matches(Int(slot & 0xFFFF_FFFF) - 1, id) {
                    return (i, Int(slot & 0xFFFF_FFFF) - 1)
                }
                i = (i + 1) & mask
            }
        }
        if found >= 0 { return (Int32(found), false) }
        let number = ends.count
        bytes.append(contentsOf: id)
        ends.append(bytes.count)
        slots[i] = tag | UInt64(number + 1)
        return (Int32(number), true)
    }

    private func matches(_ number: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let stored = range(number)
        guard stored.count == id.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            id.isEmpty || memcmp(all.baseAddress! + stored.lowerBound, id.baseAddress!, id.count) == 0
        }
    }

    /// Rebuilds the slots at `capacity` (a power of two), rehashing every id.
    private mutating func grow(to capacity: Int) {
        var fresh = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        bytes.withUnsafeBufferPointer { all in
            for k in 0..<ends.count {
                let stored = range(k)
                let hash = IDHash.hash(UnsafeBufferPointer(rebasing: all[stored]))
                var i = Int(truncatingIfNeeded: hash) & mask
                while fresh[i] != 0 { i = (i + 1) & mask }
                fresh[i] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(k + 1)
            }
        }
        slots = fresh
    }

    /// Makes room for `more` ids of about `length` bytes each without regrowing on the way.
    package mutating func reserveCapacity(_ more: Int, length: Int) {
        var capacity = max(1024, slots.count)
        while (count + more) * 2 > capacity { capacity *= 2 }
        if capacity > slots.count { grow(to: capacity) }
        ends.reserveCapacity(count + more)
        bytes.reserveCapacity(bytes.count + more * length)
    }
}

extension RequestIDs {
    /// For checkpoints: the ids' bytes and ends (the table of slots is built again on reading).
    package func write(to writer: inout BinaryWriter) {
        writer.uint8s(bytes)
        writer.ints(ends)
    }

    package init(reading reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init()
        bytes = try reader.uint8s()
        ends = try reader.ints()
        var previous = 0
        for end in ends {
            guard end >= previous, end <= bytes.count else { throw BinaryDecodingError(reason: "request ids") }
            previous = end
        }
        guard previous == bytes.count else { throw BinaryDecodingError(reason: "request ids") }
        var capacity = 1024
        while ends.count * 2 > capacity { capacity *= 2 }
        grow(to: capacity)
    }
}

extension RequestIDs: Equatable {
    /// The same ids in the same order (the slots follow from them).
    package static func == (a: RequestIDs, b: RequestIDs) -> Bool { a.bytes == b.bytes && a.ends == b.ends }
}
