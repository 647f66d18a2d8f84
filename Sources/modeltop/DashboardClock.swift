import Glibc

/// The dashboard's clocks: wall time for what the screens show, monotonic time for scheduling
/// (so a clock step never stalls or floods the ticks).
enum DashboardClock {
    /// Seconds since the epoch. The corresponding C function is `clock_gettime(CLOCK_REALTIME)`.
    static func now() -> Double { read(CLOCK_REALTIME) }

    /// Seconds on a clock that never steps. The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
    static func monotonic() -> Double { read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        // clock_gettime fails only for an unknown clock id; both ids above exist on every target.
        precondition(clock_gettime(clock, &spec) == 0, "clock_gettime failed")
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
