import Glibc
import ModelTopBase

/// Wakes up when something in a directory changes: inotify on Linux, or plain polling where
/// inotify stays silent (NFS, some container mounts) or is asked not to be used.
///
/// Even with inotify it wakes at least every `pollInterval` seconds, so a file system that
/// drops notifications is still followed, only later.
package final class DirectoryWatcher {
    package let directory: String
    package let pollInterval: Double
    /// The inotify descriptor, or nil when polling.
    package private(set) var notifications: Int32?

    package init(directory: String, pollInterval: Double, useInotify: Bool = true) throws(ModelTopError) {
        self.directory = directory
        self.pollInterval = max(0.01, pollInterval)
        var info = stat()
        guard stat(directory, &info) == 0 else {
            throw .cannotRead(file: directory, reason: String(cString: strerror(errno)))
        }
        guard useInotify else { return }
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return }
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | IN_ATTRIB)
        if inotify_add_watch(fd, directory, mask) < 0 {
            close(fd)
            return
        }
        notifications = fd
    }

    deinit { if let notifications { close(notifications) } }

    package var mode: String { notifications == nil ? "polling every \(ReportNumber.general(pollInterval)) s" : "inotify" }

    /// Blocks until a change is notified or `timeout` seconds pass (never longer than the poll
    /// interval); true when a notification arrived. Interrupted by signals (returns false).
    package func wait(timeout: Double) -> Bool {
        let seconds = max(0, min(timeout, pollInterval))
        guard let fd = notifications else {
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
            nanosleep(&request, nil)
            return false
        }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = Glibc.poll(&descriptor, 1, Int32(seconds * 1000))
        guard ready > 0 else { return false }
        drainNotifications()
        return true
    }

    /// Reads and discards pending notifications: which file changed does not matter, every
    /// follower checks its own file.
    package func drainNotifications() {
        guard let fd = notifications else { return }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
