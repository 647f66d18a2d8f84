/// The last lines a child process printed, in a fixed amount of memory.
///
/// A retrain hook may print a million lines or binary garbage; the dashboard only ever shows
/// the tail, so older lines are overwritten instead of kept. Memory is bounded by
/// `capacity × LineAssembler.maxLineBytes` whatever the child does.
package struct OutputRing: Sendable, Equatable {
    package let capacity: Int
    private var storage: [String] = []
    /// Where the next line goes once the ring is full.
    private var next = 0
    /// Every line ever appended, including the overwritten ones.
    package private(set) var total = 0

    package init(capacity: Int = 500) {
        self.capacity = max(1, capacity)
    }

    package mutating func append(_ line: String) {
        total += 1
        if storage.count < capacity {
            storage.append(line)
            return
        }
        storage[next] = line
        next = (next + 1) % capacity
    }

    /// The kept lines, oldest first.
    package var lines: [String] {
        guard storage.count == capacity, next > 0 else { return storage }
        return Array(storage[next...] + storage[..<next])
    }

    /// Lines no longer kept.
    package var dropped: Int { total - storage.count }
}
