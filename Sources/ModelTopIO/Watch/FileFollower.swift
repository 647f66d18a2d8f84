import Glibc
import ModelTopBase

/// Follows one file that another process appends to: reads only new bytes, hands over whole
/// records (a half-written last record waits for its end), and notices when the file is
/// truncated, rewritten, replaced by rotation, or deleted. Never writes to the file.
///
/// A file is known by its device and inode, not its name: when `predictions.jsonl` is renamed to
/// `predictions.jsonl.1` and a new `predictions.jsonl` appears, the old file is read to its end
/// first (nothing is lost), then the new one from its start.
package final class FileFollower {
    package enum Event: Equatable {
        /// Whole records appended since the last poll.
        case records([UInt8])
        /// The file shrank or its first bytes changed: everything read so far is void.
        case restarted
        /// The file at the path is a different file now (rotation); `previous` was read to its end.
        case replaced(previous: FileIdentity)
        /// No file at the path (yet, or any more); what was read from it stays counted.
        case missing
    }

    package let path: String
    /// Where the last complete record ends in `bytes`, given that `bytes` starts at a record start.
    private let lastRecordEnd: ([UInt8]) -> Int?
    private var descriptor: Int32 = -1
    package private(set) var identity: FileIdentity?
    /// Bytes read but not yet handed over: the start of an unfinished record.
    package private(set) var partial: [UInt8] = []
    /// The first bytes of the file as first read, to notice a truncate-and-rewrite that grew past
    /// the old size between two polls.
    private var fingerprint: [UInt8] = []
    /// The last bytes read and where they start, to notice a rewrite that kept the first bytes.
    private var recent: [UInt8] = []
    private var recentOffset = 0
    private static let fingerprintLength = 4096
    private static let roundBytes = 8 << 20

    package init(path: String, lastRecordEnd: @escaping ([UInt8]) -> Int?) {
        self.path = path
        self.lastRecordEnd = lastRecordEnd
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Lines end at a newline: the boundary for JSON-lines logs.
    package static func lines(_ bytes: [UInt8]) -> Int? {
        bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }
    }

    /// Reads what changed since the last poll, handing events over as they are found (records
    /// come in rounds of at most a few MB, so a large file never sits in memory as a whole).
    /// `final` also hands over an unterminated last record: for a file that will not grow again.
    package func poll(final: Bool = false, _ handle: (Event) throws(ModelTopError) -> Void) throws(ModelTopError) {
        if descriptor < 0 {
            guard try open() else { return try handle(.missing) }
        }
        let atPath = FileIdentity(path: path)
        if let identity, atPath != identity {
            // Rotated away (another file at the path) or deleted (none): finish the old file first.
            try drain(final: true, handle)
            close(descriptor)
            descriptor = -1
            self.identity = nil
            guard atPath != nil else { return try handle(.missing) }
            try handle(.replaced(previous: identity))
            guard try open() else { return try handle(.missing) }
        }
        if try wasRewritten() {
            partial = []
            fingerprint = []
            recent = []
            recentOffset = 0
            guard lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw .cannotRead(file: path, reason: String(cString: strerror(errno)))
            }
            try handle(.restarted)
        }
        try drain(final: final, handle)
    }

    /// All events of one poll, collected (for tests and small files).
    package func poll() throws(ModelTopError) -> [Event] {
        var events: [Event] = []
        try poll { events.append($0) }
        return events
    }

    /// Opens the file at the path; false when there is none.
    private func open() throws(ModelTopError) -> Bool {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return false }
            throw .cannotRead(file: path, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
        identity = FileIdentity(descriptor: fd)
        partial = []
        fingerprint = []
        recent = []
        recentOffset = 0
        return true
    }

    /// Where the records handed over so far end in a file, and the bytes that tell it is still
    /// the same file there: what a checkpoint needs to resume reading.
    package struct Position: Sendable, Equatable {
        package var identity: FileIdentity
        package var offset: Int
        /// The file's first bytes (at most `fingerprintLength`, none past `offset`).
        package var head: [UInt8]
        /// The bytes just before `offset` (at most `fingerprintLength`).
        package var tail: [UInt8]

        package init(identity: FileIdentity, offset: Int, head: [UInt8], tail: [UInt8]) {
            self.identity = identity
            self.offset = offset
            self.head = head
            self.tail = tail
        }
    }

    /// Where the handed-over records end (an unfinished record is read again on resuming).
    package var position: Position? {
        guard descriptor >= 0, let identity else { return nil }
        let offset = Int(lseek(descriptor, 0, SEEK_CUR)) - partial.count
        guard offset >= 0 else { return nil }
        let tailLength = min(Self.fingerprintLength, offset)
        var tail = [UInt8](repeating: 0, count: tailLength)
        let got = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, tailLength, off_t(offset - tailLength)) }
        guard got == tailLength else { return nil }
        return Position(identity: identity, offset: offset, head: Array(fingerprint.prefix(offset)), tail: tail)
    }

    /// Opens the file and continues from `position` when it is still the file that position
    /// describes (same device and inode, at least that long, the same bytes at both ends);
    /// false otherwise, and nothing is changed.
    package func resume(at position: Position) throws(ModelTopError) -> Bool {
        guard descriptor < 0, try open() else { return false }
        var info = stat()
        let same = identity == position.identity && fstat(descriptor, &info) == 0 && Int(info.st_size) >= position.offset
            && position.head.count <= Self.fingerprintLength && position.tail.count <= min(Self.fingerprintLength, position.offset)
            && matches(position.head, at: 0) && matches(position.tail, at: position.offset - position.tail.count)
            && lseek(descriptor, off_t(position.offset), SEEK_SET) == off_t(position.offset)
        guard same else {
            close(descriptor)
            descriptor = -1
            identity = nil
            return false
        }
        fingerprint = position.head
        recent = position.tail
        recentOffset = position.offset - position.tail.count
        return true
    }

    /// True when the file is shorter than what was read, or its first bytes changed.
    private func wasRewritten() throws(ModelTopError) -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        let position = lseek(descriptor, 0, SEEK_CUR)
        if Int(info.st_size) < Int(position) { return true }
        return !matches(fingerprint, at: 0) || !matches(recent, at: recentOffset)
    }

    /// True when the file holds `expected` at `offset` (vacuously for nothing expected).
    private func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard !expected.isEmpty else { return true }
        var actual = [UInt8](repeating: 0, count: expected.count)
        let got = actual.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, expected.count, off_t(offset)) }
        return got == expected.count && actual == expected
    }

    /// Reads to the current end; `final` hands over an unterminated last record too (the file
    /// will not grow any more: it was rotated away or deleted).
    private func drain(final: Bool, _ handle: (Event) throws(ModelTopError) -> Void) throws(ModelTopError) {
        while true {
            let fresh = try FileBytes.read(descriptor, upTo: Self.roundBytes, name: path)
            if fresh.isEmpty { break }
            if fingerprint.count < Self.fingerprintLength {
                fingerprint += fresh.prefix(Self.fingerprintLength - fingerprint.count)
            }
            let position = Int(lseek(descriptor, 0, SEEK_CUR))
            recent = Array(fresh.suffix(Self.fingerprintLength))
            recentOffset = position - recent.count
            partial += fresh
            if let end = lastRecordEnd(partial), end > 0 {
                let records = Array(partial[0..<end])
                partial.removeSubrange(0..<end)
                try handle(.records(records))
            }
            if fresh.count < Self.roundBytes { break }
        }
        if final, !partial.isEmpty {
            let records = partial
            partial = []
            try handle(.records(records))
        }
    }
}

/// A file's device and inode: what stays the same across renames.
package struct FileIdentity: Hashable, Sendable {
    package var device: UInt64
    package var inode: UInt64

    package init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
