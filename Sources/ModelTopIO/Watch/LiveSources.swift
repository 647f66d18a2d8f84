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
    package init(
        referencePath: String, productionPath: String, logDirectory: String?, settleSeconds: Double = 0.5,
        clock: @escaping () -> Double = LiveSources.monotonicSeconds,
        retention: Int? = nil, beforeDroppingRows: ((Monitor) -> Void)? = nil
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
        logs = logDirectory.map { LogFeeds(directory: $0) }
        _ = try refresh()
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
