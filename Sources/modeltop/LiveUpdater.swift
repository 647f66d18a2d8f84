import Foundation
import Synchronization
import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor
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
final class LiveUpdater: @unchecked Sendable {
    typealias Build = @Sendable (LiveSources, DriftOptions, inout DashboardScanCache) -> DashboardSnapshot?

    // @unchecked Sendable: `sources`, `watcher`, `cache` and `cacheRestarts` are touched only by
    // the updater thread after `start()`; the UI thread reaches this object only through
    // `mailbox` (a Mutex) and `stopped` (an Atomic).
    private let sources: LiveSources
    private let watcher: DirectoryWatcher
    private let drift: DriftOptions
    private let build: Build
    private var cache: DashboardScanCache
    /// `sources.productionRestarts` when `cache` was last used.
    private var cacheRestarts: Int
    private let minimumGap = 0.1
    private let mailbox = Mutex<(snapshot: DashboardSnapshot?, notices: [String])>((nil, []))
    private let stopped = Atomic<Bool>(false)
    /// Other files whose change calls for a new snapshot (the model registry after a retrain).
    private let alsoWatched: [String]

    init(
        sources: LiveSources, watcher: DirectoryWatcher, drift: DriftOptions,
        build: @escaping Build, cache: DashboardScanCache = DashboardScanCache(), alsoWatched: [String] = []
    ) {
        self.sources = sources
        self.watcher = watcher
        self.drift = drift
        self.build = build
        self.cache = cache
        cacheRestarts = sources.productionRestarts
        self.alsoWatched = alsoWatched
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "modeltop-live"
        thread.start()
    }

    func stop() { stopped.store(true, ordering: .sequentiallyConsistent) }

    /// The newest snapshot and the notices since the last call, if any.
    func take() -> (snapshot: DashboardSnapshot?, notices: [String]) {
        mailbox.withLock { box in
            defer { box = (nil, []) }
            return box
        }
    }

    private func run() {
        var lastBuild = 0.0
        var dirty = false
        var stamps = alsoWatched.map(FileStamp.init(path:))
        while !stopped.load(ordering: .sequentiallyConsistent) {
            _ = watcher.wait(timeout: dirty ? minimumGap : 1.0)
            let current = alsoWatched.map(FileStamp.init(path:))
            if current != stamps {
                stamps = current
                dirty = true
            }
            do {
                if try sources.refresh() { dirty = true }
            } catch {
                post(notice: Diagnostics.message(for: error))
            }
            for notice in sources.takeNotices() { post(notice: notice) }
            let now = DashboardClock.monotonic()
            if dirty, now - lastBuild >= minimumGap {
                if sources.productionRestarts != cacheRestarts {
                    cache = DashboardScanCache()
                    cacheRestarts = sources.productionRestarts
                }
                if let snapshot = build(sources, drift, &cache) {
                    mailbox.withLock { $0.snapshot = snapshot }
                    lastBuild = DashboardClock.monotonic()
                    // A recent-window verdict older than the rows on screen: build again soon.
                    dirty = cache.recent.isStale
                }
            }
        }
    }

    private func post(notice: String) {
        mailbox.withLock { $0.notices.append(notice) }
    }
}
