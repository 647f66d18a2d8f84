import Glibc
import ModelTopSystem

/// A file the simulated API appends to, as a serving process would: `O_APPEND`, whole lines,
/// one `write(2)` per batch, so a reader never sees a line that is not finished being written
/// unless the process dies inside that one call.
package final class DemoAppender {
    package let path: String
    private let fd: Int32

    /// Creates or truncates `path`.
    package init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DemoCommandError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(fd) }

    /// Appends `text` (whole lines), retrying a short write or an interrupted one.
    package func append(_ text: String) throws {
        guard !text.isEmpty else { return }
        guard Interrupted.writeAll(fd, text) else {
            throw DemoCommandError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

