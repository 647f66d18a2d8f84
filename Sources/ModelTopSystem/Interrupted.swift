import Glibc

/// The one retry loop for system calls a signal can interrupt (EINTR): the dashboard installs
/// handlers without SA_RESTART, so any blocking call may return early and must be made again.
package enum Interrupted {
    /// Calls `call` until it does not fail with EINTR; returns its last result (errno is left as set).
    @discardableResult
    package static func retry<Result: BinaryInteger>(_ call: () -> Result) -> Result {
        while true {
            let result = call()
            if result < 0, errno == EINTR { continue }
            return result
        }
    }

    /// Writes all of `bytes` to `fd`, retrying short and interrupted writes; false on an error.
    @discardableResult
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = retry { write(fd, bytes.baseAddress! + offset, bytes.count - offset) }
            if written < 0 { return false }
            offset += written
        }
        return true
    }

    /// `writeAll` for text.
    @discardableResult
    package static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }
}
