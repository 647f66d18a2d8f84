import Dispatch

/// Work started on another thread now and collected later: the file readers parse one round
/// this way while they read the next, and the operations report runs its cheap statistics
/// beside CBPE. Not a `ParallelMap`: a `concurrentPerform` nested in another runs serially.
///
/// `@unchecked Sendable` is safe: `result` is written once, on the worker, before the group is
/// left, and read only after `wait()` has returned, which orders the write first.
package final class BackgroundResult<T>: @unchecked Sendable {
    private var result: T?
    private let group = DispatchGroup()

    package init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    /// Whether the work has finished (`wait()` then returns at once).
    package var isDone: Bool { group.wait(timeout: .now()) == .success }

    /// The work's result, once it is done.
    package func wait() -> T {
        group.wait()
        // Written before the group was left (see above).
        return result!
    }
}
