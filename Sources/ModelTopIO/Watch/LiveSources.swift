#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModelTopCore

/// A directory that a serving API writes while modeltop reads it: the reference, production
/// feedback and prediction logs, each followed incrementally. `refresh()` reads only new bytes.
public final class LiveSources {
    public let referencePath: String
    public let productionPath: String
    public let logDirectory: String?
    public private(set) var reference: ReferenceProfile
    /// What happened that the user should be told ("ref_data.csv changed: reference rebuilt").
    public private(set) var notices: [String] = []
    private var referenceStamp: FileStamp?
    private var production: ProductionFeed
    private let logs: LogFeeds?

    public init(referencePath: String, productionPath: String, logDirectory: String?) throws(ModelTopError) {
        self.referencePath = referencePath
        self.productionPath = productionPath
        self.logDirectory = logDirectory
        referenceStamp = FileStamp(path: referencePath)
        reference = ReferenceProfile(table: try DataFiles.loadTable(path: referencePath))
        production = ProductionFeed(path: productionPath, name: productionPath, reference: reference)
        logs = logDirectory.map { LogFeeds(directory: $0) }
        _ = try refresh()
    }

    /// The production monitor, or nil until `prod_data.csv` has a header.
    public var monitor: Monitor? { production.monitor }
    public var logMonitor: LogMonitor? { logs?.monitor }
    public var skippedLogs: [String] { logs?.skipped ?? [] }
    public var productionRestarts: Int { production.restarts }

    /// Reads whatever changed since the last call; true when anything did.
    public func refresh() throws(ModelTopError) -> Bool {
        var changed = false
        let stamp = FileStamp(path: referencePath)
        if stamp != referenceStamp, let stamp {
            // A retrain (or a person) replaced the reference: rebuild it, and production against it.
            reference = ReferenceProfile(table: try DataFiles.loadTable(path: referencePath))
            referenceStamp = stamp
            production = ProductionFeed(path: productionPath, name: productionPath, reference: reference)
            notices.append("\(referencePath) changed: reference rebuilt")
            changed = true
        }
        if try production.poll() { changed = true }
        if let logs, try logs.poll() { changed = true }
        return changed
    }

    public func takeNotices() -> [String] {
        defer { notices = [] }
        return notices
    }
}

/// What says a file changed without reading it: identity, size and modification time.
public struct FileStamp: Equatable {
    var identity: FileIdentity
    var size: Int
    var modified: timespec

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, let identity = FileIdentity(path: path) else { return nil }
        self.identity = identity
        size = Int(info.st_size)
        modified = info.st_mtim
    }

    public static func == (a: FileStamp, b: FileStamp) -> Bool {
        a.identity == b.identity && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec
            && a.modified.tv_nsec == b.modified.tv_nsec
    }
}
