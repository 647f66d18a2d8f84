import Glibc

/// The few libc calls the terminal layer makes outside curses.
enum Platform {
    /// A stdio stream on a duplicate of `descriptor`, so closing it leaves the original open.
    /// The corresponding C functions are `dup` and `fdopen`.
    static func openStream(duplicating descriptor: Int32, mode: String) throws(CursesError) -> UnsafeMutablePointer<FILE> {
        let copy = dup(descriptor)
        if copy < 0 { throw CursesError(function: "dup", detail: String(cString: strerror(errno))) }
        guard let stream = fdopen(copy, mode) else {
            let reason = String(cString: strerror(errno))
            _ = close(copy)
            throw CursesError(function: "fdopen", detail: reason)
        }
        return stream
    }
}
