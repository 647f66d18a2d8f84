import Glibc
import Synchronization

/// SIGINT and SIGTERM for commands that run until stopped (`watch --headless`): the handler only
/// sets a flag; the command's loop, whose wait the signal interrupts, finishes its work and exits.
enum StopSignal {
    /// A global atomic: lock-free, so safe to set from a signal handler.
    static let raised = Atomic<Bool>(false)

    static func install() {
        _ = raised.exchange(false, ordering: .sequentiallyConsistent)
        for signal in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in
                StopSignal.raised.store(true, ordering: .sequentiallyConsistent)
            }
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: the wait returns on the signal, so the final snapshot comes at once.
            action.sa_flags = 0
            _ = sigaction(signal, &action, nil)
        }
    }

    static var isRaised: Bool { raised.load(ordering: .sequentiallyConsistent) }
}
