import Glibc

/// Where the app reads time: wall time for what the screens show, monotonic time for scheduling
/// (so a clock step never stalls or floods the ticks). Tests pass a clock they move by hand.
package protocol AppClock: Sendable {
    /// Seconds since the epoch.
    func now() -> Double
    /// Seconds on a clock that never steps.
    func monotonic() -> Double
}

/// The process's clocks: `clock_gettime(CLOCK_REALTIME)` and `clock_gettime(CLOCK_MONOTONIC)`.
package struct SystemClock: AppClock {
    package init() {}
    package func now() -> Double { Self.read(CLOCK_REALTIME) }
    package func monotonic() -> Double { Self.read(CLOCK_MONOTONIC) }

    package static func now() -> Double { read(CLOCK_REALTIME) }
    package static func monotonic() -> Double { read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        // clock_gettime fails only for an unknown clock id; both ids above exist on every target.
        precondition(clock_gettime(clock, &spec) == 0, "clock_gettime failed")
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
