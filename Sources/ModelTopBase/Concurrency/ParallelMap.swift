import Dispatch
import Glibc
import Synchronization

/// Runs independent pieces of pure work on every core and returns their results in order.
///
/// Used for the per-dimension statistics and for parsing blocks of a file: both are
/// embarrassingly parallel, and the machine this runs on often has only two cores.
package enum ParallelMap {
    /// The cores that run the work (at most 8: past that, these workloads stop scaling).
    package static let workerCount = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    package static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(body(index), at: index)
        }
        return results.values()
    }

    /// `map` with one `Context` per worker thread, made there by `makeContext` and handed to
    /// every element that worker computes: a sort workspace, whose memory is then faulted in
    /// once per worker instead of once per element. Workers take the next element as they
    /// finish one, so elements of uneven cost still balance.
    package static func map<Context, T: Sendable>(
        count: Int, perWorker makeContext: @Sendable () -> Context, _ body: @Sendable (Int, Context) -> T
    ) -> [T] {
        let results = ResultSlots<T>(count: count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(workerCount, count)) { _ in
            let context = makeContext()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                results.store(body(index, context), at: index)
            }
        }
        return results.values()
    }

    /// Mutates every element in place, in parallel: no element is copied, so a large value
    /// (a dimension's counts) is updated without copy-on-write.
    package static func updateEach<T>(_ elements: inout [T], _ body: @Sendable (Int, inout T) -> Void) {
        elements.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                slots.update(index, body)
            }
        }
    }
}

/// Elements mutated from `concurrentPerform`, each by exactly one iteration.
///
/// `@unchecked Sendable` is safe here for the same reason as `ResultSlots`: the iterations touch
/// disjoint elements through a raw pointer, and the buffer outlives `concurrentPerform`.
private struct DisjointSlots<T>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<T>?

    package init(_ buffer: UnsafeMutableBufferPointer<T>) { base = buffer.baseAddress }

    package func update(_ index: Int, _ body: (Int, inout T) -> Void) {
        guard let base else { return }
        body(index, &base[index])
    }
}

/// Write-once slots filled from `concurrentPerform`.
///
/// `@unchecked Sendable` is safe here: each index is written by exactly one iteration, through
/// a raw pointer (no shared Swift property is accessed), and the slots are read only after
/// `concurrentPerform` has returned, which orders all the writes before the reads.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    package init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    package func store(_ value: T, at index: Int) { slots[index] = value }

    package func values() -> [T] { (0..<count).compactMap { slots[$0] } }
}
