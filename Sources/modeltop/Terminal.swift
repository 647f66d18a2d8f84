import Glibc
import ModelTopSystem

/// Facts about the process's terminal and writing to it.
enum Terminal {
    /// Colour on stdout: a terminal, NO_COLOR unset or empty, TERM not dumb.
    static var stdoutWantsColor: Bool {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    static func printError(_ message: String) {
        writeAll(STDERR_FILENO, "modeltop: error: \(message)\n")
    }

    static func printWarning(_ message: String) {
        writeAll(STDERR_FILENO, "modeltop: warning: \(message)\n")
    }

    /// Writes all of `text`, retrying short writes (a report can be larger than a pipe buffer).
    static func writeAll(_ fd: Int32, _ text: String) { Interrupted.writeAll(fd, text) }
}
