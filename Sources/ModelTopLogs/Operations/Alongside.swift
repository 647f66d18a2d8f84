import Dispatch

/// Runs a side job on another thread while the caller runs the main one.
///
/// The operations report's cheap statistics (windows, latency, confidence) would otherwise run
/// one after another while CBPE waits, with a core idle. Not a `ParallelMap` of the parts: a
/// `concurrentPerform` nested in another runs serially, and CBPE fits its classes with one.
enum Alongside {
    static func run<Side: Sendable, Main>(_ side: @escaping @Sendable () -> Side, while main: () -> Main) -> (side: Side, main: Main) {
        let box = SideResult<Side>()
        box.group.enter()
        DispatchQueue.global().async {
            box.value = side()
            box.group.leave()
        }
        let mainResult = main()
        box.group.wait()
        return (box.value!, mainResult)
    }
}

/// The side job's result.
///
/// `@unchecked Sendable` is safe: `value` is written once, on the side thread, before the group
/// is left, and read only after `group.wait()` has returned, which orders the write first.
private final class SideResult<Value>: @unchecked Sendable {
    let group = DispatchGroup()
    var value: Value?
}
