import Glibc

/// A deliberate crash on the dashboard's first frame, for the tests that check the terminal is
/// handed back after one: `MODELTOP_TEST_CRASH=trap` (a Swift runtime trap) or `segv`.
enum CrashDrill {
    static func runIfAsked() {
        guard let kind = getenv("MODELTOP_TEST_CRASH").map({ String(cString: $0) }) else { return }
        switch kind {
        case "segv": _ = raise(SIGSEGV)
        default: fatalError("deliberate crash for a test (MODELTOP_TEST_CRASH=\(kind))")
        }
    }
}
