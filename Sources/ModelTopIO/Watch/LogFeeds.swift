import ModelTopBase
import ModelTopLogs

/// The prediction logs of a directory followed as they grow, rotate and appear: one follower per
/// file (known by device and inode, so a rotated file is never read twice), lines parsed into
/// a `LogMonitor`. A truncated log starts the whole log monitor over, as a one-shot read of the
/// files as they are now would count.
final class LogFeeds {
    let directory: String
    private(set) var monitor = LogMonitor()
    private var followers: [String: (follower: FileFollower, nextLine: Int)] = [:]
    /// Files already read to their end under another name (rotated away).
    private var finished: Set<FileIdentity> = []
    private(set) var skipped: [String] = []

    /// Requests kept whole (`LogMonitor.horizon`); nil keeps them all.
    let horizon: Int?

    init(directory: String, horizon: Int? = nil) {
        self.directory = directory
        self.horizon = horizon
        monitor = LogMonitor(horizon: horizon)
    }

    /// Reads what changed in every log file; true when the monitor changed.
    ///
    /// Rotated files (`name.jsonl.N`) are complete: each is read once, by identity, and never
    /// followed. Live files (`name.jsonl`) are followed; when one is rotated away its follower
    /// reads it to the end before moving to the new file, and the rotated name is then skipped.
    func poll() throws(ModelTopError) -> Bool {
        var changed = false
        let (names, skipped) = try LogDirectory.files(in: directory)
        self.skipped = skipped
        for name in names {
            let path = directory + "/" + name
            if name.hasSuffix(".jsonl") {
                if followers[name] == nil {
                    followers[name] = (FileFollower(path: path, lastRecordEnd: FileFollower.lines), 1)
                    monitor.beginFile(name)
                }
                guard var entry = followers[name] else { continue }
                var restart = false
                try entry.follower.poll { event throws(ModelTopError) in
                    switch event {
                    case .records(let bytes):
                        read(bytes, file: name, nextLine: &entry.nextLine)
                        changed = true
                    case .replaced(let previous):
                        finished.insert(previous)
                        entry.nextLine = 1
                    case .restarted:
                        restart = true
                    case .missing:
                        break
                    }
                }
                followers[name] = entry
                if restart { return try startOver() }
            } else {
                guard let identity = FileIdentity(path: path), !finished.contains(identity),
                      !followers.values.contains(where: { $0.follower.identity == identity })
                else { continue }
                monitor.beginFile(name)
                var nextLine = 1
                try FileFollower(path: path, lastRecordEnd: FileFollower.lines).poll(final: true) { event throws(ModelTopError) in
                    if case .records(let bytes) = event {
                        read(bytes, file: name, nextLine: &nextLine)
                        changed = true
                    }
                }
                finished.insert(identity)
            }
        }
        monitor.pendingPartialLines = followers.values.filter { !$0.follower.partial.isEmpty }.count
        return changed
    }

    private func read(_ bytes: [UInt8], file: String, nextLine: inout Int) {
        let chunk = bytes.withUnsafeBufferPointer { LogChunkParser(file: file).parse($0) }
        monitor.append(chunk, firstLine: nextLine)
        monitor.dropRequestsBeyondHorizon()
        nextLine += chunk.lineCount
    }

    /// A log shrank or was rewritten: count every file afresh, as a one-shot read would.
    private func startOver() throws(ModelTopError) -> Bool {
        monitor = LogMonitor(horizon: horizon)
        followers = [:]
        finished = []
        _ = try poll()
        return true
    }
}

extension LogFeeds {
    /// For checkpoints: where each followed log stopped, the rotated files already read, and the
    /// log monitor; nil when a followed file has no position (missing right now).
    func checkpoint() -> [UInt8]? {
        var writer = BinaryWriter()
        let names = followers.keys.sorted()
        writer.strings(names)
        for name in names {
            guard let entry = followers[name], let position = entry.follower.position else { return nil }
            ProductionCheckpoint.write(position, to: &writer)
            writer.int(entry.nextLine)
        }
        let done = finished.sorted { ($0.device, $0.inode) < ($1.device, $1.inode) }
        writer.ints(done.flatMap { [Int(bitPattern: UInt($0.device)), Int(bitPattern: UInt($0.inode))] })
        monitor.write(to: &writer)
        return writer.bytes
    }

    /// Continues from `checkpoint` when every followed log is still the file it describes; false
    /// (and nothing changed) otherwise. A corrupt checkpoint is an error.
    func resume(from bytes: [UInt8]) throws(BinaryDecodingError) -> Bool {
        var reader = BinaryReader(bytes)
        let names = try reader.strings()
        var entries: [(name: String, position: FileFollower.Position, nextLine: Int)] = []
        for name in names {
            entries.append((name, try ProductionCheckpoint.readPosition(&reader), try reader.int()))
        }
        let done = try reader.ints()
        guard done.count % 2 == 0 else { throw BinaryDecodingError(reason: "finished logs") }
        let restored = try LogMonitor(reading: &reader, horizon: horizon)
        guard reader.isAtEnd else { throw BinaryDecodingError(reason: "trailing bytes after the logs") }
        var resumed: [String: (follower: FileFollower, nextLine: Int)] = [:]
        for entry in entries {
            guard !entry.name.contains("/") else { return false }
            let follower = FileFollower(path: directory + "/" + entry.name, lastRecordEnd: FileFollower.lines)
            guard (try? follower.resume(at: entry.position)) == true else { return false }
            resumed[entry.name] = (follower, entry.nextLine)
        }
        followers = resumed
        finished = Set(stride(from: 0, to: done.count, by: 2).map {
            FileIdentity(device: UInt64(UInt(bitPattern: done[$0])), inode: UInt64(UInt(bitPattern: done[$0 + 1])))
        })
        monitor = restored
        return true
    }
}
