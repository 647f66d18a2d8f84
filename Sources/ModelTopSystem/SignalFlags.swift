import Glibc
import Synchronization

/// Signals caught and recorded for a loop to act on: the dashboard's (quit, suspend, resize) and
/// `watch --headless`'s and the demo's SIGINT/SIGTERM. The one signal-handling type.
///
/// A handler may only do async-signal-safe work, so it sets one bit in a lock-free atomic and
/// returns; the loop, woken by the interrupted wait (`wget_wch`, `poll`) or at worst by its
/// timeout, takes the bits and does the real work (endwin, suspend, quit) on its own thread.
package enum SignalFlags {
    /// One bit per signal number. A global `let` atomic: lock-free, so safe to touch from a handler.
    package static let pending = Atomic<UInt64>(0)

    /// The signals modeltop handles while curses is active.
    /// SIGQUIT is a stop like SIGTERM: left to the default, Swift's backtracer would take the
    /// screen and offer an interactive debugger.
    package static let dashboard: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT]
    /// What ends a command that runs until stopped (`watch --headless`, the demo).
    package static let stop: [Int32] = [SIGINT, SIGTERM]

    /// Handlers in place before `install`, put back by `restore`.
    package struct Saved {
        fileprivate var actions: [(Int32, sigaction)]
        fileprivate var mask: sigset_t
    }

    /// Installs the flag-setting handler for `signals`. The dashboard calls it before `newterm`,
    /// so ncurses sees non-default handlers and does not install its own for these signals.
    @discardableResult
    package static func install(_ handled: [Int32]) -> Saved {
        _ = pending.exchange(0, ordering: .sequentiallyConsistent)  // initialise the global before any handler can run
        var saved: [(Int32, sigaction)] = []
        for signal in handled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                _ = SignalFlags.pending.bitwiseOr(UInt64(1) << UInt64(number), ordering: .sequentiallyConsistent)
            }
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: the blocking read returns on a signal, so the loop reacts at once.
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signal, &action, &old) == 0 { saved.append((signal, old)) }
        }
        // A parent may have started us with these blocked (a dispatch worker thread's mask is
        // inherited through posix_spawn); blocked, they would never interrupt the wait.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in handled + [SIGWINCH] { sigaddset(&unblock, signal) }
        var mask = sigset_t()
        _ = pthread_sigmask(SIG_UNBLOCK, &unblock, &mask)
        return Saved(actions: saved, mask: mask)
    }

    /// Puts back the handlers that were in place before `install`.
    package static func restore(_ saved: Saved) {
        for (signal, old) in saved.actions {
            var action = old
            _ = sigaction(signal, &action, nil)
        }
        var mask = saved.mask
        _ = pthread_sigmask(SIG_SETMASK, &mask, nil)
    }

    /// Takes (and clears) the signals that arrived since the last call.
    package static func take() -> Set<Int32> {
        let bits = pending.exchange(0, ordering: .sequentiallyConsistent)
        return Set((1..<64).map(Int32.init).filter { bits & (UInt64(1) << UInt64($0)) != 0 })
    }

    /// True once one of `signals` has arrived (not cleared: a stop stays a stop).
    package static func hasArrived(_ signals: [Int32]) -> Bool {
        let bits = pending.load(ordering: .sequentiallyConsistent)
        return signals.contains { bits & (UInt64(1) << UInt64($0)) != 0 }
    }

    /// Stops the process the way the default SIGTSTP action would, then returns once continued.
    /// The caller has already handed the terminal back with `endwin`.
    package static func suspendProcess() {
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&defaultAction.sa_mask)
        var ours = sigaction()
        _ = sigaction(SIGTSTP, &defaultAction, &ours)
        _ = raise(SIGTSTP)
        _ = sigaction(SIGTSTP, &ours, nil)
    }
}
