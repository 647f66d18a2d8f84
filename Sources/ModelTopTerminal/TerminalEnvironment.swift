import Glibc
import ModelTopUI

/// Whether full-screen mode can work here, decided before curses is touched.
///
/// curses aborts or scribbles when stdout is not a terminal or TERM is dumb; in those cases the
/// dashboard explains itself and points at `modeltop report` instead.
package enum TerminalEnvironment {
    package enum Verdict: Equatable, Sendable {
        case usable
        case unusable(reason: String)
    }

    package static func check(environment: [String: String], stdinIsTTY: Bool, stdoutIsTTY: Bool) -> Verdict {
        if !stdoutIsTTY {
            return .unusable(reason: "standard output is not a terminal; for a report on a pipe or file, run `modeltop report`")
        }
        if !stdinIsTTY {
            return .unusable(reason: "standard input is not a terminal; the dashboard reads keys from it. Run `modeltop report` instead")
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            return .unusable(reason: "TERM is \(term.isEmpty ? "not set" : "dumb"); the dashboard needs a full-screen terminal. Run `modeltop report` instead")
        }
        return .usable
    }

    /// The verdict for this process.
    package static func current() -> Verdict {
        var environment: [String: String] = [:]
        if let term = getenv("TERM") { environment["TERM"] = String(cString: term) }
        return check(environment: environment, stdinIsTTY: isatty(STDIN_FILENO) == 1, stdoutIsTTY: isatty(STDOUT_FILENO) == 1)
    }
}
