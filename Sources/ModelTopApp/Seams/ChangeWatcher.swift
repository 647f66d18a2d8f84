import ModelTopIO

/// What tells the live updater that files may have changed: inotify (or polling) on the data
/// directory in the binary, a double the tests release by hand.
package protocol ChangeWatcher: AnyObject {
    /// Waits up to `timeout` seconds for a change; true when one was seen.
    func wait(timeout: Double) -> Bool
}

extension DirectoryWatcher: ChangeWatcher {}
