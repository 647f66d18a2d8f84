/// A curses call that returned `ERR` (or NULL), named after the C function so a report points at it.
public struct CursesError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The C function that failed, as in `waddnstr`.
    public var function: String
    /// What the caller was doing, when the function name alone says too little.
    public var detail: String

    public init(function: String, detail: String = "") {
        self.function = function
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? "terminal: \(function) failed" : "terminal: \(function) failed: \(detail)"
    }
}
