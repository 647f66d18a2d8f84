import Glibc

/// Swift's backtracer, on a crash in a terminal, offers an interactive debugger and waits 30 s
/// for a key: on a server that is a hang, over whatever the screen showed. It reads its settings
/// from `SWIFT_BACKTRACE` when the runtime starts, so modeltop, when that is unset and it runs on
/// a terminal, starts itself again once with `interactive=no` (a backtrace still goes to stderr).
/// On pipes and in scripts the backtracer is not interactive anyway, and nothing is re-run.
enum BacktraceSettings {
    static func makeNonInteractive() {
        guard getenv("SWIFT_BACKTRACE") == nil, isatty(STDIN_FILENO) == 1 || isatty(STDOUT_FILENO) == 1 else { return }
        _ = setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        // On success this does not return; if it fails, modeltop runs on with the default.
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
