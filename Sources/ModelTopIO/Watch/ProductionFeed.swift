import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopMonitor

/// `prod_data.csv` followed as it grows: the header once, then whole records into a `Monitor`.
/// A truncated, rewritten or replaced file starts the monitor over, so the counts always
/// describe the file as it is now, exactly as a one-shot report would.
final class ProductionFeed {
    let path: String
    let name: String
    private let reference: ReferenceProfile
    private var follower: FileFollower
    private var parser: ChunkParser?
    private var delimiter: UInt8?
    private var pendingHeader: [UInt8] = []
    private(set) var monitor: Monitor?
    /// How many times the file started over (truncation, rewrite, replacement, deletion).
    private(set) var restarts = 0
    /// Why there is no monitor yet, in words for the screen: the file is missing, empty, or its
    /// header cannot be used (then nothing more is read until the file is rewritten or replaced).
    private(set) var waiting: String?
    /// The header's problem, when it has one; cleared when the file starts over.
    private var headerProblem: String?
    /// At most this many of the newest rows are kept (nil: all); see `Monitor.retention`.
    let retention: Int?
    /// Called with the monitor before its oldest rows are dropped: what must see every row
    /// (the dashboard's histograms and windows) counts them then.
    var beforeDroppingRows: ((Monitor) -> Void)?

    init(path: String, name: String, reference: ReferenceProfile, retention: Int? = nil) {
        self.path = path
        self.name = name
        self.reference = reference
        self.retention = retention
        follower = FileFollower(path: path, lastRecordEnd: { _ in nil })
        follower = makeFollower()
    }

    private func makeFollower() -> FileFollower {
        FileFollower(path: path) { [weak self] bytes in
            guard let self else { return nil }
            let delimiter = self.delimiter ?? bytes.withUnsafeBufferPointer { all in
                let firstLine = all.firstIndex(of: UInt8(ascii: "\n")) ?? all.count
                return CSVDialect.detect(headerLine: UnsafeBufferPointer(rebasing: all[0..<firstLine])).delimiter
            }
            return bytes.withUnsafeBufferPointer { RecordBoundary.endOfLastRecord(in: $0, delimiter: delimiter) }
        }
    }

    /// Reads what changed; true when the monitor changed.
    func poll() throws(ModelTopError) -> Bool {
        var changed = false
        try follower.poll { event throws(ModelTopError) in
            switch event {
            case .records(let bytes):
                try take(bytes)
                changed = true
            case .restarted, .replaced:
                startOver()
                changed = true
            case .missing:
                // Deleted (a reset between experiments): its rows are gone with it.
                if monitor != nil || !pendingHeader.isEmpty || headerProblem != nil {
                    startOver()
                    changed = true
                }
            }
        }
        let before = waiting
        waiting = Self.waitingReason(exists: FileIdentity(path: path) != nil, monitor: monitor, headerProblem: headerProblem, name: name)
        return changed || before != waiting
    }

    /// What a checkpoint records of this feed: where reading stopped and the monitor's state
    /// (nil before a header, or after one that could not be used).
    func checkpointState() -> (position: FileFollower.Position, monitor: Monitor)? {
        guard headerProblem == nil, parser != nil, let monitor, monitor.keepsRows, let position = follower.position else { return nil }
        return (position, monitor)
    }

    /// Continues from a checkpoint when the file is still the one it describes: the header is
    /// read again, the monitor restored, and reading goes on from the checkpoint's offset.
    /// Nil when it did; else why not, and nothing changed. A corrupt monitor is an error.
    func resume(from checkpoint: ProductionCheckpoint) throws(BinaryDecodingError) -> String? {
        guard monitor == nil, parser == nil else { return "\(name) was already being read" }
        guard checkpoint.retention == retention else {
            return "it kept \(checkpoint.retention.map { "\($0)" } ?? "all") rows whole, this run keeps \(retention.map { "\($0)" } ?? "all") (--retain)"
        }
        guard let stream = try? CSVFileStream(path: path, name: name),
              let schema = try? stream.schema.aligned(to: reference.schema, file: name, referenceFile: reference.file)
        else { return "\(name) cannot be read as it was" }
        var reader = BinaryReader(checkpoint.monitor)
        var restored = try Monitor(reading: &reader, reference: reference, productionSchema: schema, productionFile: name)
        guard reader.isAtEnd else { throw BinaryDecodingError(reason: "trailing bytes after the monitor") }
        restored.retention = retention
        guard (try? follower.resume(at: checkpoint.position)) == true else {
            return "\(name) changed, was rotated or rewritten since it was made"
        }
        delimiter = schema.dialect.delimiter
        parser = ChunkParser(schema: schema, file: name)
        monitor = restored
        return nil
    }

    /// Forgets a resumed checkpoint: reading starts again from the first byte.
    func abandonResume() {
        monitor = nil
        parser = nil
        delimiter = nil
        pendingHeader = []
        follower = makeFollower()
    }

    static func waitingReason(exists: Bool, monitor: Monitor?, headerProblem: String?, name: String) -> String? {
        if let headerProblem { return headerProblem }
        if !exists { return "waiting for \(name): no such file yet" }
        guard let monitor else { return "waiting for \(name): the file is empty (no header yet)" }
        return monitor.rows == 0 ? "no production rows yet: \(name) has only its header" : nil
    }

    private func startOver() {
        monitor = nil
        headerProblem = nil
        parser = nil
        delimiter = nil
        pendingHeader = []
        restarts += 1
    }

    /// A header that cannot be used is not fatal: a watched file is often fixed by rewriting it,
    /// so the problem is shown and the feed waits for the file to start over.
    private func take(_ bytes: [UInt8]) throws(ModelTopError) {
        guard headerProblem == nil else { return }
        do {
            try parse(bytes)
        } catch {
            headerProblem = Diagnostics.message(for: error)
            pendingHeader = []
        }
    }

    private func parse(_ bytes: [UInt8]) throws(ModelTopError) {
        var body = bytes
        if parser == nil {
            pendingHeader += bytes
            guard let header = try pendingHeader.withUnsafeBufferPointer({ all throws(ModelTopError) in
                try CSVHeader.parse(all, file: name, atEnd: false)
            }) else { return }
            let schema = try header.schema.aligned(to: reference.schema, file: name, referenceFile: reference.file)
            delimiter = schema.dialect.delimiter
            parser = ChunkParser(schema: schema, file: name)
            monitor = Monitor(reference: reference, productionSchema: schema, productionFile: name)
            monitor?.retention = retention
            body = Array(pendingHeader[header.length...])
            pendingHeader = []
        }
        guard let parser, !body.isEmpty else { return }
        // The follower hands over whole records only (or a final one at a rotation).
        let (chunks, _, _) = ParallelCSVParse.parse(body, parser: parser, includeUnterminatedTail: true)
        for chunk in chunks {
            monitor?.append(chunk)
            // Rows beyond the retention go as soon as they were counted: a large first read
            // never holds more than a round past it.
            if let retention, let held = monitor?.retainedRows, held > retention + retention / 4 {
                monitor?.catchUpStatistics()
                if let beforeDroppingRows, let current = monitor { beforeDroppingRows(current) }
                // Mutated in place (a copy held here would duplicate every column).
                monitor?.dropRowsBeyondRetention()
            }
        }
        // Count the new rows into the drift statistics now, so a snapshot costs O(reference).
        monitor?.catchUpStatistics()
    }
}
