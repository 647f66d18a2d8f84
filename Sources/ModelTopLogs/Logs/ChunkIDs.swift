/// The ids of one block's lines, as bytes with their `IDHash`, hashed where the block is parsed
/// (in parallel) so that joining them in the `LogMonitor` needs no hashing on the serial path.
struct ChunkIDs: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Entry k's bytes end here (and entry k + 1's start).
    private(set) var ends: [Int] = []
    private(set) var hashes: [UInt64] = []
    /// False for a line without an id (its range is empty).
    private(set) var present: [Bool] = []

    var count: Int { ends.count }

    mutating func append(_ id: String?) {
        guard let id else {
            ends.append(bytes.count)
            hashes.append(0)
            present.append(false)
            return
        }
        var text = id
        text.withUTF8 { utf8 in
            bytes.append(contentsOf: utf8)
            hashes.append(IDHash.hash(utf8))
        }
        ends.append(bytes.count)
        present.append(true)
    }

    /// Calls `body` with entry k's bytes and hash, or does nothing when it has no id.
    @inline(__always)
    func withID<T>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> T) -> T? {
        guard present[k] else { return nil }
        let start = k == 0 ? 0 : ends[k - 1]
        return bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[start..<ends[k]]), hashes[k]) }
    }

    func string(_ k: Int) -> String? { withID(k) { bytes, _ in String(decoding: bytes, as: UTF8.self) } }
}
