import ModelTopBase

/// A curses call that returned `ERR` (or NULL), named after the C function so a report points at it.
package struct CursesError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The C function that failed, as in `waddnstr`.
    package var function: String
    /// What the caller was doing, when the function name alone says too little.
    package var detail: String

    package init(function: String, detail: String = "") {
        self.function = function
        self.detail = detail
    }

    package var description: String {
        detail.isEmpty ? "terminal: \(function) failed" : "terminal: \(function) failed: \(detail)"
    }
}

extension CursesError: UserFacingError {}
