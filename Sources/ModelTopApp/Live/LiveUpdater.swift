import Foundation
import Synchronization
import ModelTopSystem
import ModelTopBase
import ModelTopMonitor
import ModelTopMetrics
import ModelTopIO

/// Follows the dashboard's files on a background thread and hands fresh snapshots to the UI.
///
/// Reading and the statistics can take a while on large files; doing them here keeps keys
/// responsive. Bursts of writes are coalesced: at most one snapshot per `minimumGap` seconds.
/// Curses never runs here: the UI thread takes snapshots from the mailbox and draws them.
///
/// A `DashboardScanCache` is carried from one snapshot to the next, so a refresh counts only the
/// rows appended since the last one. It is dropped when production starts over (truncated,
/// rewritten or replaced); a new reference or a window that dropped rows is caught by the cache.
package final class LiveUpdater: SnapshotFeed, @unchecked Sendable {
    package typealias Build = @Sendable (LiveSources, inout DashboardScanCache) -> DashboardSnapshot?

    // @unchecked Sendable: `sources`, `watcher`, `box`, `cacheRestarts` and `alerts` are touched only by
    // the updater thread after `start()`; the UI thread reaches this object only through
    // `mailbox` (a Mutex) and `stopped` (an Atomic).
    private let sources: LiveSources
    private let watcher: any ChangeWatcher
    private let clock: any AppClock
    private let build: Build
    /// The counts carried between snapshots, shared with the feed's fold before it drops rows.
    private let box: ScanCacheBox
    /// `sources.productionRestarts` when `cache` was last used.
    private var cacheRestarts: Int
    private let minimumGap = 0.1
    private let mailbox = Mutex<(snapshot: DashboardSnapshot?, notices: [String])>((nil, []))
    private let stopped = Atomic<Bool>(false)
    /// Signalled when the thread has stopped (after its last checkpoint).
    private let finished = DispatchSemaphore(value: 0)
    /// Other files whose change calls for a new snapshot (the model registry after a retrain).
    private let alsoWatched: [String]
    /// The alert rules, judged on this thread once a round (about a second) even with no new
    /// data, so `for` durations and staleness advance; their board goes to the UI by itself.
    private var alerts: AlertWatch?
    /// `--listen` / `--metrics-file`: counted after each read, published with each snapshot.
    private let metrics: MetricsExport?

    package init(
        sources: LiveSources, watcher: any ChangeWatcher,
        build: @escaping Build, cache: ScanCacheBox = ScanCacheBox(), alsoWatched: [String] = [],
        alerts: AlertWatch? = nil, metrics: MetricsExport? = nil, clock: any AppClock = SystemClock()
    ) {
        self.alerts = alerts
        self.metrics = metrics
        self.sources = sources
        self.watcher = watcher
        self.clock = clock
        self.build = build
        box = cache
        cacheRestarts = sources.productionRestarts
        self.alsoWatched = alsoWatched
    }

    package func start() {
        let thread = Thread { [self] in run() }
        thread.name = "modeltop-live"
        thread.start()
    }

    package func stop() { stopped.store(true, ordering: .sequentiallyConsistent) }

    /// The newest snapshot and the notices since the last call, if any.
    package func take() -> (snapshot: DashboardSnapshot?, notices: [String]) {
        mailbox.withLock { box in
            defer { box = (nil, []) }
            return box
        }
    }

    /// How often what was read is saved for the next start (and once when stopping).
    package static let checkpointSeconds = 60.0

    /// Saves a checkpoint when rows were built since the last one and it is due (or `now`).
    private func saveCheckpointIfDue(_ state: inout StepState, force: Bool = false) {
        let now = clock.monotonic()
        guard state.unsaved, force || now - state.lastSave >= Self.checkpointSeconds else { return }
        if let problem = sources.saveCheckpoint(cache: box.cache) { post(notice: problem) }
        state.unsaved = false
        state.lastSave = now
    }

    /// Stops the thread and waits (at most `timeout` seconds) for its last checkpoint.
    package func stopAndWait(timeout: Double = 5) {
        stop()
        _ = finished.wait(timeout: .now() + timeout)
    }

    private func run() {
        var state = StepState(stamps: alsoWatched.map(FileStamp.init(path:)))
        // What was read before the thread started (the first snapshot) is not saved yet.
        state.unsaved = true
        state.lastSave = clock.monotonic()
        // What was read before the thread started is counted here, off the UI's thread, and
        // published with the first snapshot this thread builds.
        if let metrics {
            metrics.observe(sources, dataArrivedAt: clock.now())
            state.dirty = true
        }
        while !stopped.load(ordering: .sequentiallyConsistent) {
            step(&state)
            saveCheckpointIfDue(&state)
        }
        saveCheckpointIfDue(&state, force: true)
        finished.signal()
    }

    /// What one round of the updater remembers for the next.
    package struct StepState {
        var lastBuild = -Double.infinity
        var dirty = false
        var stamps: [FileStamp?]
        /// A snapshot was built since the last checkpoint was saved.
        var unsaved = false
        var lastSave = -Double.infinity
    }

    package func initialStepState() -> StepState { StepState(stamps: alsoWatched.map(FileStamp.init(path:))) }

    /// One round: wait for a change (or a second), read what was appended, and post a snapshot
    /// when something changed and the last one is at least `minimumGap` old. The thread runs
    /// this in a loop; tests call it directly with a watcher they release by hand.
    package func step(_ state: inout StepState) {
        _ = watcher.wait(timeout: state.dirty ? minimumGap : 1.0)
        // A whole-embedding judgement finished in the background, or is due: build to show it.
        if box.cache.embedding.needsBuild(now: clock.monotonic()) { state.dirty = true }
        let current = alsoWatched.map(FileStamp.init(path:))
        if current != state.stamps {
            state.stamps = current
            state.dirty = true
        }
        do {
            if try sources.refresh() {
                state.dirty = true
                alerts?.dataArrived(now: clock.now())
                metrics?.observe(sources, dataArrivedAt: clock.now())
            }
        } catch {
            post(notice: Diagnostics.message(for: error))
        }
        for notice in sources.takeNotices() { post(notice: notice) }
        let now = clock.monotonic()
        if state.dirty, now - state.lastBuild >= minimumGap {
            if sources.productionRestarts != cacheRestarts {
                box.cache = DashboardScanCache()
                cacheRestarts = sources.productionRestarts
            }
            if let snapshot = build(sources, &box.cache) {
                state.unsaved = true
                mailbox.withLock { $0.snapshot = snapshot }
                state.lastBuild = clock.monotonic()
                // A recent-window verdict older than the rows on screen: build again soon.
                state.dirty = box.cache.recent.isStale
                alerts?.update(snapshot.alertFacts)
                metrics?.publish(snapshot.report)
                for warning in metrics?.takeWarnings() ?? [] { post(notice: warning) }
            }
        }
        alerts?.evaluate(now: clock.now())
    }

    private func post(notice: String) {
        mailbox.withLock { $0.notices.append(notice) }
    }
}
