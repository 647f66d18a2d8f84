import Foundation
import Synchronization
import ModelTopSystem
import ModelTopDigits

/// Plays the precomputed events into `prod_data.csv` and `predictions.jsonl` at `speed` times
/// real time, on a background thread while the dashboard runs, or inline when headless.
///
/// `@unchecked Sendable` is safe: the appenders are used only by the one thread that runs
/// `play()` (the start thread, or the caller when headless); the other threads reach this object
/// only through `stopRequested` and `outcome` (both synchronised) and `finished` (a semaphore).
package final class DemoPlayer: @unchecked Sendable {
    package let events: [DemoEvent]
    package let speed: Double
    private let production: DemoAppender
    private let log: DemoAppender
    private let stopRequested = Atomic<Bool>(false)
    private let outcome = Mutex<(written: Int, failure: String?)>((0, nil))
    private let finished = DispatchSemaphore(value: 0)

    package init(events: [DemoEvent], speed: Double, production: DemoAppender, log: DemoAppender) {
        self.events = events
        self.speed = speed
        self.production = production
        self.log = log
    }

    /// Plays on a new thread; `stop()` ends it early.
    package func start() {
        let thread = Thread { [self] in
            play()
            finished.signal()
        }
        thread.name = "modeltop-demo-writer"
        thread.start()
    }

    /// Asks a playing thread to stop after its current batch of whole lines, and waits for it.
    package func stop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        finished.wait()
    }

    /// Events written so far, and the write error that ended playback early, if any.
    package var result: (written: Int, failure: String?) { outcome.withLock { $0 } }

    /// Writes each event when its simulated time comes; a batch that is due goes out in one write per file.
    package func play() {
        let started = ContinuousClock.now
        var next = 0
        // `SignalFlags.stop` is installed only when headless: there Ctrl-C ends playback between batches.
        while next < events.count, !stopRequested.load(ordering: .sequentiallyConsistent), !SignalFlags.hasArrived(SignalFlags.stop) {
            let elapsed = ContinuousClock.now - started
            let simulated = (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) * speed
            var end = next
            while end < events.count, events[end].time <= simulated { end += 1 }
            if end == next {
                let wait = min(0.05, (events[next].time - simulated) / speed)
                Thread.sleep(forTimeInterval: max(0.0005, wait))
                continue
            }
            let batch = events[next..<end]
            do {
                try production.append(batch.compactMap(\.production).joined())
                try log.append(batch.map(\.log).joined())
            } catch {
                outcome.withLock { $0.failure = "\(error)" }
                return
            }
            next = end
            outcome.withLock { $0.written = next }
        }
    }
}
