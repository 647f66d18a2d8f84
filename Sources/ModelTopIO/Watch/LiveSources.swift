import Glibc
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopLogs
import ModelTopMonitor

/// A directory that a serving API writes while modeltop reads it: the reference, production
/// feedback and prediction logs, each followed incrementally. `refresh()` reads only new bytes.
package final class LiveSources {
    package let referencePath: String
    package let productionPath: String
    package let logDirectory: String?
    package private(set) var reference: ReferenceProfile
    /// What happened that the user should be told ("ref_data.csv changed: reference rebuilt").
    package private(set) var notices: [String] = []
    private var referenceStamp: FileStamp?
    /// A changed reference seen but not yet taken: its stamp and when it was first seen. It is
    /// rebuilt only once it has stayed the same for `settleSeconds` and ends with a whole line.
    private var pendingReference: (stamp: FileStamp?, since: Double)?
    /// A changed reference that could not be used; retried only when it changes again.
    private var refusedReference: FileStamp?
    /// Why the reference on screen is not the file's current content, if it is not.
    package private(set) var referenceProblem: String?
    private let settleSeconds: Double
    private let clock: () -> Double
    private var production: ProductionFeed
    /// See `init`.
    package let retention: Int?
    private let beforeDroppingRows: ((Monitor) -> Void)?
    private let logs: LogFeeds?

    /// `clock` gives monotonic seconds (tests pass their own); `settleSeconds` is how long a
    /// rewritten reference must stay unchanged before it is rebuilt.
    /// - Parameters:
    ///   - retention: keep at most this many of the newest production rows (nil: all); older rows
    ///     live on in the monitor's summaries.
    ///   - beforeDroppingRows: called with the monitor before its oldest rows are dropped.
    ///   - checkpoints: where to resume from and save to (`saveCheckpoint`); nil for none.
    ///   - feedbackHorizon: keep at most this many prediction-log requests whole (nil: all).
    ///   - restoreCounts: for the whole-history dashboard: resume only from a checkpoint with the
    ///     dashboard's counts, and receive them before anything more is read.
    package init(
        referencePath: String, productionPath: String, logDirectory: String?, settleSeconds: Double = 0.5,
        clock: @escaping () -> Double = LiveSources.monotonicSeconds,
        retention: Int? = nil, beforeDroppingRows: ((Monitor) -> Void)? = nil, checkpoints: CheckpointStore? = nil,
        restoreCounts: ((DashboardScanCache) -> Void)? = nil, feedbackHorizon: Int? = nil
    ) throws(ModelTopError) {
        self.referencePath = referencePath
        self.productionPath = productionPath
        self.logDirectory = logDirectory
        self.settleSeconds = settleSeconds
        self.clock = clock
        referenceStamp = FileStamp(path: referencePath)
        reference = ReferenceProfile(table: try DataFiles.loadTable(path: referencePath))
        self.retention = retention
        self.beforeDroppingRows = beforeDroppingRows
        production = ProductionFeed(path: productionPath, name: productionPath, reference: reference, retention: retention)
        production.beforeDroppingRows = beforeDroppingRows
        logs = logDirectory.map { LogFeeds(directory: $0, horizon: feedbackHorizon) }
        self.checkpoints = checkpoints
        checkpointNeedsCounts = restoreCounts != nil
        if let checkpoints { resume(from: checkpoints) }
        // Before the first read: rows it drops are folded into the restored counts.
        if let restoreCounts, let restored = takeRestoredCache() { restoreCounts(restored) }
        _ = try refresh()
    }

    /// See `init`.
    private let checkpoints: CheckpointStore?
    /// The dashboard's counts saved with the checkpoint resumed from, until taken.
    private var restoredCache: DashboardScanCache?
    /// Resume only from a checkpoint that holds the dashboard's counts (the whole-history
    /// dashboard: without them its histograms and windows would miss the rows before it).
    private let checkpointNeedsCounts: Bool
    /// What the checkpoint resumed from covered: production rows, and bytes of the file.
    package private(set) var resumed: (rows: Int, bytes: Int)?

    private var checkpointKey: (reference: String, production: String) {
        (Self.absolute(referencePath), Self.absolute(productionPath))
    }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let directory = getcwd(&buffer, buffer.count) != nil ? String(cString: buffer) : "."
        return directory + "/" + path
    }

    private func resume(from store: CheckpointStore) {
        let key = checkpointKey
        guard let loaded = store.load(reference: key.reference, production: key.production) else { return }
        let path = store.path(reference: key.reference, production: key.production)
        switch loaded {
        case .failure(let problem):
            notices.append("checkpoint \(path) ignored: \(problem.reason); reading \(productionPath) from the start")
        case .success(let checkpoint):
            // `referenceStamp`: the reference file as it was when `reference` was built from it.
            guard checkpoint.reference == referenceStamp else {
                notices.append("checkpoint ignored: \(referencePath) changed since it was made; reading \(productionPath) from the start")
                return
            }
            resumeLogs(from: checkpoint)
            guard !checkpointNeedsCounts || checkpoint.cache != nil else {
                notices.append("checkpoint ignored: it holds no dashboard counts (made by watch --headless or with --window); reading \(productionPath) from the start")
                return
            }
            do throws(BinaryDecodingError) {
                if let reason = try production.resume(from: checkpoint) {
                    notices.append("checkpoint ignored: \(reason); reading \(productionPath) from the start")
                    return
                }
                resumed = (production.monitor?.rows ?? 0, checkpoint.position.offset)
                guard checkpointNeedsCounts, let bytes = checkpoint.cache, let monitor = production.monitor else { return }
                var reader = BinaryReader(bytes)
                restoredCache = try DashboardScanCache(reading: &reader, monitor: monitor)
                guard reader.isAtEnd else { throw BinaryDecodingError(reason: "trailing bytes after the dashboard's counts") }
            } catch {
                // Nothing of it is kept: the rows before its offset would be missing otherwise.
                production.abandonResume()
                resumed = nil
                restoredCache = nil
                notices.append("checkpoint \(path) ignored: \(error.reason); reading \(productionPath) from the start")
            }
        }
    }

    /// The prediction logs' part of a checkpoint: resumed when every followed log is still the
    /// file it describes, else read from the start (said in a notice).
    private func resumeLogs(from checkpoint: ProductionCheckpoint) {
        guard let logs, let bytes = checkpoint.logs else { return }
        do throws(BinaryDecodingError) {
            if try !logs.resume(from: bytes) {
                notices.append("checkpoint: the prediction logs changed, were rotated or rewritten since it was made; reading them from the start")
            }
        } catch {
            notices.append("checkpoint: its prediction logs part is unusable (\(error.reason)); reading them from the start")
        }
    }

    /// The dashboard's counts as saved with the checkpoint resumed from (once; nil when none
    /// was resumed or it was opened without `restoreCounts`).
    func takeRestoredCache() -> DashboardScanCache? {
        defer { restoredCache = nil }
        return restoredCache
    }

    /// Saves what was read (and `cache`, folded over the same monitor) for the next start; a
    /// notice when it could not be written. Nothing when there is nothing to save.
    package func saveCheckpoint(cache: DashboardScanCache?) -> String? {
        guard let checkpoints, let state = production.checkpointState(),
              let referenceKey = referenceStamp, FileStamp(path: referencePath) == referenceKey
        else { return nil }
        var monitorBytes = BinaryWriter()
        state.monitor.write(to: &monitorBytes)
        var cacheBytes: [UInt8]?
        if let cache, cache.covers(state.monitor) {
            var writer = BinaryWriter()
            cache.write(to: &writer)
            cacheBytes = writer.bytes
        }
        let checkpoint = ProductionCheckpoint(
            reference: referenceKey, position: state.position, retention: production.retention, monitor: monitorBytes.bytes, cache: cacheBytes,
            logs: logs?.checkpoint())
        let key = checkpointKey
        do throws(ArtifactError) {
            try checkpoints.save(checkpoint, reference: key.reference, production: key.production)
            return nil
        } catch {
            return "checkpoint not saved: \(error.userMessage)"
        }
    }

    /// The production monitor, or nil until `prod_data.csv` has a header.
    package var monitor: Monitor? { production.monitor }
    package var logMonitor: LogMonitor? { logs?.monitor }
    package var skippedLogs: [String] { logs?.skipped ?? [] }
    package var productionRestarts: Int { production.restarts }

    /// What the screen must show about the inputs: a reference kept because its rewrite could
    /// not be used, rejected log lines (count and the first), unknown log keys.
    package var inputWarnings: [String] {
        var warnings: [String] = []
        if let referenceProblem { warnings.append(referenceProblem) }
        if let logs = logs?.monitor {
            if let first = logs.rejections.first.first {
                warnings.append("\(logs.rejections.count) log line\(logs.rejections.count == 1 ? "" : "s") rejected; first \(Diagnostics.message(for: first))")
            }
            warnings += logs.readingNotes(directory: logDirectory ?? "logs").warnings
        }
        return warnings
    }

    /// How the logs were read, for information (failed requests without a prediction, feedback
    /// lines that repeated their request).
    package var inputNotes: [String] {
        logs?.monitor.readingNotes(directory: logDirectory ?? "logs").information ?? []
    }

    /// Why there is no production data to judge yet ("waiting for prod_data.csv: …"), if so.
    package var productionWaiting: String? { production.waiting }

    package static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Reads whatever changed since the last call; true when anything did.
    package func refresh() throws(ModelTopError) -> Bool {
        var changed = refreshReference()
        let restarts = production.restarts
        if try production.poll() { changed = true }
        if production.restarts > restarts {
            notices.append("\(productionPath) was truncated, replaced or deleted: its statistics start afresh")
        }
        if let logs, try logs.poll() { changed = true }
        return changed
    }

    /// A retrain pipeline rewrites the reference in place (`cp`, `open(…, "w")`): between the
    /// truncate and the last write the file is empty or half written. The reference is rebuilt
    /// only from a file that has settled, parses whole and rejects no row; until then the
    /// previous one stays, and the screen says why.
    private func refreshReference() -> Bool {
        let stamp = FileStamp(path: referencePath)
        guard stamp != referenceStamp, stamp != refusedReference || stamp == nil else {
            pendingReference = nil
            return false
        }
        let now = clock()
        guard let pending = pendingReference, pending.stamp == stamp else {
            pendingReference = (stamp, now)
            let problem = stamp == nil ? "\(referencePath) is missing: keeping the previous reference" : "\(referencePath) is being rewritten: keeping the previous reference until it settles"
            let changed = referenceProblem != problem
            referenceProblem = problem
            return changed
        }
        guard let stamp, now - pending.since >= settleSeconds else { return false }
        pendingReference = nil
        do throws(ModelTopError) {
            guard FileBytes.endsWithNewline(path: referencePath) else {
                pendingReference = (stamp, now)  // a writer is in the middle of a line: wait on
                return false
            }
            let table = try DataFiles.loadTable(path: referencePath)
            if table.rowCount == 0 { throw ModelTopError.noUsableRows(file: referencePath, rejected: table.rejections.count) }
            if table.rejections.count > 0 {
                throw ModelTopError.headerProblem(
                    file: referencePath, line: table.rejections.first.first?.line ?? 1, column: table.rejections.first.first?.column ?? 1,
                    reason: "\(table.rejections.count) rows rejected (\(table.rejections.first.first?.reason ?? "")); not used")
            }
            reference = ReferenceProfile(table: table)
            referenceStamp = stamp
                refusedReference = nil
            referenceProblem = nil
            production = ProductionFeed(path: productionPath, name: productionPath, reference: reference, retention: retention)
            production.beforeDroppingRows = beforeDroppingRows
            notices.append("\(referencePath) changed: reference rebuilt (\(table.rowCount) rows)")
        } catch {
            refusedReference = stamp
            referenceProblem = "\(Diagnostics.message(for: error)); keeping the previous reference"
            notices.append(referenceProblem ?? "")
        }
        return true
    }

    package func takeNotices() -> [String] {
        defer { notices = [] }
        return notices
    }
}

/// What says a file changed without reading it: identity, size and modification time.
package struct FileStamp: Equatable {
    var identity: FileIdentity
    var size: Int
    var modified: timespec

    init(identity: FileIdentity, size: Int, modified: timespec) {
        self.identity = identity
        self.size = size
        self.modified = modified
    }

    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, let identity = FileIdentity(path: path) else { return nil }
        self.identity = identity
        size = Int(info.st_size)
        modified = info.st_mtim
    }

    package static func == (a: FileStamp, b: FileStamp) -> Bool {
        a.identity == b.identity && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec
            && a.modified.tv_nsec == b.modified.tv_nsec
    }
}
