import ModelTopMonitor

/// Where the loop collects new data: the live updater's mailbox in the binary, a queue in tests.
package protocol SnapshotFeed: AnyObject {
    /// The newest snapshot and the notices since the last call, if any.
    func take() -> (snapshot: DashboardSnapshot?, notices: [String])
}
