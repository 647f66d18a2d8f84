import Glibc

/// Numbers are read and written the same in every locale: `strtod` and `printf` follow the
/// thread's LC_NUMERIC, and under `de_DE` they would stop at the '.' of `0.123…` or print
/// `0,123`. The calls that go through the C library run in the "C" locale, on this thread only
/// (`uselocale`), whatever the process's locale.
package enum NumericLocale {
    /// The "C" numeric locale; read only after its one-time initialisation, so sharing it is safe.
    nonisolated(unsafe) private static let c = newlocale(LC_NUMERIC_MASK, "C", nil)

    package static func inC<T>(_ body: () -> T) -> T {
        guard let c else { return body() }
        let previous = uselocale(c)
        defer { if let previous { _ = uselocale(previous) } }
        return body()
    }
}
