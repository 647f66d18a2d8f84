import Glibc
import CZlib
import ModelTopBase
import ModelTopTables
import ModelTopMonitor

/// What the dashboard and `watch` know about `prod_data.csv` after reading it, kept between runs
/// so a restart reads only the bytes written since (issue 15).
///
/// It is keyed by what it was computed from: the reference file's identity, size and
/// modification time, and the production file's identity with the bytes at both ends of what
/// was read (`FileFollower.Position`). A file that changed, was rotated or rewritten does not
/// match, and reading starts over. The file carries a magic line, a format version and a CRC-32
/// of its payload; a checkpoint that is truncated, corrupt or from another version is ignored
/// with a notice, never trusted. Prediction logs are not in it: they are read again.
package struct ProductionCheckpoint {
    package static let magic = Array("modeltop checkpoint\n".utf8)
    package static let version = 3

    /// The reference file (identity, size, modification time) as it was when the checkpoint was made.
    package var reference: FileStamp
    package var position: FileFollower.Position
    package var retention: Int?
    /// `Monitor.write` and, when the dashboard folded it, `DashboardScanCache.write`.
    package var monitor: [UInt8]
    package var cache: [UInt8]?
    /// The prediction logs' followers and `LogMonitor` (`LogFeeds.checkpoint`), when there are any.
    package var logs: [UInt8]?

    package init(
        reference: FileStamp, position: FileFollower.Position, retention: Int?, monitor: [UInt8], cache: [UInt8]?, logs: [UInt8]? = nil
    ) {
        self.reference = reference
        self.position = position
        self.retention = retention
        self.monitor = monitor
        self.cache = cache
        self.logs = logs
    }

    package func encoded() -> [UInt8] {
        var payload = BinaryWriter()
        payload.int(Int(bitPattern: UInt(reference.identity.device)))
        payload.int(Int(bitPattern: UInt(reference.identity.inode)))
        payload.int(reference.size)
        payload.int(Int(reference.modified.tv_sec))
        payload.int(Int(reference.modified.tv_nsec))
        Self.write(position, to: &payload)
        payload.int(retention ?? -1)
        payload.uint8s(monitor)
        payload.bool(cache != nil)
        payload.uint8s(cache ?? [])
        payload.bool(logs != nil)
        payload.uint8s(logs ?? [])
        var file = BinaryWriter()
        file.int(Self.version)
        file.int(Int(Self.crc(payload.bytes)))
        file.uint8s(payload.bytes)
        return Self.magic + file.bytes
    }

    package init(decoding bytes: [UInt8]) throws(BinaryDecodingError) {
        guard bytes.starts(with: Self.magic) else { throw BinaryDecodingError(reason: "not a modeltop checkpoint") }
        var file = BinaryReader(bytes, from: Self.magic.count)
        let version = try file.int()
        guard version == Self.version else { throw BinaryDecodingError(reason: "made by another version of modeltop (format \(version))") }
        let crc = try file.int(), payloadBytes = try file.uint8s()
        guard file.isAtEnd, crc == Int(Self.crc(payloadBytes)) else { throw BinaryDecodingError(reason: "corrupt (its checksum does not match)") }
        var payload = BinaryReader(payloadBytes)
        func unsigned(_ value: Int) -> UInt64 { UInt64(UInt(bitPattern: value)) }
        reference = FileStamp(
            identity: FileIdentity(device: unsigned(try payload.int()), inode: unsigned(try payload.int())), size: try payload.int(),
            modified: timespec(tv_sec: try payload.int(), tv_nsec: try payload.int()))
        position = try Self.readPosition(&payload)
        let kept = try payload.int()
        retention = kept < 0 ? nil : kept
        monitor = try payload.uint8s()
        let hasCache = try payload.bool(), cacheBytes = try payload.uint8s()
        cache = hasCache ? cacheBytes : nil
        let hasLogs = try payload.bool(), logBytes = try payload.uint8s()
        logs = hasLogs ? logBytes : nil
        guard payload.isAtEnd else { throw BinaryDecodingError(reason: "trailing bytes") }
    }

    static func write(_ position: FileFollower.Position, to writer: inout BinaryWriter) {
        writer.int(Int(bitPattern: UInt(position.identity.device)))
        writer.int(Int(bitPattern: UInt(position.identity.inode)))
        writer.int(position.offset)
        writer.uint8s(position.head)
        writer.uint8s(position.tail)
    }

    static func readPosition(_ reader: inout BinaryReader) throws(BinaryDecodingError) -> FileFollower.Position {
        func unsigned(_ value: Int) -> UInt64 { UInt64(UInt(bitPattern: value)) }
        let identity = FileIdentity(device: unsigned(try reader.int()), inode: unsigned(try reader.int()))
        let offset = try reader.int()
        guard offset >= 0 else { throw BinaryDecodingError(reason: "file position") }
        return FileFollower.Position(identity: identity, offset: offset, head: try reader.uint8s(), tail: try reader.uint8s())
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var value = crc32(0, nil, 0)
            var start = 0
            // zlib takes 32-bit lengths: feed it in slices.
            while start < buffer.count {
                let length = min(buffer.count - start, 1 << 30)
                value = crc32(value, buffer.baseAddress! + start, uInt(length))
                start += length
            }
            return UInt32(value)
        }
    }
}

/// Where checkpoints live: `$XDG_CACHE_HOME/modeltop/` (when absolute), else
/// `~/.cache/modeltop/`; never the watched directory. One file per pair of reference and
/// production paths, named by a hash of both.
package struct CheckpointStore: Sendable {
    package let directory: String

    package init(directory: String) { self.directory = directory }

    /// The default directory, or nil when neither `XDG_CACHE_HOME` nor `HOME` gives one.
    package static func standard(environment: [String: String]) -> CheckpointStore? {
        PathText.xdg("XDG_CACHE_HOME", ".cache", environment).map(CheckpointStore.init(directory:))
    }

    /// The checkpoint file for a reference and production file (absolute paths).
    package func path(reference: String, production: String) -> String {
        // FNV-1a over both paths: stable across runs, unlike Swift's seeded hashing.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(reference.utf8) + [0] + Array(production.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let name = PathText.lastComponent(of: production).filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        return directory + "/" + name + "-" + String(hash, radix: 16) + ".checkpoint"
    }

    package func load(reference: String, production: String) -> Result<ProductionCheckpoint, BinaryDecodingError>? {
        let path = path(reference: reference, production: production)
        guard let bytes = Self.readWhole(path) else { return nil }
        do throws(BinaryDecodingError) {
            return .success(try ProductionCheckpoint(decoding: bytes))
        } catch {
            return .failure(error)
        }
    }

    /// The whole file in one read of its size (a checkpoint is tens of MB); nil when absent.
    private static func readWhole(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return [] }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let got = read(fd, buffer.baseAddress! + done, size - done)
                if got < 0, errno == EINTR { continue }
                if got <= 0 { break }
                done += got
            }
            failed = done < size
            initialized = done
        }
        return failed ? nil : bytes
    }

    /// Writes atomically (a temporary file renamed over the old one), creating the directory.
    package func save(_ checkpoint: ProductionCheckpoint, reference: String, production: String) throws(ArtifactError) {
        // Private to this user: it holds production figures.
        try AtomicFile.makePrivateDirectories(directory)
        try AtomicFile.write(bytes: checkpoint.encoded(), to: path(reference: reference, production: production))
    }
}
